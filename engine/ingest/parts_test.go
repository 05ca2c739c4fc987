package ingest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/qalbhq/qalb/engine/table"
)

// TestPartsEqualOneReader reads files in two and in three parts split at
// many places — record starts, the middle of lines, inside quoted fields
// that span lines, just past repaired bytes — and checks that each gives
// exactly the Source one reader gives: the same typed values and string
// ids, lines, counts, quality figures, rejected rows and cell issues.
func TestPartsEqualOneReader(t *testing.T) {
	files := map[string][]byte{}
	// (files of more records than the role sample: a split needs rows after it)
	for _, name := range []string{"shopify_orders.csv", "reviews.csv"} {
		b, err := os.ReadFile("../../fixtures/demo/" + name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = b
	}
	files["quirks.csv"] = quirksCSV(600, false)
	files["fills.csv"] = fillsCSV(900) // an export that fills blank columns from others
	// Repaired bytes: offsets in the text are no longer file offsets, so no
	// split may be joined after the reader met them (in a file this small,
	// its first read does).
	files["repaired.csv"] = quirksCSV(600, true)

	saved := parts
	t.Cleanup(func() { parts = saved })
	parts.minBytes = 0
	joined, tried, chains := 0, 0, 0
	for name, data := range files {
		parts.count = func() int { return 1 }
		want := dumpSource(t, loadBytes(t, name, data))

		joinedHere := 0
		step := max(1, len(data)/97)
		if runtime.GOARCH == "wasm" {
			step *= 4 // the same code, four times slower
		}
		try := func(splits ...int64) {
			parts.count = func() int { return len(splits) + 1 }
			parts.starts = func(io.ReaderAt, int64, int64, int) []int64 { return splits }
			before := joins
			got := dumpSource(t, loadBytes(t, name, data))
			if name != "repaired.csv" {
				tried++
			}
			joinedHere += joins - before
			if len(splits) > 1 && joins-before == len(splits) {
				chains++
			}
			if got != want {
				t.Fatalf("%s split at bytes %v: the Source differs from one reader's:\n%s", name, splits, firstDiff(want, got))
			}
		}
		third := int64(len(data) / 3)
		for i, at := 0, int64(len(data)/10); at < int64(len(data)); i, at = i+1, at+int64(step) {
			try(at)
			try(nextLine(data, at))
			if i%2 == 0 && at+third < int64(len(data)) {
				try(nextLine(data, at), nextLine(data, at+third))
				try(at, nextLine(data, at+third))
				try(nextLine(data, at), at+third)
			}
		}
		if name == "repaired.csv" && joinedHere > 0 {
			t.Errorf("%s: %d splits joined after repaired bytes", name, joinedHere)
		}
		if name != "repaired.csv" && joinedHere == 0 {
			t.Errorf("%s: no split was joined", name)
		}
		joined += joinedHere
	}
	if joined < tried/4 || chains == 0 {
		t.Errorf("only %d parts joined in %d tries, %d chains of three; the test hardly exercises the parts", joined, tried, chains)
	}
	t.Logf("%d tries, %d parts joined, %d chains of three parts, each equal to one reader", tried, joined, chains)
}

func nextLine(data []byte, at int64) int64 {
	if i := bytes.IndexByte(data[at:], '\n'); i >= 0 {
		return at + int64(i) + 1
	}
	return at
}

func loadBytes(t *testing.T, name string, data []byte) *Source {
	t.Helper()
	src, err := Load(context.Background(), name, bytes.NewReader(data), FileMapping{}, table.NewStrings(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// quirksCSV is an orders file with what splits must survive: quoted fields
// over several lines, doubled quotes, CRLF and LF, blank lines, rows with
// too many fields, unreadable amounts and dates, repeated and new values;
// with invalidUTF8, bytes that are repaired to U+FFFD near the end.
func quirksCSV(n int, invalidUTF8 bool) []byte {
	var b bytes.Buffer
	b.WriteString("Order,Email,Date,Total,Currency,Note,Product\n")
	for i := 0; i < n; i++ {
		nl := "\n"
		if i%7 == 3 {
			nl = "\r\n"
		}
		note := fmt.Sprintf("note %d", i%13)
		switch i % 11 {
		case 2:
			note = fmt.Sprintf("\"a note over\nthree lines,\nwith \"\"quotes\"\" %d\"", i)
		case 5:
			note = "\"a, quoted, note\""
		}
		total := fmt.Sprintf("%d.%02d", i*37%900, i%100)
		if i%29 == 0 {
			total = "n/a"
		}
		date := fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28)
		if i%31 == 0 {
			date = "someday"
		}
		fmt.Fprintf(&b, "#%d,person%d@example.com,%s,%s,%s,%s,P%d%s", 1000+i/2, i%50, date, total, []string{"SAR", "AED", "EGP"}[i%3], note, i%9, nl)
		if i%17 == 0 {
			b.WriteString("\n")
		}
		if invalidUTF8 && i == n-40 {
			b.WriteString("#bad,bytes\xff\xfe@example.com,2024-02-02,5,SAR,not UTF-8 \xc3,P1\n") // repaired to U+FFFD
		}
		if i%41 == 0 {
			fmt.Fprintf(&b, "#x,extra@example.com,2024-01-01,1,SAR,n,P,unexpected%s", nl)
		}
	}
	return b.Bytes()
}

// dumpSource writes down everything a Source holds, string ids included.
func dumpSource(t *testing.T, s *Source) string {
	var b strings.Builder
	fmt.Fprintf(&b, "file %s bytes %d kind %s counts %+v info %+v\nnotes %q\n", s.File, s.Bytes, s.Kind, s.Counts, s.Info, s.Notes)
	fmt.Fprintf(&b, "lines %v\n", s.Table.Lines.Slice())
	for _, c := range s.Table.Columns {
		fmt.Fprintf(&b, "column %q type %v rows %d:", c.Name, c.Type, c.Len())
		for i := 0; i < c.Len(); i++ {
			if c.IsNull(i) {
				b.WriteString(" ·")
				continue
			}
			switch c.Type {
			case table.String:
				fmt.Fprintf(&b, " %d=%q", c.Str[i], s.Table.Strings.Value(c.Str[i]))
			case table.Float:
				fmt.Fprintf(&b, " %x", math.Float64bits(c.Float[i]))
			case table.Time:
				fmt.Fprintf(&b, " %d", c.Time[i])
			case table.Int:
				fmt.Fprintf(&b, " %d", c.Int[i])
			}
		}
		b.WriteString("\n")
	}
	for j, q := range s.Quality {
		fmt.Fprintf(&b, "quality %d %+v\n", j, q)
	}
	for j, d := range s.loose { // the merged state itself, not just its count
		if d != nil {
			hs := d.hashes()
			slices.Sort(hs)
			fmt.Fprintf(&b, "distinct %d: hashes %x registers %x\n", j, hs, d.regs)
		}
	}
	for _, e := range s.Rejected {
		fmt.Fprintf(&b, "rejected %+v\n", e)
	}
	for _, e := range s.Issues {
		fmt.Fprintf(&b, "issue %+v\n", e)
	}
	var reasons []string
	for r, n := range s.Reasons {
		reasons = append(reasons, fmt.Sprintf("%s=%d", r, n))
	}
	sort.Strings(reasons)
	fmt.Fprintf(&b, "reasons %q\nstrings %d\n", reasons, s.Table.Strings.Len())
	return b.String()
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("one reader: %.300s\nin parts:   %.300s", al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines against %d", len(al), len(bl))
}

// wideCSV is a wide orders export like Shopify's: a few columns with roles
// and many without, some with a value per row (past the exact count, so
// estimated), some with a few values, some mostly blank.
func wideCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("Name,Email,Created at,Total,Currency")
	for k := range 24 {
		fmt.Fprintf(&b, ",Extra %d", k)
	}
	b.WriteString("\n")
	for i := range n {
		fmt.Fprintf(&b, "#%d,p%d@example.com,2024-%02d-%02d 10:%02d:00,%d.%02d,SAR", 1000+i, i%700, 1+i%12, 1+i%28, i%60, i%5000, i%97)
		for k := range 24 {
			switch k % 4 {
			case 0:
				fmt.Fprintf(&b, ",id-%d-%d", k, i) // one value a row
			case 1:
				fmt.Fprintf(&b, ",kind %d", (i*k)%7)
			case 2:
				if i%5 == 0 {
					fmt.Fprintf(&b, ",  padded %d  ", i%9000)
				} else {
					b.WriteString(",")
				}
			default:
				fmt.Fprintf(&b, ",\"%d, quoted\"", i%6000)
			}
		}
		b.WriteString("\n")
	}
	return b.Bytes()
}

// TestWidePartsEqualOneReader: a wide file whose role-less columns are
// counted, several past the exact limit, gives the same Source — quality
// figures, estimates and the counts' state itself — read in two or three
// parts, here and over the wire, as read by one reader.
func TestWidePartsEqualOneReader(t *testing.T) {
	data := wideCSV(12_000)
	saved := parts
	t.Cleanup(func() { parts = saved })
	parts.minBytes = 0
	parts.count = func() int { return 1 }
	parts.sub = 1 // the splits below are the parts
	one := loadBytes(t, "wide.csv", data)
	want := dumpSource(t, one)
	estimated := map[string]bool{}
	for j, q := range one.Quality {
		if q.Estimated {
			estimated[one.Header[j]] = true
		}
	}
	// Text columns in the table count exactly by string id; the others
	// and number columns estimate past exactDistinct values.
	for k := range 24 {
		if h := fmt.Sprintf("Extra %d", k); estimated[h] != (k%4 == 0) {
			t.Errorf("%s estimated %v", h, estimated[h])
		}
	}
	if !estimated["Total"] || estimated["Name"] || estimated["Email"] || len(estimated) != 7 {
		t.Errorf("estimated columns %v", estimated)
	}
	if q := one.Quality[slices.Index(one.Header, "Extra 3")]; q.Distinct != 6000 || q.Estimated {
		t.Errorf("Extra 3: %+v, want exactly 6000 distinct", q)
	}
	if q := one.Quality[slices.Index(one.Header, "Extra 2")]; q.Filled != 2400 || q.Distinct != 1800 || q.Estimated ||
		!slices.Equal(q.Examples, []string{"padded 0", "padded 5", "padded 10"}) {
		t.Errorf("Extra 2: %+v, want 2400 filled, exactly 1800 distinct, trimmed examples", q)
	}
	for _, c := range []struct {
		name string
		n    int
	}{{"Extra 0", 12_000}, {"Total", 12_000}} {
		q := one.Quality[slices.Index(one.Header, c.name)]
		if rel := math.Abs(float64(q.Distinct-c.n)) / float64(c.n); rel > 3*DistinctError {
			t.Errorf("%s: %d distinct, want %d within 3 standard errors", c.name, q.Distinct, c.n)
		}
	}
	third := int64(len(data) / 3)
	tries := [][]int64{{nextLine(data, third), nextLine(data, 2*third)}, {nextLine(data, int64(len(data)/2))}, {nextLine(data, third), int64(len(data) - 50)}}
	if runtime.GOARCH == "wasm" {
		tries = tries[:1] // the same code, four times slower
	}
	for _, splits := range tries {
		parts.count = func() int { return len(splits) + 1 }
		parts.starts = func(io.ReaderAt, int64, int64, int) []int64 { return splits }
		before := joins
		if got := dumpSource(t, loadBytes(t, "wide.csv", data)); got != want {
			t.Fatalf("split at %v: the Source differs from one reader's:\n%s", splits, firstDiff(want, got))
		}
		pr := &wirePartReader{data: data, parts: len(splits) + 1, fail: map[int64]bool{}, garble: map[int64]bool{}}
		src, err := Load(WithPartReader(context.Background(), pr), "wide.csv", bytes.NewReader(data), FileMapping{}, table.NewStrings(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := dumpSource(t, src); got != want {
			t.Fatalf("split at %v over the wire: the Source differs from one reader's:\n%s", splits, firstDiff(want, got))
		}
		if joins-before < 2 || pr.read == 0 {
			t.Errorf("split at %v: %d parts joined, %d over the wire", splits, joins-before, pr.read)
		}
	}
}
