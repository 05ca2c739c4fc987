package main

import (
	"encoding/json"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/qalbhq/qalb/engine/profile"
	"github.com/qalbhq/qalb/engine/report"
)

// behaviourDemoApp is an app showing the golden demo report, its behaviour section checked.
func behaviourDemoApp(t *testing.T, lang string) (*App, *fakeHost) {
	t.Helper()
	b, err := os.ReadFile("../fixtures/golden/demo-report.json")
	if err != nil {
		t.Fatal(err)
	}
	h := &fakeHost{}
	a := NewApp(h, lang)
	a.OnMessage(Message{Type: "result", ID: 0, Report: string(b)})
	var r report.Report
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	a.Report = &r
	if r.Behaviour == nil || len(r.Behaviour.Funnels) == 0 {
		t.Fatal("the demo report has no behaviour funnels")
	}
	return a, h
}

func TestBehaviourPageFunnelBuilder(t *testing.T) {
	a, h := behaviourDemoApp(t, "en")
	auto := a.Report.Behaviour.Funnels[0]
	st := a.BH()
	if len(st.Steps) != len(auto.Steps) || st.Steps[0] != auto.Steps[0].Event || st.Window != auto.Window {
		t.Fatalf("the builder should start from the automatic funnel: %+v vs %+v", st, auto)
	}
	rows := a.FunnelRows(a.ShownFunnel())
	if len(rows) != len(auto.Steps) || rows[1].Raw == "" || !rows[1].CanDrop == (auto.Steps[1].DropOff > 0) {
		t.Fatalf("rows %+v", rows)
	}
	// Build a 3-step funnel with a window and a breakdown, and run it.
	st.Steps = []string{"product_view", "add_to_cart"}
	a.FunnelAddStep()
	if len(st.Steps) != 3 || st.Steps[2] == "product_view" || st.Steps[2] == "add_to_cart" {
		t.Fatalf("added step %v", st.Steps)
	}
	a.FunnelSetStep(2, "order_completed")
	a.FunnelSetWindow("1d")
	a.FunnelSetBreakdown("country")
	a.RunFunnel()
	id, q := h.lastQuery()
	b, _ := json.Marshal(q)
	want := `{"what":"funnel","funnel":{"steps":[{"event":"product_view"},{"event":"add_to_cart"},{"event":"order_completed"}],"window":"1d","breakdown":"country"}}`
	if string(b) != want || !st.Loading {
		t.Fatalf("query %s", b)
	}
	// A property condition on a step goes with it; the choices are the
	// event files' columns other than keys, name and time.
	props := a.EventProperties()
	if !containsStr(props, "properties.currency") || containsStr(props, "event") || containsStr(props, "user.email") {
		t.Fatalf("properties %v", props)
	}
	a.FunnelSetWhere(2, "property", "properties.currency")
	a.FunnelSetWhere(2, "op", "!=")
	a.FunnelSetWhere(2, "value", "SAR")
	b, _ = json.Marshal(a.funnelSpec())
	if !strings.Contains(string(b), `{"event":"order_completed","property":"properties.currency","op":"!=","value":"SAR"}`) {
		t.Fatalf("condition %s", b)
	}
	a.FunnelSetWhere(2, "property", "")
	// The worker's answer becomes the funnel on screen.
	ans := report.Funnel{Window: "1d", Steps: []report.FunnelStep{{Event: "product_view", Customers: 10, Conversion: 1, Overall: 1},
		{Event: "add_to_cart", Customers: 6, Conversion: 0.6, Overall: 0.6, DropOff: 4}, {Event: "order_completed", Customers: 3, Conversion: 0.5, Overall: 0.3, DropOff: 3}}}
	ab, _ := json.Marshal(ans)
	a.OnMessage(Message{Type: "answer", ID: id, Result: string(ab)})
	if st.Loading || a.ShownFunnel().Steps[2].Customers != 3 {
		t.Fatalf("answer not shown: %+v", a.ShownFunnel())
	}
	c := a.FunnelChart(a.ShownFunnel(), "funnel")
	if c == nil || len(c.Rows) != 3 || c.Rows[2][1] != "3" || !strings.Contains(c.Label, "30%") {
		t.Fatalf("chart %+v", c)
	}
	// Who dropped at step 3.
	a.ShowDropped(2)
	id, q = h.lastQuery()
	b, _ = json.Marshal(q)
	if !strings.Contains(string(b), `"what":"funnel-dropped"`) || !strings.Contains(string(b), `"step":2`) {
		t.Fatalf("dropped query %s", b)
	}
	a.OnMessage(Message{Type: "answer", ID: id, Result: `{"total":3,"offset":0,"customers":[{"id":7,"name":"Sara","orders":0,"spend":0,"currency":"","kinds":[]}]}`})
	if st.Dropped == nil || st.Dropped.Total != 3 || st.Dropped.Customers[0].ID != 7 {
		t.Fatalf("dropped %+v", st.Dropped)
	}
	// Exported as CSV, safe against spreadsheet formulas.
	st.Dropped.Customers = append(st.Dropped.Customers, CustomerRow{Name: "=HYPERLINK(\"x\")", Email: "a@example.com", Orders: 2, Spend: 10.5, Currency: "SAR"})
	href := a.DroppedCSV()
	text, uerr := url.PathUnescape(strings.TrimPrefix(href, "data:text/csv;charset=utf-8,"))
	if uerr != nil || !strings.HasPrefix(href, "data:text/csv") || a.DroppedFile() != "funnel-step-3-dropped.csv" {
		t.Fatalf("csv %q %v", href, uerr)
	}
	wantCSV := "name,email,phone,company,country,city,orders,spend,currency\nSara,,,,,,0,0,\n\"'=HYPERLINK(\"\"x\"\")\",a@example.com,,,,,2,10.5,SAR\n"
	if text != wantCSV {
		t.Fatalf("csv\n%s\nwant\n%s", text, wantCSV)
	}
	// An error of the funnel query is shown, not lost.
	a.RunFunnel()
	id, _ = h.lastQuery()
	a.OnMessage(Message{Type: "error", ID: id, Message: "step 1 of the funnel names no event"})
	if st.Err == "" || st.Loading {
		t.Fatal("error not shown")
	}
	// A new report resets the page.
	a.resetDetails()
	if a.Behave != nil {
		t.Fatal("state kept across reports")
	}
}

