package engine

import (
	"context"

	"github.com/qalbhq/qalb/engine/profile"
)

// sentimentState is what the sentiment analysis keeps for profiles and detail queries.
type sentimentState struct{}

// analyseSentiment fills s.Report.Sentiment (left nil when there is no data for it).
func (s *Session) analyseSentiment(ctx context.Context, opts Options) error {
	return nil
}

// sentimentProfile adds the sentiment analysis' view of one customer to the profile.
func (s *Session) sentimentProfile(id int, p *profile.Profile) {}

// customerSentiment is the mean sentiment (-1..1) of the texts the customer
// wrote and how many there were; n = 0 when none. Other analyses read it.
func (s *Session) customerSentiment(ci int) (score float64, n int) { return 0, 0 }
