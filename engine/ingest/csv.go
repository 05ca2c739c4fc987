package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/qalbhq/qalb/engine/message"
)

// The CSV reader is a hand-written streaming scanner: RFC 4180 plus what
// real exports do.
//
//   - Records are parsed in a large buffer and the fields of the returned Row
//     alias it (like encoding/csv's ReuseRecord): no allocation per record
//     for unquoted fields or quoted fields without "" escapes; escaped
//     fields are unescaped into a scratch buffer reused per record.
//   - Quoted fields may span lines; Row.Line is the line where the record
//     starts and line numbers stay true after multi-line fields.
//   - Line ends: LF, CRLF, or lone CR (a file whose sample has CRs but no LF
//     outside quotes is read with CR line ends). In an LF file a lone CR
//     inside a line is data.
//   - A bare " inside an unquoted field is kept literally. Text after a
//     closing quote is kept, with that quote: "12" screen" gives 12" screen".
//     Spaces around a quoted field are not data: "a" , "b" gives a and b.
//   - A quoted field still open after csvMaxRecord bytes makes its record
//     one rejected row: the field is skipped, streaming, to its closing
//     quote, and reading resumes on the line after (the lines inside the
//     quotes are never rows). A record over csvMaxRecord without an open
//     quote (one huge line) is rejected and reading resumes on the next
//     line. An unterminated quote at end of file returns the record with
//     Row.Err.
//   - Blank lines (empty, or only spaces/tabs when tab is not the delimiter)
//     are not records. Records are returned with as many fields as they
//     have: ragged records are the caller's to judge.

const (
	csvBufSize   = 512 << 10
	csvSniffSize = 64 << 10
	csvMaxRecord = MaxCSVRecord
	csvSniffRows = 200
)

// parse results
const (
	csvMore = iota
	csvRecord
	csvEnd
)

type csvReader struct {
	r        io.Reader
	base     int64 // input bytes before r's first byte (a byte-order mark)
	read     int64 // bytes read from r
	buf      []byte
	start    int // first unconsumed byte
	end      int // end of the data in buf
	eof      bool
	rerr     error
	line     int  // line number of buf[start]
	comma    byte // field delimiter
	nl       byte // '\n', or '\r' for files with lone-CR line ends
	nlSep    []byte
	done     bool
	skipLine bool // resynchronising after an oversized record
	// quoteScan is, when parse stopped inside a quoted field for want of
	// input, where in the record the search for its closing quote stopped
	// (-1 otherwise). skipQuoted: an oversized quoted field is being
	// skipped, then (afterQuote) the rest of its line.
	quoteScan  int
	skipQuoted bool
	afterQuote bool
	replay     bool // c.row is to be returned again by Next

	header     []string
	headerRows int
	headerLine int
	notes      []string
	st         csvStructure // comment lines and tables (structure.go)

	row     Row
	fields  [][]byte
	scratch []byte
	special [256]bool // the bytes that end an unquoted field or start a quoted one
}

// newCSVReader reads the first buffer of r (UTF-8 text), sniffs the line
// ends and, when delim is 0, the delimiter, and reads the header.
func newCSVReader(r io.Reader, delim byte) (*csvReader, error) {
	c := &csvReader{r: r, buf: make([]byte, csvBufSize), line: 1, headerRows: 1}
	c.fill()
	if c.rerr != nil && c.end == 0 {
		return nil, errors.New(message.Format("fileUnreadable", c.rerr))
	}
	if bytes.HasPrefix(c.buf[:c.end], []byte("\xEF\xBB\xBF")) {
		c.start = 3
	}
	sample := c.buf[c.start:min(c.end, c.start+csvSniffSize)]
	sampleEOF := c.eof && c.start+csvSniffSize >= c.end
	c.nl = csvSniffNewline(sample)
	c.nlSep = []byte{c.nl}
	if d, n, ok := csvSepLine(sample); ok {
		if delim == 0 {
			delim = d
		}
		c.start += n
		c.line++
		c.notes = append(c.notes, message.Format("sepLine", csvDelimName(d)))
		sample = sample[n:]
	}
	if delim == 0 {
		delim = csvSniffDelimiter(csvSkipComments(sample, c.nl), c.nl, sampleEOF)
	}
	c.comma = delim
	c.special[delim], c.special[c.nl], c.special['"'] = true, true, true

	row, err := c.Next()
	if err == io.EOF {
		return nil, errors.New(message.Format("empty"))
	}
	if err != nil {
		return nil, errors.New(message.Format("fileUnreadable", err))
	}
	if row.Err != nil {
		return nil, errors.New(message.Format("headerUnreadable", row.Line, row.Err))
	}
	c.headerLine = row.Line
	names, index := csvPandasHeader(csvStrings(row.Fields))
	if csvIsSurveyMonkey(names) {
		sub, err := c.Next()
		if err != nil && err != io.EOF {
			return nil, errors.New(message.Format("fileUnreadable", err))
		}
		if err == nil {
			if sub.Err == nil && csvIsSubHeader(names, sub.Fields) {
				names = csvMergeSurveyMonkey(names, csvStrings(sub.Fields))
				c.headerRows = 2
				c.notes = append(c.notes, message.Format("surveyMonkey"))
			} else {
				c.replay = true // a data row after all: Next returns it first
			}
		}
	}
	if c.headerRows == 1 && headerless(names) {
		names = numberedHeader(len(names))
		c.headerRows = 0
		c.replay = true // the first row is data: Next returns it first
		c.notes = append(c.notes, message.Format("noHeader"))
	} else if names, err = c.moreHeaderRows(names, index); err != nil {
		return nil, errors.New(message.Format("fileUnreadable", err))
	}
	c.header = openUniqueHeader(names)
	c.st.startData(c)
	return c, nil
}

