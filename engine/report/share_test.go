package report

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestShareViewSuppressesSmallGroupsAndQuotedValues(t *testing.T) {
	r := &Report{
		Version: Version,
		Sources: []Source{{File: "crm.csv",
			Columns:  []Column{{Name: "Email", Role: "email", Examples: []string{"sara@example.com"}}},
			Rejected: []Problem{{Line: 3, Reason: "bad", Value: "omar@example.com"}},
			Issues:   []Problem{{Line: 4, Column: "Date", Reason: "not a date", Value: "Noura's birthday"}}}},
		Customers: CustomerSummary{Total: 40,
			Countries:   []Count{{"SA", 30}, {"AE", 6}, {"JO", 4}},
			Companies:   []Count{{"Nakhla Co", 5}, {"Tiny LLC", 1}},
			NewPerMonth: []Month{{Month: "2024-01", Count: 12}, {Month: "2024-02", Count: 2}}},
		Orders: OrderSummary{Orders: 20, Revenue: []Money{{"SAR", 1000}},
			PerMonth: []MonthMoney{{Month: "2024-01", Currency: "SAR", Orders: 19, Revenue: 900}, {Month: "2024-02", Currency: "SAR", Orders: 1, Revenue: 100}}},
		Identity: IdentitySummary{ConflictCount: 1, Conflicts: []Conflict{{Customer: 3, Keys: []string{"email:omar@example.com"}}}},
	}
	v := ShareView(r, MinGroup)
	if got := v.Customers.Countries; len(got) != 2 || got[1].Key != "AE" {
		t.Errorf("countries = %+v, want SA and AE only", got)
	}
	if got := v.Customers.Companies; len(got) != 1 || got[0].Key != "Nakhla Co" {
		t.Errorf("companies = %+v", got)
	}
	// Months stay, so the time axis has no gap; a small month's numbers are hidden.
	if want := []Month{{Month: "2024-01", Count: 12}, {Month: "2024-02", Suppressed: true}}; !reflect.DeepEqual(v.Customers.NewPerMonth, want) {
		t.Errorf("new per month %+v, want %+v", v.Customers.NewPerMonth, want)
	}
	if want := []MonthMoney{{Month: "2024-01", Currency: "SAR", Orders: 19, Revenue: 900}, {Month: "2024-02", Currency: "SAR", Suppressed: true}}; !reflect.DeepEqual(v.Orders.PerMonth, want) {
		t.Errorf("revenue per month %+v, want %+v", v.Orders.PerMonth, want)
	}
	if want := []Count{{Key: "customers.countries", Count: 1}, {Key: "customers.companies", Count: 1}, {Key: "customers.newPerMonth", Count: 1}, {Key: "orders.perMonth", Count: 1}}; !reflect.DeepEqual(v.Shared.Breakdowns, want) {
		t.Errorf("breakdowns %+v, want %+v", v.Shared.Breakdowns, want)
	}
	if v.Shared == nil || v.Shared.Suppressed != 4 || v.Shared.MinGroup != 5 {
		t.Errorf("shared = %+v, want 4 rows suppressed", v.Shared)
	}
	if v.Customers.Total != 40 || v.Orders.Revenue[0].Amount != 1000 || v.Identity.ConflictCount != 1 {
		t.Errorf("totals changed: %+v", v)
	}
	b, _ := json.Marshal(v)
	for _, secret := range []string{"sara@", "omar@", "Noura", "Tiny LLC", `"JO"`} {
		if strings.Contains(string(b), secret) {
			t.Errorf("the shared view still contains %q", secret)
		}
	}
	// The original is untouched.
	if len(r.Customers.Countries) != 3 || r.Sources[0].Columns[0].Examples == nil || r.Shared != nil {
		t.Error("ShareView changed its input")
	}
}

