package segment

import (
	"encoding/csv"
	"io"
)

// SafeCell neutralises a text cell a spreadsheet would run as a formula:
// one that starts with =, +, -, @, a tab or a carriage return gets a
// leading apostrophe (OWASP, "CSV Injection"), which spreadsheets show as
// text and do not evaluate. Exports apply it to every cell, numbers too: a
// negative number is then text ('-0.2), the price of never letting a
// cell start a formula.
func SafeCell(v string) string {
	if v == "" {
		return v
	}
	switch v[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + v
	}
	return v
}

// CSVWriter writes an export: UTF-8, comma-separated, quoted where needed,
// optionally starting with a byte-order mark so Excel reads Arabic text
// as UTF-8.
type CSVWriter struct {
	w *csv.Writer
}

// NewCSVWriter starts an export on w.
func NewCSVWriter(w io.Writer, bom bool) (*CSVWriter, error) {
	if bom {
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return nil, err
		}
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // what spreadsheets write and expect
	return &CSVWriter{w: cw}, nil
}

// Header writes the column names.
func (c *CSVWriter) Header(names ...string) error { return c.w.Write(names) }

// Row writes one record, every cell neutralised with SafeCell.
func (c *CSVWriter) Row(cells ...string) error {
	rec := make([]string, len(cells))
	for i, v := range cells {
		rec[i] = SafeCell(v)
	}
	return c.w.Write(rec)
}

// Flush finishes the export.
func (c *CSVWriter) Flush() error {
	c.w.Flush()
	return c.w.Error()
}
