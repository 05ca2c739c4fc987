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
// Behaviour reads none of the others' results but RFM's and sentiment's,
// and interns no string, so it runs beside predictions, on a goroutine of
// its own: natively on another core; in the browser, whose Go has one
// thread, the engine Worker works on it while its part Workers fit the
// predictions' models (fanOut hands the engine Worker fewer of them).
// Segments interns strings, so behaviour ends before segments starts.
//
// started is told the name of each analysis as it starts (the Step of the
// analyse stage's progress: predictions while behaviour runs beside it,
// behaviour while the engine waits for it to end); the analyses' long
// loops call s.beat, so the host hears from the engine every few thousand
// iterations within each.
func (s *Session) analyse(ctx context.Context, opts Options, started func(step string)) error {
	type step struct {
		name string
		run  func(context.Context, Options) error
	}
	run := func(steps ...step) error {
		for _, st := range steps {
			if err := ctx.Err(); err != nil {
				return err
			}
			started(st.name)
			if err := st.run(ctx, opts); err != nil {
				return err
			}
		}
		return nil
	}
	if err := run(step{"rfm", s.analyseRFM}, // RFM scores, which the others read by segment
		step{"sentiment", s.analyseSentiment},
		step{"feedback", s.analyseFeedback}); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	beside := make(chan error, 1)
	go func() { beside <- s.analyseBehaviour(ctx, opts) }()
	err := run(step{"predictions", s.analysePredictions})
	started("behaviour")
	if berr := <-beside; err == nil {
		err = berr
	}
	if err != nil {
		return err
	}
	return run(step{"segments", s.analyseSegments})
}

// decorate adds what the analyses know about one customer to a profile.
func (s *Session) decorate(id int, p *profile.Profile) {
	s.feedbackProfile(id, p)
	s.sentimentProfile(id, p)
	s.predictProfile(id, p)
	s.segmentProfile(id, p)
	s.behaviourProfile(id, p)
}
