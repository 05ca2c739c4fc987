package ingest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

// rdtXLSX builds a minimal .xlsx file: sheets maps a sheet name to the XML
// of its <sheetData> content, in the given order. Styles: s="1" is a date
// (numFmt 14), s="2" a date-time (numFmt 22), s="3" a custom "hh:mm" time.
// The parts are stored uncompressed so fuzzing can mutate the XML.
func rdtXLSX(t testing.TB, names []string, sheets map[string]string, shared []string, date1904 bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, body string) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, body)
	}
	add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
	var wb, rels strings.Builder
	pr := ""
	if date1904 {
		pr = `<workbookPr date1904="1"/>`
	}
	wb.WriteString(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` + pr + `<sheets>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, n := range names {
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, n, i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
		add(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1),
			`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+sheets[n]+`</sheetData></worksheet>`)
	}
	wb.WriteString(`</sheets></workbook>`)
	rels.WriteString(`</Relationships>`)
	add("xl/workbook.xml", wb.String())
	add("xl/_rels/workbook.xml.rels", rels.String())
	add("xl/styles.xml", `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`+
		`<numFmts count="1"><numFmt numFmtId="164" formatCode="hh:mm"/></numFmts>`+
		`<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/><xf numFmtId="164"/></cellXfs></styleSheet>`)
	if shared != nil {
		var ss strings.Builder
		fmt.Fprintf(&ss, `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(shared), len(shared))
		for _, s := range shared {
			fmt.Fprintf(&ss, `<si><t>%s</t></si>`, s)
		}
		ss.WriteString(`</sst>`)
		add("xl/sharedStrings.xml", ss.String())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const rdtOrdersSheet = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="G1" t="inlineStr"><is><t>Note</t></is></c></row>` +
	`<row r="2"><c r="A2" t="s"><v>5</v></c><c r="B2" s="1"><v>45356</v></c><c r="C2"><v>0.10000000000000001</v></c><c r="D2" s="2"><v>45356.604166666664</v></c><c r="E2" t="b"><v>1</v></c><c r="G2" t="inlineStr"><is><t>first, "quoted"</t></is></c></row>` +
	`<row r="4"><c r="A4" t="s"><v>6</v></c><c r="C4"><v>-12.5</v></c><c r="D4" s="2"><v>45357.999999</v></c></row>` +
	`<row r="5"><c r="A5" t="s"><v>7</v></c><c r="D5" s="3"><v>0.5</v></c><c r="E5" t="b"><v>0</v></c><c r="H5"><v>966512345678</v></c></row>`

var rdtOrdersShared = []string{"Order", "Date", "Total", "Paid at", "Paid", "A-1", "A-2", "A-3"}

func TestXLSXReader(t *testing.T) {
	data := rdtXLSX(t, []string{"Orders"}, map[string]string{"Orders": rdtOrdersSheet}, rdtOrdersShared, false)
	rr, info, err := Open("orders.xlsx", bytes.NewReader(data), FileMapping{})
	if err != nil {
		t.Fatal(err)
	}
	if info.Format != XLSX || info.HeaderRows != 1 || len(info.Notes) == 0 || !strings.Contains(info.Notes[0], `"Orders"`) {
		t.Errorf("info %+v", info)
	}
	wantHeader := []string{"Order", "Date", "Total", "Paid at", "Paid", "column 6", "Note"}
	if got := rr.Header(); !reflect.DeepEqual(got, wantHeader) {
		t.Errorf("header %q, want %q", got, wantHeader)
	}
	want := []rdtRow{
		{Line: 2, Fields: []string{"A-1", "2024-03-05", "0.1", "2024-03-05T14:30:00", "true", "", `first, "quoted"`}},
		{Line: 4, Fields: []string{"A-2", "", "-12.5", "2024-03-07", "", "", ""}},
		{Line: 5, Fields: []string{"A-3", "", "", "12:00:00", "false", "", "", "966512345678"}},
	}
	if got := rdtReadAll(t, rr); !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n got %q\nwant %q", got, want)
	}
}

func TestXLSXDateTimes(t *testing.T) {
	// Every minute of a day, and a spread of seconds: the library alone
	// gets about half of them a second early.
	var rows strings.Builder
	rows.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>When</t></is></c></row>`)
	var want []string
	n := 2
	for secs := 60; secs < 86400; secs += 61 {
		serial := fmt.Sprintf("%.17g", 45356+float64(secs)/86400)
		fmt.Fprintf(&rows, `<row r="%d"><c r="A%d" s="2"><v>%s</v></c></row>`, n, n, serial)
		want = append(want, time.Date(2024, 3, 5, 0, 0, secs, 0, time.UTC).Format("2006-01-02T15:04:05"))
		n++
	}
	data := rdtXLSX(t, []string{"S"}, map[string]string{"S": rows.String()}, nil, false)
	rr, _, err := Open("times.xlsx", bytes.NewReader(data), FileMapping{})
	if err != nil {
		t.Fatal(err)
	}
	got := rdtReadAll(t, rr)
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i].Fields[0] != want[i] {
			t.Fatalf("row %d: %q, want %q", i, got[i].Fields[0], want[i])
		}
	}
}

