package main

import (
	"fmt"
	"io"

	"github.com/qalbhq/qalb/engine/report"
)

// printFeedback summarises the feedback section (nothing when it is absent):
// one line per survey with its score, 95% interval and n, the split behind
// it, the last trend step's change and the strongest driver.
func printFeedback(w io.Writer, x *report.Feedback) {
	if x == nil {
		return
	}
	for _, s := range x.Surveys {
		scale := fmt.Sprintf("%g–%g", s.Scale.Min, s.Scale.Max)
		if s.Scale.Reversed {
			scale += " reversed"
		}
		switch {
		case s.NPS != nil:
			fmt.Fprintf(w, "NPS %+.1f (95%% CI %+.1f to %+.1f, n=%d): %d promoters, %d passives, %d detractors — %s\n",
				s.NPS.Score, s.NPS.Low, s.NPS.High, s.N, s.NPS.Top, s.NPS.Middle, s.NPS.Bottom, s.Name)
		case s.CSAT != nil:
			fmt.Fprintf(w, "CSAT %.1f%% satisfied (95%% CI %.1f–%.1f, n=%d), mean %.2f on %s — %s\n",
				s.CSAT.Satisfied.Percent, s.CSAT.Satisfied.Low, s.CSAT.Satisfied.High, s.N, s.CSAT.Mean.Mean, scale, s.Name)
		case s.CES != nil:
			fmt.Fprintf(w, "CES mean %.2f on %s (95%% CI %.2f–%.2f, n=%d), %.1f%% easy, Net Effort %+.1f — %s\n",
				s.CES.Mean.Mean, scale, s.CES.Mean.Low, s.CES.Mean.High, s.N, s.CES.Easy.Percent, s.CES.NetEffort.Score, s.Name)
		}
		if s.Small {
			fmt.Fprintf(w, "  fewer than 30 answers: no significance verdicts\n")
		}
		for _, t := range s.Trends {
			if t.Period != "month" || len(t.Points) < 2 {
				continue
			}
			last := t.Points[len(t.Points)-1]
			if c := last.Change; c != nil {
				verdict := "not significant"
				switch {
				case !c.Enough:
					verdict = "too few answers to tell"
				case c.Significant:
					verdict = "significant"
				}
				fmt.Fprintf(w, "  %s: %.1f, %+.1f on the month before (p=%.3f, %s)\n", last.Period, last.Value, c.Diff, c.P, verdict)
			}
		}
		if s.Drivers != nil && len(s.Drivers.Drivers) > 0 {
			d := s.Drivers.Drivers[0]
			fmt.Fprintf(w, "  top driver: %s (%.0f%% of R²=%.2f, p=%.3f)\n", d.Attribute, d.Importance, s.Drivers.R2, d.P)
		}
	}
	for _, n := range x.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
}
