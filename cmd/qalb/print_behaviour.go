package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/qalbhq/qalb/engine/report"
)

// printBehaviour summarises the behaviour section (nothing when it is
// absent): sessions, every funnel step by step, the worst onboarding step
// and the first cohorts' retention.
func printBehaviour(w io.Writer, x *report.Behaviour) {
	if x == nil {
		return
	}
	fmt.Fprintf(w, "behaviour: %d events of %d customers, %d sessions (%d-minute gap)\n",
		x.Events, x.Customers, x.Sessions.Sessions, x.Sessions.GapMinutes)
	for _, f := range x.Funnels {
		name := f.Name
		if f.Auto {
			name = "onboarding (automatic)"
		}
		if name == "" {
			name = "funnel"
		}
		window := f.Window
		if window == "" {
			window = "no window"
		}
		fmt.Fprintf(w, "  %s, %s:\n", name, window)
		for j, s := range f.Steps {
			ev := s.Event
			if s.Where != "" {
				ev += " [" + s.Where + "]"
			}
			line := fmt.Sprintf("    %d. %-28s %7d", j+1, ev, s.Customers)
			if j > 0 {
				line += fmt.Sprintf("  %5.1f%% of previous, %5.1f%% overall, -%d", 100*s.Conversion, 100*s.Overall, s.DropOff)
				if s.MedianMinutes != nil {
					line += fmt.Sprintf(", median %s", minutes(*s.MedianMinutes))
				}
			}
			fmt.Fprintln(w, line)
		}
		if len(f.Missing) > 0 {
			fmt.Fprintf(w, "    no events named: %s\n", strings.Join(f.Missing, ", "))
		}
		if b := f.Breakdown; b != nil {
			fmt.Fprintf(w, "    by %s:", b.By)
			for _, g := range b.Groups {
				fmt.Fprintf(w, " %s %.1f%% (%d);", g.Value, 100*g.Conversion, g.Customers[0])
			}
			if b.P != nil {
				fmt.Fprintf(w, " chi-squared p = %.3g", *b.P)
			}
			fmt.Fprintln(w)
		}
	}
	if fr := x.Friction; fr != nil && len(fr.Steps) > 0 {
		worst := fr.Steps[0]
		for _, s := range fr.Steps {
			if s.DropShare > worst.DropShare {
				worst = s
			}
		}
		fmt.Fprintf(w, "  onboarding friction (%d new customers, first %d days): %s → %s loses %.1f%% (%d), %.1f%% of them opened a ticket\n",
			fr.Customers, fr.Days, worst.From, worst.To, 100*worst.DropShare, worst.Stalled, 100*worst.TicketShare)
	}
	for _, t := range x.Cohorts {
		if len(t.Curve) > 1 {
			fmt.Fprintf(w, "  cohorts by %s (%s): %d cohorts, retention after 1 %s %.1f%%\n",
				strings.ReplaceAll(t.By, "_", " "), t.Period, len(t.Cohorts), t.Period, 100*t.Curve[1])
		}
	}
}

func minutes(m float64) string {
	switch {
	case m >= 2*24*60:
		return fmt.Sprintf("%.1f days", m/(24*60))
	case m >= 120:
		return fmt.Sprintf("%.1f h", m/60)
	}
	return fmt.Sprintf("%.1f min", m)
}
