package ingest

// File structure beyond one header row and records: what tools and
// spreadsheets put around the data.
//
//   - '#' comment and metadata lines ("# Start date: 20240101", GA4) are
//     not records; those before the header are kept as the file's metadata.
//   - Several tables in one file, each after blank or comment lines with a
//     header of its own (GA4 report downloads): a later table's header is
//     not a record; its rows are read under the first header, and the
//     tables are listed (TablePart) so aggregates can be told apart.
//   - A leading index column and "Unnamed: N" headers written by pandas
//     (a re-saved copy of an export) are blank header names.
//   - Qualtrics' three header rows: field ids, question labels and the
//     ImportId JSON row; the columns are named by their labels.

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"github.com/qalbhq/qalb/engine/message"
)

// TablePart is one table of a file that holds several.
type TablePart struct {
	Line   int      `json:"line"`           // line of its header
	Header []string `json:"header"`         // its own column names
	Meta   []string `json:"meta,omitempty"` // the comment lines before it, without '#'
	Rows   int      `json:"rows"`           // data rows read under it
}

// csvStructure is the csvReader's state for comments and tables.
type csvStructure struct {
	meta         []string // comment lines before the header
	pending      []string // comment lines since the last record
	tables       []TablePart
	rows         int  // data rows of the current table
	lastEnd      int  // line after the last record consumed
	afterComment bool // the previous line consumed was a comment
}

// csvCommentLine reports whether a record is a '#' comment line: its first
// field starts with '#' and a space, dash or another '#', or is '#' alone
// on its line. Typeform's "#" column ("#,Question 1,…") is a header.
func csvCommentLine(fields [][]byte) bool {
	if len(fields) == 0 {
		return false
	}
	f := bytes.TrimLeft(fields[0], " \t")
	if len(f) == 0 || f[0] != '#' {
		return false
	}
	if len(f) == 1 {
		for _, o := range fields[1:] {
			if len(bytes.TrimSpace(o)) != 0 {
				return false
			}
		}
		return true
	}
	switch f[1] {
	case ' ', '\t', '-', '#', '=':
		return true
	}
	return false
}

// csvSkipComments returns the sample after its leading '#' comment lines,
// so the delimiter is sniffed on the data.
func csvSkipComments(s []byte, nl byte) []byte {
	for len(s) > 0 {
		t := bytes.TrimLeft(s, " \t")
		if len(t) == 0 || t[0] != '#' {
			return s
		}
		if len(t) > 1 && !strings.ContainsRune(" \t-#=\r\n", rune(t[1])) {
			return s
		}
		i := bytes.IndexByte(s, nl)
		if i < 0 {
			return s[:0]
		}
		s = s[i+1:]
	}
	return s
}

// structure looks at the record just parsed: it returns true when the
// record is not data (a comment line, or the header of a later table) and
// was consumed.
func (c *csvReader) structure() bool {
	st := &c.st
	blankBefore := c.row.Line > st.lastEnd && st.lastEnd > 0
	st.lastEnd = c.line
	// The usual record: no blank or comment line before it, and it does
	// not start with '#' or a space.
	if f := c.row.Fields; !blankBefore && !st.afterComment && (len(f) == 0 || len(f[0]) == 0 || f[0][0] != '#' && f[0][0] != ' ' && f[0][0] != '\t') {
		st.rows++
		return false
	}
	if csvCommentLine(c.row.Fields) {
		var b []byte
		for i, f := range c.row.Fields {
			if i > 0 {
				b = append(b, c.comma)
			}
			b = append(b, f...)
		}
		line := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(string(b)), "#"))
		if c.header == nil {
			if len(st.meta) < 100 && line != "" && strings.Trim(line, "-= ") != "" {
				st.meta = append(st.meta, line)
			}
		} else if len(st.pending) < 100 && line != "" && strings.Trim(line, "-= ") != "" {
			st.pending = append(st.pending, line)
		}
		st.afterComment = true
		return true
	}
	after := st.afterComment
	st.afterComment = false
	if c.header != nil && (after || blankBefore) && c.laterHeader(after) {
		if len(st.tables) == 0 {
			st.tables = append(st.tables, TablePart{Line: c.headerLine, Header: c.header, Meta: st.meta})
		}
		st.tables[len(st.tables)-1].Rows = st.rows
		st.tables = append(st.tables, TablePart{Line: c.row.Line, Header: csvStrings(c.row.Fields), Meta: st.pending})
		st.pending, st.rows = nil, 0
		return true
	}
	st.pending = nil
	st.rows++
	return false
}

