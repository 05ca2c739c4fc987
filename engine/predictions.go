package engine

import (
	"context"

	"github.com/qalbhq/qalb/engine/profile"
)

// predictState is what the predictions analysis keeps for profiles and detail queries.
type predictState struct{}

// analysePredictions fills s.Report.Predictions (left nil when there is no data for it).
func (s *Session) analysePredictions(ctx context.Context, opts Options) error {
	return nil
}

// predictProfile adds the predictions analysis' view of one customer to the profile.
func (s *Session) predictProfile(id int, p *profile.Profile) {}

// churnRisk is the customer's churn risk 0..100; ok is false when the
// customer could not be scored. Other analyses read it.
func (s *Session) churnRisk(ci int) (risk float64, ok bool) { return 0, false }

// customerCLV is the customer's predicted lifetime value in currency; ok is
// false when there is none. Other analyses read it.
func (s *Session) customerCLV(ci int) (clv float64, currency string, ok bool) { return 0, "", false }
