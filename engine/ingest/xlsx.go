package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/thedatashed/xlsxreader"

	"github.com/qalbhq/qalb/engine/message"
)

// XLSX is read with xlsxreader. The file is read into memory once (a zip
// needs random access; it is compressed), the first sheet with data is
// used, its first non-empty row is the header, and rows are streamed from
// the library's row channel.
//
//   - Row.Line is the sheet row number. Empty cells are absent from XLSX, so
//     rows are padded with empty fields to the header's width (a short row
//     is not a malformed one here).
//   - Date cells become ISO 8601 text: 2024-03-05, 2024-03-05T14:30:00, or
//     14:30:00 for a time of day. xlsxreader truncates date-times to the
//     second after a float conversion that is often a hair short (14:30 comes
//     out 14:29:59), so date-times are recomputed, rounded to the second,
//     from the cell's stored serial number, read by a second pass over the
//     sheet that starts only when the first date-time cell is met. The 1904
//     date system (old Mac workbooks) is honoured.
//   - Numbers carrying float noise (0.1 stored as 0.10000000000000001) are
//     written in their shortest form; booleans are true/false.
//   - Before the library sees the file, xlsxGuard rejects what would crash it
//     (a negative shared-string index panics in its goroutine, a negative
//     count in sharedStrings.xml panics, huge parts exhaust memory).
//   - Stopping before io.EOF: call Close (the reader is an io.Closer), which
//     drains the channel so the library's goroutine ends; a reader dropped
//     without Close is drained when garbage collected.

const xlsxMaxCols = MaxColumns

var xlsxEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

type xlsxReader struct {
	ch       chan xlsxreader.Row
	header   []string
	width    int
	date1904 bool
	sheet    *zip.File
	raw      *xlsxRawRows

	row     Row
	fields  [][]byte
	arena   []byte
	span    []int
	lastRow int
	done    bool
}

// openXLSX reads a whole .xlsx file and prepares its first sheet with data.
func openXLSX(name string, r io.Reader) (RowReader, Info, error) {
	info := Info{Format: XLSX, Encoding: encUTF8, HeaderRows: 1}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, info, fmt.Errorf("%s: %s", name, message.Format("fileUnreadable", err))
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, info, fmt.Errorf("%s: %s", name, message.Format("xlsxZipDamaged", err))
	}
	wb, err := xlsxGuard(zr, len(data))
	if err != nil {
		var le *limitError
		if errors.As(err, &le) {
			return nil, info, fmt.Errorf("%s: %s", name, le.text)
		}
		return nil, info, fmt.Errorf("%s: %s", name, message.Format("xlsxUnreadable", err))
	}
	x, err := xlsxNewLibReader(data)
	if err != nil {
		return nil, info, fmt.Errorf("%s: %s", name, message.Format("xlsxNotWorkbook", err))
	}

	xr := &xlsxReader{date1904: wb.date1904}
	var headerRow *xlsxreader.Row
	sheet := ""
	for _, s := range x.Sheets {
		ch := x.ReadRows(s)
		for row := range ch {
			if row.Error != nil {
				go xlsxDrain(ch)
				return nil, info, fmt.Errorf("%s: %s", name, message.Format("xlsxRowUnreadable", strconv.Quote(s), row.Index, row.Error))
			}
			if xlsxRowHasText(row) {
				headerRow = &row
				break
			}
		}
		if headerRow != nil {
			xr.ch, sheet = ch, s
			break
		}
	}
	if headerRow == nil {
		return nil, info, fmt.Errorf("%s: %s", name, message.Format("xlsxEmpty"))
	}
	xr.sheet = wb.sheets[sheet]
	runtime.AddCleanup(xr, func(ch chan xlsxreader.Row) { go xlsxDrain(ch) }, xr.ch)

	xr.lastRow = max(headerRow.Index, 1)
	xr.build(*headerRow)
	names := csvStrings(xr.fields)
	xr.header = openUniqueHeader(names)
	xr.width = len(xr.header)
	info.Notes = append(info.Notes, message.Format("sheet", strconv.Quote(sheet)))
	if len(x.Sheets) > 1 {
		var others []string
		for _, s := range x.Sheets {
			if s != sheet {
				others = append(others, strconv.Quote(s))
			}
		}
		info.Notes = append(info.Notes, message.Format("otherSheets", strings.Join(others, ", ")))
	}
	return xr, info, nil
}