// startData is called once the header rows are read: rows count from
// here (a data row read to check for a second header row and put back
// counts).
func (st *csvStructure) startData(c *csvReader) {
	st.lastEnd, st.rows = c.line, 0
	if c.replay {
		st.rows = 1
	}
}

// laterHeader reports whether the record after blank or comment lines is
// the header of another table: every field is text (no number, no date),
// and a comment block precedes it, the file started with comment lines, or
// it has another width than the first header.
func (c *csvReader) laterHeader(afterComment bool) bool {
	fields := c.row.Fields
	if len(fields) == 0 {
		return false
	}
	if !afterComment && len(c.st.meta) == 0 && len(fields) == len(c.header) {
		return false
	}
	for _, f := range fields {
		f = bytes.TrimSpace(f)
		if len(f) == 0 {
			return false
		}
		if _, ok := ParseNumber(f); ok {
			return false
		}
		if _, ok := ParseTime(f, DateAuto); ok {
			return false
		}
	}
	return true
}

// Tables lists the tables of a file that holds several (nil for one).
func (c *csvReader) Tables() []TablePart {
	if n := len(c.st.tables); n > 0 {
		c.st.tables[n-1].Rows = c.st.rows
	}
	return c.st.tables
}

// Meta is the file's comment lines before its header, without '#'.
func (c *csvReader) Meta() []string { return c.st.meta }

// structured reports whether the file has comment lines or several
// tables: it is read by one reader, not in parts.
func (c *csvReader) structured() bool { return len(c.st.meta) > 0 || len(c.st.tables) > 0 }

// csvPandasHeader blanks the names pandas makes up when it writes a frame
// back to CSV ("Unnamed: 3" for a column that had no name, "" or
// "Unnamed: 0" for its index) and reports whether the first column is such
// an index.
func csvPandasHeader(names []string) ([]string, bool) {
	index := len(names) > 1 && (strings.TrimSpace(strings.TrimPrefix(names[0], "\uFEFF")) == "" || isUnnamed(names[0]))
	for i, n := range names {
		if isUnnamed(n) {
			names[i] = ""
		}
	}
	return names, index
}

// isUnnamed matches pandas' "Unnamed: N" and "Unnamed: N_level_M".
func isUnnamed(n string) bool {
	n = strings.TrimSpace(strings.TrimPrefix(n, "\uFEFF"))
	rest, ok := strings.CutPrefix(n, "Unnamed: ")
	if !ok || rest == "" {
		return false
	}
	return rest[0] >= '0' && rest[0] <= '9'
}

// moreHeaderRows reads the header rows that follow the first one, when the
// layout has them (Qualtrics), and returns the column names. index says
// the first column is a pandas index: it keeps no name.
func (c *csvReader) moreHeaderRows(names []string, index bool) ([]string, error) {
	if index && len(names) > 0 && c.headerRows > 1 {
		names[0] = "" // SurveyMonkey's merge named it by the sub-header's index value
	}
	resp := -1
	dated := false
	for i, n := range names {
		switch NormalizeHeader(n) {
		case "response id":
			resp = i
		case "start date", "recorded date", "end date":
			dated = true
		}
	}
	if resp < 0 || !dated || c.headerRows > 1 {
		return names, nil
	}
	// Qualtrics: a label row (its cell under ResponseId is a label, not an
	// id like R_1abc), then perhaps the ImportId row.
	row, err := c.Next()
	if err == io.EOF {
		return names, nil
	}
	if err != nil {
		return nil, err
	}
	if row.Err != nil || resp >= len(row.Fields) {
		c.replay = true
		return names, nil
	}
	v := strings.TrimSpace(string(row.Fields[resp]))
	if v == "" || strings.HasPrefix(v, "R_") || strings.HasPrefix(v, "{") {
		c.replay = true
		return names, nil
	}
	labels := csvStrings(row.Fields)
	c.headerRows = 2
	row, err = c.Next()
	if err != nil && err != io.EOF {
		return nil, err
	}
	if err == nil {
		if row.Err == nil && len(row.Fields) > 0 && bytes.HasPrefix(bytes.TrimSpace(row.Fields[0]), []byte(`{"ImportId"`)) ||
			row.Err == nil && len(row.Fields) > 0 && bytes.HasPrefix(bytes.TrimSpace(row.Fields[0]), []byte(`{'ImportId'`)) {
			c.headerRows = 3
		} else {
			c.replay = true
		}
	}
	c.notes = append(c.notes, message.Format("qualtrics", c.headerRows))
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n
		if i < len(labels) && strings.TrimSpace(labels[i]) != "" {
			out[i] = strings.TrimSpace(labels[i])
		}
	}
	return out, nil
}

