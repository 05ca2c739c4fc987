package ingest

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

// rdtRow is a record as the reader tests compare it.
type rdtRow struct {
	Line   int
	Fields []string
	Err    string
}

// rdtReadAll drains a reader, checking that lines never decrease.
func (r rdtRow) String() string {
	if r.Err != "" {
		return fmt.Sprintf("{%d %q err=%q}", r.Line, r.Fields, r.Err)
	}
	return fmt.Sprintf("{%d %q}", r.Line, r.Fields)
}

func rdtReadAll(t testing.TB, rr RowReader) []rdtRow {
	t.Helper()
	var out []rdtRow
	last := 0
	for i := 0; ; i++ {
		if i > 10_000_000 {
			t.Fatal("Next does not terminate")
		}
		row, err := rr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		if row.Line < last {
			t.Fatalf("line %d after line %d", row.Line, last)
		}
		last = row.Line
		r := rdtRow{Line: row.Line, Fields: csvStrings(row.Fields)}
		if row.Err != nil {
			r.Err = row.Err.Error()
		}
		out = append(out, r)
	}
	if _, err := rr.Next(); err != io.EOF {
		t.Fatalf("Next after EOF: %v, want io.EOF", err)
	}
	return out
}

func rdtOpen(t testing.TB, name, data string, fm FileMapping) (RowReader, Info) {
	t.Helper()
	rr, info, err := Open(name, strings.NewReader(data), fm)
	if err != nil {
		t.Fatalf("Open(%s): %v", name, err)
	}
	return rr, info
}

func rdtRows(line int, rows ...[]string) []rdtRow {
	out := make([]rdtRow, len(rows))
	for i, r := range rows {
		out[i] = rdtRow{Line: line + i, Fields: r}
	}
	return out
}