// xlsxNewLibReader calls xlsxreader.NewReader, turning a panic into an error.
func xlsxNewLibReader(data []byte) (x *xlsxreader.XlsxFile, err error) {
	defer func() {
		if p := recover(); p != nil {
			x, err = nil, fmt.Errorf("%v", p)
		}
	}()
	return xlsxreader.NewReader(data)
}

func xlsxDrain(ch chan xlsxreader.Row) {
	for range ch {
	}
}

func xlsxRowHasText(r xlsxreader.Row) bool {
	for _, c := range r.Cells {
		if strings.TrimSpace(c.Value) != "" {
			return true
		}
	}
	return false
}

// Header implements RowReader.
func (x *xlsxReader) Header() []string { return x.header }

// Next implements RowReader. The Row and its fields are reused.
func (x *xlsxReader) Next() (*Row, error) {
	if x.done {
		return nil, io.EOF
	}
	r, ok := <-x.ch
	if !ok {
		x.done = true
		x.closeRaw()
		return nil, io.EOF
	}
	line := r.Index
	if line <= x.lastRow {
		line = x.lastRow + 1
	}
	x.lastRow = line
	if r.Error != nil {
		x.row = Row{Line: line, Err: errors.New(message.Format("rowUnreadable", r.Error))}
		return &x.row, nil
	}
	x.build(r)
	x.row = Row{Line: line, Fields: x.fields}
	return &x.row, nil
}

// Close ends the library's row goroutine when reading stops early.
func (x *xlsxReader) Close() error {
	if !x.done {
		x.done = true
		go xlsxDrain(x.ch)
	}
	x.closeRaw()
	return nil
}

func (x *xlsxReader) closeRaw() {
	if x.raw != nil {
		x.raw.close()
		x.raw = nil
	}
}

// build places a row's cells by column into x.fields.
func (x *xlsxReader) build(r xlsxreader.Row) {
	x.arena = x.arena[:0]
	width := x.width
	col := -1
	for _, c := range r.Cells {
		if c.Column != "" {
			col = xlsxColIndex(c.Column)
		} else {
			col++
		}
		if col >= 0 && col < xlsxMaxCols {
			width = max(width, col+1)
		}
	}
	if cap(x.span) < 2*width {
		x.span = make([]int, 2*width)
	}
	x.span = x.span[:2*width]
	clear(x.span)
	col = -1
	for _, c := range r.Cells {
		if c.Column != "" {
			col = xlsxColIndex(c.Column)
		} else {
			col++
		}
		if col < 0 || col >= width {
			continue
		}
		s := len(x.arena)
		x.arena = append(x.arena, x.cellText(c, r.Index, col)...)
		x.span[2*col], x.span[2*col+1] = s, len(x.arena)
	}
	x.fields = x.fields[:0]
	for i := range width {
		s, e := x.span[2*i], x.span[2*i+1]
		x.fields = append(x.fields, x.arena[s:e:e])
	}
}

// xlsxColIndex turns column letters into a 0-based index; -1 when out of
// Excel's range.
func xlsxColIndex(letters string) int {
	if len(letters) > 3 {
		return -1
	}
	n := 0
	for i := 0; i < len(letters); i++ {
		c := letters[i] | 0x20
		if c < 'a' || c > 'z' {
			return -1
		}
		n = n*26 + int(c-'a') + 1
	}
	if n > xlsxMaxCols {
		return -1
	}
	return n - 1
}

// cellText is a cell's value as text.
func (x *xlsxReader) cellText(c xlsxreader.Cell, row, col int) string {
	v := c.Value
	switch c.Type {
	case xlsxreader.TypeBoolean:
		switch v {
		case "1":
			return "true"
		case "0":
			return "false"
		}
	case xlsxreader.TypeNumerical:
		return xlsxNumber(v)
	case xlsxreader.TypeDateTime:
		return x.dateText(v, row, col)
	}
	return v
}

