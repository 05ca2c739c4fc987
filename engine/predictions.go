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
