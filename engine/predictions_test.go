package engine

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qalbhq/qalb/engine/predict"
	"github.com/qalbhq/qalb/engine/report"
)

// Few customers: the lifetime values fall back to the average repeat rate
// and churn risk comes from purchase gaps, so every risk can be computed
// by hand: since/(since + 2·gap), gap being the customer's usual gap between
// purchase days or, for one-order customers, the median of those (a 10,
// f 14, c 28 days: 14).
func TestChurnFromGapsAndSubscriptions(t *testing.T) {
	orders := `Order ID,Email,Order Date,Total,Currency
1,a@example.com,2024-01-01,10,SAR
2,a@example.com,2024-01-11,20,SAR
3,a@example.com,2024-01-21,30,SAR
4,b@example.com,2024-04-20,15,SAR
5,c@example.com,2024-04-01,40,SAR
6,c@example.com,2024-04-29,40,SAR
7,e@example.com,2024-01-30,25,SAR
8,f@example.com,2024-03-01,9,USD
9,f@example.com,2024-03-15,9,USD
`
	subs := `Customer Email,Status,Created
d@example.com,canceled,2024-02-01
a@example.com,active,2024-01-01
`
	s := analyzeT(t, Options{AsOf: time.Date(2024, 4, 30, 0, 0, 0, 0, time.UTC)},
		memInput("orders.csv", orders), memInput("subscriptions.csv", subs))
	x := s.Report.Predictions
	if x == nil {
		t.Fatal("no predictions section")
	}
	if len(x.Models) != 2 || x.Models[0].Currency != "SAR" || x.Models[1].Currency != "USD" {
		t.Fatalf("models by currency: %+v", x.Models)
	}
	for _, m := range x.Models {
		if len(m.Notes) == 0 || !strings.Contains(m.Notes[0], "too little repeat data") {
			t.Errorf("%s: no fallback note: %v", m.Currency, m.Notes)
		}
	}
	byEmail := map[string]int{}
	for ci := range s.custs {
		byEmail[s.strs.Value(s.emailOf(int(ci)))] = ci
	}
	cases := []struct {
		email  string
		risk   float64
		reason string
	}{
		{"a@example.com", 100 * 100.0 / 120, "no order in 100 days, 10× the usual gap of 10 days"},
		{"b@example.com", 100 * 10.0 / 38, ""},
		{"c@example.com", 100 * 1.0 / 57, ""},
		{"e@example.com", 100 * 91.0 / 119, "one order only, 91 days ago"},
		{"f@example.com", 100 * 46.0 / 74, "no order in 46 days, 3.3× the usual gap of 14 days"},
		{"d@example.com", 100, "subscription cancelled"},
	}
	for _, c := range cases {
		ci, ok := byEmail[c.email]
		if !ok {
			t.Fatalf("no customer %s", c.email)
		}
		risk, ok := s.churnRisk(ci)
		if !ok || math.Abs(risk-c.risk) > 0.05 {
			t.Errorf("%s: risk %v (%v), want %.1f", c.email, risk, ok, c.risk)
		}
		p, err := s.Customer(ci)
		if err != nil || p.Predictions == nil {
			t.Fatalf("%s: profile %v", c.email, err)
		}
		got := strings.Join(p.Predictions.ChurnReasons, "; ")
		if got != c.reason {
			t.Errorf("%s: reasons %q, want %q", c.email, got, c.reason)
		}
	}
	// Fallback values: a's SAR CLV is the repeat rate × a month × a's mean
	// repeat spend (25), discounted month by month.
	var sumX, sumT float64
	for _, f := range [][2]float64{{2, 120}, {0, 10}, {1, 29}, {0, 91}} { // x and T in days
		sumX += f[0]
		sumT += f[1] / 7
	}
	month := 365.25 / 12 / 7
	want := 0.0
	for k := 1; k <= 12; k++ {
		want += sumX / sumT * month * 25 / math.Pow(1.01, float64(k))
	}
	clv, cur, ok := s.customerCLV(byEmail["a@example.com"])
	if !ok || cur != "SAR" || math.Abs(clv-want) > 1e-6 {
		t.Errorf("a's CLV %v %s, want %v", clv, cur, want)
	}
	if _, _, ok := s.customerCLV(byEmail["d@example.com"]); ok {
		t.Error("d has no orders but a CLV")
	}
	if x.Churn.Scored != 6 || x.Churn.High != 3 || x.Churn.Medium != 1 || x.Churn.Low != 2 {
		t.Errorf("churn summary %+v", x.Churn)
	}
	// The shared view keeps no customer numbers.
	v := report.ShareView(s.Report, 2)
	if v.Predictions.Churn.Top != nil || len(v.Predictions.Models) != 1 || v.Predictions.Models[0].Top != nil {
		t.Errorf("shared view: %+v", v.Predictions)
	}
	for _, r := range v.Predictions.Churn.Reasons {
		if r.Count < 2 {
			t.Errorf("shared view keeps reason %+v", r)
		}
	}
}

