package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"testing"

	"github.com/qalbhq/qalb/engine/table"
)

// wirePartReader reads parts as the browser's part Workers do: ReadPart
// on the bytes from the part's start, its segments copied as they would
// be into transferred buffers. fail makes it answer an error, garble a
// part that does not fit, for the parts whose start it names.
type wirePartReader struct {
	data    []byte
	parts   int
	fail    map[int64]bool
	garble  map[int64]bool
	read    int // parts read over the wire
	done    int // what Done said
	bytesIn int // segment bytes returned
}

func (w *wirePartReader) Parts() int { return w.parts }

func (w *wirePartReader) ReadPart(ctx context.Context, file string, start int64, spec []byte, progress func(rows, bytes int64)) ([][]byte, error) {
	if w.fail[start] {
		return nil, errors.New("the part Worker stopped")
	}
	segs, err := ReadPart(ctx, bytes.Clone(spec), bytes.NewReader(w.data[start:]), progress)
	if err != nil {
		return nil, err
	}
	out := make([][]byte, len(segs))
	for i, s := range segs {
		out[i] = bytes.Clone(s)
		w.bytesIn += len(s)
	}
	if w.garble[start] {
		out = out[:len(out)-1]
	}
	w.read++
	return out, nil
}

func (w *wirePartReader) Done(file string, parts int) { w.done = parts }

