package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/qalbhq/qalb/engine/profile"
	"github.com/qalbhq/qalb/engine/report"
)

func predictionsReport() *report.Report {
	return &report.Report{Predictions: &report.Predictions{Period: "week", HorizonMonths: 12, MonthlyDiscount: 0.01,
		Models: []report.CLVModel{{Currency: "SAR", Customers: 40, RepeatCustomers: 30, R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426,
			LogLikelihood: -9582.43, Converged: true, Starts: 3, Agreeing: 3, TotalCLV: 12345.6, MeanCLV: 308.64, MeanPAlive: 0.8,
			CLVBins:        []report.Bin{{From: 0, To: 100, Count: 30}, {From: 100, To: 200, Count: 10}},
			AliveByRecency: []report.RecencyAlive{{Periods: 0, Customers: 25, PAlive: 0.95}, {Periods: 10, Customers: 15, PAlive: 0.55}},
			Top:            []report.CustomerCLV{{Customer: 7, CLV: 900, PAlive: 0.9}},
			Holdout: &report.Holdout{CalibrationEnd: "2024-01-01", HoldoutEnd: "2024-06-30", Periods: 26, Actual: 50, Predicted: 47.5,
				Buckets: []report.HoldoutBucket{{Frequency: 0, Customers: 20, Actual: 10, Predicted: 9.5}, {Frequency: 1, Customers: 20, Actual: 40, Predicted: 38}}}}},
		Churn: report.Churn{Scored: 40, High: 5, Medium: 10, Low: 25, Reasons: []report.Count{{Key: "churnGap", Count: 5}},
			Top: []report.ChurnRow{{Customer: 3, Risk: 83.3, Reasons: []string{"no order in 100 days, 7.5× the usual gap of 13 days"}}}},
	}}
}

func TestPredictionsPage(t *testing.T) {
	for _, lang := range []string{"en", "ar"} {
		a := &App{Lang: lang, Report: predictionsReport()}
		ms := a.PredModels()
		if len(ms) != 1 || len(ms[0].Charts) != 3 || len(ms[0].Top) != 1 || ms[0].Top[0].ID != 7 {
			t.Fatalf("%s: %+v", lang, ms)
		}
		for _, c := range ms[0].Charts {
			var spec map[string]any
			if err := json.Unmarshal([]byte(c.SpecJSON()), &spec); err != nil || len(c.Rows) == 0 {
				t.Errorf("%s: chart %s: %v", lang, c.ID, err)
			}
		}
		h := ms[0].Charts[2]
		if h.ID != "holdout-SAR" || len(h.Rows) != 2 || h.Rows[1][0] != a.Num(1)+"+" {
			t.Errorf("%s: holdout chart %+v", lang, h.Rows)
		}
		list := a.ChurnList()
		if len(list) != 1 || list[0].ID != 3 || len(list[0].Reasons) != 1 {
			t.Fatalf("%s: churn list %+v", lang, list)
		}
		want := "no order in 100 days, 7.5× the usual gap of 13 days"
		if lang == "ar" {
			want = "لا طلب منذ ١٠٠ يومًا، ٧٫٥ ضعف فجوته المعتادة البالغة ١٣ يومًا"
		}
		if list[0].Reasons[0] != want {
			t.Errorf("%s: reason %q", lang, list[0].Reasons[0])
		}
		if k := a.ChurnKPIs(); len(k) != 4 || k[1].Raw != "5" {
			t.Errorf("%s: churn KPIs %+v", lang, k)
		}
		if strings.Contains(a.T("pred.reason.churnGap"), "pred.") {
			t.Errorf("%s: reason label missing", lang)
		}
	}
}

// The customer page's predictions: risk out of 100 (not a percentage of a
// percentage), no P(alive) under the fallback, reasons translated.
func TestCustomerPredictionFacts(t *testing.T) {
	a := &App{Lang: "en", Report: predictionsReport()}
	ps := &Section{}
	a.predictionFacts(ps, &profile.Predictions{ChurnRisk: 83.3, ProbabilityAlive: -1, ExpectedOrders: 1.26, CLV: 99.5, Currency: "SAR",
		ChurnReasons: []string{"one order only, 91 days ago"}})
	got := map[string]string{}
	for _, f := range ps.Facts {
		got[f.Label] = f.Value
	}
	if got["Churn risk"] != "83 / 100" || got["Lifetime value, 12 months"] != "SAR 99.50" || got["Orders expected in 12 months"] != "1.3" {
		t.Errorf("facts %v", got)
	}
	if _, ok := got[a.T("profile.alive")]; ok {
		t.Error("P(alive) shown under the fallback")
	}
	if len(ps.Lists) != 1 || ps.Lists[0].Values[0] != "one order only, 91 days ago" {
		t.Errorf("reasons %+v", ps.Lists)
	}
}
