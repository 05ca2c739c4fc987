package main

import (
	"strings"
	"testing"

	"github.com/qalbhq/qalb/engine/report"
)

// TestPrintSourcesEstimates: estimated distinct counts are written "≈ n"
// with their standard error; a file of exact counts gets no such line.
func TestPrintSourcesEstimates(t *testing.T) {
	r := &report.Report{Sources: []report.Source{
		{File: "wide.csv", Kind: "orders", KindConfidence: 1, Columns: []report.Column{
			{Name: "Email", Distinct: 900},
			{Name: "Notes", Distinct: 123456, DistinctEstimated: true, DistinctError: 0.0081},
			{Name: "Total", Distinct: 5012, DistinctEstimated: true, DistinctError: 0.0081},
		}},
		{File: "small.csv", Kind: "contacts", KindConfidence: 1, Columns: []report.Column{{Name: "Email", Distinct: 3}}},
	}}
	var b strings.Builder
	printSources(&b, r)
	out := b.String()
	if !strings.Contains(out, "    distinct values estimated (standard error ±0.8%): Notes ≈ 123456; Total ≈ 5012\n") {
		t.Errorf("no estimate line:\n%s", out)
	}
	if strings.Count(out, "estimated") != 1 || strings.Contains(out, "Email ≈") {
		t.Errorf("exact counts written as estimates:\n%s", out)
	}
}
