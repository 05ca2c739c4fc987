package ingest

import (
	"bytes"
	"context"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/qalbhq/qalb/engine/message"
	"github.com/qalbhq/qalb/engine/table"
	"github.com/qalbhq/qalb/fixtures/hostile/bombs"
)

// limCode loads data as name and returns the message code of the error
// (after the file name), failing when it loads.
func limCode(t *testing.T, name string, data []byte) (string, []string) {
	t.Helper()
	src, err := Load(context.Background(), name, bytes.NewReader(data), FileMapping{}, table.NewStrings(), nil)
	if err == nil {
		t.Fatalf("%s (%d bytes) loaded %d rows; want it refused", name, len(data), src.Counts.Read)
	}
	text, ok := strings.CutPrefix(err.Error(), name+": ")
	if !ok {
		t.Fatalf("error %q does not start with the file name", err)
	}
	code, args, ok := message.Parse(text)
	if !ok {
		t.Fatalf("error %q is not a message", text)
	}
	return code, args
}

// The XLSX bombs of issue 23, each just past its limit: refused before the
// library parses them, with the limit and where it was met.
func TestXLSXBombsRefused(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		code string
		args []string
	}{
		{"whitespace.xlsx", bombs.XLSXWhitespace(MaxTextRun + 1), "limitText", []string{`sheet "Data"`, "1", "1"}},
		{"inline.xlsx", bombs.XLSXInlineCell(MaxTextRun + 1), "limitText", []string{`sheet "Data"`, "2", "1"}},
		{"wide.xlsx", bombs.XLSXWideRow(MaxRowCells + 1), "limitCells", []string{`sheet "Data"`, "2", "16384"}},
		{"rows.xlsx", bombs.XLSXManyRows(MaxSheetRows), "limitRows", []string{`sheet "Data"`, "1048576"}},
		{"strings.xlsx", bombs.XLSXSharedStrings(MinHeldPart + 1<<20), "limitInflated", []string{"xl/sharedStrings.xml", "65", "64"}},
		{"sheet.xlsx", bombs.XLSXWhitespace(MinInflatedPart), "limitInflated", []string{`sheet "Data"`, "256", "256"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, args := limCode(t, c.name, c.data)
			if code != c.code || strings.Join(args, "|") != strings.Join(c.args, "|") {
				t.Errorf("%s (%d bytes): %s %q, want %s %q", c.name, len(c.data), code, args, c.code, c.args)
			}
		})
	}
}

