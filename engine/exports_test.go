package engine

import (
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"
)

func fixtureInput(t *testing.T, name string) Input {
	t.Helper()
	path := filepath.Join("..", "fixtures", "exports", name)
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return Input{Name: name, Size: st.Size(), Open: func() (io.ReadCloser, error) { return os.Open(path) }}
}

// An aggregate report is read and summarised, creates no customers and
// rejects no rows; the analysis period stays the customers'.
func TestAggregatesMakeNoCustomers(t *testing.T) {
	s := analyzeT(t, Options{}, fixtureInput(t, "ga4_report.csv"), fixtureInput(t, "search_console_queries.csv"))
	r := s.Report
	if r.Customers.Total != 0 || r.Rows.Rejected != 0 || r.Period.From != "" {
		t.Fatalf("customers %d, rejected %d, period %+v", r.Customers.Total, r.Rows.Rejected, r.Period)
	}
	for _, src := range r.Sources {
		if src.Kind != "aggregates" || src.Aggregate == nil || src.Unlinked != 0 {
			t.Fatalf("%s: kind %s, aggregate %v, unlinked %d", src.File, src.Kind, src.Aggregate, src.Unlinked)
		}
	}
	ga := r.Sources[0].Aggregate
	if ga.Period.From != "2024-03-01" || ga.Period.To != "2024-03-07" || len(ga.Tables) != 3 || ga.Tables[1].Rows != 4 {
		t.Errorf("GA4: %+v", ga)
	}
	if r.Sources[0].Tool != "Google Analytics 4" || r.Sources[1].Tool != "Google Search Console" {
		t.Errorf("tools %q, %q", r.Sources[0].Tool, r.Sources[1].Tool)
	}
	// Clicks 120+45+30; CTR is a mean.
	m := r.Sources[1].Aggregate.Tables[0].Metrics
	if m[0].Name != "Clicks" || m[0].Value != 195 || m[2].Name != "CTR" || m[2].Of != "mean" {
		t.Errorf("search console metrics %+v", m)
	}
}

// Revenue leaves out PayPal's internal movements and Stripe's test-mode
// payments; decimal commas read as decimals.
func TestRevenueLeavesOutNonSales(t *testing.T) {
	r := analyzeT(t, Options{}, fixtureInput(t, "paypal_statement_es.csv")).Report
	// 1.234,56 and 12,50 are sales; the -100,00 currency conversion is not.
	if len(r.Orders.Revenue) != 1 || r.Orders.Revenue[0].Currency != "EUR" || r.Orders.Revenue[0].Amount != 1247.06 {
		t.Errorf("PayPal (es) revenue %+v, want EUR 1247.06", r.Orders.Revenue)
	}
	if r.Orders.Excluded != 1 {
		t.Errorf("excluded %d, want 1", r.Orders.Excluded)
	}
	r = analyzeT(t, Options{}, fixtureInput(t, "stripe_payments_snake.csv")).Report
	if len(r.Orders.Revenue) != 1 || r.Orders.Revenue[0].Amount != 65 {
		t.Errorf("Stripe revenue %+v, want 65 (the 5.00 test payment left out)", r.Orders.Revenue)
	}
}

// What customer exports state — lifetime spend, order count, average
// order, consent — sits in the profile next to what the orders compute;
// survey answers are kept by question.
func TestProfileKeepsStatedValues(t *testing.T) {
	s := analyzeT(t, Options{}, fixtureInput(t, "shopify_customers_legacy.csv"), fixtureInput(t, "shopify_orders.csv"),
		fixtureInput(t, "mailchimp_unsubscribed.csv"), fixtureInput(t, "qualtrics.csv"), fixtureInput(t, "woocommerce_customers.csv"))
	byEmail := map[string]int{}
	for i := 0; i < s.Report.Customers.Total; i++ {
		p, err := s.Customer(i)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range p.Identities.Emails {
			byEmail[e] = i
		}
	}
	ana, _ := s.Customer(byEmail["ana@example.test"])
	st := ana.Behaviour.Stated
	// Ana is in the Shopify and the WooCommerce customer exports, neither
	// dated: the first file read states her totals.
	if st == nil || st.LifetimeSpend == nil || st.OrderCount == nil || st.Subscribed == nil || !*st.Subscribed {
		t.Fatalf("ana stated %+v", st)
	}
	if st.Source == "shopify_customers_legacy.csv" && (st.LifetimeSpend.Amount != 45 || *st.OrderCount != 1) ||
		st.Source == "woocommerce_customers.csv" && (st.LifetimeSpend.Amount != 120 || *st.OrderCount != 3 || st.AverageOrder.Amount != 40) {
		t.Errorf("ana stated %+v (lifetime %+v, orders %d)", st, *st.LifetimeSpend, *st.OrderCount)
	}
	if ana.Behaviour.Orders != 1 {
		t.Errorf("ana computed orders %d, want 1", ana.Behaviour.Orders)
	}
	var plan string
	for _, a := range ana.Feedback.Answers {
		if a.Question == "Which plan are you on?" {
			plan = a.Answer
		}
	}
	if plan != "Pro" {
		t.Errorf("ana's answers %+v", ana.Feedback.Answers)
	}
	dee, _ := s.Customer(byEmail["dee@example.test"])
	if st := dee.Behaviour.Stated; st == nil || st.Subscribed == nil || *st.Subscribed || st.ConsentColumn != "UNSUB_TIME" {
		t.Errorf("dee stated %+v", st)
	}
}

