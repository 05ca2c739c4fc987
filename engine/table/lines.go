package table

import (
	"errors"
	"sort"
)

// Lines is the 1-based line of the file where each row starts. Most files
// have one row a line, so it keeps runs of rows on consecutive lines (a
// row and its line each) rather than a line per row: 5 million one-line
// rows cost 8 bytes instead of 20 MB. When runs would cost more than a
// line per row (a multi-line field in every row), it keeps a line per row.
type Lines struct {
	n      int
	starts []int32 // the first row of each run
	firsts []int32 // the line of that row
	dense  []int32 // a line per row, once runs cost more
}

// Len is the number of rows.
func (l *Lines) Len() int { return l.n }

// Append adds a row starting on line.
func (l *Lines) Append(line int32) {
	switch {
	case l.dense != nil:
		l.dense = append(l.dense, line)
	case l.n > 0 && line == l.At(l.n-1)+1:
		// the run goes on
	case 2*(len(l.starts)+1) > l.n+16:
		// A run per row or nearly: a line per row is smaller.
		dense := make([]int32, l.n, max(2*l.n, 1024))
		for i := range dense {
			dense[i] = l.At(i)
		}
		l.dense, l.starts, l.firsts = append(dense, line), nil, nil
	default:
		l.starts = append(l.starts, int32(l.n))
		l.firsts = append(l.firsts, line)
	}
	l.n++
}

// At returns the line of row i.
func (l *Lines) At(i int) int32 {
	if l.dense != nil {
		return l.dense[i]
	}
	k := len(l.starts) - 1
	if k > 0 && int(l.starts[k]) > i {
		k = sort.Search(len(l.starts), func(j int) bool { return int(l.starts[j]) > i }) - 1
	}
	return l.firsts[k] + int32(i) - l.starts[k]
}

// Last returns the line of the last row, or def when there is none.
func (l *Lines) Last(def int32) int32 {
	if l.n == 0 {
		return def
	}
	return l.At(l.n - 1)
}

// AppendShifted appends the rows of o, their lines moved by shift.
func (l *Lines) AppendShifted(o *Lines, shift int32) {
	if o.dense != nil {
		for _, line := range o.dense {
			l.Append(line + shift)
		}
		return
	}
	for k, start := range o.starts {
		end := int32(o.n)
		if k+1 < len(o.starts) {
			end = o.starts[k+1]
		}
		first := o.firsts[k] + shift
		if l.dense != nil || l.n == 0 || first != l.At(l.n-1)+1 {
			l.Append(first)
			start++
		}
		if l.dense != nil {
			for i := start; i < end; i++ {
				l.dense = append(l.dense, first+i-o.starts[k])
			}
		}
		l.n += int(end - start)
	}
}

// Encode returns l as int32s for the part Workers' wire: the rows, then
// either a line per row or (start, line) pairs after a marker.
func (l *Lines) Encode() []int32 {
	if l.dense != nil {
		return append([]int32{int32(l.n), 0}, l.dense...)
	}
	out := make([]int32, 0, 2+2*len(l.starts))
	out = append(out, int32(l.n), 1)
	for k := range l.starts {
		out = append(out, l.starts[k], l.firsts[k])
	}
	return out
}

// DecodeLines reads what Encode wrote, checking it.
func DecodeLines(v []int32) (Lines, error) {
	bad := errors.New("line numbers: malformed")
	if len(v) < 2 || v[0] < 0 {
		return Lines{}, bad
	}
	l := Lines{n: int(v[0])}
	switch v[1] {
	case 0:
		if len(v)-2 != l.n {
			return Lines{}, bad
		}
		l.dense = v[2:]
		if l.dense == nil {
			l.dense = []int32{}
		}
	case 1:
		if len(v)%2 != 0 {
			return Lines{}, bad
		}
		for k := 2; k < len(v); k += 2 {
			start := v[k]
			if prev := len(l.starts) - 1; start < 0 || int(start) >= l.n || (prev >= 0 && start <= l.starts[prev]) || (prev < 0 && start != 0) {
				return Lines{}, bad
			}
			l.starts, l.firsts = append(l.starts, start), append(l.firsts, v[k+1])
		}
		if l.n > 0 && len(l.starts) == 0 {
			return Lines{}, bad
		}
	default:
		return Lines{}, bad
	}
	return l, nil
}

// Slice returns a line per row.
func (l *Lines) Slice() []int32 {
	out := make([]int32, l.n)
	for i := range out {
		out[i] = l.At(i)
	}
	return out
}
