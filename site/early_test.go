package main

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/qalbhq/qalb/engine/report"
)

// summaryOf is what the engine's overview message carries: the report
// without the analyses' sections.
func summaryOf(t *testing.T, full string) string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(full), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"feedback", "sentiment", "segments", "predictions", "behaviour"} {
		delete(m, k)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// analysing returns an App analysing one file, and the analysis' id.
func analysing() (*App, *fakeHost, int) {
	h := &fakeHost{}
	a := NewApp(h, "en")
	a.AddFiles([]*InputFile{{Name: "a.csv", Size: 10}})
	a.Analyze()
	return a, h, h.analyzed[0]
}

func TestOverviewShownBeforeTheResult(t *testing.T) {
	a, h, id := analysing()
	full := sampleReport(t)
	a.OnMessage(Message{Type: "overview", ID: id + 1, Overview: summaryOf(t, full)}) // someone else's
	if a.Report != nil {
		t.Fatal("the overview of another analysis was taken")
	}
	a.OnMessage(Message{Type: "overview", ID: id, Overview: summaryOf(t, full)})
	if a.Page != PageOverview || !a.Early || a.Report == nil || a.RunID != id {
		t.Fatalf("after the overview: page %q early %v run %d", a.Page, a.Early, a.RunID)
	}
	early := a.KPIs()
	if len(early) == 0 || a.Revenue() == nil {
		t.Fatal("no figures on the early overview")
	}
	if len(a.analysisPages()) != 0 {
		t.Error("analysis pages offered before their sections exist")
	}
	// Everything but the overview waits for the result, on the progress page.
	for _, pg := range []string{PageCustomers, PageSources, PageQuality, PageSegments, PageCustomer} {
		a.Go(pg)
		if a.Page != PageProgress {
			t.Errorf("Go(%s) during the analysis shows %q, want the progress", pg, a.Page)
		}
	}
	if len(h.queries) != 0 {
		t.Errorf("queries sent before the Session exists: %v", h.queries)
	}
	a.Go(PageOverview)
	earlyChart := a.NewCustomersChart()
	if earlyChart == nil {
		t.Fatal("no new-customers chart on the early overview")
	}
	if a.CanShare() || a.ChartSpec(earlyChart) != "" {
		t.Error("sharing or a chart before the result")
	}
	if now := time.Now(); !a.Quiet(Message{Type: "progress", ID: id, Stage: "analyse"}, now) || a.Quiet(Message{Type: "result", ID: id}, now) {
		t.Error("progress re-renders the early overview, or a result does not")
	}
	a.OnMessage(Message{Type: "progress", ID: id, Stage: "analyse"})
	if a.Page != PageOverview {
		t.Errorf("progress moved the page to %q", a.Page)
	}
	a.OnMessage(Message{Type: "result", ID: id, Report: full})
	if a.Early || a.RunID != 0 || a.Page != PageOverview || a.ReportJSON != full {
		t.Fatalf("after the result: early %v run %d page %q", a.Early, a.RunID, a.Page)
	}
	// The result's figures are the early ones.
	final := a.KPIs()
	if len(final) != len(early) {
		t.Fatalf("%d figures early, %d at the result", len(early), len(final))
	}
	for i := range final {
		if !reflect.DeepEqual(final[i], early[i]) {
			t.Errorf("figure %s: %+v early, %+v at the result", final[i].ID, early[i], final[i])
		}
	}
	// The report is the full one: the same JSON as a report decoded whole.
	var whole report.Report
	if err := json.Unmarshal([]byte(full), &whole); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*a.Report, whole) {
		t.Error("the early report completed with the result's sections differs from the result's report")
	}
	// The overview's charts, made from the summary, are kept; their spec is
	// encoded once it is wanted.
	if c := a.NewCustomersChart(); c != earlyChart || !json.Valid([]byte(a.ChartSpec(c))) || a.ChartSpec(c) == "" {
		t.Error("charts still held back after the result, or made again")
	}
}