// dateText makes a date cell's value ISO 8601 text (see the file comment).
func (x *xlsxReader) dateText(v string, row, col int) string {
	if len(v) == 10 { // a whole day: exact from the library
		if x.date1904 {
			if t, err := time.Parse(time.DateOnly, v); err == nil {
				return t.AddDate(0, 0, 1462).Format(time.DateOnly)
			}
		}
		return v
	}
	if !strings.Contains(v, "T") {
		return v
	}
	if raw, ok := x.rawValue(row, col); ok {
		if s, ok := xlsxSerialText(raw, x.date1904); ok {
			return s
		}
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04"} {
		t, err := time.Parse(layout, v)
		if err != nil {
			continue
		}
		if x.date1904 && strings.HasSuffix(v, "Z") { // from a serial, by the library
			t = t.AddDate(0, 0, 1462)
		}
		if t.Year() == 1899 && t.Month() == 12 && t.Day() == 30 {
			return t.Format(time.TimeOnly)
		}
		return t.Format("2006-01-02T15:04:05")
	}
	return v
}

// rawValue returns a cell's stored value from the second pass over the
// sheet, started on first use.
func (x *xlsxReader) rawValue(row, col int) (string, bool) {
	if x.sheet == nil {
		return "", false
	}
	if x.raw == nil {
		rc, err := x.sheet.Open()
		if err != nil {
			x.sheet = nil
			return "", false
		}
		x.raw = &xlsxRawRows{rc: rc, dec: xml.NewDecoder(rc), cells: map[int]string{}}
	}
	return x.raw.lookup(row, col)
}

// xlsxSerialText converts an Excel serial date to ISO 8601 text, rounded to
// the second.
func xlsxSerialText(v string, date1904 bool) (string, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(f) || f < 0 || f > 2958466 { // 9999-12-31
		return "", false
	}
	timeOnly := f < 1
	if date1904 {
		f += 1462
	}
	days := math.Floor(f)
	secs := math.Round((f - days) * 86400)
	if secs >= 86400 {
		days++
		secs = 0
	}
	t := xlsxEpoch.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second)
	switch {
	case timeOnly:
		return t.Format(time.TimeOnly), true
	case secs == 0:
		return t.Format(time.DateOnly), true
	}
	return t.Format("2006-01-02T15:04:05"), true
}