// newCSVPart reads records from r, which starts at a record of a file
// whose header and settings another csvReader has read: line 1 is r's
// first line.
func newCSVPart(r io.Reader, like *csvReader) *csvReader {
	return &csvReader{r: r, buf: make([]byte, csvBufSize), line: 1, headerRows: like.headerRows,
		comma: like.comma, nl: like.nl, nlSep: like.nlSep, special: like.special, header: like.header}
}

// next returns the input offset of the next record (of the blank lines
// before it), and false when it cannot be known: the input was transcoded
// or repaired, so offsets in the text are not offsets in the file.
func (c *csvReader) next() (int64, bool) {
	f, ok := c.r.(*encUTF8Fixer)
	if !ok || f.fixed || c.skipLine || c.skipQuoted || c.replay {
		return 0, false
	}
	return c.base + c.read - int64(c.end-c.start), true
}

// Header implements RowReader.
func (c *csvReader) Header() []string { return c.header }

// Next implements RowReader. The Row and its fields are reused.
func (c *csvReader) Next() (*Row, error) {
	if c.replay {
		c.replay = false
		return &c.row, nil
	}
	for {
		if c.done {
			return nil, io.EOF
		}
		if c.skipLine {
			if i := bytes.IndexByte(c.buf[c.start:c.end], c.nl); i >= 0 {
				c.start += i + 1
				c.line++
				c.skipLine = false
				continue
			}
			c.start = c.end
			if c.eof {
				c.done = true
				return nil, io.EOF
			}
			if c.rerr != nil {
				return nil, c.rerr
			}
			c.fill()
			continue
		}
		if c.skipQuoted {
			if c.skipQuotedField() {
				continue
			}
			if c.eof {
				c.done = true
				return nil, io.EOF
			}
			if c.rerr != nil {
				return nil, c.rerr
			}
			c.fill()
			continue
		}
		switch c.parse() {
		case csvRecord:
			if c.structure() {
				continue
			}
			return &c.row, nil
		case csvEnd:
			c.done = true
			return nil, io.EOF
		}
		// csvMore: the buffer ends inside the record.
		if c.rerr != nil {
			return nil, c.rerr
		}
		if c.end-c.start >= csvMaxRecord {
			c.row = Row{Line: c.line, Fields: c.fields[:0],
				Err: errors.New(message.Format("recordTooLarge", csvMaxRecord>>20))}
			c.tooLarge()
			return &c.row, nil
		}
		c.fill()
	}
}

// tooLarge resynchronises after a record over csvMaxRecord. In a quoted
// field that is still open, the field is skipped to its closing quote and
// then the rest of that line, streaming (the lines inside the quotes are
// data, not records: reading them as rows made millions of fake ones); a
// field that never closes ends with the file, as it does in a smaller
// file. Otherwise (one line over the limit) reading resumes on the next
// line.
func (c *csvReader) tooLarge() {
	if c.quoteScan < 0 {
		c.skipLine = true
		return
	}
	from := c.start + c.quoteScan
	c.line += bytes.Count(c.buf[c.start:from], c.nlSep)
	c.start = from
	c.skipQuoted, c.afterQuote = true, false
}