func TestSubscribed(t *testing.T) {
	for _, c := range []struct {
		col, v string
		want   string
	}{
		{"Accepts Marketing", "yes", "true"}, {"Accepts Email Marketing", "no", "false"},
		{"UNSUB_TIME", "2024-02-01 09:00:00", "false"}, {"Email Opt Out", "true", "false"}, {"Email Opt Out", "false", "true"},
		{"Email Marketing Consent", "NEVER_SUBSCRIBED", "false"}, {"Email Marketing Consent", "SUBSCRIBED", "true"},
		{"Email Subscription Status", "unsubscribed", "false"}, {"Marketing contact status", "Non-marketing contact", "false"},
		{"Consent", "maybe later", "nil"},
	} {
		got := "nil"
		if b := subscribed(c.col, c.v); b != nil {
			got = map[bool]string{true: "true", false: "false"}[*b]
		}
		if got != c.want {
			t.Errorf("subscribed(%q, %q) = %s, want %s", c.col, c.v, got, c.want)
		}
	}
}

// Segment: a page view before sign-in joins its person through the
// identify call that links its anonymousId to the userId and email; page
// and screen calls are events, the identify call is none.
func TestSegmentCallsJoinAndCount(t *testing.T) {
	s := analyzeT(t, Options{}, fixtureInput(t, "segment_events.ndjson"),
		memInput("contacts.csv", "Email,Name\nbo@example.test,Bo Kim\n"))
	r := s.Report
	// u-1 (ana), u-3 (cy) and u-2 (bo: anon-2's page view, the identify
	// call, the screen view and the contact row).
	if r.Customers.Total != 3 || r.Sources[0].Unlinked != 0 {
		t.Fatalf("customers %d, unlinked %d; want 3, 0", r.Customers.Total, r.Sources[0].Unlinked)
	}
	if r.Behaviour == nil || r.Behaviour.Events != 4 || r.Behaviour.Customers != 3 {
		t.Fatalf("behaviour %+v", r.Behaviour)
	}
	names := map[string]int{}
	for _, c := range r.Behaviour.EventNames {
		names[c.Key] = c.Count
	}
	if names["Viewed Home Page"] != 1 || names["Loaded a Screen"] != 1 || names["Order Completed"] != 1 || names["Signed Up"] != 1 || len(names) != 4 {
		t.Fatalf("event names %v", names)
	}
}

// A PostHog distinct_id that is an email joins the customer of that email.
func TestDistinctIDEmailJoins(t *testing.T) {
	s := analyzeT(t, Options{}, fixtureInput(t, "posthog_events.csv"),
		memInput("contacts.csv", "Email,Name\nDi@Example.test,Di Ro\n"))
	// p-1, p-2, and di@example.test (its page view and the contact row).
	r := s.Report
	if r.Customers.Total != 3 || r.Sources[0].Unlinked != 0 || r.Behaviour == nil || r.Behaviour.Customers != 3 {
		t.Fatalf("customers %d, unlinked %d, behaviour %+v", r.Customers.Total, r.Sources[0].Unlinked, r.Behaviour)
	}
}

// HubSpot feedback submissions: one Rating column holds NPS (0–10), CSAT
// (HubSpot's 0–2: negative, neutral, positive) and CES (1–7) answers; the
// survey type splits them, never averaged across scales, and the Response
// column is each answer's comment.
func TestHubSpotFeedbackSplit(t *testing.T) {
	type want struct {
		n, verbatims int
		min, max     float64
		headline     float64 // NPS, % satisfied, mean effort
	}
	for file, surveys := range map[string]map[string]want{
		// NPS: 9 (promoter), 4 (detractor) → 0. CSAT: 2, 0, 1 → 1 of 3
		// in the top box. CES: 6.
		"hubspot_feedback.csv": {"nps": {2, 2, 0, 10, 0}, "csat": {3, 1, 0, 2, 100.0 / 3}, "ces": {1, 1, 1, 7, 6}},
		// NPS: 10, 6 → 0. CSAT: 0 → 0 %. CES: 2.
		"hubspot_feedback_by_type.csv": {"nps": {2, 1, 0, 10, 0}, "csat": {1, 1, 0, 2, 0}, "ces": {1, 1, 1, 7, 2}},
	} {
		s := analyzeT(t, Options{}, fixtureInput(t, file))
		f := s.Report.Feedback
		if f == nil || len(f.Surveys) != len(surveys) {
			t.Fatalf("%s: feedback %+v", file, f)
		}
		for _, sv := range f.Surveys {
			w, ok := surveys[sv.Metric]
			if !ok || sv.N != w.n || sv.Verbatims != w.verbatims || sv.Scale.Min != w.min || sv.Scale.Max != w.max ||
				math.Abs(sv.Headline.Value-w.headline) > 1e-6 {
				t.Errorf("%s: %s: n %d, verbatims %d, scale %v–%v, headline %v; want %+v", file, sv.Metric, sv.N, sv.Verbatims,
					sv.Scale.Min, sv.Scale.Max, sv.Headline.Value, w)
			}
		}
	}
}
