//go:build js && wasm

package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestBehaviourQueries(t *testing.T) {
	p := newPage(t)
	// Three customers: u1 converts, u2 stops at the cart, u3 only views.
	var b strings.Builder
	for i, evs := range [][]string{{"viewed", "cart", "bought"}, {"viewed", "cart"}, {"viewed"}} {
		for k, e := range evs {
			fmt.Fprintf(&b, `{"event":%q,"timestamp":"2024-05-0%dT10:0%d:00Z","userId":"u%d"}`+"\n", e, i+1, k, i+1)
		}
	}
	p.send(map[string]any{"type": "analyze", "id": 1, "files": []any{jsBlob([]byte(b.String()))}, "names": []any{"events.ndjson"}})
	if res, _ := p.until(1, "result", "error"); res["type"] != "result" {
		t.Fatalf("analyze: %v", res)
	}
	funnel := map[string]any{"steps": []any{map[string]any{"event": "viewed"}, map[string]any{"event": "cart"}, map[string]any{"event": "bought"}}, "window": "1d"}
	p.send(map[string]any{"type": "query", "id": "f", "query": map[string]any{"what": "funnel", "funnel": funnel}})
	ans, _ := p.until("f", "answer")
	var f struct{ Steps []struct{ Customers int } }
	if err := json.Unmarshal([]byte(ans["result"].(string)), &f); err != nil || ans["what"] != "funnel" ||
		len(f.Steps) != 3 || f.Steps[0].Customers != 3 || f.Steps[1].Customers != 2 || f.Steps[2].Customers != 1 {
		t.Fatalf("funnel answer %v (%v)", ans, err)
	}
	p.send(map[string]any{"type": "query", "id": "d", "query": map[string]any{"what": "funnel-dropped", "funnel": funnel, "step": 2}})
	ans, _ = p.until("d", "answer")
	var page struct {
		Total     int
		Customers []struct{ Name string }
	}
	if err := json.Unmarshal([]byte(ans["result"].(string)), &page); err != nil || page.Total != 1 {
		t.Fatalf("dropped answer %v (%v)", ans, err)
	}
	p.send(map[string]any{"type": "query", "id": "j", "query": map[string]any{"what": "journey", "direction": "from", "event": "viewed"}})
	ans, _ = p.until("j", "answer")
	if !strings.Contains(ans["result"].(string), `"events":["viewed","cart","bought"],"sessions":1`) {
		t.Fatalf("journey answer %v", ans)
	}
	p.send(map[string]any{"type": "query", "id": "bad", "query": map[string]any{"what": "funnel", "funnel": map[string]any{"steps": []any{}}}})
	if m, _ := p.until("bad", "error"); m["code"] != codeBadRequest {
		t.Fatalf("empty funnel: %v", m)
	}
}
