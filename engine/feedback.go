package engine

import (
	"context"

	"github.com/qalbhq/qalb/engine/profile"
)

// feedbackState is what the feedback analysis keeps for profiles and detail queries.
type feedbackState struct{}

// analyseFeedback fills s.Report.Feedback (left nil when there is no data for it).
func (s *Session) analyseFeedback(ctx context.Context, opts Options) error {
	return nil
}

// feedbackProfile adds the feedback analysis' view of one customer to the profile.
func (s *Session) feedbackProfile(id int, p *profile.Profile) {}

// npsCategory is the customer's latest NPS answer as "promoter", "passive"
// or "detractor"; "" when they gave none. Other analyses read it (segment
// summaries, churn reasons).
func (s *Session) npsCategory(ci int) string { return "" }
