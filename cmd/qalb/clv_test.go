package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// qalb clv on the CDNOW sample (kept outside the repository; skipped when
// absent) prints the published fit and the holdout check.
func TestCLVOnCDNOW(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "eval", "clv", "CDNOW_sample.txt")
	if _, err := os.Stat(path); err != nil {
		t.Skip("CDNOW sample not present")
	}
	per := filepath.Join(t.TempDir(), "per.csv")
	var stdout, stderr bytes.Buffer
	err := runCLV([]string{"--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30", "--per-customer", per, path}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	var out struct {
		Period string
		Models []map[string]any
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	m := out.Models[0]
	for name, want := range map[string]float64{"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426, "p": 6.25, "q": 3.74, "gamma": 15.44} {
		if got := m[name].(float64); math.Abs(got/want-1) > 0.005 {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	if ll := m["logLikelihood"].(float64); math.Abs(ll+9582.4) > 0.1 {
		t.Errorf("log-likelihood %v", ll)
	}
	if c := m["convergence"].(map[string]any); c["converged"] != true {
		t.Errorf("convergence %v", c)
	}
	h := m["holdout"].(map[string]any)
	if h["actual"].(float64) != 1882 || math.Abs(h["predicted"].(float64)-1653.4) > 0.5 || len(h["buckets"].([]any)) != 8 {
		t.Errorf("holdout %v", h)
	}
	f, _ := os.Open(per)
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(rows) != 2358 || rows[0][0] != "customer" {
		t.Fatalf("per-customer CSV: %d rows, %v", len(rows), err)
	}
	// Customer 00004 (sample customer 1): x 2, t_x 30.43, T 38.86, one holdout purchase.
	for _, r := range rows[1:] {
		if r[0] == "id:00004" {
			if r[2] != "2" || !strings.HasPrefix(r[3], "30.428") || r[10] != "1" || !strings.HasPrefix(r[11], "1.22") {
				t.Errorf("customer 00004: %v", r)
			}
		}
	}
}

func TestCLVRejectsBadFlags(t *testing.T) {
	var stdout, stderr bytes.Buffer
	for _, args := range [][]string{
		{"--period", "month", "x.csv"},
		{"--holdout-end", "2024-01-01", "x.csv"},
		{"--calibration-end", "2024-02-01", "--holdout-end", "2024-01-01", "x.csv"},
		{},
	} {
		if err := runCLV(args, &stdout, &stderr); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
}
