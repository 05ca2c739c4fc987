package engine

import (
	"io"
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