// headerRowsReader gives a workbook the header rows CSV files get: a
// SurveyMonkey or Qualtrics sheet has its question and option (or label
// and ImportId) rows under the first, merged into the header.
type headerRowsReader struct {
	RowReader
	header  []string
	pending []*Row
}

func (h *headerRowsReader) Header() []string { return h.header }

func (h *headerRowsReader) Next() (*Row, error) {
	if len(h.pending) > 0 {
		r := h.pending[0]
		h.pending = h.pending[1:]
		return r, nil
	}
	return h.RowReader.Next()
}

// Close ends the wrapped reader's work (the XLSX reader's goroutine).
func (h *headerRowsReader) Close() error {
	if c, ok := h.RowReader.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

// sheetHeaderRows wraps a workbook's reader when its first rows are more
// header; info.HeaderRows and info.Notes say so.
func sheetHeaderRows(rr RowReader, info *Info) (RowReader, error) {
	names := append([]string(nil), rr.Header()...)
	for i, n := range names {
		if n == "column "+itoa(i+1) {
			names[i] = "" // a blank top cell: the question carries over
		}
	}
	copyRow := func(r *Row) *Row {
		c := &Row{Line: r.Line, Err: r.Err, Note: r.Note, Fields: make([][]byte, len(r.Fields))}
		for i, f := range r.Fields {
			c.Fields[i] = append([]byte(nil), f...)
		}
		return c
	}
	w := &headerRowsReader{RowReader: rr}
	resp := -1
	dated := false
	for i, n := range names {
		switch NormalizeHeader(n) {
		case "response id":
			resp = i
		case "start date", "recorded date", "end date":
			dated = true
		}
	}
	survey := csvIsSurveyMonkey(names)
	if !survey && (resp < 0 || !dated) {
		return rr, nil
	}
	row, err := rr.Next()
	if err == io.EOF {
		return rr, nil
	}
	if err != nil {
		return nil, err
	}
	second := copyRow(row)
	switch {
	case survey && second.Err == nil && csvIsSubHeader(names, second.Fields):
		w.header = openUniqueHeader(csvMergeSurveyMonkey(names, csvStrings(second.Fields)))
		info.HeaderRows = 2
		info.Notes = append(info.Notes, message.Format("surveyMonkey"))
		return w, nil
	case !survey && second.Err == nil && resp < len(second.Fields):
		v := strings.TrimSpace(string(second.Fields[resp]))
		if v == "" || strings.HasPrefix(v, "R_") || strings.HasPrefix(v, "{") {
			break
		}
		info.HeaderRows = 2
		labels := csvStrings(second.Fields)
		row, err := rr.Next()
		if err != nil && err != io.EOF {
			return nil, err
		}
		if err == nil {
			third := copyRow(row)
			if third.Err == nil && len(third.Fields) > 0 && bytes.HasPrefix(bytes.TrimSpace(third.Fields[0]), []byte(`{"ImportId"`)) {
				info.HeaderRows = 3
			} else {
				w.pending = append(w.pending, third)
			}
		}
		out := make([]string, len(names))
		for i, n := range names {
			out[i] = n
			if i < len(labels) && strings.TrimSpace(labels[i]) != "" {
				out[i] = strings.TrimSpace(labels[i])
			}
		}
		w.header = openUniqueHeader(out)
		info.Notes = append(info.Notes, message.Format("qualtrics", info.HeaderRows))
		return w, nil
	}
	w.header = rr.Header()
	w.pending = append([]*Row{second}, w.pending...)
	return w, nil
}

func itoa(i int) string { return strconv.Itoa(i) }
