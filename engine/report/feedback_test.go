package report

import (
	"testing"

	"github.com/qalbhq/qalb/engine/feedback"
)

// The shared view keeps every aggregate of 5 answers or more and drops
// smaller trend steps, segments and driver levels, counting them; the
// report it came from is unchanged.
func TestFeedbackShareView(t *testing.T) {
	net := feedback.NewNet(20, 10, 10)
	r := &Report{Feedback: &Feedback{Rounds: "combined", Surveys: []Survey{{
		Metric: "nps", N: 40, NPS: &net,
		Trends: []Trend{{Period: "month", Points: []feedback.Point{
			{Period: "2024-01", Headline: feedback.Headline{N: 36}}, {Period: "2024-02", Headline: feedback.Headline{N: 4}}}}},
		Segments: []SegmentGroup{{Attribute: "country", Segments: []feedback.Segment{
			{Group: "SA", Headline: feedback.Headline{N: 37}}, {Group: "JO", Headline: feedback.Headline{N: 3}}}}},
		Drivers: &feedback.DriverModel{N: 40, Drivers: []feedback.Driver{{Attribute: "country",
			Levels: []feedback.Level{{Value: "SA", N: 37}, {Value: "JO", N: 3}}}}},
	}}}}
	v := ShareView(r, MinGroup)
	s := v.Feedback.Surveys[0]
	if len(s.Trends[0].Points) != 1 || len(s.Segments[0].Segments) != 1 || len(s.Drivers.Drivers[0].Levels) != 1 {
		t.Fatalf("%+v", s)
	}
	if v.Shared.Suppressed != 3 {
		t.Errorf("suppressed %d, want 3", v.Shared.Suppressed)
	}
	if s.NPS.Score != 25 || s.N != 40 {
		t.Errorf("totals changed: %+v", s.NPS)
	}
	o := r.Feedback.Surveys[0]
	if len(o.Trends[0].Points) != 2 || len(o.Segments[0].Segments) != 2 || len(o.Drivers.Drivers[0].Levels) != 2 {
		t.Error("the original report was changed")
	}
}
