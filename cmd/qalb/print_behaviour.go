package main

import (
	"io"

	"github.com/qalbhq/qalb/engine/report"
)

// printBehaviour summarises the behaviour section (nothing when it is absent).
func printBehaviour(w io.Writer, x *report.Behaviour) {
	if x == nil {
		return
	}
}
