//go:build js && wasm

package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSegmentQueries(t *testing.T) {
	p := newPage(t)
	orders := "customer_id,name,country,order_date,total,currency\n" +
		"1,Aisha,SA,2025-06-01,500,SAR\n2,=evil(),SA,2025-05-01,50,SAR\n3,Ben,GB,2025-01-01,20,GBP\n"
	p.send(map[string]any{"type": "analyze", "id": 1, "files": []any{jsBlob([]byte(orders))}, "names": []any{"orders.csv"}})
	if res, _ := p.until(1, "result", "error"); res["type"] != "result" {
		t.Fatalf("analyze: %v", res)
	}
	rule := map[string]any{"field": "country", "op": "equals", "value": "SA"}
	p.send(map[string]any{"type": "query", "id": "s1", "query": map[string]any{"what": "segment", "rule": rule, "members": true, "breakdowns": true}})
	ans, _ := p.until("s1", "answer")
	var seg struct {
		Count, Total int
		Customers    []struct{ Name string }
		Breakdowns   []struct{ Field string }
	}
	if err := json.Unmarshal([]byte(ans["result"].(string)), &seg); err != nil || seg.Count != 2 || seg.Total != 3 || len(seg.Customers) != 2 || len(seg.Breakdowns) == 0 {
		t.Fatalf("segment answer %v: %v", ans, err)
	}
	p.send(map[string]any{"type": "query", "id": "s2", "query": map[string]any{"what": "export", "rule": rule, "bom": true}})
	ans, _ = p.until("s2", "answer")
	csv := ans["result"].(string)
	if !strings.HasPrefix(csv, "id,") || !strings.Contains(csv, "'=evil()") || ans["rows"] != 2.0 || ans["bom"] != true {
		t.Errorf("export answer %q rows %v", csv, ans["rows"])
	}
	p.send(map[string]any{"type": "query", "id": "s3", "query": map[string]any{"what": "segment", "rule": map[string]any{"field": "nope", "op": "exists"}}})
	ans, _ = p.until("s3", "answer")
	if !strings.Contains(ans["result"].(string), `"code":"unknown_field"`) {
		t.Errorf("bad rule answer %v", ans)
	}
}
