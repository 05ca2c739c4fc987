package main

import (
	"io"

	"github.com/qalbhq/qalb/engine/report"
)

// printPredictions summarises the predictions section (nothing when it is absent).
func printPredictions(w io.Writer, x *report.Predictions) {
	if x == nil {
		return
	}
}
