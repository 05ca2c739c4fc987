package main

import (
	"testing"

	"github.com/qalbhq/qalb/engine/report"
)

// The Sources page names the recognised tool, says how sure the kind is
// and its runner-up, asks when the kind is a guess, and lists an aggregate
// report's tables — in both languages.
func TestRenderSourcesRecognition(t *testing.T) {
	for _, lang := range []string{"en", "ar"} {
		a, _ := analysed(t)
		a.SetLang(lang)
		r := a.Report
		r.Sources[0].Export, r.Sources[0].Tool, r.Sources[0].Layout = "Shopify customers", "Shopify", "customers"
		r.Sources[0].KindConfidence = 1
		r.Sources[1].Kind, r.Sources[1].KindConfidence, r.Sources[1].RunnerUp = "reviews", 0.55, "contacts"
		r.Sources = append(r.Sources, report.Source{File: "ga4.csv", Kind: "aggregates", KindConfidence: 0.9,
			Export: "Google Analytics 4 report export", Tool: "Google Analytics 4",
			Aggregate: &report.Aggregate{Period: report.Period{From: "2024-03-01", To: "2024-03-07"}, Tables: []report.AggregateTable{
				{Columns: []string{"Country", "Active users"}, Rows: 2, Metrics: []report.Metric{{Name: "Active users", Value: 380, Of: "sum"}}},
				{Columns: []string{"Date", "Bounce rate"}, Rows: 7, Period: report.Period{From: "2024-03-01", To: "2024-03-07"},
					Metrics: []report.Metric{{Name: "Bounce rate", Value: 0.42, Of: "mean"}}},
			}}})
		a.Go(PageSources)
		html := render(t, a)
		c := &Sources{App: a}
		mustHave(t, lang, html, `data-tool="Shopify"`, `data-testid="kind-ask"`, `data-runner-up="contacts"`,
			`data-testid="aggregate"`, `data-rows="7"`, "2024-03-01 – 2024-03-07", c.KindSure(&r.Sources[1]))
		if lang == "en" {
			mustHave(t, lang, html, "Kind 55% sure · next: Contacts", "Active users: 380 (total)", "Bounce rate: 0.42 (mean)")
		} else {
			mustHave(t, lang, html, "لم يتأكد قلب مما يحتويه هذا الملف", "(المتوسط)")
		}
		if c.AskKind(&r.Sources[0]) || !c.AskKind(&r.Sources[1]) {
			t.Errorf("%s: ask for %v, %v", lang, c.AskKind(&r.Sources[0]), c.AskKind(&r.Sources[1]))
		}
		// Once the user picks a kind, the page stops asking.
		a.SetKind(r.Sources[1].File, "contacts")
		if c.AskKind(&r.Sources[1]) {
			t.Errorf("%s: still asking after a kind was chosen", lang)
		}
	}
}

// The data-quality page writes an estimated distinct count "≈ n" with its
// standard error as a tip and a note under the table, in both languages;
// exact counts, role-less columns' included, are written as they are.
func TestRenderQualityEstimates(t *testing.T) {
	for _, lang := range []string{"en", "ar"} {
		a, _ := analysed(t)
		a.SetLang(lang)
		s := &a.Report.Sources[0]
		s.Columns = append(s.Columns,
			report.Column{Name: "Line item notes", Role: "ignore", By: "default", Filled: 900000, Distinct: 123456, DistinctEstimated: true, DistinctError: 0.0081},
			report.Column{Name: "Tags", Role: "ignore", By: "default", Filled: 40, Distinct: 7})
		a.Go(PageQuality)
		html := render(t, a)
		c := &Quality{App: a}
		est, exact := &s.Columns[len(s.Columns)-2], &s.Columns[len(s.Columns)-1]
		if got := c.Distinct(est); got != "≈ "+a.Num(123456) {
			t.Errorf("%s: estimated count shown %q", lang, got)
		}
		if got := c.Distinct(exact); got != a.Num(7) {
			t.Errorf("%s: exact count of a role-less column shown %q", lang, got)
		}
		if c.DistinctTip(exact) != "" || c.EstimateNote(&a.Report.Sources[1]) != "" {
			t.Errorf("%s: an exact count explained as an estimate", lang)
		}
		mustHave(t, lang, html, c.Distinct(est), c.DistinctTip(est), c.EstimateNote(s), `class="muted estimate-note"`)
		if lang == "en" {
			mustHave(t, lang, html, "≈ 123,456", "Estimated: standard error ±0.8%", "counts of up to 8,192 values are exact")
		} else {
			mustHave(t, lang, html, "الخطأ المعياري")
		}
	}
}
