package main

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/qalbhq/qalb/engine"
	"github.com/qalbhq/qalb/engine/segment"
)

func TestSegmentTypes(t *testing.T) {
	// Rule is recursive: compare its own fields only.
	if a, b := topFields(SegRule{}), topFields(segment.Rule{}); !reflect.DeepEqual(a, b) {
		t.Errorf("SegRule %v, segment.Rule %v", a, b)
	}
	q := topFields(segQueryMsg{})
	delete(q, "what")
	delete(q, "bom")
	e := topFields(engine.SegmentQuery{})
	delete(e, "sort")
	q["rule"] = e["rule"] // an object either way
	if !reflect.DeepEqual(q, e) {
		t.Errorf("segQueryMsg %v, engine.SegmentQuery %v", q, e)
	}
	sameJSON(t, SegAnswer{}, engine.SegmentAnswer{})
	sameJSON(t, SegBreakdown{}, segment.Breakdown{})
}

func topFields(v any) map[string]string {
	out := map[string]string{}
	rt := reflect.TypeOf(v)
	for i := 0; i < rt.NumField(); i++ {
		f := rt.Field(i)
		out[strings.Split(f.Tag.Get("json"), ",")[0]] = f.Type.Kind().String()
	}
	return out
}

func demoApp(t *testing.T, lang string) (*App, *fakeHost) {
	t.Helper()
	b, err := os.ReadFile("../fixtures/golden/demo-report.json")
	if err != nil {
		t.Fatal(err)
	}
	h := &fakeHost{}
	a := NewApp(h, lang)
	a.RunID = 99
	a.OnMessage(Message{Type: "result", ID: 99, Report: string(b)})
	if a.Report == nil || a.Report.Segments == nil {
		t.Fatal("demo report without segments")
	}
	return a, h
}

func TestSegmentsPageFlow(t *testing.T) {
	a, h := demoApp(t, "en")
	a.Go(PageSegments)
	if a.Page != PageSegments {
		t.Fatalf("page %q", a.Page)
	}
	id, q := h.lastQuery()
	msg := q.(segQueryMsg)
	if msg.What != "segment" || msg.Rule == nil || msg.Rule.Op != "and" || len(msg.Rule.Rules) != 0 {
		t.Fatalf("first query %+v", msg)
	}
	a.OnMessage(Message{Type: "answer", ID: id, Result: `{"count":255,"total":255,"summary":{"key":"","size":255,"share":1,"revenue":[],"orders":0},"offset":0}`})
	if got := a.SegCountText(); got != "255 of 255 customers (100%)" {
		t.Errorf("count text %q", got)
	}
	// A click on an RFM segment asks for its members.
	a.SegShowRFM("champions")
	id, q = h.lastQuery()
	msg = q.(segQueryMsg)
	b, _ := json.Marshal(msg.Rule)
	if string(b) != `{"op":"and","rules":[{"op":"equals","field":"rfm","value":"champions"}]}` || !msg.Members || !msg.Breakdowns {
		t.Fatalf("rfm query %s %+v", b, msg)
	}
	a.OnMessage(Message{Type: "answer", ID: id, Result: `{"count":1,"total":255,"summary":{"key":"","size":1,"share":0.0039,"revenue":[{"currency":"SAR","amount":100,"share":0.5}],"orders":3},
		"customers":[{"id":7,"name":"Aisha","orders":3,"spend":100,"currency":"SAR","kinds":["orders"]}],"offset":0,
		"breakdowns":[{"field":"country","in":1,"rest":254,"rows":[{"value":"SA","in":1,"rest":60,"inShare":1,"restShare":0.24},{"value":"","in":0,"rest":194,"inShare":0,"restShare":0.76}]}]}`})
	if a.Seg.Answer == nil || len(a.Seg.Answer.Customers) != 1 || len(a.SegBreakdowns()) != 1 {
		t.Fatalf("answer %+v", a.Seg.Answer)
	}
	ch := a.BreakdownChart(a.SegBreakdowns()[0])
	if len(ch.Rows) != 2 || ch.Rows[0][0] != a.Country("SA") || ch.Rows[1][0] != "Other or unknown" {
		t.Errorf("breakdown rows %v", ch.Rows)
	}
	// Builder edits: a condition, a group with a condition, values.
	a.SegAddCondition(nil)
	a.SegSet([]int{1}, "field", "spend")
	a.SegSet([]int{1}, "min", "500")
	a.SegAddGroup()
	a.SegSet([]int{2, 0}, "field", "country")
	a.SegSet([]int{2, 0}, "op", "in")
	a.SegSet([]int{2, 0}, "value", "SA, AE")
	a.SegSetNot([]int{2, 0}, true)
	_, q = h.lastQuery()
	b, _ = json.Marshal(q.(segQueryMsg).Rule)
	want := `{"op":"and","rules":[{"op":"equals","field":"rfm","value":"champions"},{"op":"range","field":"spend","min":500},{"op":"or","rules":[{"op":"in","field":"country","values":["SA","AE"],"not":true}]}]}`
	if string(b) != want {
		t.Errorf("built rule\n %s\nwant\n %s", b, want)
	}
	// The JSON view round-trips: what is shown can be applied again.
	shown := a.Seg.JSONText
	a.SegSetJSON(shown)
	_, q = h.lastQuery()
	if b2, _ := json.Marshal(q.(segQueryMsg).Rule); string(b2) != want {
		t.Errorf("JSON view applied gives %s", b2)
	}
	a.SegSetJSON(`{"op":`)
	if !strings.HasPrefix(a.SegError(), "The JSON could not be read:") {
		t.Errorf("bad JSON error %q", a.SegError())
	}
	// Save writes the rule as a file.
	a.SegSetJSON(want)
	a.SegSave()
	if lastSaved.Name != "qalb-segment.json" || !strings.Contains(string(lastSaved.Data), `"field": "spend"`) {
		t.Errorf("saved %q %s", lastSaved.Name, lastSaved.Data)
	}
	// Export: the worker's CSV is saved with the BOM's bytes in front.
	a.SegSetBOM(true)
	a.SegExport()
	id, q = h.lastQuery()
	if q.(segQueryMsg).What != "export" || !q.(segQueryMsg).BOM || !a.Seg.Exporting {
		t.Fatalf("export query %+v", q)
	}
	a.OnMessage(Message{Type: "answer", ID: id, Result: "id,name\r\nid:1,'=1+1\r\n"})
	if lastSaved.Name != "qalb-segment.csv" || string(lastSaved.Data) != "\xEF\xBB\xBFid,name\r\nid:1,'=1+1\r\n" || a.Seg.Exporting {
		t.Errorf("export saved %q %q", lastSaved.Name, lastSaved.Data)
	}
	// A rule error from the engine is shown in the interface's words.
	a.SegSet([]int{1}, "field", "spend")
	id, _ = h.lastQuery()
	a.OnMessage(Message{Type: "answer", ID: id, Result: `{"count":0,"total":255,"offset":0,"error":{"code":"unknown_field","arg":"shoe"}}`})
	if a.SegError() != "Unknown field: shoe" {
		t.Errorf("rule error %q", a.SegError())
	}
}