func TestXLSXDate1904AndSheets(t *testing.T) {
	sheets := map[string]string{
		"Empty": "",
		"Blank": `<row r="1"><c r="A1" t="inlineStr"><is><t> </t></is></c></row>`,
		"Data":  `<row r="3"><c r="B3" t="inlineStr"><is><t>Day</t></is></c><c r="C3" t="inlineStr"><is><t>At</t></is></c></row><row r="4"><c r="B4" s="1"><v>43894</v></c><c r="C4" s="2"><v>43894.75</v></c></row>`,
	}
	data := rdtXLSX(t, []string{"Empty", "Blank", "Data"}, sheets, nil, true)
	rr, info, err := Open("mac.xlsx", bytes.NewReader(data), FileMapping{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(info.Notes[0], `"Data"`) {
		t.Errorf("notes %q", info.Notes)
	}
	if h := rr.Header(); !reflect.DeepEqual(h, []string{"column 1", "Day", "At"}) {
		t.Errorf("header %q", h)
	}
	// 43894 in the 1904 system is 2024-03-05 (1462 days later than in 1900).
	want := []rdtRow{{Line: 4, Fields: []string{"", "2024-03-05", "2024-03-05T18:00:00"}}}
	if got := rdtReadAll(t, rr); !reflect.DeepEqual(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
}

func TestXLSXEarlyStopDoesNotLeak(t *testing.T) {
	var rows strings.Builder
	for i := 1; i <= 500; i++ {
		fmt.Fprintf(&rows, `<row r="%d"><c r="A%d"><v>%d</v></c></row>`, i, i, i)
	}
	data := rdtXLSX(t, []string{"S"}, map[string]string{"S": rows.String()}, nil, false)
	before := runtime.NumGoroutine()
	for range 20 {
		rr, _, err := Open("x.xlsx", bytes.NewReader(data), FileMapping{})
		if err != nil {
			t.Fatal(err)
		}
		rr.Next()
		rr.(io.Closer).Close()
		if _, err := rr.Next(); err != io.EOF {
			t.Fatalf("Next after Close: %v", err)
		}
	}
	for range 20 { // dropped without Close: drained when collected
		rr, _, err := Open("x.xlsx", bytes.NewReader(data), FileMapping{})
		if err != nil {
			t.Fatal(err)
		}
		rr.Next()
	}
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before+1 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before+1 {
		t.Errorf("%d goroutines, %d before", n, before)
	}
}

func TestXLSXOpenErrors(t *testing.T) {
	negative := rdtXLSX(t, []string{"S"}, map[string]string{"S": `<row r="1"><c r="A1" t="s"><v>-1</v></c></row>`}, []string{"x"}, false)
	negativeNS := rdtXLSX(t, []string{"S"}, map[string]string{"S": `<row r="1"><x:c r="A1" t = 's'><x:f>1</x:f><x:v><![CDATA[-2]]></x:v></x:c></row>`}, []string{"x"}, false)
	empty := rdtXLSX(t, []string{"S"}, map[string]string{"S": ""}, nil, false)
	var nobook bytes.Buffer
	zw := zip.NewWriter(&nobook)
	w, _ := zw.Create("hello.txt")
	io.WriteString(w, "hi")
	zw.Close()
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"text.xlsx", []byte("a,b\n1,2\n"), "text.xlsx: this is not a valid .xlsx file (it is a text file, not a zip archive)"},
		{"junk.xlsx", []byte("\x00\x01\x02\x03junk"), "junk.xlsx: this is not a valid .xlsx file (it is not a zip archive)"},
		{"cut.xlsx", negative[:len(negative)/2], "cut.xlsx: this is not a valid .xlsx file (the zip archive is damaged"},
		{"neg.xlsx", negative, "neg.xlsx: this .xlsx file cannot be read (xl/worksheets/sheet1.xml refers to a shared string by a negative number)"},
		{"negns.xlsx", negativeNS, "negns.xlsx: this .xlsx file cannot be read (xl/worksheets/sheet1.xml refers to a shared string by a negative number)"},
		{"empty.xlsx", empty, "empty.xlsx: the workbook has no data"},
		{"zip.xlsx", nobook.Bytes(), "zip.xlsx: this .xlsx file cannot be read (it has no workbook part)"},
		{"renamed.csv", empty, "renamed.csv: the workbook has no data"},
	}
	for _, tt := range tests {
		_, _, err := Open(tt.name, bytes.NewReader(tt.data), FileMapping{})
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestXLSXNegativeNumbersAreFine(t *testing.T) {
	sheet := `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>-3</v></c></row>`
	data := rdtXLSX(t, []string{"S"}, map[string]string{"S": sheet}, []string{"a", "b"}, false)
	rr, _, err := Open("n.xlsx", bytes.NewReader(data), FileMapping{})
	if err != nil {
		t.Fatal(err)
	}
	if got := rdtReadAll(t, rr); len(got) != 1 || got[0].Fields[1] != "-3" {
		t.Errorf("rows %q", got)
	}
}

func TestXLSXSerialText(t *testing.T) {
	tests := []struct {
		v    string
		want string
	}{
		{"45356", "2024-03-05"},
		{"45356.604166666664", "2024-03-05T14:30:00"},
		{"45356.99999999", "2024-03-06"},
		{"0.25", "06:00:00"},
		{"1", "1899-12-31"},
		{"-1", ""},
		{"NaN", ""},
		{"abc", ""},
	}
	for _, tt := range tests {
		got, ok := xlsxSerialText(tt.v, false)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("xlsxSerialText(%s) = %q, want %q", tt.v, got, tt.want)
		}
	}
}
