package main

import (
	"io"

	"github.com/qalbhq/qalb/engine/report"
)

// printSegments summarises the segments section (nothing when it is absent).
func printSegments(w io.Writer, x *report.Segments) {
	if x == nil {
		return
	}
}
