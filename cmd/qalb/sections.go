package main

import (
	"io"

	"github.com/qalbhq/qalb/engine/report"
)

// printSections writes a few lines per analysis of the report to w, for a
// person at a terminal; the report JSON holds the full figures. Each
// analysis has its printer in a file of its own (print_*.go).
func printSections(w io.Writer, r *report.Report) {
	printFeedback(w, r.Feedback)
	printSentiment(w, r.Sentiment)
	printSegments(w, r.Segments)
	printPredictions(w, r.Predictions)
	printBehaviour(w, r.Behaviour)
}