// skipQuotedField consumes an oversized quoted field from c.start and the
// rest of its line, keeping nothing: true when done (c.start at the next
// line), false when the buffer is used up first.
func (c *csvReader) skipQuotedField() bool {
	buf := c.buf[:c.end]
	for c.start < len(buf) {
		if c.afterQuote {
			i := bytes.IndexByte(buf[c.start:], c.nl)
			if i < 0 {
				c.start = len(buf)
				return false
			}
			c.start += i + 1
			c.line++
			c.skipQuoted, c.afterQuote = false, false
			return true
		}
		j := bytes.IndexByte(buf[c.start:], '"')
		if j < 0 {
			c.line += bytes.Count(buf[c.start:], c.nlSep)
			c.start = len(buf)
			return false
		}
		k := c.start + j
		c.line += bytes.Count(buf[c.start:k], c.nlSep)
		switch {
		case k+1 >= len(buf) && !c.eof:
			c.start = k // is it a "" escape? Known with more input.
			return false
		case k+1 < len(buf) && buf[k+1] == '"':
			c.start = k + 2
		default:
			c.start = k + 1
			c.afterQuote = true
		}
	}
	return false
}

// fill moves the unconsumed bytes to the front of the buffer, grows it when
// they fill it, and reads until the buffer is full or the input ends.
func (c *csvReader) fill() {
	if c.start > 0 {
		c.end = copy(c.buf, c.buf[c.start:c.end])
		c.start = 0
	}
	if c.end == len(c.buf) {
		nb := make([]byte, 2*len(c.buf))
		copy(nb, c.buf[:c.end])
		c.buf = nb
	}
	for empty := 0; c.end < len(c.buf); {
		n, err := c.r.Read(c.buf[c.end:])
		c.end += n
		c.read += int64(n)
		if err != nil {
			if err == io.EOF {
				c.eof = true
			} else {
				c.rerr = err
			}
			return
		}
		if n == 0 {
			if empty++; empty > 100 {
				c.rerr = io.ErrNoProgress
				return
			}
		}
	}
}