func TestBehaviourPageChartsAndTables(t *testing.T) {
	for _, lang := range []string{"en", "ar"} {
		a, h := behaviourDemoApp(t, lang)
		bh := a.Report.Behaviour
		if c := a.CohortChart(); c == nil || len(c.Rows) != len(bh.Cohorts[0].Cohorts) || !json.Valid([]byte(c.SpecJSON())) {
			t.Fatalf("%s: cohort chart %+v", lang, c)
		}
		a.SetCohort(0, true)
		if c := a.CohortChart(); c == nil || !strings.Contains(c.Title, bh.Cohorts[0].Currency) {
			t.Fatalf("%s: revenue heatmap %+v", lang, c)
		}
		j := a.JourneyChart()
		if j == nil || len(j.Rows) != len(bh.Journeys[0].Paths) || !json.Valid([]byte(j.SpecJSON())) {
			t.Fatalf("%s: journey chart %+v", lang, j)
		}
		a.SetJourney("to", "order_completed")
		if _, q := h.lastQuery(); q.(journeyQuery).Direction != "to" {
			t.Fatalf("journey query %+v", q)
		}
		if rows := a.FrictionRows(); len(rows) != len(bh.Friction.Steps) {
			t.Fatalf("%s: friction rows %d", lang, len(rows))
		}
		worst := 0
		for _, r := range a.FrictionRows() {
			if r.Worst {
				worst++
			}
		}
		if worst != 1 {
			t.Fatalf("%s: %d rows marked worst", lang, worst)
		}
		if rows := a.AdoptionRows(); len(rows) != len(bh.Adoption) || rows[0].Event != bh.Adoption[0].Event {
			t.Fatalf("%s: adoption %+v", lang, rows)
		}
		if lang == "ar" && !strings.ContainsAny(a.BehaviourKPIs()[0].Value, "٠١٢٣٤٥٦٧٨٩") {
			t.Fatalf("Arabic digits: %q", a.BehaviourKPIs()[0].Value)
		}
	}
}

func TestJourneySection(t *testing.T) {
	a := NewApp(&fakeHost{}, "en")
	p := &profile.Profile{Journey: []profile.JourneyStage{
		{Channel: "web", From: "2024-03-01T10:00:00Z", To: "2024-03-02T10:00:00Z", Touchpoints: 4, Events: []string{"page_view", "signup"}},
		{Channel: "support", From: "2024-03-05T09:00:00Z", To: "2024-03-05T09:00:00Z", Touchpoints: 1},
	}}
	s := a.journeySection(p)
	if len(s.Facts) != 2 || s.Facts[0].Label != "Website" || !strings.Contains(s.Facts[0].Value, "4 touchpoints · page_view, signup") || s.Facts[1].Label != "Support" {
		t.Fatalf("%+v", s.Facts)
	}
}