// Just under the limits, the same shapes load.
func TestXLSXUnderLimitsLoad(t *testing.T) {
	// Empty cells (<c/>) make no row.
	rows := []int{1, 0, 1000}
	for i, data := range [][]byte{bombs.XLSXWhitespace(MaxTextRun - 100), bombs.XLSXWideRow(MaxRowCells - 1), bombs.XLSXManyRows(1000)} {
		src, err := Load(context.Background(), "ok.xlsx", bytes.NewReader(data), FileMapping{}, table.NewStrings(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if src.Counts.Read != rows[i] {
			t.Errorf("case %d: read %d rows, want %d", i, src.Counts.Read, rows[i])
		}
	}
}

// The scanner counts what it must across chunk boundaries, and skips what
// looks like tags inside CDATA and comments.
func TestXLSXScan(t *testing.T) {
	feed := func(s *xlsxScan, doc string, chunk int) error {
		for i := 0; i < len(doc); i += chunk {
			if err := s.feed([]byte(doc[i:min(i+chunk, len(doc))])); err != nil {
				return err
			}
		}
		return nil
	}
	doc := `<x:row r="7" spans="1:3"><x:c r="A7"/><c><v><![CDATA[<c/><c/>]]></v></c><!-- <c/> --><c/></x:row><row/><row r="9"><c/></row>`
	for _, chunk := range []int{1, 2, 3, 7, len(doc)} {
		s := &xlsxScan{where: "w"}
		if err := feed(s, doc, chunk); err != nil {
			t.Fatal(err)
		}
		if s.rows != 3 || s.row != 9 || s.cells != 1 {
			t.Errorf("chunk %d: rows %d, row %d, cells %d; want 3, 9, 1", chunk, s.rows, s.row, s.cells)
		}
	}
	s := &xlsxScan{where: "w"}
	if err := feed(s, `<row r="3">`+strings.Repeat("<c/>", 3)+`</row>`, 5); err != nil || s.cells != 3 {
		t.Errorf("cells %d, %v", s.cells, err)
	}
	s = &xlsxScan{where: "xl/sharedStrings.xml", maxStrings: 10}
	err := feed(s, `<sst>`+strings.Repeat("<si><t>a</t></si>", 11)+`</sst>`, 4)
	if code, args, _ := message.Parse(err.Error()); code != "limitStrings" || args[1] != "10" {
		t.Errorf("11 strings of 10: %v", err)
	}
	s = &xlsxScan{where: "w"}
	err = feed(s, `<row r="1"><c><v><![CDATA[`+strings.Repeat("<", MaxTextRun+1)+`]]></v></c></row>`, 1<<16)
	if code, _, _ := message.Parse(err.Error()); code != "limitText" {
		t.Errorf("a long CDATA: %v", err)
	}
	s = &xlsxScan{where: "w"}
	err = feed(s, `<row r="1" a="`+strings.Repeat("x", MaxTagBytes)+`">`, 1<<16)
	if code, _, _ := message.Parse(err.Error()); code != "limitTag" {
		t.Errorf("a long tag: %v", err)
	}
}

// limLoad loads data and returns the source and the bytes allocated on
// the way (all goroutines: run it in a test that is not parallel).
func limLoad(t *testing.T, name string, data []byte) (*Source, uint64) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	src, err := Load(context.Background(), name, bytes.NewReader(data), FileMapping{}, table.NewStrings(), nil)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	return src, after.TotalAlloc - before.TotalAlloc
}

// limAllocBudget is what loading n bytes may allocate in all: the reader's
// fixed buffers plus a multiple of the input.
func limAllocBudget(n int) uint64 { return 48<<20 + 48*uint64(n) }

// NDJSON records with thousands of distinct keys, then records of one
// email: the header keeps the MaxJSONKeys fields most records hold, with
// a note, and the emails are all read. Before the limit every row was padded to every key.
func TestJSONManyKeysBounded(t *testing.T) {
	data := bombs.NDJSONManyKeys(300, 40, 3000)
	src, alloc := limLoad(t, "keys.ndjson", data)
	if len(src.Header) > MaxJSONKeys {
		t.Errorf("header of %d columns, limit %d", len(src.Header), MaxJSONKeys)
	}
	if !slices.Contains(src.Notes, message.Format("limitKeys", MaxJSONKeys)) {
		t.Errorf("no note of the limit in %q", src.Notes)
	}
	if !slices.Contains(src.Header, "email") || src.Column(Email) == nil {
		t.Errorf("the email field, in most records, is not a column")
	} else if n := src.Column(Email).Len() - src.Column(Email).NullCount(); n != 3000 {
		t.Errorf("%d emails read, want 3000", n)
	}
	if src.Counts.Read != 3300 {
		t.Errorf("read %d records, want 3300", src.Counts.Read)
	}
	if b := limAllocBudget(len(data)); alloc > b {
		t.Errorf("loading %d bytes allocated %d MB, budget %d MB", len(data), alloc>>20, b>>20)
	}
}

// 30,000 columns all named "a": named a, a (2) … a (30000) in linear time,
// with a bounded list of notes.
func TestDuplicateHeaderLinear(t *testing.T) {
	data := bombs.CSVDuplicateHeader(30000)
	src, alloc := limLoad(t, "dup.csv", data)
	if len(src.Header) != 30000 && len(src.Header) != MaxColumns {
		t.Fatalf("header of %d names", len(src.Header))
	}
	seen := map[string]bool{}
	for _, h := range src.Header {
		if seen[h] {
			t.Fatalf("name %q twice", h)
		}
		seen[h] = true
	}
	if src.Header[29] != "a (30)" {
		t.Errorf("column 30 is %q", src.Header[29])
	}
	if n := len(src.Notes); n > MaxHeaderNotes+4 {
		t.Errorf("%d notes", n)
	}
	if !slices.Contains(src.Notes, message.Format("limitColumns", 30000, MaxColumns)) {
		t.Errorf("no note of the column limit in %q", src.Notes)
	}
	if !slices.Contains(src.Notes, message.Format("limitHeaderNotes", MaxColumns-1-MaxHeaderNotes)) {
		t.Errorf("no count of the other repeated names in %q", src.Notes)
	}
	if b := limAllocBudget(len(data)); alloc > b {
		t.Errorf("loading %d bytes allocated %d MB, budget %d MB", len(data), alloc>>20, b>>20)
	}
}

func TestUniqueHeaderNames(t *testing.T) {
	got := openUniqueHeader([]string{"a", "a", "a (2)", "", "a", strings.Repeat("x", MaxHeaderName+5)})
	want := []string{"a", "a (3)", "a (2)", "column 4", "a (4)", strings.Repeat("x", MaxHeaderName) + "…"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q", got)
	}
}

// Every invalid line quotes itself in its reason: the reasons are grouped
// by message code, so 20,000 of them make one entry, with the count.
func TestReasonsGroupedByCode(t *testing.T) {
	data := bombs.NDJSONInvalidLines(20000)
	src, _ := limLoad(t, "bad.ndjson", data)
	if len(src.Reasons) != 1 {
		t.Fatalf("%d reasons, want 1", len(src.Reasons))
	}
	for k, n := range src.Reasons {
		if code, _ := message.CodeOf(k); code != "jsonInvalid" || n != 20000 {
			t.Errorf("reason %q (%s) counted %d, want jsonInvalid 20000", k, code, n)
		}
	}
	if len(src.Rejected) != maxProblems || src.Counts.Rejected != 20000 || src.Counts.Used != 1 {
		t.Errorf("%d examples, counts %+v", len(src.Rejected), src.Counts)
	}
}

// A quoted field over the record limit is one rejected record: the lines
// inside it are not rows, the customer before it is read with its email
// column, and reading resumes after the closing quote.
func TestOversizedQuotedFieldIsOneRecord(t *testing.T) {
	open := bombs.CSVOpenQuote(csvMaxRecord + 1<<20)
	closed := append(bytes.Clone(open), "\",x\nd@example.com,ok\n"...)
	inner := bytes.Count(open, []byte("\n")) - 2 // the lines after line 3's start
	for _, c := range []struct {
		name            string
		data            []byte
		read, used, rej int
		lastLine        int
	}{
		{"never closed", open, 2, 1, 1, 2},
		{"closed", closed, 3, 2, 1, 3 + inner + 1},
	} {
		src, _ := limLoad(t, "quote.csv", c.data)
		if src.Counts != (RowCounts{Read: c.read, Used: c.used, Rejected: c.rej}) {
			t.Errorf("%s: counts %+v, want %d read, %d used, %d rejected", c.name, src.Counts, c.read, c.used, c.rej)
		}
		if src.Column(Email) == nil {
			t.Errorf("%s: the email column is not an email column (%v)", c.name, src.Roles)
		}
		if len(src.Rejected) != 1 || src.Rejected[0].Line != 3 {
			t.Errorf("%s: rejected %+v, want line 3", c.name, src.Rejected)
		}
		if n := src.Table.Rows(); n == 0 || int(src.Table.Lines.At(n-1)) != c.lastLine {
			t.Errorf("%s: lines %v, want the last at %d", c.name, src.Table.Lines.Slice(), c.lastLine)
		}
	}
}

// A NUL byte is handled the same near the start of a file (where the
// format is sniffed) and deep in it: replaced with U+FFFD, the row used.
func TestNULNearAndDeep(t *testing.T) {
	for _, at := range []int{40, 1 << 20} {
		data := bombs.CSVNULAt(at)
		src, _ := limLoad(t, "nul.csv", data)
		rows := bytes.Count(data, []byte("\n")) - 1
		if src.Counts.Used != rows || src.Counts.Rejected != 0 {
			t.Errorf("NUL at %d: counts %+v, want %d used", at, src.Counts, rows)
		}
		if src.Info.Encoding != "utf-8" {
			t.Errorf("NUL at %d: read as %s", at, src.Info.Encoding)
		}
		found := false
		names := src.Columns(FullName)
		if len(names) == 0 {
			t.Fatalf("NUL at %d: no name column (%v)", at, src.Roles)
		}
		col := names[0]
		for _, id := range col.Str {
			if src.Table.Strings.Value(id) == "bad\uFFFDname" {
				found = true
			}
		}
		if !found {
			t.Errorf("NUL at %d: the name with a NUL is not read as bad\uFFFDname", at)
		}
	}
}
