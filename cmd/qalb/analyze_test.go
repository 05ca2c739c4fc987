package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The CLI writes exactly the golden report the engine test pins, so the
// browser (which must show the same numbers) can be compared with it.
func TestAnalyzeDemoMatchesGolden(t *testing.T) {
	files, _ := filepath.Glob("../../fixtures/demo/*.csv")
	nd, _ := filepath.Glob("../../fixtures/demo/*.ndjson")
	files = append(files, nd...)
	out := filepath.Join(t.TempDir(), "report.json")
	var stdout, stderr bytes.Buffer
	if err := runAnalyze(append([]string{"-q", "-o", out}, files...), &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	got, _ := os.ReadFile(out)
	want, err := os.ReadFile("../../fixtures/golden/demo-report.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("qalb analyze on the demo differs from fixtures/golden/demo-report.json")
	}
}

func TestAnalyzeExitsNonZeroOnlyWhenNothingIsRead(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.csv")
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(empty, nil, 0o644)
	os.WriteFile(good, []byte("email,name\na@example.com,A\n"), 0o644)
	var stdout, stderr bytes.Buffer
	if err := runAnalyze([]string{"-q", "-o", filepath.Join(dir, "r.json"), empty, good}, &stdout, &stderr); err != nil {
		t.Errorf("one readable file: %v", err)
	}
	if !strings.Contains(stderr.String(), "empty.csv") {
		t.Errorf("the unreadable file is not named on stderr: %q", stderr.String())
	}
	if err := runAnalyze([]string{"-q", "-o", filepath.Join(dir, "r.json"), empty}, &stdout, &stderr); err == nil {
		t.Error("no readable file but no error")
	}
}
