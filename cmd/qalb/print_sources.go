package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/qalbhq/qalb/engine/report"
)

// printSources says, per file, what it was read as: the recognised tool
// and layout, the kind and how sure it is, and an aggregate report's
// tables. A kind below the confidence floor is flagged as a guess to
// check (set it in a mapping file).
func printSources(w io.Writer, r *report.Report) {
	for _, s := range r.Sources {
		if s.Error != "" {
			continue
		}
		what := s.Kind
		if s.Export != "" {
			what = s.Export + ", " + s.Kind
		}
		line := fmt.Sprintf("  %s: %s (%.0f%% sure", s.File, what, s.KindConfidence*100)
		if s.RunnerUp != "" {
			line += "; next: " + s.RunnerUp
		}
		line += ")"
		if s.KindConfidence > 0 && s.KindConfidence < 0.6 {
			line += " — a guess: check it, and set the kind in a mapping file if it is wrong"
		}
		fmt.Fprintln(w, line)
		var est []string
		var stdErr float64
		for _, c := range s.Columns {
			if c.DistinctEstimated {
				est = append(est, fmt.Sprintf("%s ≈ %d", c.Name, c.Distinct))
				stdErr = c.DistinctError
			}
		}
		if len(est) > 0 {
			fmt.Fprintf(w, "    distinct values estimated (standard error ±%.1f%%): %s\n", stdErr*100, strings.Join(est, "; "))
		}
		if a := s.Aggregate; a != nil {
			for i, t := range a.Tables {
				var ms []string
				for _, m := range t.Metrics {
					ms = append(ms, fmt.Sprintf("%s %s %g", m.Name, m.Of, m.Value))
				}
				fmt.Fprintf(w, "    table %d (%s): %d rows; %s\n", i+1, strings.Join(t.Columns, ", "), t.Rows, strings.Join(ms, ", "))
			}
		}
	}
}
