package main

import (
	"io"

	"github.com/qalbhq/qalb/engine/report"
)

// printSentiment summarises the sentiment section (nothing when it is absent).
func printSentiment(w io.Writer, x *report.Sentiment) {
	if x == nil {
		return
	}
}