// parse parses the record at c.start. It returns csvMore, with nothing
// consumed but blank lines, when the buffer ends inside the record and more
// input may follow.
func (c *csvReader) parse() int {
	buf := c.buf[:c.end]
	pos, line := c.start, c.line
	nl, comma := c.nl, c.comma
	c.quoteScan = -1
	broken, bareQuote, lineQuote := false, false, false

	// Blank lines are not records.
	for {
		if pos >= len(buf) {
			c.start, c.line = pos, line
			if c.eof {
				return csvEnd
			}
			return csvMore
		}
		b := buf[pos]
		if b == nl {
			pos++
			line++
			continue
		}
		if b == '\r' && nl == '\n' {
			if pos+1 < len(buf) {
				if buf[pos+1] == '\n' {
					pos += 2
					line++
					continue
				}
				break
			}
			if !c.eof {
				c.start, c.line = pos, line
				return csvMore
			}
			pos++
			continue
		}
		if b == '\n' && nl == '\r' { // the LF of a CRLF in a CR file
			pos++
			continue
		}
		if csvBlank(b, comma) {
			q := pos + 1
			for q < len(buf) && csvBlank(buf[q], comma) {
				q++
			}
			if q >= len(buf) || (buf[q] == '\r' && nl == '\n' && q+1 >= len(buf)) {
				if !c.eof {
					c.start, c.line = pos, line
					return csvMore
				}
				pos = len(buf)
				continue
			}
			if buf[q] == nl || (buf[q] == '\r' && nl == '\n' && buf[q+1] == '\n') {
				pos = q
				continue
			}
		}
		break
	}
	c.start, c.line = pos, line

	recLine := line
	fields := c.fields[:0]
	c.scratch = c.scratch[:0]

	// The usual record is one line without quotes: split it in one pass
	// over its bytes. A quote sends the record to the general parser below.
	for i, start := pos, pos; i < len(buf); i++ {
		b := buf[i]
		if !c.special[b] {
			continue
		}
		if b == comma {
			fields = append(fields, buf[start:i:i])
			start = i + 1
			continue
		}
		if b == nl {
			fe := i
			if nl == '\n' && fe > start && buf[fe-1] == '\r' {
				fe--
			}
			fields = append(fields, buf[start:fe:fe])
			c.fields = fields
			c.start, c.line = i+1, line+1
			c.row = Row{Line: recLine, Fields: fields}
			return csvRecord
		}
		break // a quote
	}
	fields = fields[:0]

	lineEnd := -1 // index of the line end at or after pos, or len(buf) at EOF
	for {
		if pos < len(buf) && buf[pos] == ' ' && comma != ' ' {
			// Spaces before an opening quote are not data: "a", "b".
			q := pos + 1
			for q < len(buf) && buf[q] == ' ' {
				q++
			}
			if q >= len(buf) && !c.eof {
				c.fields = fields
				return csvMore
			}
			if q < len(buf) && buf[q] == '"' {
				pos = q
			}
		}
		if pos < len(buf) && buf[pos] == '"' {
			// Quoted field.
			qLine := line
			seg := pos + 1 // start of the not yet copied part of the content
			q := seg
			sc := -1 // start of the field in scratch; -1: the field is a slice of buf
			var val []byte
			for {
				j := bytes.IndexByte(buf[q:], '"')
				if j < 0 {
					if !c.eof {
						c.fields = fields
						c.quoteScan = q - c.start
						return csvMore
					}
					line += bytes.Count(buf[q:], c.nlSep)
					if sc < 0 {
						val = buf[seg:len(buf):len(buf)]
					} else {
						c.scratch = append(c.scratch, buf[seg:]...)
						val = c.scratch[sc:len(c.scratch):len(c.scratch)]
					}
					fields = append(fields, val)
					c.fields = fields
					c.row = Row{Line: recLine, Fields: fields,
						Err: errors.New(message.Format("unterminated", qLine))}
					c.start, c.line = len(buf), line
					return csvRecord
				}
				k := q + j
				line += bytes.Count(buf[q:k], c.nlSep)
				if k+1 >= len(buf) && !c.eof {
					c.fields = fields
					c.quoteScan = k - c.start
					return csvMore
				}
				if k+1 < len(buf) && buf[k+1] == '"' { // "" escape
					if sc < 0 {
						sc = len(c.scratch)
					}
					c.scratch = append(c.scratch, buf[seg:k+1]...)
					seg = k + 2
					q = seg
					continue
				}
				if sc < 0 {
					val = buf[seg:k:k]
				} else {
					c.scratch = append(c.scratch, buf[seg:k]...)
					val = c.scratch[sc:len(c.scratch):len(c.scratch)]
				}
				pos = k + 1
				break
			}
			if pos < len(buf) && csvBlank(buf[pos], comma) {
				// Spaces after the closing quote are not data either.
				q := pos + 1
				for q < len(buf) && csvBlank(buf[q], comma) {
					q++
				}
				if q >= len(buf) && !c.eof {
					c.fields = fields
					return csvMore
				}
				if q >= len(buf) || buf[q] == comma || buf[q] == nl || (buf[q] == '\r' && nl == '\n') {
					pos = q
				}
			}
			if pos >= len(buf) { // end of file
				fields = append(fields, val)
				c.start, c.line = pos, line
				break
			}
			b := buf[pos]
			if b == comma {
				fields = append(fields, val)
				pos++
				continue
			}
			if b == nl {
				fields = append(fields, val)
				c.start, c.line = pos+1, line+1
				break
			}
			if b == '\r' && nl == '\n' {
				if pos+1 >= len(buf) {
					if !c.eof {
						c.fields = fields
						return csvMore
					}
					fields = append(fields, val)
					c.start, c.line = pos+1, line
					break
				}
				if buf[pos+1] == '\n' {
					fields = append(fields, val)
					c.start, c.line = pos+2, line+1
					break
				}
			}
			// Text after the closing quote: keep the quote and the text up
			// to the next delimiter or line end. When the quoted part ran
			// over line ends, a quote was almost surely left open on the
			// record's first line and this one closed it: the record is
			// broken and is rejected whole (its lines are named).
			if bytes.IndexByte(val, nl) >= 0 {
				broken = true
			}
			le := bytes.IndexByte(buf[pos:], nl)
			if le < 0 {
				if !c.eof {
					c.fields = fields
					return csvMore
				}
				le = len(buf)
			} else {
				le += pos
			}
			fe := le
			if i := bytes.IndexByte(buf[pos:le], comma); i >= 0 {
				fe = pos + i
			}
			tail := buf[pos:fe]
			if fe == le && nl == '\n' && len(tail) > 0 && tail[len(tail)-1] == '\r' {
				tail = tail[:len(tail)-1]
			}
			s := len(c.scratch)
			c.scratch = append(c.scratch, val...)
			c.scratch = append(c.scratch, '"')
			c.scratch = append(c.scratch, tail...)
			fields = append(fields, c.scratch[s:len(c.scratch):len(c.scratch)])
			if fe == le {
				if le < len(buf) {
					c.start, c.line = le+1, line+1
				} else {
					c.start, c.line = le, line
				}
				break
			}
			pos = fe + 1
			lineEnd = le
			continue
		}

		// Unquoted field.
		if lineEnd < pos {
			le := bytes.IndexByte(buf[pos:], nl)
			if le < 0 {
				if !c.eof {
					c.fields = fields
					return csvMore
				}
				lineEnd = len(buf)
			} else {
				lineEnd = pos + le
			}
			lineQuote = bytes.IndexByte(buf[pos:lineEnd], '"') >= 0
		}
		// Most fields are short or empty: look at the first bytes inline
		// before paying for a call.
		i, stop := pos, min(pos+16, lineEnd)
		for i < stop && buf[i] != comma {
			i++
		}
		if i == stop && i < lineEnd {
			if j := bytes.IndexByte(buf[i:lineEnd], comma); j >= 0 {
				i += j
			} else {
				i = lineEnd
			}
		}
		if i < lineEnd {
			if lineQuote && bytes.IndexByte(buf[pos:i], '"') >= 0 {
				bareQuote = true
			}
			fields = append(fields, buf[pos:i:i])
			pos = i + 1
			continue
		}
		fe := lineEnd
		if nl == '\n' && fe > pos && buf[fe-1] == '\r' {
			fe--
		}
		if lineQuote && bytes.IndexByte(buf[pos:fe], '"') >= 0 {
			bareQuote = true
		}
		fields = append(fields, buf[pos:fe:fe])
		if lineEnd < len(buf) {
			c.start, c.line = lineEnd+1, line+1
		} else {
			c.start, c.line = lineEnd, line
		}
		break
	}
	c.fields = fields
	c.row = Row{Line: recLine, Fields: fields}
	if bareQuote {
		c.row.Note = message.Format("bareQuote")
	}
	if broken {
		c.row.Err = errors.New(message.Format("quoteMissing", recLine, line, recLine, line))
	}
	return csvRecord
}

