package main

// The overview shown early: the engine posts the report's summary as soon
// as its figures are final (docs/protocol.md, "overview"), and the Overview
// page shows them while the analyses run. Charts wait for the result: Vega
// is loaded on the first chart, and an analysis makes no request.

// ChartSpec is the spec a chart is drawn from; none while an analysis
// runs, so no chart (and no Vega) is loaded before its result.
func (a *App) ChartSpec(spec string) string {
	if a.Early {
		return ""
	}
	return spec
}

// Quiet says that handling m changes nothing on the page: progress while
// the early overview is shown (its bar is indeterminate). Rendering the
// whole overview again twenty times a second would take the main thread,
// and a core from the engine, for nothing.
func (a *App) Quiet(m Message) bool {
	return m.Type == "progress" && a.Early && m.ID == a.RunID && a.Page == PageOverview
}

func init() {
	addCatalog(map[string]string{
		"overview.early": "These figures are final. The customer list and the analyses are still being built.",
	}, map[string]string{
		"overview.early": "هذه الأرقام نهائية. ما زالت قائمة العملاء والتحليلات قيد الإعداد.",
	})
}
