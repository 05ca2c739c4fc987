package table

import (
	"errors"
	"sort"
)

// Runs is a number per row that mostly goes up by one from row to row, such
// as the line of the file where each row starts (most files have one row
// a line) or the identity key each row of a contacts list brings. It keeps
// runs of consecutive values (a row and its value each) rather than a
// value per row: 5 million one-line rows cost 8 bytes instead of 20 MB.
// When runs would cost more than a value per row (a multi-line field in
// every row, a customer's many orders), it keeps a value per row.
type Runs struct {
	n      int
	starts []int32 // the first row of each run
	firsts []int32 // the value of that row
	dense  []int32 // a value per row, once runs cost more
}

// Len is the number of rows.
func (l *Runs) Len() int { return l.n }

// Append adds a row whose value is v.
func (l *Runs) Append(v int32) {
	switch {
	case l.dense != nil:
		l.dense = append(l.dense, v)
	case l.n > 0 && v == l.At(l.n-1)+1:
		// the run goes on
	case 2*(len(l.starts)+1) > l.n+16:
		// A run per row or nearly: a value per row is smaller.
		dense := make([]int32, l.n, max(2*l.n, 1024))
		for i := range dense {
			dense[i] = l.At(i)
		}
		l.dense, l.starts, l.firsts = append(dense, v), nil, nil
	default:
		l.starts = append(l.starts, int32(l.n))
		l.firsts = append(l.firsts, v)
	}
	l.n++
}

// At returns the value of row i.
func (l *Runs) At(i int) int32 {
	if l.dense != nil {
		return l.dense[i]
	}
	k := len(l.starts) - 1
	if k > 0 && int(l.starts[k]) > i {
		k = sort.Search(len(l.starts), func(j int) bool { return int(l.starts[j]) > i }) - 1
	}
	return l.firsts[k] + int32(i) - l.starts[k]
}

// Last returns the value of the last row, or def when there is none.
func (l *Runs) Last(def int32) int32 {
	if l.n == 0 {
		return def
	}
	return l.At(l.n - 1)
}

// AppendShifted appends the rows of o, their values moved by shift.
func (l *Runs) AppendShifted(o *Runs, shift int32) {
	if o.dense != nil {
		for _, v := range o.dense {
			l.Append(v + shift)
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
// either a value per row or (start, value) pairs after a marker.
func (l *Runs) Encode() []int32 {
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

// DecodeRuns reads what Encode wrote, checking it.
func DecodeRuns(v []int32) (Runs, error) {
	bad := errors.New("runs: malformed")
	if len(v) < 2 || v[0] < 0 {
		return Runs{}, bad
	}
	l := Runs{n: int(v[0])}
	switch v[1] {
	case 0:
		if len(v)-2 != l.n {
			return Runs{}, bad
		}
		l.dense = v[2:]
		if l.dense == nil {
			l.dense = []int32{}
		}
	case 1:
		if len(v)%2 != 0 {
			return Runs{}, bad
		}
		for k := 2; k < len(v); k += 2 {
			start := v[k]
			if prev := len(l.starts) - 1; start < 0 || int(start) >= l.n || (prev >= 0 && start <= l.starts[prev]) || (prev < 0 && start != 0) {
				return Runs{}, bad
			}
			l.starts, l.firsts = append(l.starts, start), append(l.firsts, v[k+1])
		}
		if l.n > 0 && len(l.starts) == 0 {
			return Runs{}, bad
		}
	default:
		return Runs{}, bad
	}
	return l, nil
}

// Slice returns a value per row.
func (l *Runs) Slice() []int32 {
	out := make([]int32, l.n)
	for i := range out {
		out[i] = l.At(i)
	}
	return out
}

// IsCount reports whether row i's value is i for every row.
func (l *Runs) IsCount() bool {
	if l.dense != nil {
		for i, v := range l.dense {
			if int(v) != i {
				return false
			}
		}
		return true
	}
	return l.n == 0 || len(l.starts) == 1 && l.firsts[0] == 0
}

// Take returns a value per row, l's own slice when it keeps one, and
// empties l.
func (l *Runs) Take() []int32 {
	v := l.dense
	if v == nil {
		v = l.Slice()
	}
	*l = Runs{}
	return v
}
