package ingest

import (
	"bufio"
	"bytes"
	"io"
	"math"
	"slices"
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

// plainRoles decides the columns of a file without a header, which gives
// no names to go by, from their values alone, for the usual shape of such
// files — transactions: a column of dates (ISO or compact YYYYMMDD), one
// of amounts (numbers with decimals), a repeating identifier (the first
// column of whole numbers whose values repeat; zero-padded numbers are
// identifiers), and a count of items (small whole numbers). Everything
// else is left out. Nothing is decided when there is no date column: the
// file is then not transactions, and the general inference stands.
func plainRoles(roles []ColumnRole, sample [][]string) {
	n := len(roles)
	isDate, isMoney, isWhole, padded, small, repeats := make([]bool, n), make([]bool, n), make([]bool, n), make([]bool, n), make([]bool, n), make([]bool, n)
	for j := 0; j < n; j++ {
		seen := map[string]bool{}
		count, dates, money, decimals, whole, pad, maxWhole := 0, 0, 0, 0, 0, 0, 0.0
		for _, row := range sample {
			if j >= len(row) {
				continue
			}
			v := []byte(row[j])
			if len(v) == 0 {
				continue
			}
			count++
			if seen[row[j]] {
				repeats[j] = true
			}
			seen[row[j]] = true
			if _, ok := compactDate(v); ok {
				dates++
			} else if _, ok := isoTime(v); ok {
				dates++
			}
			x, ok := ParseNumber(v)
			if !ok {
				continue
			}
			if i := bytes.IndexByte(v, '.'); i >= 0 && len(v)-i-1 <= 2 {
				money++
				if x != math.Trunc(x) {
					decimals++
				}
			}
			if x == math.Trunc(x) && bytes.IndexByte(v, '.') < 0 && x >= 0 {
				whole++
				maxWhole = math.Max(maxWhole, x)
				if len(v) > 1 && v[0] == '0' {
					pad++
				}
			}
		}
		if count == 0 {
			continue
		}
		isDate[j] = dates == count
		isMoney[j] = money == count && decimals > 0
		isWhole[j] = whole == count && !isDate[j]
		padded[j] = pad > 0
		small[j] = isWhole[j] && !padded[j] && maxWhole <= 1000
	}
	date := slices.Index(isDate, true)
	if date < 0 {
		return
	}
	set := func(j int, r Role) { roles[j].Role, roles[j].By, roles[j].Confidence = r, "content", 0.7 }
	for j := range roles {
		set(j, Ignore)
	}
	set(date, Date)
	if a := slices.Index(isMoney, true); a >= 0 {
		set(a, Amount)
	}
	id := -1
	for j := range roles {
		if isWhole[j] && repeats[j] && (padded[j] || !small[j]) && roles[j].Role == Ignore {
			id = j
			break
		}
	}
	if id >= 0 {
		set(id, CustomerID)
	}
	for j := range roles {
		if small[j] && roles[j].Role == Ignore {
			set(j, Quantity)
			break
		}
	}
}
