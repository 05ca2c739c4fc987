package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/qalbhq/qalb/engine/report"
)

func runReport(t *testing.T, args ...string) (*report.Report, string, error) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "r.json")
	var stdout, stderr bytes.Buffer
	err := runAnalyze(append([]string{"-o", out}, args...), &stdout, &stderr)
	var r report.Report
	if b, rerr := os.ReadFile(out); rerr == nil && len(b) > 0 {
		if jerr := json.Unmarshal(b, &r); jerr != nil {
			t.Fatal(jerr)
		}
	}
	return &r, stderr.String(), err
}

// The same export given twice is read once, with a note on the second.
func TestAnalyzeSameContentOnce(t *testing.T) {
	orders := "../../fixtures/demo/shopify_orders.csv"
	copyOf := filepath.Join(t.TempDir(), "copy.csv")
	b, err := os.ReadFile(orders)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(copyOf, b, 0o644)
	once, _, err := runReport(t, "-q", orders)
	if err != nil {
		t.Fatal(err)
	}
	twice, stderr, err := runReport(t, "-q", orders, copyOf)
	if err != nil {
		t.Fatal(err)
	}
	if twice.Orders.Orders != once.Orders.Orders || twice.Rows != once.Rows {
		t.Errorf("given twice: %d orders, %+v rows; once: %d, %+v", twice.Orders.Orders, twice.Rows, once.Orders.Orders, once.Rows)
	}
	// Files are read in name order: copy.csv first.
	if !strings.Contains(stderr, `shopify_orders.csv: the same content as "copy.csv": read once`) {
		t.Errorf("stderr does not say the copy was read once: %q", stderr)
	}
}

// Two x.csv in different folders are told apart by their folders.
func TestAnalyzeNamesUnique(t *testing.T) {
	dir := t.TempDir()
	for i, sub := range []string{"a", "b"} {
		os.MkdirAll(filepath.Join(dir, sub), 0o755)
		os.WriteFile(filepath.Join(dir, sub, "x.csv"), []byte("email\nc"+string(rune('0'+i))+"@example.com\n"), 0o644)
	}
	r, _, err := runReport(t, "-q", filepath.Join(dir, "a", "x.csv"), filepath.Join(dir, "b", "x.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range r.Sources {
		names = append(names, s.File)
	}
	if strings.Join(names, " ") != "a/x.csv b/x.csv" {
		t.Errorf("sources named %q, want a/x.csv b/x.csv", names)
	}
}

// A FIFO is refused at once (reading it would wait for a writer forever),
// and an output that cannot be written fails before the analysis.
func TestAnalyzeRefusesEarly(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	done := make(chan error, 1)
	go func() { _, _, err := runReport(t, "-q", fifo); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("a FIFO: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("qalb analyze hangs on a FIFO")
	}

	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("email\na@example.com\n"), 0o644)
	var stdout, stderr bytes.Buffer
	err := runAnalyze([]string{"-o", filepath.Join(dir, "no", "such", "dir", "r.json"), good}, &stdout, &stderr)
	if err == nil || !os.IsNotExist(err) {
		t.Errorf("an unwritable -o: %v", err)
	}
	if strings.Contains(stderr.String(), "customers") {
		t.Errorf("the analysis ran before the output failed: %q", stderr.String())
	}
}

// Mapping entries that match nothing are errors: a file not given, before
// the analysis; a column the file does not have, after it.
func TestAnalyzeMappingTypos(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("email,score\na@example.com,9\n"), 0o644)
	write := func(m string) string {
		p := filepath.Join(dir, "m.json")
		os.WriteFile(p, []byte(m), 0o644)
		return p
	}
	_, _, err := runReport(t, "-q", "-mapping", write(`{"files":{"god.csv":{"kind":"contacts"}}}`), good)
	if err == nil || !strings.Contains(err.Error(), `the mapping names the file "god.csv", which is not among the files given`) {
		t.Errorf("a misspelt file: %v", err)
	}
	_, _, err = runReport(t, "-q", "-mapping", write(`{"files":{"good.csv":{"columns":{"emial":"email","score":"nps"}}}}`), good)
	if err == nil || !strings.Contains(err.Error(), `good.csv: the mapping names the column "emial", which this file does not have`) {
		t.Errorf("a misspelt column: %v", err)
	}
	if _, _, err = runReport(t, "-q", "-mapping", write(`{"files":{"good.csv":{"columns":{"email":"email"}}}}`), good); err != nil {
		t.Errorf("a right mapping: %v", err)
	}
}