func TestCSVReader(t *testing.T) {
	tests := []struct {
		name   string
		data   string
		fm     FileMapping
		header []string
		delim  string
		rows   []rdtRow
	}{
		{name: "comma", data: "a,b,c\n1,2,3\n4,5,6\n", header: []string{"a", "b", "c"}, delim: ",",
			rows: rdtRows(2, []string{"1", "2", "3"}, []string{"4", "5", "6"})},
		{name: "no final newline", data: "a,b\n1,2", header: []string{"a", "b"}, delim: ",",
			rows: rdtRows(2, []string{"1", "2"})},
		{name: "semicolon with decimal commas", data: "name;price;qty\nBob;1,5;2\nAnn;2,75;10\n", header: []string{"name", "price", "qty"}, delim: ";",
			rows: rdtRows(2, []string{"Bob", "1,5", "2"}, []string{"Ann", "2,75", "10"})},
		{name: "tab", data: "id\tname\tnote\n1\tAl\ta, b\n2\tBo\tc; d\n", header: []string{"id", "name", "note"}, delim: "\t",
			rows: rdtRows(2, []string{"1", "Al", "a, b"}, []string{"2", "Bo", "c; d"})},
		{name: "pipe", data: "id|name\n1|Al, Jr.\n2|Bo\n", header: []string{"id", "name"}, delim: "|",
			rows: rdtRows(2, []string{"1", "Al, Jr."}, []string{"2", "Bo"})},
		{name: "quoted commas decide nothing", data: "id,address\n1,\"1 Main St; Apt 2, Town\"\n2,\"x;y\"\n", header: []string{"id", "address"}, delim: ",",
			rows: rdtRows(2, []string{"1", "1 Main St; Apt 2, Town"}, []string{"2", "x;y"})},
		{name: "mapping delimiter", data: "a;b,c\n1;2,3\n", fm: FileMapping{Delimiter: ","}, header: []string{"a;b", "c"}, delim: ",",
			rows: rdtRows(2, []string{"1;2", "3"})},
		{name: "bom", data: "\xEF\xBB\xBFid,name\n1,x\n", header: []string{"id", "name"}, delim: ",",
			rows: rdtRows(2, []string{"1", "x"})},
		{name: "crlf", data: "a,b\r\n1,2\r\n3,\"4\"\r\n", header: []string{"a", "b"}, delim: ",",
			rows: rdtRows(2, []string{"1", "2"}, []string{"3", "4"})},
		{name: "lone cr", data: "a,b\r1,2\r3,\"x\ny\"\r5,6\r", header: []string{"a", "b"}, delim: ",",
			rows: []rdtRow{{2, []string{"1", "2"}, ""}, {3, []string{"3", "x\ny"}, ""}, {4, []string{"5", "6"}, ""}}},
		{name: "multi-line quoted", data: "id,comment\n1,\"line one\nline two\nline three\"\n2,after\n3,\"a\"\n",
			header: []string{"id", "comment"}, delim: ",",
			rows: []rdtRow{{2, []string{"1", "line one\nline two\nline three"}, ""}, {5, []string{"2", "after"}, ""}, {6, []string{"3", "a"}, ""}}},
		{name: "multi-line quoted crlf", data: "id,c\r\n1,\"a\r\nb\"\r\n2,x\r\n",
			header: []string{"id", "c"}, delim: ",",
			rows: []rdtRow{{2, []string{"1", "a\r\nb"}, ""}, {4, []string{"2", "x"}, ""}}},
		{name: "escaped quotes", data: "a,b,c\n1,\"say \"\"hi\"\"\",\"\"\"x\"\"\"\n\"\",\"\"\"\",end\n",
			header: []string{"a", "b", "c"}, delim: ",",
			rows: rdtRows(2, []string{"1", `say "hi"`, `"x"`}, []string{"", `"`, "end"})},
		{name: "escaped quotes across lines", data: "a,b\n\"x \"\"1\"\"\ny \"\"2\"\"\",z\n3,4\n", header: []string{"a", "b"}, delim: ",",
			rows: []rdtRow{{2, []string{"x \"1\"\ny \"2\"", "z"}, ""}, {4, []string{"3", "4"}, ""}}},
		{name: "ragged", data: "a,b,c\n1,2\n1,2,3,4\n\n5\n", header: []string{"a", "b", "c"}, delim: ",",
			rows: []rdtRow{{2, []string{"1", "2"}, ""}, {3, []string{"1", "2", "3", "4"}, ""}, {5, []string{"5"}, ""}}},
		{name: "trailing delimiter", data: "a,b\n1,\n,\n", header: []string{"a", "b"}, delim: ",",
			rows: rdtRows(2, []string{"1", ""}, []string{"", ""})},
		{name: "empty and duplicate headers", data: "name,, name ,\t,Name,name (2),name\n1,2,3,4,5,6,7\n",
			header: []string{"name", "column 2", "name (3)", "column 4", "Name", "name (2)", "name (4)"}, delim: ",",
			rows: rdtRows(2, []string{"1", "2", "3", "4", "5", "6", "7"})},
		{name: "sep line", data: "sep=;\na;b\n1;2,5\n", header: []string{"a", "b"}, delim: ";",
			rows: rdtRows(3, []string{"1", "2,5"})},
		{name: "sep line crlf quoted", data: "\"sep=|\"\r\na|b\r\n1|2\r\n", header: []string{"a", "b"}, delim: "|",
			rows: rdtRows(3, []string{"1", "2"})},
		{name: "blank lines", data: "\n\na,b\n\n1,2\r\n\r\n  \n3,4\n\n", header: []string{"a", "b"}, delim: ",",
			rows: []rdtRow{{5, []string{"1", "2"}, ""}, {8, []string{"3", "4"}, ""}}},
		{name: "bare quote kept", data: "a,b\n12\" screen,x\nab\"c\"d,y\n", header: []string{"a", "b"}, delim: ",",
			rows: rdtRows(2, []string{`12" screen`, "x"}, []string{`ab"c"d`, "y"})},
		{name: "text after closing quote", data: "a,b\n\"12\" screen\",x\n\"ab\"cd\n", header: []string{"a", "b"}, delim: ",",
			rows: rdtRows(2, []string{`12" screen"`, "x"}, []string{`ab"cd`})},
		{name: "spaces around quoted fields", data: "a, b ,c\n \"x, y\" , \"z\"\t,  w \r\n\"p\"  \n", header: []string{"a", "b", "c"}, delim: ",",
			rows: rdtRows(2, []string{"x, y", "z", "  w "}, []string{"p"})},
		{name: "space delimiter", data: "a b  c\n\"x y\" 2 \n", fm: FileMapping{Delimiter: " "}, header: []string{"a", "b", "column 3", "c"}, delim: " ",
			rows: rdtRows(2, []string{"x y", "2", ""})},
		{name: "unterminated quote at eof", data: "a,b\n1,2\n3,\"oops\n4,5\n",
			header: []string{"a", "b"}, delim: ",",
			rows: []rdtRow{{2, []string{"1", "2"}, ""}, {3, []string{"3", "oops\n4,5\n"}, "unterminated quoted field starting at line 3"}}},
		{name: "unterminated quote on a later line of the record", data: "a,b\n\"x\ny\",\"z\n",
			header: []string{"a", "b"}, delim: ",",
			rows: []rdtRow{{2, []string{"x\ny", "z\n"}, "unterminated quoted field starting at line 3"}}},
		{name: "single column", data: "email\na@x.com\nb@y.org\n", header: []string{"email"}, delim: ",",
			rows: rdtRows(2, []string{"a@x.com"}, []string{"b@y.org"})},
		{name: "header only", data: "a,b,c\n", header: []string{"a", "b", "c"}, delim: ","},
		{name: "tsv extension", data: "a b\tc\n1 2\t3\n", header: []string{"a b", "c"}, delim: "\t",
			rows: rdtRows(2, []string{"1 2", "3"})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "f.csv"
			if tt.name == "tsv extension" {
				name = "f.tsv"
			}
			rr, info := rdtOpen(t, name, tt.data, tt.fm)
			if info.Format != CSV {
				t.Errorf("format %q", info.Format)
			}
			if got := rr.Header(); !reflect.DeepEqual(got, tt.header) {
				t.Errorf("header %q, want %q", got, tt.header)
			}
			if info.Delimiter != tt.delim {
				t.Errorf("delimiter %q, want %q", info.Delimiter, tt.delim)
			}
			got := rdtReadAll(t, rr)
			if len(got) == 0 && len(tt.rows) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.rows) {
				t.Errorf("rows\n got %q\nwant %q", got, tt.rows)
			}
		})
	}
}