// xlsxNumber writes a stored number in its shortest form when it carries
// float noise or an exponent; other numbers are kept as written.
func xlsxNumber(v string) string {
	if len(v) < 16 && !strings.ContainsAny(v, "eE") {
		return v
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return v
	}
	if a := math.Abs(f); a == 0 || (a >= 1e-6 && a < 1e21) {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// xlsxRawRows reads a sheet's stored cell values, row by row, forward only.
type xlsxRawRows struct {
	rc    io.ReadCloser
	dec   *xml.Decoder
	row   int
	cells map[int]string
	done  bool
}

func (s *xlsxRawRows) close() {
	if !s.done {
		s.done = true
		s.rc.Close()
	}
}

func (s *xlsxRawRows) lookup(row, col int) (string, bool) {
	for !s.done && s.row < row {
		s.advance()
	}
	if s.row != row {
		return "", false
	}
	v, ok := s.cells[col]
	return v, ok
}

// advance reads the next <row> element.
func (s *xlsxRawRows) advance() {
	for {
		tok, err := s.dec.RawToken()
		if err != nil {
			s.close()
			return
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "row" {
			continue
		}
		n := s.row + 1
		for _, a := range se.Attr {
			if a.Name.Local == "r" {
				if v, err := strconv.Atoi(a.Value); err == nil {
					n = v
				}
			}
		}
		s.row = n
		clear(s.cells)
		col := -1
		for {
			tok, err := s.dec.RawToken()
			if err != nil {
				s.close()
				return
			}
			switch t := tok.(type) {
			case xml.StartElement:
				switch t.Name.Local {
				case "c":
					col++
					for _, a := range t.Attr {
						if a.Name.Local == "r" {
							col = xlsxColIndex(strings.TrimRight(a.Value, "0123456789"))
						}
					}
				case "v":
					if tok, err := s.dec.RawToken(); err == nil {
						if cd, ok := tok.(xml.CharData); ok {
							s.cells[col] = string(cd)
						}
					}
				}
			case xml.EndElement:
				if t.Name.Local == "row" {
					return
				}
			}
		}
	}
}

// xlsxWorkbook is what xlsxGuard learns about the workbook.
type xlsxWorkbook struct {
	date1904 bool
	sheets   map[string]*zip.File // by sheet name
}

// xlsxGuard checks what xlsxreader would trip over, and reads the workbook's
// date system and sheet files. fileSize sets the budget of the parts
// (limits.go): a part past it is a *limitError.
func xlsxGuard(zr *zip.Reader, fileSize int) (xlsxWorkbook, error) {
	wb := xlsxWorkbook{sheets: map[string]*zip.File{}}
	files := map[string][]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = append(files[f.Name], f)
		switch f.Name {
		case "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "[Content_Types].xml":
			if err := xlsxCheckInflated(f, f.Name, fileSize, true); err != nil {
				return wb, err
			}
		case "xl/sharedStrings.xml", "xl/SharedStrings.xml":
			if err := xlsxCheckSharedStrings(f, fileSize); err != nil {
				return wb, err
			}
		}
	}
	if len(files["xl/workbook.xml"]) == 0 {
		return wb, errors.New("it has no workbook part")
	}
	var book struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xlsxUnmarshal(files["xl/workbook.xml"][0], &book); err != nil {
		return wb, fmt.Errorf("its workbook part is damaged: %v", err)
	}
	if fs := files["xl/_rels/workbook.xml.rels"]; len(fs) > 0 {
		if err := xlsxUnmarshal(fs[0], &rels); err != nil {
			return wb, fmt.Errorf("its workbook relationships are damaged: %v", err)
		}
	}
	wb.date1904 = book.Pr.Date1904 == "1" || strings.EqualFold(book.Pr.Date1904, "true")
	sheetOf := map[string]string{} // relationship id → sheet name
	for _, s := range book.Sheets {
		sheetOf[s.RID] = s.Name
	}
	target := map[string]string{}
	checked := map[string]bool{}
	for _, rel := range rels.Rels {
		// Resolved as xlsxreader does.
		name := "xl/" + rel.Target
		if strings.HasPrefix(rel.Target, "/") {
			name = rel.Target[1:]
		}
		target[rel.ID] = name
		if checked[name] {
			continue
		}
		checked[name] = true
		where := name
		if sh, ok := sheetOf[rel.ID]; ok {
			where = message.Format("sheetName", strconv.Quote(sh))
		}
		for _, f := range files[name] {
			if err := xlsxCheckInflated(f, where, fileSize, false); err != nil {
				return wb, err
			}
			bad, err := xlsxNegativeStringIndex(f, &xlsxScan{where: where})
			var le *limitError
			if errors.As(err, &le) {
				return wb, err
			}
			if err != nil {
				return wb, fmt.Errorf("%s is damaged: %v", name, err)
			}
			if bad {
				return wb, fmt.Errorf("%s refers to a shared string by a negative number", name)
			}
		}
	}
	for _, s := range book.Sheets {
		if fs := files[target[s.RID]]; len(fs) > 0 {
			wb.sheets[s.Name] = fs[0]
		}
	}
	return wb, nil
}

func xlsxUnmarshal(f *zip.File, v any) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v)
}

// xlsxCheckSharedStrings refuses a shared strings part past the budget: its
// inflated size, its texts, how many strings it holds and the count it
// declares (xlsxreader holds them all in memory).
func xlsxCheckSharedStrings(f *zip.File, fileSize int) error {
	if err := xlsxCheckInflated(f, f.Name, fileSize, true); err != nil {
		return err
	}
	budget := xlsxStringBudget(fileSize)
	if err := xlsxCheckStringCount(f, budget); err != nil {
		return err
	}
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("its shared strings are damaged: %v", err)
	}
	defer rc.Close()
	scan := &xlsxScan{where: f.Name, maxStrings: budget}
	buf := make([]byte, 256<<10)
	for {
		n, err := rc.Read(buf)
		if ferr := scan.feed(buf[:n]); ferr != nil {
			return ferr
		}
		if err != nil {
			return nil // a damaged part is xlsxreader's to report
		}
	}
}

// xlsxCheckStringCount rejects the count attribute of sharedStrings.xml that
// xlsxreader would use as a negative or absurd slice capacity.
func xlsxCheckStringCount(f *zip.File, budget int) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("its shared strings are damaged: %v", err)
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, 64<<10))
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil // xlsxreader reports it
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		for _, a := range se.Attr {
			if a.Name.Local != "count" {
				continue
			}
			if n, err := strconv.Atoi(a.Value); err == nil && (n < 0 || n > budget) {
				return fmt.Errorf("its shared string count %d is out of range", n)
			}
		}
		return nil
	}
}

