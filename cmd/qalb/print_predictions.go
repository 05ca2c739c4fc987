package main

import (
	"fmt"
	"io"

	"github.com/qalbhq/qalb/engine/report"
)

// printPredictions summarises the predictions section (nothing when it is absent).
func printPredictions(w io.Writer, x *report.Predictions) {
	if x == nil {
		return
	}
	for _, m := range x.Models {
		cur := m.Currency
		if cur == "" {
			cur = "(no currency)"
		}
		if m.Converged {
			fmt.Fprintf(w, "CLV %s: %d customers, BG/NBD r %.3g α %.3g a %.3g b %.3g (LL %.1f, %d/%d starts agree); %d-month CLV %.2f in total, mean %.2f; P(alive) %.2f on average\n",
				cur, m.Customers, m.R, m.Alpha, m.A, m.B, m.LogLikelihood, m.Agreeing, m.Starts, x.HorizonMonths, m.TotalCLV, m.MeanCLV, m.MeanPAlive)
		} else {
			fmt.Fprintf(w, "CLV %s: %d customers; %d-month CLV %.2f in total, mean %.2f\n", cur, m.Customers, x.HorizonMonths, m.TotalCLV, m.MeanCLV)
		}
		for _, n := range m.Notes {
			fmt.Fprintf(w, "  note: %s\n", n)
		}
		if h := m.Holdout; h != nil {
			fmt.Fprintf(w, "  holdout %s…%s: %.0f purchases, %.1f forecast\n", h.CalibrationEnd, h.HoldoutEnd, h.Actual, h.Predicted)
		}
	}
	c := x.Churn
	if c.Scored > 0 {
		fmt.Fprintf(w, "churn risk: %d customers scored, %d high (≥70), %d medium, %d low\n", c.Scored, c.High, c.Medium, c.Low)
	}
	if l := c.Label; l != nil {
		fmt.Fprintf(w, "  from the label %q: logistic model of %d customers (%d churned), cross-validated AUC %.3f\n", l.Column, l.Customers, l.Churned, l.AUC)
	}
}
