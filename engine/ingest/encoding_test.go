package ingest

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

func rdtEncode(t testing.TB, e encoding.Encoding, s string) string {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return string(b)
}

func TestEncodingDetect(t *testing.T) {
	const arabic = "الاسم,المدينة,التعليق\nمحمد أحمد,الرياض,الخدمة ممتازة جداً\nفاطمة,جدة,\"التوصيل تأخر، لكن المنتج جيد\"\n"
	const latin = "name,city,comment\nCafé Müller,Köln,Très bien\nJosé,São Paulo,Ótimo\n"
	utf16le := xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM)
	utf16be := xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM)
	tests := []struct {
		name, data, text, enc string
		fm                    FileMapping
	}{
		{name: "utf-8", data: latin, text: latin, enc: encUTF8},
		{name: "utf-8 bom", data: "\xEF\xBB\xBF" + latin, text: latin, enc: encUTF8},
		{name: "utf-8 arabic", data: arabic, text: arabic, enc: encUTF8},
		{name: "utf-16le bom", data: "\xFF\xFE" + rdtEncode(t, utf16le, latin), text: latin, enc: encUTF16LE},
		{name: "utf-16be bom", data: "\xFE\xFF" + rdtEncode(t, utf16be, latin), text: latin, enc: encUTF16BE},
		{name: "utf-16le no bom", data: rdtEncode(t, utf16le, latin), text: latin, enc: encUTF16LE},
		{name: "utf-16be no bom", data: rdtEncode(t, utf16be, latin), text: latin, enc: encUTF16BE},
		{name: "utf-16le arabic no bom", data: rdtEncode(t, utf16le, arabic), text: arabic, enc: encUTF16LE},
		{name: "utf-16be arabic bom", data: "\xFE\xFF" + rdtEncode(t, utf16be, arabic), text: arabic, enc: encUTF16BE},
		{name: "windows-1256", data: rdtEncode(t, charmap.Windows1256, arabic), text: arabic, enc: enc1256},
		{name: "windows-1252", data: rdtEncode(t, charmap.Windows1252, latin), text: latin, enc: enc1252},
		{name: "windows-1252 short", data: rdtEncode(t, charmap.Windows1252, "name\nCafé Müller\n"), text: "name\nCafé Müller\n", enc: enc1252},
		{name: "windows-1256 mixed with latin", data: rdtEncode(t, charmap.Windows1256, "id,name,product\n1,سارة,iPhone 15\n2,خالد,Galaxy S24\n"),
			text: "id,name,product\n1,سارة,iPhone 15\n2,خالد,Galaxy S24\n", enc: enc1256},
		{name: "scattered invalid utf-8", data: "name,note\nJosé,ok\nRenée,b\xffd\nZoë,fine\n", text: "name,note\nJosé,ok\nRenée,b\uFFFDd\nZoë,fine\n", enc: encUTF8},
		{name: "mapping overrides", data: "a\n\xe3\n", fm: FileMapping{Encoding: "windows-1256"},
			text: "a\n\xe3\n", enc: enc1256},
		{name: "mapping utf-16 with bom", data: "\xFF\xFE" + rdtEncode(t, utf16le, "a,b\n1,2\n"), fm: FileMapping{Encoding: "UTF-16LE"},
			text: "a,b\n1,2\n", enc: encUTF16LE},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, mode := range []string{"whole", "onebyte"} {
				var r io.Reader = strings.NewReader(tt.data)
				if mode == "onebyte" {
					r = iotest.OneByteReader(r)
				}
				rr, info, err := Open("f.csv", r, tt.fm)
				if err != nil {
					t.Fatal(err)
				}
				if info.Encoding != tt.enc {
					t.Errorf("%s: encoding %q, want %q", mode, info.Encoding, tt.enc)
				}
				want := rdtParseLines(tt.text)
				got := [][]string{rr.Header()}
				for _, row := range rdtReadAll(t, rr) {
					got = append(got, row.Fields)
				}
				if tt.name == "mapping overrides" {
					want = [][]string{{"a"}, {"م"}} // 0xE3 is م in Windows-1256, ã in Windows-1252
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s: got %q, want %q", mode, got, want)
				}
			}
		})
	}
}

// rdtParseLines splits simple CSV test text (quotes only around commas).
func rdtParseLines(s string) [][]string {
	c, err := newCSVReader(strings.NewReader(s), ',')
	if err != nil {
		panic(err)
	}
	out := [][]string{c.Header()}
	for {
		row, err := c.Next()
		if err != nil {
			return out
		}
		out = append(out, csvStrings(row.Fields))
	}
}

func TestEncodingArabicExact(t *testing.T) {
	const name = "محمد عبد الرحمن"
	data := rdtEncode(t, charmap.Windows1256, "الاسم;المدينة\n"+name+";الرياض\n")
	rr, info := rdtOpen(t, "customers.csv", data, FileMapping{})
	if info.Encoding != "windows-1256" || info.Delimiter != ";" {
		t.Fatalf("info %+v", info)
	}
	if h := rr.Header(); h[0] != "الاسم" || h[1] != "المدينة" {
		t.Errorf("header %q", h)
	}
	rows := rdtReadAll(t, rr)
	if len(rows) != 1 || rows[0].Fields[0] != name {
		t.Errorf("rows %q", rows)
	}
}

