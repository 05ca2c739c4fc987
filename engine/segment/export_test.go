package segment

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func TestSafeCell(t *testing.T) {
	cases := map[string]string{
		"=1+1":                     "'=1+1",
		"+966500000000":            "'+966500000000",
		"-2":                       "'-2",
		"@SUM(A1)":                 "'@SUM(A1)",
		"\t=cmd":                   "'\t=cmd",
		"\r=cmd":                   "'\r=cmd",
		"plain":                    "plain",
		"":                         "",
		"a=b":                      "a=b",
		"عائشة":                    "عائشة",
		"=HYPERLINK(\"http://x\")": "'=HYPERLINK(\"http://x\")",
	}
	for in, want := range cases {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVWriter(t *testing.T) {
	for _, bom := range []bool{false, true} {
		var b bytes.Buffer
		w, _ := NewCSVWriter(&b, bom)
		w.Header("id", "name", "note")
		w.Row("1", "عائشة", "=2+3")
		w.Row("2", "Line\nbreak, \"quoted\"", "-1")
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if strings.HasPrefix(out, "\uFEFF") != bom {
			t.Fatalf("bom=%v: output starts %q", bom, out[:4])
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want := [][]string{{"id", "name", "note"}, {"1", "عائشة", "'=2+3"}, {"2", "Line\nbreak, \"quoted\"", "'-1"}}
		if len(recs) != 3 {
			t.Fatalf("records %q", recs)
		}
		for i := range want {
			for j := range want[i] {
				if recs[i][j] != want[i][j] {
					t.Errorf("cell %d,%d = %q, want %q", i, j, recs[i][j], want[i][j])
				}
			}
		}
	}
}
