package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qalbhq/qalb/engine/report"
	"github.com/qalbhq/qalb/engine/report/htmlreport"
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

// --html writes what the browser's "Download report (HTML)" saves: the
// report of -o rendered by htmlreport, and the JSON is report.Marshal's.
func TestAnalyzeHTML(t *testing.T) {
	files, _ := filepath.Glob("../../fixtures/demo/*.csv")
	dir := t.TempDir()
	out, page := filepath.Join(dir, "report.json"), filepath.Join(dir, "report.html")
	var stdout, stderr bytes.Buffer
	if err := runAnalyze(append([]string{"-q", "-o", out, "--html", page, "--lang", "ar"}, files...), &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	js, _ := os.ReadFile(out)
	var r report.Report
	if err := json.Unmarshal(js, &r); err != nil {
		t.Fatal(err)
	}
	again, _ := report.Marshal(&r)
	if !bytes.Equal(again, js) {
		t.Error("the report JSON does not round-trip to the same bytes")
	}
	var want bytes.Buffer
	if err := htmlreport.Render(&want, &r, "ar"); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(page)
	if !bytes.Equal(got, want.Bytes()) || !strings.Contains(string(got), `dir="rtl"`) {
		t.Error("--html differs from htmlreport.Render of the report")
	}
}
