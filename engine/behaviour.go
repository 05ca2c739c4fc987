package engine

import (
	"context"

	"github.com/qalbhq/qalb/engine/profile"
)

// behaviourState is what the behaviour analysis keeps for profiles and detail queries.
type behaviourState struct{}

// analyseBehaviour fills s.Report.Behaviour (left nil when there is no data for it).
func (s *Session) analyseBehaviour(ctx context.Context, opts Options) error {
	return nil
}

// behaviourProfile adds the behaviour analysis' view of one customer to the profile.
func (s *Session) behaviourProfile(id int, p *profile.Profile) {}