func TestSegmentsPageTexts(t *testing.T) {
	for _, lang := range []string{"en", "ar"} {
		a, _ := demoApp(t, lang)
		if ch := a.RFMGridChart(); ch == nil || len(ch.Rows) != 25 {
			t.Fatalf("%s: grid chart %+v", lang, ch)
		}
		for _, s := range a.RFMSegments() {
			if n := a.SegName(s.Key); n == "rfm."+s.Key || n == "" {
				t.Errorf("%s: no name for %s", lang, s.Key)
			}
		}
		for _, cl := range a.ClusterList().Clusters {
			for _, tr := range cl.Distinctive {
				if key := "trait." + tr.Kind + "." + tr.Feature; tr.Kind != "value" && a.T(key) == key {
					t.Errorf("%s: trait %+v not worded", lang, tr)
				}
			}
		}
		for _, f := range a.SegFields() {
			if a.FieldName(f) == f {
				t.Errorf("%s: field %s has no name", lang, f)
			}
		}
	}
}

func TestSegmentLabels(t *testing.T) {
	a := NewApp(&fakeHost{}, "en")
	got := a.SegmentLabels([]string{"rfm:at_risk", "rfm-score:215", "cluster:2", "icp-fit:80", "other"})
	want := []string{"RFM segment: At risk", "RFM 215", "Cluster 2", "ICP fit (0–100): 80", "other"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("labels %q, want %q", got, want)
	}
	a.SetLang("ar")
	if got := a.SegmentLabels([]string{"rfm:champions"}); got[0] != "شريحة RFM: الأبطال" {
		t.Errorf("arabic %q", got)
	}
}

func TestSegmentFiltersCustomers(t *testing.T) {
	a, h := demoApp(t, "en")
	a.Go(PageSegments)
	a.SegShowRFM("at_risk")
	a.SegFilterCustomers()
	if a.Page != PageCustomers || !a.HasSegmentFilter() {
		t.Fatalf("page %q filter %v", a.Page, a.HasSegmentFilter())
	}
	_, q := h.lastQuery()
	b, _ := json.Marshal(q)
	if !strings.Contains(string(b), `"segment":{"op":"and","rules":[{"op":"equals","field":"rfm","value":"at_risk"}]}`) {
		t.Errorf("customers query %s", b)
	}
	a.ClearSegmentFilter()
	_, q = h.lastQuery()
	if b, _ := json.Marshal(q); strings.Contains(string(b), "segment") || a.HasSegmentFilter() {
		t.Errorf("after clearing: %s", b)
	}
}