// A cancel after the overview goes back to the report there was before.
func TestCancelAfterOverview(t *testing.T) {
	a, h := analysed(t)
	before := a.Report
	a.Rerun()
	id := h.analyzed[len(h.analyzed)-1]
	a.OnMessage(Message{Type: "overview", ID: id, Overview: summaryOf(t, sampleReport(t))})
	if !a.Early || a.Report == before {
		t.Fatal("overview not shown")
	}
	a.OnMessage(Message{Type: "cancelled", ID: id})
	if a.Early || a.Report != before || a.RunID != 0 {
		t.Fatalf("after the cancel: early %v, report restored %v", a.Early, a.Report == before)
	}
}

// Progress is drawn at most every progressRenderEvery, and at once when the
// stage changes.
func TestProgressRendersThrottled(t *testing.T) {
	a, _, id := analysing()
	t0 := time.Now()
	step := func(ms int, stage string) bool {
		m := Message{Type: "progress", ID: id, Stage: stage}
		q := a.Quiet(m, t0.Add(time.Duration(ms)*time.Millisecond))
		a.OnMessage(m)
		return q
	}
	if step(0, "read") {
		t.Error("the first progress is not drawn")
	}
	if !step(50, "read") || !step(150, "read") {
		t.Error("progress drawn again within 200 ms")
	}
	if step(210, "read") {
		t.Error("progress not drawn after 200 ms")
	}
	if step(230, "resolve") {
		t.Error("a new stage is not drawn at once")
	}
	if a.Quiet(Message{Type: "progress", ID: id + 1, Stage: "resolve"}, t0.Add(240*time.Millisecond)) {
		t.Error("another analysis' progress counted as quiet")
	}
}

// With every analysis section (the demo's report), the early overview
// completed by the result is the result's report, field for field.
func TestEarlyReportCompletedByTheResult(t *testing.T) {
	b, err := os.ReadFile("../fixtures/golden/demo-report.json")
	if err != nil {
		t.Fatal(err)
	}
	full := string(b)
	a, _, id := analysing()
	a.OnMessage(Message{Type: "overview", ID: id, Overview: summaryOf(t, full)})
	if !a.Early || a.Report.Sentiment != nil {
		t.Fatal("no early overview, or one with a section")
	}
	a.OnMessage(Message{Type: "result", ID: id, Report: full})
	var whole report.Report
	if err := json.Unmarshal(b, &whole); err != nil {
		t.Fatal(err)
	}
	if whole.Sentiment == nil || whole.Feedback == nil || whole.Behaviour == nil {
		t.Fatal("the demo report lacks sections")
	}
	if a.Early || !reflect.DeepEqual(*a.Report, whole) {
		t.Error("the completed report differs from the result's")
	}
	if len(a.analysisPages()) != 5 {
		t.Errorf("analysis pages %v after the result", a.analysisPages())
	}
}

// The host decodes the overview's and the result's reports in a task of
// their own (Message.Predecode): the page shows the same as when OnMessage
// decodes them.
func TestPredecodedMessages(t *testing.T) {
	a, _, id := analysing()
	full := sampleReport(t)
	ov := Message{Type: "overview", ID: id, Overview: summaryOf(t, full)}
	if !ov.Predecode() || ov.decoded == nil {
		t.Fatal("the overview was not decoded ahead")
	}
	a.OnMessage(ov)
	if a.Page != PageOverview || !a.Early || a.Report != ov.decoded {
		t.Fatalf("after the predecoded overview: page %q early %v", a.Page, a.Early)
	}
	chart := a.NewCustomersChart()
	res := Message{Type: "result", ID: id, Report: full}
	res.Predecode()
	a.OnMessage(res)
	if a.Early || a.RunID != 0 || a.ReportJSON != full || a.NewCustomersChart() != chart {
		t.Fatalf("after the predecoded result: early %v run %d, JSON kept %v, chart kept %v", a.Early, a.RunID, a.ReportJSON == full, a.NewCustomersChart() == chart)
	}
	var whole report.Report
	if err := json.Unmarshal([]byte(full), &whole); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*a.Report, whole) {
		t.Error("the early report completed with the predecoded result's sections differs from the result's report")
	}
	// A message that cannot be decoded ahead is left to OnMessage.
	bad := Message{Type: "result", ID: 7, Report: "{"}
	if !bad.Predecode() || bad.decoded != nil {
		t.Error("a broken report was decoded ahead")
	}
	if (&Message{Type: "progress"}).Predecode() {
		t.Error("a progress message has no report to decode")
	}
}
