package ingest

import (
	"bytes"
	"encoding/csv"
	"io"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

var rdtCSVSeeds = []string{
	"a,b,c\n1,2,3\n4,5,6\n",
	"name;price;qty\nBob;1,5;2\n",
	"id\tname\n1\tAl\n",
	"id|name\n1|Al\n",
	"\xEF\xBB\xBFid,name\n1,x\n",
	"a,b\r\n1,2\r\n3,\"4\"\r\n",
	"a,b\r1,2\r3,\"x\ny\"\r5,6\r",
	"id,comment\n1,\"line one\nline two\"\n2,after\n",
	"a,b,c\n1,\"say \"\"hi\"\"\",\"\"\"x\"\"\"\n",
	"a,b,c\n1,2\n1,2,3,4\n\n5\n",
	"name,, name ,Name\n1,2,3,4\n",
	"sep=;\na;b\n1;2\n",
	"\n\na,b\n\n1,2\r\n\r\n  \n3,4\n\n",
	"a,b\n12\" screen,x\n\"12\" screen\",y\n",
	"a,b\n1,2\n3,\"oops\n4,5\n",
	"Respondent ID,Collector ID,Q1,,\n,,Response,A,B\n1,2,3,4,5\n",
	"x",
	"\"",
	"\"\"\"",
	",\n,\n",
}

// rdtCheckHeader checks the header contract: unique, non-empty names.
func rdtCheckHeader(t *testing.T, h []string) {
	seen := map[string]bool{}
	for _, n := range h {
		if n == "" || seen[n] {
			t.Fatalf("header %q: empty or duplicate name %q", h, n)
		}
		seen[n] = true
	}
}

// rdtDrain reads a reader to the end, checking that Next terminates, that
// lines never decrease and stay within [1, maxLine], and (width ≥ 0) that
// good rows have width fields.
func rdtDrain(t *testing.T, rr RowReader, maxRows, maxLine, width int) int {
	last, n := 0, 0
	for {
		row, err := rr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return n
		}
		n++
		if n > maxRows {
			t.Fatalf("more than %d rows: Next does not terminate", maxRows)
		}
		if row.Line < 1 || row.Line < last || (maxLine > 0 && row.Line > maxLine) {
			t.Fatalf("row %d: line %d after %d (max %d)", n, row.Line, last, maxLine)
		}
		last = row.Line
		if row.Err == nil && width >= 0 && len(row.Fields) != width {
			t.Fatalf("line %d: %d fields, header has %d", row.Line, len(row.Fields), width)
		}
		for _, f := range row.Fields {
			_ = append(f, 0) // fields must be real slices
		}
	}
	if _, err := rr.Next(); err != io.EOF {
		t.Fatalf("Next after the end: %v", err)
	}
	return n
}

func FuzzCSV(f *testing.F) {
	for _, s := range rdtCSVSeeds {
		f.Add([]byte(s), byte(0))
		f.Add([]byte(s), byte(1))
	}
	f.Fuzz(func(t *testing.T, data []byte, d byte) {
		delim := []byte{0, ',', ';', '\t', '|'}[d%5]
		c, err := newCSVReader(bytes.NewReader(data), delim)
		if err != nil {
			return
		}
		rdtCheckHeader(t, c.Header())
		lines := bytes.Count(data, []byte{'\n'}) + bytes.Count(data, []byte{'\r'}) + 1
		rdtDrain(t, c, len(data)+1, lines, -1)
		if delim == ',' {
			rdtCompareEncodingCSV(t, data)
		}
	})
}

var rdtBlankLine = regexp.MustCompile(`(^|\n)[ \t]+(\n|$)`)

