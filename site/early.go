package main

import (
	"encoding/json"
	"time"

	"github.com/qalbhq/qalb/engine/report"
)

// The overview shown early: the engine posts the report's summary as soon
// as its figures are final (docs/protocol.md, "overview"), and the Overview
// page shows them while the analyses run. Charts wait for the result: Vega
// is loaded on the first chart, and an analysis makes no request.

// ChartSpec is the spec a chart is drawn from; none while an analysis
// runs, so no chart (and no Vega) is loaded before its result, and no spec
// is encoded in the task that first draws the overview.
func (a *App) ChartSpec(c *Chart) string {
	if a.Early || c == nil {
		return ""
	}
	return c.SpecJSON()
}

// progressRenderEvery is the least time between two renders for progress
// alone: the engine posts every 50 ms, and on a machine of two cores each
// render of the page takes time from the engine's Worker.
const progressRenderEvery = 200 * time.Millisecond

// Quiet says that handling m need not be rendered now: progress while the
// early overview is shown (its bar is indeterminate; rendering the whole
// overview again twenty times a second would take the main thread, and a
// core from the engine, for nothing), or progress that comes less than
// progressRenderEvery after the last one drawn (the next one is drawn).
// now is the time m arrived.
func (a *App) Quiet(m Message, now time.Time) bool {
	if m.Type != "progress" || m.ID != a.RunID {
		return false
	}
	if a.Early && a.Page == PageOverview {
		return true
	}
	if now.Sub(a.progressDrawn) < progressRenderEvery && m.Stage == a.Progress.Stage {
		return true
	}
	a.progressDrawn = now
	return false
}

// addSections completes the early overview's Report with the result's
// analyses: the summary came with the overview, identical to the result's
// (docs/protocol.md), so only the sections are decoded, on the main
// thread, and the overview's charts built from the summary stay valid.
// False when the result cannot be read that way.
func (a *App) addSections(full string) bool {
	var sec struct {
		Feedback    *report.Feedback    `json:"feedback"`
		Sentiment   *report.Sentiment   `json:"sentiment"`
		Segments    *report.Segments    `json:"segments"`
		Predictions *report.Predictions `json:"predictions"`
		Behaviour   *report.Behaviour   `json:"behaviour"`
	}
	if a.Report == nil || json.Unmarshal([]byte(full), &sec) != nil {
		return false
	}
	return a.takeSections(&report.Report{Feedback: sec.Feedback, Sentiment: sec.Sentiment, Segments: sec.Segments, Predictions: sec.Predictions, Behaviour: sec.Behaviour}, full)
}

// takeSections completes the early overview's Report with the analyses of
// result, the result's report decoded (its JSON is full).
func (a *App) takeSections(result *report.Report, full string) bool {
	r := a.Report
	if r == nil {
		return false
	}
	r.Feedback, r.Sentiment, r.Segments, r.Predictions, r.Behaviour = result.Feedback, result.Sentiment, result.Segments, result.Predictions, result.Behaviour
	a.ReportJSON = full
	// pages' state made before the sections existed
	a.Feedback, a.Senti = FeedbackState{}, SentiState{}
	return true
}

func init() {
	addCatalog(map[string]string{
		"overview.early": "These figures are final. The customer list and the analyses are still being built.",
	}, map[string]string{
		"overview.early": "هذه الأرقام نهائية. ما زالت قائمة العملاء والتحليلات قيد الإعداد.",
	})
}