// xlsxNegativeStringIndex reports a cell of type "s" whose <v> starts with
// a minus sign: xlsxreader indexes its shared strings with it and panics in
// a goroutine, where it cannot be recovered. The scan is on bytes, with
// xml-aware checks around each suspicious spot (">-", a CDATA section or a
// character reference), and errs on the side of rejecting: real writers
// never put those in a shared-string index.
//
// The same pass feeds scan, which stops at anything past the budget.
func xlsxNegativeStringIndex(f *zip.File, scan *xlsxScan) (bool, error) {
	rc, err := f.Open()
	if err != nil {
		return false, err
	}
	defer rc.Close()
	const overlap = 4 << 10
	buf := make([]byte, 256<<10+overlap)
	keep := 0
	for {
		n, err := io.ReadFull(rc, buf[keep:])
		if ferr := scan.feed(buf[keep : keep+n]); ferr != nil {
			return false, ferr
		}
		data := buf[:keep+n]
		from := max(keep-8, 0)
		for _, trig := range []string{">-", "CDATA[", "&#"} {
			for p := from; ; {
				i := bytes.Index(data[p:], []byte(trig))
				if i < 0 {
					break
				}
				p += i
				if xlsxInSharedIndex(data, p) {
					return true, nil
				}
				p++
			}
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		keep = min(overlap, len(data))
		copy(buf, data[len(data)-keep:])
	}
}

// xlsxInSharedIndex reports whether position p of a sheet's XML is in the
// first text of a <v> inside a <c t="s">. Unsure answers are true.
func xlsxInSharedIndex(data []byte, p int) bool {
	end := p
	lt := -1
	for {
		lt = bytes.LastIndexByte(data[:end], '<')
		if lt < 0 {
			return true // unsure
		}
		if data[lt+1] != '!' {
			break
		}
		end = lt // a CDATA section or comment opener
	}
	if data[lt+1] == '/' || data[lt+1] == '?' {
		return false
	}
	if xlsxLocalName(data[lt+1:]) != "v" {
		return false
	}
	for e := lt; ; {
		k := bytes.LastIndexByte(data[:e], '<')
		if k < 0 || lt-k > 4<<10 {
			return true
		}
		if k+1 < len(data) && data[k+1] == '/' {
			if xlsxLocalName(data[k+2:]) == "c" {
				return false // the <v> is not in a cell
			}
			e = k
			continue
		}
		if xlsxLocalName(data[k+1:]) == "c" {
			gt := bytes.IndexByte(data[k:], '>')
			if gt < 0 {
				return true
			}
			return xlsxTypeS(data[k : k+gt])
		}
		e = k
	}
}

// xlsxLocalName returns the local name of the tag whose name starts b.
func xlsxLocalName(b []byte) string {
	i := 0
	for i < len(b) && b[i] != ' ' && b[i] != '>' && b[i] != '/' && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' {
		i++
	}
	name := b[:i]
	if c := bytes.LastIndexByte(name, ':'); c >= 0 {
		name = name[c+1:]
	}
	return string(name)
}

// xlsxTypeS reports a t attribute of "s" (or one hidden behind a character
// reference) in a start tag.
func xlsxTypeS(tag []byte) bool {
	for i := 1; i < len(tag); i++ {
		if tag[i] != 't' {
			continue
		}
		prev := tag[i-1]
		if prev != ' ' && prev != '\t' && prev != '\n' && prev != '\r' && prev != ':' {
			continue
		}
		j := i + 1
		for j < len(tag) && (tag[j] == ' ' || tag[j] == '\t' || tag[j] == '\n' || tag[j] == '\r') {
			j++
		}
		if j >= len(tag) || tag[j] != '=' {
			continue
		}
		j++
		for j < len(tag) && (tag[j] == ' ' || tag[j] == '\t' || tag[j] == '\n' || tag[j] == '\r') {
			j++
		}
		if j >= len(tag) || (tag[j] != '"' && tag[j] != '\'') {
			continue
		}
		q := tag[j]
		e := bytes.IndexByte(tag[j+1:], q)
		if e < 0 {
			return true
		}
		val := tag[j+1 : j+1+e]
		if string(val) == "s" || bytes.IndexByte(val, '&') >= 0 {
			return true
		}
	}
	return false
}