// csvBlank reports a space or tab that is not the delimiter.
func csvBlank(b, comma byte) bool {
	return (b == ' ' || b == '\t') && b != comma
}

// csvStrings copies fields out of the reader's buffers.
func csvStrings(fields [][]byte) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = string(f)
	}
	return out
}

// csvSniffNewline picks the line terminator: CR when the sample has lone
// CRs and no LF outside quotes (old Mac exports, whose in-cell line breaks
// are LFs inside quotes), else LF (which also handles CRLF).
func csvSniffNewline(s []byte) byte {
	if bytes.IndexByte(s, '\r') < 0 {
		return '\n'
	}
	inQ := false
	lf, cr := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			inQ = !inQ
		case '\n':
			if !inQ {
				lf++
			}
		case '\r':
			if !inQ && (i+1 >= len(s) || s[i+1] != '\n') {
				cr++
			}
		}
	}
	if cr > 0 && lf == 0 {
		return '\r'
	}
	return '\n'
}

// csvSepLine recognises Excel's "sep=;" first line. n is its length with
// its line end.
func csvSepLine(s []byte) (delim byte, n int, ok bool) {
	e := bytes.IndexAny(s, "\r\n")
	if e < 0 {
		e = len(s)
	}
	l := bytes.TrimSpace(s[:e])
	if len(l) == 7 && l[0] == '"' && l[6] == '"' {
		l = l[1:6]
	}
	if len(l) != 5 || !strings.EqualFold(string(l[:4]), "sep=") {
		if len(s[:e]) == 5 && strings.EqualFold(string(s[:4]), "sep=") && s[4] == '\t' {
			l = s[:5] // "sep=\t": TrimSpace ate the tab
		} else {
			return 0, 0, false
		}
	}
	d := l[4]
	if d == '"' || d >= 0x80 {
		return 0, 0, false
	}
	n = e
	if n < len(s) && s[n] == '\r' {
		n++
	}
	if n < len(s) && s[n] == '\n' {
		n++
	}
	return d, n, true
}

