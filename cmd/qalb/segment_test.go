package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSegmentCommandExportsTheRule(t *testing.T) {
	dir := t.TempDir()
	orders := filepath.Join(dir, "orders.csv")
	os.WriteFile(orders, []byte("customer_id,name,order_date,total,currency\n"+
		"1,Aisha,2025-06-01,500,SAR\n1,Aisha,2025-05-01,100,SAR\n2,=cmd(),2025-06-02,900,SAR\n3,Chen,2025-01-01,20,SAR\n"), 0o644)
	rules := filepath.Join(dir, "r.json")
	os.WriteFile(rules, []byte(`{"field":"spend","op":"range","min":500}`), 0o644)
	out := filepath.Join(dir, "out.csv")
	var stdout, stderr bytes.Buffer
	if err := runSegment([]string{"-rules", rules, "-o", out, "-bom", orders}, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	b, _ := os.ReadFile(out)
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Error("no BOM")
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// Spend ≥ 500: customer 2 (900) then customer 1 (600), best first.
	if len(recs) != 3 || recs[1][3] != "'=cmd()" || recs[2][3] != "Aisha" || recs[2][13] != "600.00" {
		t.Fatalf("export %q", recs)
	}
	if !strings.Contains(stderr.String(), "2 of 3 customers") {
		t.Errorf("stderr %q", stderr.String())
	}
	os.WriteFile(rules, []byte(`{"field":"shoe","op":"exists"}`), 0o644)
	if err := runSegment([]string{"-rules", rules, "-o", out, orders}, &stdout, &stderr); err == nil || !strings.Contains(err.Error(), `unknown field "shoe"`) {
		t.Errorf("bad rule: %v", err)
	}
}