func TestEncodingLegacyStreaming(t *testing.T) {
	// A Windows-1256 file much larger than the sample, decoded while streaming.
	var b strings.Builder
	b.WriteString("id,name\n")
	for i := range 50000 {
		b.WriteString(strings.Repeat("x", i%3) + "1,عبد الله\n")
	}
	data := rdtEncode(t, charmap.Windows1256, b.String())
	rr, info := rdtOpen(t, "big.csv", data, FileMapping{})
	if info.Encoding != enc1256 {
		t.Fatalf("encoding %q", info.Encoding)
	}
	rows := rdtReadAll(t, rr)
	if len(rows) != 50000 || rows[49999].Fields[1] != "عبد الله" || rows[49999].Line != 50001 {
		t.Fatalf("%d rows, last %q", len(rows), rows[len(rows)-1])
	}
}

func TestEncodingOpenErrors(t *testing.T) {
	junk := []byte("id,name\n1,ab")
	junk = append(junk, 0x00, 0x01, 0x02, 0x03, 0xff, 0xfe, 0x00, 0x10)
	tests := []struct{ name, data, want string }{
		{"orders.csv", "", "orders.csv: the file is empty"},
		{"orders.csv", "\xEF\xBB\xBF", "orders.csv: the file is empty"},
		{"orders.csv", "\n\r\n  \n", "orders.csv: the file is empty"},
		{"orders.csv", "\xFF\xFE", "orders.csv: the file is empty"},
		{"junk.csv", string(junk), "junk.csv: this is not a text file (binary content at byte 12)"},
		{"ctl.csv", strings.Repeat("\x01\x02\x03a", 50), "ctl.csv: this is not a text file (binary content at byte 0)"},
		{"png.csv", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "png.csv: this is not a text file (binary content at byte 8)"},
		{"old.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", "old.xls: this is an old Excel 97–2003"},
		{"a.csv.gz", "\x1F\x8B\x08\x00", "a.csv.gz: this file is compressed (gzip)"},
		{"a.csv", "a,b\n", ""},
		{"a.csv", "a,b\n", ""},
		{"bad.csv", "a,b\n", ""},
		{"enc.csv", "a,b\n", "enc.csv: unknown encoding \"klingon\""},
		{"delim.csv", "a,b\n", "delim.csv: the delimiter must be one ASCII character"},
		{"fmt.csv", "a,b\n", "fmt.csv: unknown format \"parquet\""},
	}
	for _, tt := range tests {
		fm := FileMapping{}
		switch tt.name {
		case "enc.csv":
			fm.Encoding = "klingon"
		case "delim.csv":
			fm.Delimiter = "،"
		case "fmt.csv":
			fm.Format = "parquet"
		}
		_, _, err := Open(tt.name, strings.NewReader(tt.data), fm)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want)):
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestEncodingUTF8Fixer(t *testing.T) {
	in := []byte("añb€c\xffd\xe2\x82e𝄞f\xf0\x9d")
	want := "añb€c\uFFFDd\uFFFD\uFFFDe𝄞f\uFFFD\uFFFD" // one U+FFFD per invalid byte
	for _, wrap := range []func(io.Reader) io.Reader{
		func(r io.Reader) io.Reader { return r },
		iotest.OneByteReader, iotest.HalfReader, iotest.DataErrReader,
	} {
		got, err := io.ReadAll(&encUTF8Fixer{r: wrap(bytes.NewReader(in))})
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("got %q, want %q", got, want)
		}
		if !utf8.Valid(got) {
			t.Error("invalid output")
		}
	}
	// Tiny destination buffers.
	f := &encUTF8Fixer{r: bytes.NewReader(in)}
	var out []byte
	p := make([]byte, 3)
	for {
		n, err := f.Read(p)
		out = append(out, p[:n]...)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if string(out) != want {
		t.Errorf("small reads: got %q, want %q", out, want)
	}
}

func TestEncodingLegacyHeuristic(t *testing.T) {
	tests := []struct {
		text string
		enc  *charmap.Charmap
		want string
	}{
		{"Café Müller", charmap.Windows1252, enc1252},
		{"Größe, Übung, Ça va, naïve", charmap.Windows1252, enc1252},
		{"Ñandú, señor", charmap.Windows1252, enc1252},
		{"مرحبا بكم في متجرنا", charmap.Windows1256, enc1256},
		{"و", charmap.Windows1256, enc1256},
		{"سعر المنتج 25 ريال، رائع!", charmap.Windows1256, enc1256},
	}
	for _, tt := range tests {
		b, err := tt.enc.NewEncoder().Bytes([]byte(tt.text))
		if err != nil {
			t.Fatal(err)
		}
		if got := encLegacy(b); got != tt.want {
			t.Errorf("encLegacy(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
}

func TestEncodingValidUTF8(t *testing.T) {
	base := strings.Repeat("abcdefgh", 9)
	for _, s := range []string{"", "a", base, base + "é", "é" + base, base + "\xff" + base, base[:31] + "€" + base,
		base[:30] + "\xe2\x82" + base, "محمد" + base + "\xc3", strings.Repeat("ق", 40)} {
		if got, want := encValidUTF8([]byte(s)), utf8.ValidString(s); got != want {
			t.Errorf("encValidUTF8(%q) = %v, want %v", s, got, want)
		}
	}
}
