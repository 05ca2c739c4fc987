package ingest

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
)

// Plain data files: columns aligned with runs of spaces and no header row,
// as written by older analytics tools and published data sets (the CDNOW
// transactions: "00004 0001 19970101  2   29.33"). Such a file is read as if
// each run of spaces were one tab, and a first row made only of numbers
// and dates is data, not a header: its columns are called "column 1", ….

// spaceAligned reports whether the sample is space-separated columns: no
// line has a comma, semicolon, tab, pipe or quote, and at least 5 lines
// split on runs of spaces into the same number (≥ 2) of fields.
func spaceAligned(sample []byte) bool {
	lines := bytes.Split(sample, []byte{'\n'})
	if len(lines) > 1 {
		lines = lines[:len(lines)-1] // the last may be cut short
	}
	n, count := 0, 0
	for _, l := range lines {
		l = bytes.TrimRight(l, "\r")
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		if bytes.ContainsAny(l, ",;\t|\"") {
			return false
		}
		f := len(bytes.Fields(l))
		if f < 2 || (n != 0 && f != n) {
			return false
		}
		n = f
		count++
	}
	return count >= 5
}

// spacesToTabs turns each run of spaces within a line into one tab and
// drops spaces at the start and end of lines.
type spacesToTabs struct {
	r   *bufio.Reader
	out []byte
}

func newSpacesToTabs(r io.Reader) io.Reader { return &spacesToTabs{r: bufio.NewReaderSize(r, 64<<10)} }

func (s *spacesToTabs) Read(p []byte) (int, error) {
	for len(s.out) == 0 {
		line, err := s.r.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			// A line longer than the buffer: pass the part through as it is
			// (it is no aligned table) and read on.
			s.out = append(s.out[:0], line...)
			break
		}
		if len(line) > 0 {
			s.out = appendTabbed(s.out[:0], line)
		}
		if err != nil {
			if len(s.out) == 0 {
				return 0, err
			}
			break
		}
	}
	n := copy(p, s.out)
	s.out = s.out[n:]
	return n, nil
}

func appendTabbed(dst, line []byte) []byte {
	end := len(line)
	nl := []byte(nil)
	for end > 0 && (line[end-1] == '\n' || line[end-1] == '\r') {
		end--
	}
	nl = line[end:]
	for i, f := range bytes.Fields(line[:end]) {
		if i > 0 {
			dst = append(dst, '\t')
		}
		dst = append(dst, f...)
	}
	return append(dst, nl...)
}

// headerless reports whether a first row is data rather than names: at
// least two fields, each a number (digits with an optional sign, point or
// comma) or a date written with digits only.
func headerless(fields []string) bool {
	if len(fields) < 2 {
		return false
	}
	for _, f := range fields {
		if f == "" {
			return false
		}
		if _, err := strconv.ParseFloat(f, 64); err == nil {
			continue
		}
		if _, ok := ParseTime([]byte(f), DMY); ok {
			continue
		}
		return false
	}
	return true
}

// numberedHeader names columns "column 1", "column 2", ….
func numberedHeader(n int) []string {
	h := make([]string, n)
	for i := range h {
		h[i] = "column " + strconv.Itoa(i+1)
	}
	return h
}
