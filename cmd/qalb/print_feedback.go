package main

import (
	"io"

	"github.com/qalbhq/qalb/engine/report"
)

// printFeedback summarises the feedback section (nothing when it is absent).
func printFeedback(w io.Writer, x *report.Feedback) {
	if x == nil {
		return
	}
}
