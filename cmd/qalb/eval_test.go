package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalSentiment(t *testing.T) {
	dir := t.TempDir()
	numeric := filepath.Join(dir, "n.tsv")
	// Clear cases: two positive, one negative, one neutral gold on VADER's scale.
	os.WriteFile(numeric, []byte("id\tgold\ttext\n1\t2.5\tThis is wonderful, I love it\n2\t3.1\tGreat service, very helpful staff\n3\t-2.8\tTerrible, the parcel never arrived\n4\t0.1\tOrder 1234 shipped on Monday\n"), 0o644)
	var out bytes.Buffer
	if err := runEval([]string{"sentiment", numeric}, &out, &out); err != nil {
		t.Fatal(err, out.String())
	}
	var got struct {
		Rows     int      `json:"rows"`
		Accuracy float64  `json:"accuracy"`
		MacroF1  float64  `json:"macro_f1"`
		Pearson  *float64 `json:"pearson"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err, out.String())
	}
	if got.Rows != 4 || got.Accuracy != 1 || got.MacroF1 != 1 || got.Pearson == nil || *got.Pearson < 0.9 {
		t.Errorf("%s", out.String())
	}

	labels := filepath.Join(dir, "l.tsv")
	os.WriteFile(labels, []byte("id\tlabel\ttext\nA-1\tpositive\tممتاز جدا\nA-2\tnegative\tسيء جدا\nB-1\tpositive\tالخدمة ممتازة\n"), 0o644)
	out.Reset()
	if err := runEval([]string{"sentiment", "-match", "A-", labels}, &out, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"rows": 2`) || strings.Contains(out.String(), "pearson") || !strings.Contains(out.String(), `"accuracy": 1`) {
		t.Errorf("labels: %s", out.String())
	}

	bad := filepath.Join(dir, "b.tsv")
	os.WriteFile(bad, []byte("id\tgold\ttext\n1\tmaybe\tok\n"), 0o644)
	if err := runEval([]string{"sentiment", bad}, &out, &out); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad gold: %v", err)
	}
	if err := runEval([]string{"churn", bad}, &out, &out); err == nil {
		t.Error("unknown evaluation accepted")
	}
}

// TestEvalSharedSets runs `qalb eval sentiment` on the shared reference sets
// (skipped when ../shared is absent) and checks the targets that
// hold: AJGT accuracy >= .75 (never trained on).
func TestEvalSharedSets(t *testing.T) {
	p := filepath.Join("..", "..", "..", "shared", "eval", "sentiment", "ar", "ajgt_tweets.tsv")
	if _, err := os.Stat(p); err != nil {
		t.Skip("reference data absent")
	}
	var out bytes.Buffer
	if err := runEval([]string{"sentiment", p}, &out, &out); err != nil {
		t.Fatal(err)
	}
	var got struct{ Accuracy float64 }
	json.Unmarshal(out.Bytes(), &got)
	if got.Accuracy < 0.75 {
		t.Errorf("AJGT accuracy %.3f < .75", got.Accuracy)
	}
}