func TestShareViewSegments(t *testing.T) {
	r := &Report{Segments: &Segments{
		RFM: &RFM{Buyers: 12, Segments: []SegmentSummary{{Key: "champions", Size: 9}, {Key: "lost", Size: 3}, {Key: "new", Size: 0}},
			Grid: []RFMCell{{R: 5, FM: 5, Segment: "champions", Count: 9}, {R: 1, FM: 1, Segment: "lost", Count: 3}, {R: 3, FM: 3, Segment: "need_attention"}}},
		Clusters: &Clusters{Clusters: []Cluster{
			{ID: 1, Summary: SegmentSummary{Size: 10}, Persona: Persona{Quotes: []string{"my own words"}}},
			{ID: 2, Summary: SegmentSummary{Size: 2}}}},
		ICP: &ICP{Accounts: 4, Top: []ICPAccount{{Company: "Acme"}}, Prospects: []ICPProspect{{ID: 1, Name: "Aisha"}}},
	}}
	v := ShareView(r, 5)
	s := v.Segments
	if len(s.RFM.Segments) != 2 || s.RFM.Segments[0].Key != "champions" || s.RFM.Segments[1].Key != "new" {
		t.Errorf("rfm segments %+v", s.RFM.Segments)
	}
	if len(s.RFM.Grid) != 2 || s.RFM.Grid[1].Count != 0 {
		t.Errorf("grid %+v", s.RFM.Grid)
	}
	if len(s.Clusters.Clusters) != 1 || s.Clusters.Clusters[0].Persona.Quotes != nil {
		t.Errorf("clusters %+v", s.Clusters.Clusters)
	}
	if s.ICP.Top != nil || s.ICP.Prospects != nil || s.ICP.Accounts != 4 {
		t.Errorf("icp %+v", s.ICP)
	}
	if v.Shared.Suppressed != 3 { // the lost segment, its grid cell, cluster 2
		t.Errorf("suppressed %d", v.Shared.Suppressed)
	}
	if r.Segments.RFM.Segments[1].Key != "lost" || r.Segments.Clusters.Clusters[0].Persona.Quotes == nil {
		t.Error("ShareView changed the report")
	}
}

func TestBehaviourShareView(t *testing.T) {
	p := 0.5
	b := &Behaviour{
		Funnels: []Funnel{
			{Name: "big", Steps: []FunnelStep{{Event: "a", Customers: 40}}, Breakdown: &FunnelBreakdown{By: "country",
				Groups: []FunnelGroup{{Value: "SA", Customers: []int{30}, P: &p}, {Value: "JO", Customers: []int{3}}}}},
			{Name: "small", Steps: []FunnelStep{{Event: "a", Customers: 4}}},
		},
		Friction: &Friction{Steps: []FrictionStep{{From: "a", To: "b", Reached: 30, Examples: []Example{{Customer: 1, Name: "Sara"}}}, {Reached: 2}}},
		Journeys: []Journey{{Event: "a", Paths: []JourneyPath{{Events: []string{"a"}, Sessions: 9}, {Events: []string{"a", "b"}, Sessions: 1}}}},
		Adoption: []Adoption{{Event: "a", Customers: 40}, {Event: "rare", Customers: 2}},
		Cohorts: []CohortTable{{Cohorts: []Cohort{{Start: "2024-01", Customers: 12}, {Start: "2024-02", Customers: 1}},
			Segments: []SegmentCurve{{Segment: "champions", Customers: 3}}}},
		Channels: []ChannelCount{{Channel: "web", Customers: 9}, {Channel: "app", Customers: 4}},
	}
	info := &Shared{}
	v := b.shareView(5, info)
	if len(v.Funnels) != 1 || len(v.Funnels[0].Breakdown.Groups) != 1 || len(v.Friction.Steps) != 1 || v.Friction.Steps[0].Examples != nil ||
		len(v.Journeys[0].Paths) != 1 || len(v.Adoption) != 1 || len(v.Cohorts[0].Cohorts) != 1 || len(v.Cohorts[0].Segments) != 0 || len(v.Channels) != 1 {
		t.Fatalf("share view %+v", v)
	}
	// small funnel, JO, friction step, path, rare, cohort, segment, app.
	if info.Suppressed != 8 {
		t.Fatalf("suppressed %d", info.Suppressed)
	}
	// The original keeps everything.
	if len(b.Funnels[0].Breakdown.Groups) != 2 || b.Friction.Steps[0].Examples == nil || len(b.Journeys[0].Paths) != 2 {
		t.Fatal("the report itself changed")
	}
}