// The CDNOW transactions read by the engine (space-aligned, no header,
// columns found from their values) give the published fit and holdout count.
func TestCDNOWThroughEngine(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "eval", "clv", "CDNOW_sample.txt")
	body, err := os.ReadFile(path)
	if err != nil {
		t.Skip("CDNOW sample not present:", err)
	}
	s := analyzeT(t, Options{}, memInput("CDNOW_sample.txt", string(body)))
	rs := s.CLV(CLVOptions{CalibrationEnd: time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC),
		HoldoutEnd: time.Date(1998, 6, 30, 0, 0, 0, 0, time.UTC), Period: predict.Week})
	if len(rs) != 1 {
		t.Fatalf("%d models", len(rs))
	}
	m := rs[0].Model
	if math.Abs(m.BGNBD.R/0.243-1) > 0.005 || math.Abs(m.BGNBD.Alpha/4.414-1) > 0.005 ||
		math.Abs(m.BGNBD.A/0.793-1) > 0.005 || math.Abs(m.BGNBD.B/2.426-1) > 0.005 {
		t.Errorf("BG/NBD %+v", m.BGNBD)
	}
	if math.Abs(m.Spend.P/6.25-1) > 0.005 || math.Abs(m.Spend.Q/3.74-1) > 0.005 || math.Abs(m.Spend.Gamma/15.44-1) > 0.005 {
		t.Errorf("Gamma-Gamma %+v", m.Spend)
	}
	if h := rs[0].Holdout; h == nil || h.Actual != 1882 || math.Abs(h.Predicted-1653.4) > 1 {
		t.Errorf("holdout %+v", h)
	}
	for _, p := range rs[0].Predicted {
		if !(p.CLV >= 0) || math.IsInf(p.CLV, 0) {
			t.Fatalf("CLV %v", p.CLV)
		}
	}
}

// A churn label in the data: a logistic model is fitted, its
// cross-validated AUC reported, and its probability becomes the risk. Here
// customers churned exactly when their last order is older than 60 days,
// which recency separates perfectly.
func TestChurnLabelModel(t *testing.T) {
	var orders, contacts strings.Builder
	orders.WriteString("Order ID,Email,Order Date,Total,Currency\n")
	contacts.WriteString("Email,Name,Churned\n")
	asOf := time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)
	n := 0
	for i := 0; i < 60; i++ {
		email := "c" + strconv.Itoa(i) + "@example.com"
		last := asOf.AddDate(0, 0, -(i*3 + 1)) // 1 … 178 days ago
		for k := 0; k < 1+i%3; k++ {
			n++
			fmt.Fprintf(&orders, "%d,%s,%s,%d,SAR\n", n, email, last.AddDate(0, 0, -20*k).Format("2006-01-02"), 10+i)
		}
		churned := "No"
		if asOf.Sub(last) > 60*24*time.Hour {
			churned = "Yes"
		}
		fmt.Fprintf(&contacts, "%s,Customer %d,%s\n", email, i, churned)
	}
	s := analyzeT(t, Options{AsOf: asOf}, memInput("orders.csv", orders.String()), memInput("contacts.csv", contacts.String()))
	l := s.Report.Predictions.Churn.Label
	if l == nil {
		t.Fatal("no label model")
	}
	if l.Column != "Churned" || l.Customers != 60 || l.Churned != 40 || l.AUC < 0.95 {
		t.Errorf("label model %+v", l)
	}
	// Risk is the model's: high for the churned, low for the others.
	var churned, stayed float64
	for ci := range s.custs {
		risk, ok := s.churnRisk(ci)
		if !ok {
			t.Fatalf("customer %d not scored", ci)
		}
		if s.act(&s.custs[ci]).lastOrder < asOf.Add(-60*24*time.Hour).Unix() {
			churned += risk / 40
		} else {
			stayed += risk / 20
		}
	}
	if churned < 80 || stayed > 20 {
		t.Errorf("mean risk of the churned %.1f, of the others %.1f", churned, stayed)
	}
}

// A Stripe subscriptions export (read as payments: it has amounts) gives
// churn risk from its status: canceled 100, past_due 50, an active
// subscription set to cancel at the period's end 90, other active ones
// nothing from the status.
func TestChurnFromStripeSubscriptions(t *testing.T) {
	subs := "id,Customer ID,Customer Email,Plan,Quantity,Interval,Amount,Status,Created (UTC),Current Period End (UTC),Cancel At Period End\n" +
		"sub_1,cus_1,a@example.com,Pro,1,month,29.00,active,2024-01-01 10:00,2024-07-01 10:00,false\n" +
		"sub_2,cus_2,b@example.com,Pro,1,month,29.00,canceled,2024-01-02 10:00,2024-04-02 10:00,false\n" +
		"sub_3,cus_3,c@example.com,Pro,1,month,29.00,past_due,2024-01-03 10:00,2024-07-03 10:00,false\n" +
		"sub_4,cus_4,d@example.com,Pro,1,month,29.00,active,2024-01-04 10:00,2024-07-04 10:00,true\n"
	s := analyzeT(t, Options{AsOf: time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)}, memInput("subscriptions.csv", subs))
	want := map[string]string{"b@example.com": "subscription cancelled", "c@example.com": "payment past due",
		"d@example.com": "subscription set to end at the period's end"}
	for ci := range s.custs {
		email := s.strs.Value(s.emailOf(int(ci)))
		cp := s.predictState.get(ci)
		reason := strings.Join(cp.reasonTexts(), "; ")
		if w, ok := want[email]; ok && !strings.Contains(reason, w) {
			t.Errorf("%s: reasons %q, want %q", email, reason, w)
		}
		if email == "b@example.com" && cp.risk != 100 {
			t.Errorf("cancelled: risk %v", cp.risk)
		}
		if email == "a@example.com" && reason != "" {
			t.Errorf("active: reasons %q", reason)
		}
	}
}

// fewIDs numbers ids in the order they first come, the same past the
// handful it scans as in it.
func TestFewIDs(t *testing.T) {
	var f fewIDs
	for round := 0; round < 2; round++ {
		for i := 0; i < 3*fewIDsScan; i++ {
			id := uint32(1000 - 7*i)
			if k := f.index(id); k != i {
				t.Fatalf("round %d: id %d numbered %d, want %d", round, id, k, i)
			}
		}
	}
	if len(f.ids) != 3*fewIDsScan {
		t.Fatalf("%d ids kept, want %d", len(f.ids), 3*fewIDsScan)
	}
}