// TestPartsOverTheWire reads files in two and three parts through a
// PartReader — each part read by ReadPart, serialised, deserialised and
// joined — at the split places of TestPartsEqualOneReader, and checks
// each gives exactly the Source one reader gives. Parts whose reader
// fails or answers a part that does not fit are read here instead, with
// the same result.
func TestPartsOverTheWire(t *testing.T) {
	files := map[string][]byte{}
	for _, name := range []string{"shopify_orders.csv", "reviews.csv"} {
		b, err := os.ReadFile("../../fixtures/demo/" + name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = b
	}
	files["quirks.csv"] = quirksCSV(600, false)
	files["late.csv"] = lateProblemsCSV(3000)
	files["fills.csv"] = fillsCSV(900)

	saved := parts
	t.Cleanup(func() { parts = saved })
	parts.minBytes = 0
	parts.sub = 1 // the splits below are the parts
	wired, failed, chains := 0, 0, 0
	for name, data := range files {
		parts.count = func() int { return 1 }
		want := dumpSource(t, loadBytes(t, name, data))

		step := max(1, len(data)/41)
		if name == "late.csv" {
			step = len(data) / 7
		}
		if runtime.GOARCH == "wasm" {
			step *= 4
		}
		try := func(fail, garble bool, splits ...int64) {
			parts.starts = func(io.ReaderAt, int64, int64, int) []int64 { return splits }
			pr := &wirePartReader{data: data, parts: len(splits) + 1, fail: map[int64]bool{}, garble: map[int64]bool{}}
			if fail {
				pr.fail[splits[0]] = true
			}
			if garble {
				pr.garble[splits[len(splits)-1]] = true
			}
			before := joins
			ctx := WithPartReader(context.Background(), pr)
			src, err := Load(ctx, name, bytes.NewReader(data), FileMapping{}, table.NewStrings(), nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := dumpSource(t, src); got != want {
				t.Fatalf("%s split at bytes %v (failing %v, garbled %v): the Source differs from one reader's:\n%s", name, splits, fail, garble, firstDiff(want, got))
			}
			if pr.done != 1+joins-before {
				t.Fatalf("%s split at %v: Done said %d parts, %d joined", name, splits, pr.done, joins-before)
			}
			if joins > before {
				wired += pr.read
				if fail || garble {
					failed++
				}
				if len(splits) == 2 && joins-before == 2 {
					chains++
				}
			}
		}
		third := int64(len(data) / 3)
		for i, at := 0, int64(len(data)/10); at < int64(len(data)); i, at = i+1, at+int64(step) {
			try(false, false, nextLine(data, at))
			try(false, false, at)
			if i%3 == 0 {
				try(true, false, nextLine(data, at))
				try(false, true, nextLine(data, at))
			}
			if i%2 == 0 && at+third < int64(len(data)) {
				try(false, false, nextLine(data, at), nextLine(data, at+third))
				try(i%4 == 0, i%4 == 2, nextLine(data, at), at+third)
			}
		}
	}
	if wired < 20 || failed < 5 || chains == 0 {
		t.Errorf("%d parts joined over the wire, %d after a failed part, %d chains of three: the test hardly exercises the wire", wired, failed, chains)
	}
	t.Logf("%d parts over the wire, %d joins with a failed part read here, %d chains of three, each equal to one reader", wired, failed, chains)
}

// TestSubPartsOverTheWire reads files as the browser does: the first
// share here, each other Worker's share in parts.sub parts at the native
// start rule, joined as they come — with and without Workers that fail —
// and checks each gives the Source one reader gives.
func TestSubPartsOverTheWire(t *testing.T) {
	files := map[string][]byte{"quirks.csv": quirksCSV(2000, false), "late.csv": lateProblemsCSV(4000), "fills.csv": fillsCSV(3000)}
	saved := parts
	t.Cleanup(func() { parts = saved })
	parts.minBytes = 0
	most := 0
	for name, data := range files {
		parts.count = func() int { return 1 }
		want := dumpSource(t, loadBytes(t, name, data))
		for _, workers := range []int{2, 3} {
			for _, failing := range []int{-1, 0, 2} {
				var starts []int64
				parts.starts = func(r io.ReaderAt, from, size int64, n int) []int64 {
					starts = linesAfterShares(r, from, size, n)
					return starts
				}
				pr := &wirePartReader{data: data, parts: workers, fail: map[int64]bool{}, garble: map[int64]bool{}}
				before := joins
				ctx := WithPartReader(context.Background(), &failNth{wirePartReader: pr, n: failing})
				src, err := Load(ctx, name, bytes.NewReader(data), FileMapping{}, table.NewStrings(), nil)
				if err != nil {
					t.Fatal(err)
				}
				if got := dumpSource(t, src); got != want {
					t.Fatalf("%s, %d Workers, part %d failing: the Source differs from one reader's:\n%s", name, workers, failing, firstDiff(want, got))
				}
				if want := (workers-1)*parts.sub + 1; len(starts) == workers*parts.sub-1 && pr.done != want {
					t.Errorf("%s, %d Workers: read in %d parts, want %d", name, workers, pr.done, want)
				}
				most = max(most, joins-before)
			}
		}
	}
	if most < 2*parts.sub {
		t.Errorf("at most %d parts joined: the test hardly exercises sub-parts", most)
	}
}

// failNth fails the nth part it is asked for (-1: none).
type failNth struct {
	*wirePartReader
	n, asked int
}

func (f *failNth) ReadPart(ctx context.Context, file string, start int64, spec []byte, progress func(rows, bytes int64)) ([][]byte, error) {
	f.asked++
	if f.asked-1 == f.n {
		return nil, errors.New("the part Worker ran out of memory")
	}
	return f.wirePartReader.ReadPart(ctx, file, start, spec, progress)
}

// TestReadPartRejectsBadSpecs: a spec that does not describe a part is an
// error, not a panic.
func TestReadPartRejectsBadSpecs(t *testing.T) {
	for _, spec := range []string{"", "{", `{"Starts":[10],"K":3}`, `{"Starts":[10],"K":0}`} {
		if _, err := ReadPart(context.Background(), []byte(spec), bytes.NewReader(nil), nil); err == nil {
			t.Errorf("spec %q: no error", spec)
		}
	}
}

// lateProblemsCSV is an orders file whose problems (rejected rows, cell
// issues, notes) all come in its last third, where the first part's
// examples have room for them, with thousands of distinct amounts, so the
// parts' number sketches are bitmaps.
func lateProblemsCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("Order ID,Email,Date,Total,Currency,Note\n")
	for i := range n {
		total, date, extra := fmt.Sprintf("%d.%02d", i, i%100), fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28), ""
		if i > 2*n/3 {
			switch i % 7 {
			case 1:
				total = "lots"
			case 2:
				date = "soon"
			case 3:
				extra = ",surplus"
			case 4:
				total = ""
			}
		}
		fmt.Fprintf(&b, "O-%d,p%d@example.com,%s,%s,SAR,\"n %d\"%s\n", i, i%700, date, total, i%5, extra)
	}
	return b.Bytes()
}

// fillsCSV is an Intercom users export whose "Signed up" is often blank:
// the export fills it from "First Seen", in every part.
func fillsCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("Name,Email,Phone,User ID,Signed up,First Seen,Last seen,Web sessions,Company name,City,Country,Unsubscribed from Emails\n")
	for i := range n {
		signed := fmt.Sprintf("2024-01-%02d 09:00", 1+i%28)
		if i%3 == 1 {
			signed = ""
		}
		fmt.Fprintf(&b, "Person %d,p%d@example.test,,u-%d,%s,2024-02-%02d 10:00,2024-03-01 10:00,%d,Co %d,Austin,United States,false\n",
			i, i, i, signed, 1+i%28, i%17, i%40)
	}
	return b.Bytes()
}