// rdtCompareEncodingCSV checks that the reader agrees with encoding/csv
// (comma, any field count) on input both read the same way: RFC 4180
// without CRs, BOMs, sep= lines or white-space-only lines.
func rdtCompareEncodingCSV(t testing.TB, data []byte) {
	t.Helper()
	if bytes.IndexByte(data, '\r') >= 0 || !utf8.Valid(data) || bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) ||
		rdtBlankLine.Match(data) || len(data) >= 5 && strings.EqualFold(string(data[:4]), "sep=") ||
		bytes.HasPrefix(data, []byte(`"sep=`)) || bytes.HasPrefix(data, []byte(`"SEP=`)) {
		return
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	var want []rdtRow
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return // not RFC 4180: the readers differ on purpose
		}
		line, _ := r.FieldPos(0)
		want = append(want, rdtRow{Line: line, Fields: rec})
	}
	c, err := newCSVReader(bytes.NewReader(data), ',')
	if err != nil {
		if len(want) > 0 {
			t.Fatalf("newCSVReader: %v; encoding/csv read %q", err, want)
		}
		return
	}
	if c.headerRows != 1 {
		return
	}
	if len(want) == 0 {
		t.Fatalf("header %q; encoding/csv read nothing", c.Header())
	}
	if h := openUniqueHeader(want[0].Fields); !reflect.DeepEqual(c.Header(), h) {
		t.Fatalf("header %q, want %q", c.Header(), h)
	}
	var got []rdtRow
	for {
		row, err := c.Next()
		if err == io.EOF {
			break
		}
		if err != nil || row.Err != nil {
			t.Fatalf("Next: %v %v", err, row.Err)
		}
		got = append(got, rdtRow{Line: row.Line, Fields: csvStrings(row.Fields)})
	}
	if !reflect.DeepEqual(got, want[1:]) && !(len(got) == 0 && len(want) == 1) {
		t.Fatalf("input %q\n got %q\nwant %q", data, got, want[1:])
	}
}

var rdtJSONSeeds = []string{
	`[{"id": 1, "name": "Amal", "tags": ["vip", "ar"], "customer": {"email": "amal@example.com"}}, {"id": 2.5, "x": null}]`,
	`{"count": 2, "tickets": [{"id": 10, "subject": "Late"}, {"id": 11}], "next_page": null}`,
	`{"id": 7, "ids": [1, 2, null, 3], "meta": {}}`,
	`[{"id":1,"line_items":[{"sku":"A","qty":2}],"m":[[1]]}]`,
	`[{"a.b": 1, "a": {"b": 2}, "p": {"$os": "iOS"}}]`,
	"[{\"a\":1},\n 42,\n {\"a\": tru},\n {\"a\":3}\n]",
	"[{\"a\":1},\n{\"a\":2,\n\"b\":",
	`[{"s":"\u00e9\"\\","n":-1.5e3,"t":true,"f":false}]`,
	`[[[[]]]]`,
	`{"x": [`,
	`[{"a":"]}"}]`,
}

func FuzzJSON(f *testing.F) {
	for _, s := range rdtJSONSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		j, err := newJSONReader(bytes.NewReader(data), JSON)
		if err != nil {
			return
		}
		rdtCheckHeader(t, j.Header())
		rdtDrain(t, j, len(data)+1, bytes.Count(data, []byte{'\n'})+1, len(j.Header()))
	})
}

func FuzzNDJSON(f *testing.F) {
	for _, s := range []string{
		"{\"event\":\"open\",\"user\":{\"id\":1}}\n{broken\n\n{\"event\":\"click\",\"props\":{\"x\":1}}\r\n[1,2]\n  {\"event\":\"close\"},\n",
		"{\"a\":1}\n{\"a\":2}",
		"\xEF\xBB\xBF{\"a\":1}\n\n{\"a\":2}\n",
		"{\"a\":{\"b\":{\"c\":[1,{\"d\":2}]}}}\n",
	} {
		f.Add([]byte(s))
	}
	for _, s := range rdtJSONSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		j, err := newJSONReader(bytes.NewReader(data), NDJSON)
		if err != nil {
			return
		}
		rdtCheckHeader(t, j.Header())
		rdtDrain(t, j, len(data)+1, bytes.Count(data, []byte{'\n'})+1, len(j.Header()))
	})
}