func csvDelimName(d byte) string {
	switch d {
	case '\t':
		return "tab"
	case ',':
		return "comma"
	case ';':
		return "semicolon"
	case '|':
		return "pipe"
	}
	return fmt.Sprintf("%q", d)
}

// csvSniffDelimiter chooses among , ; tab | the delimiter that splits the
// sample's records most consistently: the largest share of records having
// the most common field count, which must be at least 2; ties go to the
// larger field count, then to the order above. Quotes are honoured. With no
// candidate (one column), it is a comma.
func csvSniffDelimiter(s []byte, nl byte, eof bool) byte {
	best, bestShare, bestMode := byte(','), 0.0, 0
	for _, d := range []byte{',', ';', '\t', '|'} {
		counts := csvSniffCounts(s, d, nl, eof)
		if len(counts) == 0 {
			continue
		}
		freq := map[int]int{}
		mode, mf := 0, 0
		for _, n := range counts {
			freq[n]++
		}
		for n, f := range freq {
			if f > mf || (f == mf && n > mode) {
				mode, mf = n, f
			}
		}
		if mode < 2 {
			continue
		}
		share := float64(mf) / float64(len(counts))
		if share > bestShare+1e-9 || (share > bestShare-1e-9 && mode > bestMode) {
			best, bestShare, bestMode = d, share, mode
		}
	}
	return best
}

// csvSniffCounts returns the field count of each complete record of the
// sample when split by d.
func csvSniffCounts(s []byte, d, nl byte, eof bool) []int {
	var counts []int
	n, inQ, fieldStart, empty := 1, false, true, true
	for i := 0; i < len(s); i++ {
		b := s[i]
		if inQ {
			if b == '"' {
				if i+1 < len(s) && s[i+1] == '"' {
					i++
				} else {
					inQ = false
				}
			}
			continue
		}
		switch {
		case b == '"' && fieldStart:
			inQ, fieldStart, empty = true, false, false
		case b == d:
			n++
			fieldStart, empty = true, false
		case b == nl:
			if !empty {
				counts = append(counts, n)
				if len(counts) >= csvSniffRows {
					return counts
				}
			}
			n, fieldStart, empty = 1, true, true
		case b == '\r' && nl == '\n' && i+1 < len(s) && s[i+1] == '\n':
		case b == '\n' && nl == '\r':
		default:
			fieldStart, empty = false, false
		}
	}
	if eof && !empty && !inQ {
		counts = append(counts, n)
	}
	return counts
}

// csvIsSurveyMonkey reports SurveyMonkey's header: its second row is a
// sub-header.
func csvIsSurveyMonkey(h []string) bool {
	resp, coll := false, false
	for _, n := range h {
		n = strings.TrimSpace(strings.TrimPrefix(n, "\uFEFF"))
		resp = resp || strings.EqualFold(n, "Respondent ID")
		coll = coll || strings.EqualFold(n, "Collector ID")
	}
	return resp && coll
}

// csvIsSubHeader reports whether the row after a SurveyMonkey header is its
// sub-header: empty under "Respondent ID" (a data row has the id there).
func csvIsSubHeader(top []string, sub [][]byte) bool {
	for i, n := range top {
		if strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(n, "\uFEFF")), "Respondent ID") {
			return i >= len(sub) || len(bytes.TrimSpace(sub[i])) == 0
		}
	}
	return false
}

// csvMergeSurveyMonkey merges SurveyMonkey's two header rows: each question
// (top cell) is carried right over the empty top cells that follow it; a
// column is named by its question when its sub cell is empty or "Response",
// else "question — sub" (an option label, "Open-Ended Response", "Other
// (please specify)").
func csvMergeSurveyMonkey(top, sub []string) []string {
	n := max(len(top), len(sub))
	out := make([]string, n)
	cur := ""
	for i := range n {
		t := ""
		if i < len(top) {
			t = strings.TrimSpace(strings.TrimPrefix(top[i], "\uFEFF"))
		}
		if t != "" {
			cur = t
		} else {
			t = cur
		}
		s := ""
		if i < len(sub) {
			s = strings.TrimSpace(sub[i])
		}
		switch {
		case t == "":
			out[i] = s
		case s == "" || strings.EqualFold(s, "Response"):
			out[i] = t
		default:
			out[i] = t + " — " + s
		}
	}
	return out
}
