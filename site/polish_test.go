package main

import (
	"github.com/qalbhq/qalb/engine/report/htmlreport"
	"testing"

	"github.com/qalbhq/qalb/engine/report"
)

// CLDR cardinal rules: Arabic zero, one, two, few (3–10), many (11–99), other.
func TestPlurals(t *testing.T) {
	ar := map[int]string{0: "zero", 1: "one", 2: "two", 3: "few", 10: "few", 11: "many", 99: "many", 100: "other",
		101: "other", 102: "other", 103: "few", 111: "many", 1000: "other"}
	for n, want := range ar {
		if got := htmlreport.PluralCategory("ar", n); got != want {
			t.Errorf("ar %d: %s, want %s", n, got, want)
		}
	}
	if htmlreport.PluralCategory("en", 1) != "one" || htmlreport.PluralCategory("en", 0) != "other" || htmlreport.PluralCategory("en", 2) != "other" {
		t.Error("en plural rules")
	}
	a := &App{Lang: "en"}
	if a.N("files", 1) != "1 file" || a.N("files", 3) != "3 files" || a.N("rows", 1200) != "1,200 rows" {
		t.Errorf("en: %q %q %q", a.N("files", 1), a.N("files", 3), a.N("rows", 1200))
	}
	a.Lang = "ar"
	for n, want := range map[int]string{0: "لا ملفات", 1: "ملف واحد", 2: "ملفان", 3: "٣ ملفات", 11: "١١ ملفًا", 100: "١٠٠ ملف"} {
		if got := a.N("files", n); got != want {
			t.Errorf("ar %d files: %q, want %q", n, got, want)
		}
	}
}

func TestTouchpointSummary(t *testing.T) {
	a := &App{Lang: "en"}
	if got := a.TouchpointSummary("#1001 · USD 4586.1 · Coffee, Tea · paid"); got != "#1001 · USD 4,586.10 · Coffee, Tea · paid" {
		t.Errorf("en: %q", got)
	}
	if got := a.TouchpointSummary("★ (1) · ★★★★ (4) · 12 · Order 12"); got != "★ (1) · ★★★★ (4) · 12 · Order 12" {
		t.Errorf("en stars: %q", got)
	}
	a.Lang = "ar"
	if got := a.TouchpointSummary("★★★★ (4) · ★ 5"); got != "★★★★ (٤)، ★ ٥" {
		t.Errorf("ar stars: %q", got)
	}
	if got := a.TouchpointSummary("#1001 · USD 4586.1 · NPS 9"); got != "#1001، ٤٬٥٨٦٫١٠ USD، صافي نقاط الترويج (NPS) ٩" {
		t.Errorf("ar: %q", got)
	}
}

func TestExportParts(t *testing.T) {
	a := &App{Lang: "ar"}
	if got := a.ExportName("HubSpot contacts"); got != "جهات اتصال HubSpot" {
		t.Errorf("ar: %q", got)
	}
	a.Lang = "en"
	if got := a.ExportName("HubSpot contacts"); got != "HubSpot contacts" {
		t.Errorf("en: %q", got)
	}
	if p := a.ExportParts("SurveyMonkey"); len(p) != 1 || !p[0].Brand {
		t.Errorf("a brand alone: %+v", p)
	}
}

// A file whose rows were all rejected is named at the top of the overview
// with its main reason; a report without customers or dates says so.
func TestAlerts(t *testing.T) {
	a := &App{Lang: "en", Report: &report.Report{
		Rows: report.RowCounts{Read: 5, Rejected: 5},
		Sources: []report.Source{{File: "contacts.csv", Kind: "contacts", Rows: report.RowCounts{Read: 5, Rejected: 5},
			Reasons: []report.Count{{Key: "no value in any column Qalb uses", Count: 5}}}},
	}}
	got := a.Alerts()
	if len(got) != 2 || got[0].ID != "nocustomers-all" || got[1].ID != "rejected" || got[1].File != "contacts.csv" ||
		got[1].Text != "5 of its 5 rows were rejected. Main reason: no value in any column Qalb uses" {
		t.Errorf("alerts %+v", got)
	}
}

// An orders file without dates is named; a contacts file without dates is not.
func TestAlertNoDatesInFile(t *testing.T) {
	a := &App{Lang: "en", Report: &report.Report{
		Period:    report.Period{From: "2024-01-01", To: "2024-02-01"},
		Rows:      report.RowCounts{Read: 4, Used: 4},
		Customers: report.CustomerSummary{Total: 2},
		Sources: []report.Source{
			{File: "crm.csv", Kind: "contacts", Rows: report.RowCounts{Read: 2, Used: 2}},
			{File: "orders.csv", Kind: "orders", Rows: report.RowCounts{Read: 2, Used: 2},
				Columns: []report.Column{{Name: "Date", Role: "date", Filled: 0}}},
		},
	}}
	got := a.Alerts()
	if len(got) != 1 || got[0].ID != "nodates-file" || got[0].File != "orders.csv" {
		t.Errorf("alerts %+v", got)
	}
}
