package engine

import (
	"context"

	"github.com/qalbhq/qalb/engine/profile"
)

// analyse runs the analyses over the resolved customers and fills their
// sections of the Report. The order matters: text sentiment feeds feedback
// drivers, churn risk and segment summaries; predictions feed segments;
// RFM segments (orders alone) come first: sentiment and feedback are read
// by segment.
// Each analysis lives in a file of its own (feedback.go, sentiment.go,
// predictions.go, segments.go, behaviour.go) over a package of its own.
//
// started is told the name of each analysis as it starts (the Step of the
// analyse stage's progress); the analyses' long loops call s.beat, so the
// host hears from the engine every few thousand iterations within each.
func (s *Session) analyse(ctx context.Context, opts Options, started func(step string)) error {
	steps := []struct {
		name string
		run  func(context.Context, Options) error
	}{
		{"rfm", s.analyseRFM}, // RFM scores, which the others read by segment
		{"sentiment", s.analyseSentiment},
		{"feedback", s.analyseFeedback},
		{"predictions", s.analysePredictions},
		{"segments", s.analyseSegments},
		{"behaviour", s.analyseBehaviour},
	}
	for _, step := range steps {
		if err := ctx.Err(); err != nil {
			return err
		}
		started(step.name)
		if err := step.run(ctx, opts); err != nil {
			return err
		}
	}
	return nil
}

// decorate adds what the analyses know about one customer to a profile.
func (s *Session) decorate(id int, p *profile.Profile) {
	s.feedbackProfile(id, p)
	s.sentimentProfile(id, p)
	s.predictProfile(id, p)
	s.segmentProfile(id, p)
	s.behaviourProfile(id, p)
}
