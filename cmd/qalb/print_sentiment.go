package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/qalbhq/qalb/engine/report"
)

// printSentiment summarises the sentiment section (nothing when it is absent).
func printSentiment(w io.Writer, x *report.Sentiment) {
	if x == nil {
		return
	}
	pct := func(n int) float64 {
		if x.Scored == 0 {
			return 0
		}
		return 100 * float64(n) / float64(x.Scored)
	}
	fmt.Fprintf(w, "sentiment: %d texts (%d scored), %.0f%% positive, %.0f%% neutral, %.0f%% negative, mean %+.2f\n",
		x.Texts, x.Scored, pct(x.Positive), pct(x.Neutral), pct(x.Negative), x.Mean)
	var langs []string
	for _, l := range x.Languages {
		langs = append(langs, fmt.Sprintf("%s %d", l.Name, l.Texts))
	}
	fmt.Fprintf(w, "  languages: %s\n", strings.Join(langs, ", "))
	if d := x.DomainModel; d != nil {
		use := "not used: the built-in model does as well"
		if d.Applied {
			use = fmt.Sprintf("used for %d unrated texts", d.AppliedTo)
		}
		fmt.Fprintf(w, "  model from %s's ratings: %d-fold accuracy %.3f vs built-in %.3f on %d rated texts; %s\n",
			d.Source, d.Folds, d.Accuracy, d.BuiltIn, d.Examples, use)
	}
	for i, p := range x.PainPoints {
		if i == 5 {
			break
		}
		var rev []string
		for _, m := range p.Revenue {
			rev = append(rev, fmt.Sprintf("%s %.0f", m.Currency, m.Amount))
		}
		spike := ""
		if len(p.Spikes) > 0 {
			spike = ", spiked " + strings.Join(p.Spikes, " ")
		}
		fmt.Fprintf(w, "  pain point %-14s %3d customers, %3.0f%% negative, mean %+.2f, revenue %s%s\n",
			p.Topic, p.Customers, 100*p.ShareNegative, p.Mean, strings.Join(rev, " · "), spike)
	}
}