func TestCSVSurveyMonkey(t *testing.T) {
	data := "Respondent ID,Collector ID,Start Date,End Date,How likely are you to recommend us?,Which features do you use?,,,What could we improve?\n" +
		",,,,Response,Reports,Dashboards,Other (please specify),Open-Ended Response\n" +
		"1001,77,03/01/2024,03/01/2024,9,Reports,,custom exports,\"Faster, please\"\n" +
		"1002,77,03/02/2024,03/02/2024,4,,Dashboards,,\"Line one\nline two\"\n" +
		"1003,77,03/03/2024,03/03/2024,10,,,,\n"
	rr, info := rdtOpen(t, "survey.csv", data, FileMapping{})
	want := []string{"Respondent ID", "Collector ID", "Start Date", "End Date",
		"How likely are you to recommend us?",
		"Which features do you use? — Reports",
		"Which features do you use? — Dashboards",
		"Which features do you use? — Other (please specify)",
		"What could we improve? — Open-Ended Response"}
	if got := rr.Header(); !reflect.DeepEqual(got, want) {
		t.Errorf("header\n got %q\nwant %q", got, want)
	}
	if info.HeaderRows != 2 {
		t.Errorf("HeaderRows %d", info.HeaderRows)
	}
	if !reflect.DeepEqual(info.Notes, []string{"header row 2 merged (SurveyMonkey)"}) {
		t.Errorf("notes %q", info.Notes)
	}
	rows := rdtReadAll(t, rr)
	if len(rows) != 3 || rows[0].Line != 3 || rows[1].Line != 4 || rows[2].Line != 6 {
		t.Fatalf("rows %q", rows)
	}
	if rows[0].Fields[8] != "Faster, please" || rows[1].Fields[6] != "Dashboards" {
		t.Errorf("rows %q", rows)
	}
}

