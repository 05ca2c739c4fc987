package table

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// Lines gives back the line of every row, whatever the pattern of lines
// (one row a line, gaps, a multi-line field per row that turns runs into a
// line per row), after appending parts shifted, and across the wire form.
func TestRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	patterns := map[string]func(i int) int32{
		"one a line":   func(int) int32 { return 1 },
		"rare gaps":    func(i int) int32 { return 1 + int32(i%1000/999)*3 },
		"two a row":    func(int) int32 { return 2 },
		"random steps": func(int) int32 { return 1 + rng.Int32N(3) },
	}
	for name, step := range patterns {
		var l, joined Runs
		var want []int32
		line := int32(2)
		for i := range 5000 {
			l.Append(line)
			want = append(want, line)
			line += step(i)
		}
		if got := l.Slice(); !slices.Equal(got, want) || l.Len() != len(want) || l.Last(-1) != want[len(want)-1] {
			t.Fatalf("%s: lines differ", name)
		}
		// Join: the rows twice, the second time 10,000 lines further on,
		// and a copy over the wire.
		joined.AppendShifted(&l, 0)
		joined.AppendShifted(&l, 10000)
		back, err := DecodeRuns(joined.Encode())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i := range 2 * len(want) {
			w := want[i%len(want)] + int32(i/len(want))*10000
			if joined.At(i) != w || back.At(i) != w {
				t.Fatalf("%s: row %d: joined %d, decoded %d, want %d", name, i, joined.At(i), back.At(i), w)
			}
		}
		if name == "one a line" && (len(joined.starts) != 2 || joined.dense != nil) {
			t.Errorf("one row a line: %d runs, dense %v; want two runs", len(joined.starts), joined.dense != nil)
		}
		if name == "two a row" && joined.dense == nil {
			t.Errorf("a run per row was not turned into a line per row")
		}
	}
	var empty Runs
	if empty.Last(7) != 7 || empty.Len() != 0 {
		t.Error("empty lines")
	}
	for _, bad := range [][]int32{nil, {3}, {-1, 1}, {2, 0, 5}, {2, 1, 1, 5}, {4, 1, 0, 1, 0, 3}, {2, 9}} {
		if _, err := DecodeRuns(bad); err == nil {
			t.Errorf("DecodeRuns(%v) accepted", bad)
		}
	}
}
