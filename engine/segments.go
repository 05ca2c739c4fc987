package engine

import (
	"context"

	"github.com/qalbhq/qalb/engine/profile"
)

// segmentState is what the segments analysis keeps for profiles and detail queries.
type segmentState struct{}

// analyseSegments fills s.Report.Segments (left nil when there is no data for it).
func (s *Session) analyseSegments(ctx context.Context, opts Options) error {
	return nil
}

// segmentProfile adds the segments analysis' view of one customer to the profile.
func (s *Session) segmentProfile(id int, p *profile.Profile) {}

// rfmSegment is the customer's named RFM segment ("champions", "at_risk", …);
// "" for customers without orders. Other analyses read it (feedback by
// segment, behaviour cohorts by segment).
func (s *Session) rfmSegment(ci int) string { return "" }