// FuzzXLSX fuzzes the sheet XML (and the workbook's date system and number
// of shared strings) inside a well-formed package, so mutations reach the
// row parsing instead of failing zip checksums; FuzzOpen mutates whole files.
func FuzzXLSX(f *testing.F) {
	f.Add(rdtOrdersSheet, uint8(8), false)
	f.Add(`<row r="3"><c r="B3" t="inlineStr"><is><t>Day</t></is></c></row><row r="4"><c r="B4" s="1"><v>43894</v></c><c r="C4" s="2"><v>43894.75</v></c></row>`, uint8(0), true)
	f.Add(`<row><c t="s"><v>0</v></c><c><v>1</v></c></row><row><c><v>2</v></c></row>`, uint8(1), false)
	f.Add(`<row r="1"><x:c r="A1" t = 's'><x:f>1</x:f><x:v><![CDATA[0]]></x:v></x:c><c r="B1" t="s"><v>&#49;</v></c></row>`, uint8(2), false)
	f.Add(`<row r="1"><c r="XFD1"><v>1</v></c><c r="AAAA1"><v>2</v></c></row><row r="1"><c r="A1" s="3"><v>0.5</v></c></row>`, uint8(0), false)
	f.Fuzz(func(t *testing.T, sheet string, nShared uint8, date1904 bool) {
		shared := rdtOrdersShared[:int(nShared)%(len(rdtOrdersShared)+1)]
		data := rdtXLSX(t, []string{"S"}, map[string]string{"S": sheet}, shared, date1904)
		rr, _, err := openXLSX("f.xlsx", bytes.NewReader(data))
		if err != nil {
			return
		}
		rdtCheckHeader(t, rr.Header())
		rdtDrain(t, rr, 1<<20, 0, -1)
		rr.(io.Closer).Close()
	})
}

func FuzzOpen(f *testing.F) {
	for _, s := range rdtCSVSeeds {
		f.Add(byte(0), []byte(s))
	}
	for _, s := range rdtJSONSeeds {
		f.Add(byte(1), []byte(s))
	}
	f.Add(byte(2), []byte("{\"a\":1}\n{broken\n"))
	f.Add(byte(3), rdtXLSX(f, []string{"Orders"}, map[string]string{"Orders": rdtOrdersSheet}, rdtOrdersShared, false))
	ar, _ := charmap.Windows1256.NewEncoder().Bytes([]byte("الاسم,المدينة\nمحمد,الرياض\n"))
	f.Add(byte(5), ar)
	u16, _ := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes([]byte("a,b\n1,2\n"))
	f.Add(byte(4), u16)
	f.Add(byte(0), []byte("id,name\n1,ab\x00\x01\x02"))
	names := []string{"a.csv", "a.json", "a.ndjson", "a.xlsx", "a.txt", "export"}
	f.Fuzz(func(t *testing.T, n byte, data []byte) {
		rr, info, err := Open(names[int(n)%len(names)], bytes.NewReader(data), FileMapping{})
		if err != nil {
			if !strings.HasPrefix(err.Error(), names[int(n)%len(names)]+": ") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		rdtCheckHeader(t, rr.Header())
		width := -1
		if info.Format == JSON || info.Format == NDJSON {
			width = len(rr.Header())
		}
		rdtDrain(t, rr, 4*len(data)+1, 0, width)
		if c, ok := rr.(io.Closer); ok {
			c.Close()
		}
	})
}

// FuzzFastPaths: whatever the fast paths for plain numbers and ISO times
// accept, the general parsers read the same way.
func FuzzFastPaths(f *testing.F) {
	for _, s := range []string{"96.60", "0", "007", "2024-01-01 00:01:04 +0300", "2024-02-29T23:59:59Z", "2024-03-05", "1.5e3"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if v, ok := plainNumber(b); ok {
			if g, gok := parseGeneralNumber(b); !gok || g != v {
				t.Fatalf("%q: fast %v, general %v %v", b, v, g, gok)
			}
		}
		if v, ok := isoTime(b); ok {
			if g, gok := parseGeneralTime(b, MDY); !gok || g != v {
				t.Fatalf("%q: fast %v, general %v %v", b, v, g, gok)
			}
		}
	})
}
