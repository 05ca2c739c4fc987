package ingest

import (
	"bytes"
	"context"
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