func TestCSVSurveyMonkeyOneHeaderRow(t *testing.T) {
	data := "Respondent ID,Collector ID,Q1\n1001,77,yes\n1002,77,no\n"
	rr, info := rdtOpen(t, "survey.csv", data, FileMapping{})
	if info.HeaderRows != 1 || !reflect.DeepEqual(rr.Header(), []string{"Respondent ID", "Collector ID", "Q1"}) {
		t.Fatalf("info %+v header %q", info, rr.Header())
	}
	want := rdtRows(2, []string{"1001", "77", "yes"}, []string{"1002", "77", "no"})
	if got := rdtReadAll(t, rr); !reflect.DeepEqual(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
}

func TestCSVSniffDelimiter(t *testing.T) {
	tests := []struct {
		data string
		want byte
	}{
		{"a,b,c\n1,2,3\n", ','},
		{"a;b;c\n1;2;3\n", ';'},
		{"a\tb\n1\t2\n", '\t'},
		{"a|b\n1|2\n", '|'},
		{"name;amount\nx;1,5\ny;2,25\nz;3\n", ';'},
		{"single\nvalue, with comma\n", ','},
		{"\"a;b\",c\n\"1;2\",3\n", ','},
		{"a,b;c,d\n1,2;3,4\n", ','},
		{"only one line;with;semicolons", ';'},
	}
	for _, tt := range tests {
		if got := csvSniffDelimiter([]byte(tt.data), '\n', true); got != tt.want {
			t.Errorf("csvSniffDelimiter(%q) = %q, want %q", tt.data, got, tt.want)
		}
	}
}

// rdtBigCSV builds a CSV whose records straddle buffer boundaries: quoted
// multi-line fields, "" escapes, CRLF, blank lines. It returns the expected
// rows.
func rdtBigCSV(n int, crlf bool) (string, []rdtRow) {
	var b strings.Builder
	eol := "\n"
	if crlf {
		eol = "\r\n"
	}
	b.WriteString("id,text,amount" + eol)
	line := 2
	var rows []rdtRow
	for i := range n {
		var text string
		lines := 1
		switch i % 5 {
		case 0:
			text = fmt.Sprintf("plain %d", i)
			b.WriteString(fmt.Sprintf("%d,%s,%d.5%s", i, text, i, eol))
		case 1:
			text = fmt.Sprintf("multi %d%sline \"two\"%sthree", i, eol, eol)
			lines = 3
			b.WriteString(fmt.Sprintf("%d,\"%s\",%d.5%s", i, strings.ReplaceAll(text, `"`, `""`), i, eol))
		case 2:
			text = strings.Repeat("x", i%997) + ", with comma"
			b.WriteString(fmt.Sprintf("%d,\"%s\",%d.5%s", i, text, i, eol))
		case 3:
			text = ""
			b.WriteString(fmt.Sprintf("%d,,%d.5%s%s", i, i, eol, eol))
			lines = 2
		case 4:
			text = "quote \" inside"
			b.WriteString(fmt.Sprintf("%d,%s,%d.5%s", i, text, i, eol))
		}
		rows = append(rows, rdtRow{Line: line, Fields: []string{fmt.Sprint(i), text, fmt.Sprintf("%d.5", i)}})
		line += lines
	}
	return b.String(), rows
}

func TestCSVBufferBoundaries(t *testing.T) {
	for _, crlf := range []bool{false, true} {
		data, want := rdtBigCSV(40000, crlf)
		if len(data) < 3*csvBufSize {
			t.Fatalf("test data too small: %d", len(data))
		}
		for _, mode := range []string{"whole", "onebyte", "half"} {
			t.Run(fmt.Sprintf("crlf=%v/%s", crlf, mode), func(t *testing.T) {
				var r io.Reader = strings.NewReader(data)
				switch mode {
				case "onebyte":
					r = iotest.OneByteReader(r)
				case "half":
					r = iotest.HalfReader(r)
				}
				rr, _, err := Open("big.csv", r, FileMapping{})
				if err != nil {
					t.Fatal(err)
				}
				got := rdtReadAll(t, rr)
				if len(got) != len(want) {
					t.Fatalf("%d rows, want %d", len(got), len(want))
				}
				for i := range got {
					if !reflect.DeepEqual(got[i], want[i]) {
						t.Fatalf("row %d: got %q, want %q", i, got[i], want[i])
					}
				}
			})
		}
	}
}

func TestCSVLargeRecord(t *testing.T) {
	big := strings.Repeat("abc, \"def\"\n", 300_000) // 3.3 MB in one quoted field
	data := "a,b\n1,\"" + strings.ReplaceAll(big, `"`, `""`) + "\",2\n3,4\n"
	rr, _ := rdtOpen(t, "big.csv", data, FileMapping{})
	rows := rdtReadAll(t, rr)
	if len(rows) != 2 || rows[0].Fields[1] != big || rows[0].Fields[2] != "2" || rows[1].Line != 300_003 {
		t.Fatalf("got %d rows; first line %d", len(rows), rows[0].Line)
	}
}

func TestCSVOversizedRecordResyncs(t *testing.T) {
	if testing.Short() {
		t.Skip("17 MB")
	}
	var b strings.Builder
	b.WriteString("a,b\n1,\"never closed\n")
	for i := 0; b.Len() < csvMaxRecord+1<<20; i++ {
		fmt.Fprintf(&b, "%d,row\n", i)
	}
	rr, _ := rdtOpen(t, "big.csv", b.String(), FileMapping{})
	row, err := rr.Next()
	if err != nil || row.Err == nil || row.Line != 2 || !strings.Contains(row.Err.Error(), "not closed") {
		t.Fatalf("first row: %v %+v", err, row)
	}
	// The lines inside the quotes are the field's, not rows (issue 23):
	// never closed, the field ends with the file.
	row, err = rr.Next()
	if err != io.EOF {
		t.Fatalf("after the oversized field: %v %+v, want EOF", err, row)
	}
	// Closed, reading resumes on the line after the closing quote's.
	lines := strings.Count(b.String(), "\n")
	b.WriteString("tail\"\"\",more\n7,after\n")
	rr, _ = rdtOpen(t, "big.csv", b.String(), FileMapping{})
	rr.Next()
	row, err = rr.Next()
	if err != nil || row.Err != nil || row.Line != lines+2 || string(row.Fields[0]) != "7" {
		t.Fatalf("after the closed field: %v %+v, want line %d", err, row, lines+2)
	}
}

func TestCSVZeroAllocs(t *testing.T) {
	data, _ := rdtBigCSV(2000, false)
	data = strings.Repeat(data[strings.IndexByte(data, '\n')+1:], 3)
	data = "id,text,amount\n" + data
	c, err := newCSVReader(strings.NewReader(data), 0)
	if err != nil {
		t.Fatal(err)
	}
	for range 100 { // warm up the field and scratch slices
		c.Next()
	}
	allocs := testing.AllocsPerRun(1000, func() {
		if _, err := c.Next(); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocs per record", allocs)
	}
}

// TestCSVMatchesEncodingCSV compares with encoding/csv on RFC 4180 input.
func TestCSVMatchesEncodingCSV(t *testing.T) {
	inputs := []string{
		"a,b\n1,2\n",
		"a,b\n\"1\n2\",3\n\n\"\"\"\",\"\"\n",
		"x\n\n\ny\n",
		"a,b,c\n1,,\n,,\n\"a,b\",\"c\"\"d\",e\n",
	}
	for _, in := range inputs {
		rdtCompareEncodingCSV(t, []byte(in))
	}
}

func TestCSVReadError(t *testing.T) {
	boom := fmt.Errorf("disk on fire")
	r := io.MultiReader(strings.NewReader("a,b\n1,2\n3,"), iotest.ErrReader(boom))
	rr, _, err := Open("x.csv", r, FileMapping{})
	if err != nil {
		t.Fatal(err)
	}
	row, err := rr.Next()
	if err != nil || string(row.Fields[0]) != "1" {
		t.Fatalf("first row: %v", err)
	}
	if _, err := rr.Next(); err != boom {
		t.Fatalf("got %v, want the read error", err)
	}
}

func TestCSVFieldsDoNotOverlap(t *testing.T) {
	// Appending to a returned field must not clobber the next one.
	rr, _ := rdtOpen(t, "x.csv", "a,b,c\n1,\"2\"\"\",3\n", FileMapping{})
	row, _ := rr.Next()
	_ = append(row.Fields[0], 'X')
	_ = append(row.Fields[1], 'Y')
	if got := csvStrings(row.Fields); !reflect.DeepEqual(got, []string{"1", `2"`, "3"}) {
		t.Errorf("fields %q", got)
	}
	if !bytes.Equal(row.Fields[2], []byte("3")) {
		t.Error("field 3 clobbered")
	}
}
