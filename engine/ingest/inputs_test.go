package ingest

import (
	"slices"
	"testing"
)

func TestUniqueNames(t *testing.T) {
	for _, c := range []struct{ in, want []string }{
		{[]string{"a/x.csv", "b/x.csv", "c/y.csv"}, []string{"a/x.csv", "b/x.csv", "y.csv"}},
		{[]string{"/d/a/x.csv", "/e/a/x.csv", "x.csv"}, []string{"d/a/x.csv", "e/a/x.csv", "x.csv"}},
		{[]string{"x.csv", "x.csv", `dir\x.csv`}, []string{"x.csv", "x.csv (2)", "dir/x.csv"}},
		{[]string{"orders.csv"}, []string{"orders.csv"}},
	} {
		if got := UniqueNames(c.in); !slices.Equal(got, c.want) {
			t.Errorf("UniqueNames(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMappingUnmatched(t *testing.T) {
	m := Mapping{Files: map[string]FileMapping{
		"a.csv":    {Columns: map[string]Role{"Email": Email, "Emial": Email}, Scales: map[string]Scale{"Scroe": {0, 10}}},
		"gone.csv": {Kind: Orders},
		"bad.csv":  {Columns: map[string]Role{"x": Email}},
	}}
	files, cols := m.Unmatched([]string{"a.csv", "bad.csv"}, map[string][]string{"a.csv": {"Email", "Score"}})
	if !slices.Equal(files, []string{`the mapping names the file "gone.csv", which is not among the files given`}) {
		t.Errorf("files %q", files)
	}
	want := []string{`the mapping names the column "Emial", which this file does not have`, `the mapping names the column "Scroe", which this file does not have`}
	if !slices.Equal(cols["a.csv"], want) || len(cols) != 1 {
		t.Errorf("columns %q", cols)
	}
}
