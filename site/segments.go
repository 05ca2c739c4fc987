package main

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/qalbhq/qalb/engine/report"
)

// SegmentsPage is the segments page: RFM segments, the rule builder, clusters with personas and ICP fit.
type SegmentsPage struct{ App *App }

// SegRule mirrors engine/segment.Rule (a test keeps them in step); the UI
// does not link the engine's packages.
type SegRule struct {
	Op     string    `json:"op"`
	Rules  []SegRule `json:"rules,omitempty"`
	Field  string    `json:"field,omitempty"`
	Value  string    `json:"value,omitempty"`
	Values []string  `json:"values,omitempty"`
	Min    *float64  `json:"min,omitempty"`
	Max    *float64  `json:"max,omitempty"`
	Days   int       `json:"days,omitempty"`
	Not    bool      `json:"not,omitempty"`
}

// segQueryMsg is a segment or export query (docs/protocol.md).
type segQueryMsg struct {
	What       string   `json:"what"`
	Rule       *SegRule `json:"rule,omitempty"`
	Members    bool     `json:"members,omitempty"`
	Breakdowns bool     `json:"breakdowns,omitempty"`
	Offset     int      `json:"offset,omitempty"`
	Limit      int      `json:"limit,omitempty"`
	BOM        bool     `json:"bom,omitempty"`
}

// SegAnswer mirrors engine.SegmentAnswer.
type SegAnswer struct {
	Count      int                    `json:"count"`
	Total      int                    `json:"total"`
	Summary    *report.SegmentSummary `json:"summary"`
	Breakdowns []SegBreakdown         `json:"breakdowns"`
	Customers  []CustomerRow          `json:"customers"`
	Offset     int                    `json:"offset"`
	Error      *struct {
		Code string `json:"code"`
		Arg  string `json:"arg"`
	} `json:"error"`
}

// SegBreakdown mirrors engine/segment.Breakdown.
type SegBreakdown struct {
	Field string `json:"field"`
	In    int    `json:"in"`
	Rest  int    `json:"rest"`
	Rows  []struct {
		Value     string  `json:"value"`
		In        int     `json:"in"`
		Rest      int     `json:"rest"`
		InShare   float64 `json:"inShare"`
		RestShare float64 `json:"restShare"`
	} `json:"rows"`
}

// SegmentsState is the page's state: the rule being built and what the
// worker last said about it.
type SegmentsState struct {
	Rule      SegRule // the root group: Op "and" or "or"; items are conditions or groups of conditions
	JSONText  string  // the rule as JSON, editable
	JSONError string
	Answer    *SegAnswer
	countID   int
	MembersOn bool
	Offset    int
	BOM       bool
	exportID  int
	Exporting bool
}

// saveFile offers bytes as a download; the browser build sets it
// (segments_wasm.go). Natively it records the last file, for tests.
var saveFile = func(name, mime string, data []byte) { lastSaved = savedFile{name, mime, data} }

type savedFile struct {
	Name, Mime string
	Data       []byte
}

var lastSaved savedFile

// openTextFile lets the user pick a text file; the browser build sets it.
var openTextFile = func(done func(text string)) {}

// Field kinds of the rule builder and the operators each allows.
var (
	segTextFields   = []string{"country", "city", "region", "company", "industry", "size", "gender", "language", "jobTitle", "interests", "email", "name", "currency", "nps", "rfm", "cluster"}
	segNumberFields = []string{"orders", "spend", "aov", "recencyDays", "ordersInLast", "tickets", "openTickets", "reviews", "answers", "events", "sentiment", "churnRisk", "clv", "icpFit"}
	segDateFields   = []string{"lastOrder", "firstOrder", "lastSeen", "firstSeen"}
)

// SegFields lists every field a condition can use.
func (a *App) SegFields() []string {
	out := append([]string{}, segTextFields...)
	out = append(out, segNumberFields...)
	return append(out, segDateFields...)
}

func segKind(field string) string {
	for _, f := range segNumberFields {
		if f == field {
			return "number"
		}
	}
	for _, f := range segDateFields {
		if f == field {
			return "date"
		}
	}
	return "text"
}

// SegOps are the operators of a field.
func (a *App) SegOps(field string) []string {
	switch segKind(field) {
	case "number":
		return []string{"range", "exists"}
	case "date":
		return []string{"before", "after", "exists"}
	}
	return []string{"equals", "in", "contains", "exists"}
}

// SegItem is one line of the builder: a condition, or the head of a group
// whose conditions follow it (Depth 1).
type SegItem struct {
	Path  []int
	Depth int
	Group bool
	Rule  *SegRule
}

// SegItems flattens the rule for display: the root's items, and each
// group's conditions under it.
func (a *App) SegItems() []SegItem {
	var out []SegItem
	for i := range a.Seg.Rule.Rules {
		r := &a.Seg.Rule.Rules[i]
		if r.Field == "" {
			out = append(out, SegItem{Path: []int{i}, Group: true, Rule: r})
			for j := range r.Rules {
				out = append(out, SegItem{Path: []int{i, j}, Depth: 1, Rule: &r.Rules[j]})
			}
			continue
		}
		out = append(out, SegItem{Path: []int{i}, Rule: r})
	}
	return out
}

func (a *App) segAt(path []int) *SegRule {
	r := &a.Seg.Rule
	for _, i := range path {
		if i < 0 || i >= len(r.Rules) {
			return nil
		}
		r = &r.Rules[i]
	}
	return r
}

func newCondition() SegRule { return SegRule{Field: "country", Op: "equals"} }

// SegAddCondition adds a condition to the root (path empty) or to a group.
func (a *App) SegAddCondition(path []int) {
	if g := a.segAt(path); g != nil {
		g.Rules = append(g.Rules, newCondition())
		a.segChanged()
	}
}

// SegAddGroup adds a group of conditions ("any of") to the root.
func (a *App) SegAddGroup() {
	a.Seg.Rule.Rules = append(a.Seg.Rule.Rules, SegRule{Op: "or", Rules: []SegRule{newCondition()}})
	a.segChanged()
}

// SegRemove removes an item.
func (a *App) SegRemove(path []int) {
	if len(path) == 0 {
		return
	}
	parent := a.segAt(path[:len(path)-1])
	i := path[len(path)-1]
	if parent == nil || i >= len(parent.Rules) {
		return
	}
	parent.Rules = append(parent.Rules[:i], parent.Rules[i+1:]...)
	a.segChanged()
}

// SegSet changes one property of a condition or group from the builder.
func (a *App) SegSet(path []int, prop, v string) {
	r := a.segAt(path)
	if r == nil {
		return
	}
	num := func() *float64 {
		v = strings.TrimSpace(v)
		if v == "" {
			return nil
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return nil
		}
		return &f
	}
	switch prop {
	case "combine":
		r.Op = v
	case "field":
		r.Field = v
		r.Op = a.SegOps(v)[0]
		r.Value, r.Values, r.Min, r.Max, r.Days = "", nil, nil, nil, 0
		if v == "ordersInLast" {
			r.Days, r.Min = 90, num2(1)
		}
	case "op":
		r.Op = v
	case "value":
		r.Value = v
		if r.Op == "in" {
			r.Value = ""
			r.Values = nil
			for _, p := range strings.Split(v, ",") {
				if p = strings.TrimSpace(p); p != "" {
					r.Values = append(r.Values, p)
				}
			}
		}
	case "min":
		r.Min = num()
	case "max":
		r.Max = num()
	case "days":
		r.Days, _ = strconv.Atoi(strings.TrimSpace(v))
	case "not":
		r.Not = v == "true"
	}
	a.segChanged()
}

func num2(f float64) *float64 { return &f }

// SegValueText is what the value box of a condition shows.
func (r *SegRule) SegValueText() string {
	if r.Op == "in" {
		return strings.Join(r.Values, ", ")
	}
	return r.Value
}

// NumText formats an optional bound for an input box.
func NumText(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// SegKind is a field's kind, for the template.
func (a *App) SegKind(field string) string { return segKind(field) }

// segChanged re-counts the rule (a worker query per edit) and refreshes
// the JSON view.
func (a *App) segChanged() {
	b, _ := json.MarshalIndent(a.Seg.Rule, "", "  ")
	a.Seg.JSONText, a.Seg.JSONError = string(b), ""
	a.Seg.Offset = 0
	a.segCount()
}

func (a *App) segCount() {
	if a.Host == nil || a.Viewer != nil {
		return
	}
	a.Seg.countID = a.newID()
	rule := a.Seg.Rule
	a.Host.Query(a.Seg.countID, segQueryMsg{What: "segment", Rule: &rule, Members: a.Seg.MembersOn, Breakdowns: a.Seg.MembersOn,
		Offset: a.Seg.Offset, Limit: PageSize})
}

// SegUseRule replaces the rule (from a click on a segment, a cluster or a
// loaded file) and shows its members.
func (a *App) SegUseRule(r SegRule) {
	if r.Field != "" { // a single condition becomes a group of one
		r = SegRule{Op: "and", Rules: []SegRule{r}}
	}
	if r.Op != "or" {
		r.Op = "and"
	}
	a.Seg.Rule = r
	a.Seg.MembersOn = true
	a.segChanged()
}

// SegShowRFM shows the members of a named RFM segment.
func (a *App) SegShowRFM(key string) {
	a.SegUseRule(SegRule{Field: "rfm", Op: "equals", Value: key})
}

// SegShowCluster shows the members of a cluster.
func (a *App) SegShowCluster(id int) {
	a.SegUseRule(SegRule{Field: "cluster", Op: "equals", Value: strconv.Itoa(id)})
}

// SegToggleMembers shows or hides the members and breakdowns.
func (a *App) SegToggleMembers() {
	a.Seg.MembersOn = !a.Seg.MembersOn
	a.segCount()
}

// SegPage moves the members' page.
func (a *App) SegPage(n int) {
	ans := a.Seg.Answer
	if ans == nil {
		return
	}
	off := a.Seg.Offset + n*PageSize
	if off < 0 || off >= ans.Count {
		return
	}
	a.Seg.Offset = off
	a.segCount()
}

// SegSetJSON takes an edited JSON rule.
func (a *App) SegSetJSON(text string) {
	a.Seg.JSONText = text
	var r SegRule
	if err := json.Unmarshal([]byte(text), &r); err != nil {
		a.Seg.JSONError = err.Error()
		return
	}
	a.SegUseRule(r)
}

// SegSave downloads the rule as a JSON file.
func (a *App) SegSave() {
	b, _ := json.MarshalIndent(a.Seg.Rule, "", "  ")
	saveFile("qalb-segment.json", "application/json", append(b, '\n'))
}

// SegOpen loads a saved rule file.
func (a *App) SegOpen() {
	openTextFile(func(text string) {
		// The file arrives in a browser callback: take the render lock
		// as other outside events do.
		if h, ok := a.Host.(interface{ update(func(*App)) }); ok {
			h.update(func(a *App) { a.SegSetJSON(text) })
			return
		}
		a.SegSetJSON(text)
	})
}

// SegExport asks the worker for the segment's CSV; the answer is saved as a file.
func (a *App) SegExport() {
	if a.Host == nil || a.Viewer != nil {
		return
	}
	a.Seg.exportID = a.newID()
	a.Seg.Exporting = true
	rule := a.Seg.Rule
	a.Host.Query(a.Seg.exportID, segQueryMsg{What: "export", Rule: &rule, BOM: a.Seg.BOM})
}

// SegSetBOM sets the export's byte-order mark option.
func (a *App) SegSetBOM(on bool) { a.Seg.BOM = on }

// segmentsMessage takes the worker's answers to the page's queries.
func (a *App) segmentsMessage(m Message) bool {
	if m.ID == 0 || (m.ID != a.Seg.countID && m.ID != a.Seg.exportID) {
		return false
	}
	if m.ID == a.Seg.exportID {
		a.Seg.Exporting = false
		if m.Type == "answer" {
			data := []byte(m.Result)
			if a.Seg.BOM {
				data = append([]byte("\xEF\xBB\xBF"), data...)
			}
			saveFile("qalb-segment.csv", "text/csv;charset=utf-8", data)
		} else if m.Type == "error" {
			a.Notice, a.ErrText = "error.query", m.Message
		}
		return true
	}
	if m.Type == "error" {
		a.Notice, a.ErrText = "error.query", m.Message
		return true
	}
	if m.Type == "answer" {
		var ans SegAnswer
		if err := json.Unmarshal([]byte(m.Result), &ans); err != nil {
			a.Notice, a.ErrText = "error.query", err.Error()
			return true
		}
		a.Seg.Answer = &ans
	}
	return true
}

// SegError is the rule's problem in the interface's language, or "".
func (a *App) SegError() string {
	if a.Seg.JSONError != "" {
		return a.T("seg.badjson") + " " + a.Seg.JSONError
	}
	if ans := a.Seg.Answer; ans != nil && ans.Error != nil {
		return a.Tf("seg.err."+ans.Error.Code, ans.Error.Arg)
	}
	return ""
}

// segmentsOpened starts the page: the first count of the (empty) rule.
func (a *App) segmentsOpened() {
	if a.Seg.Rule.Op == "" {
		a.Seg.Rule = SegRule{Op: "and"}
		a.segChanged()
	}
}

// --- what the page shows ---

// SegName is an RFM segment's name.
func (a *App) SegName(key string) string { return a.T("rfm." + key) }

// PainLine words one of a persona's pains: the topic and how many members
// it hurt.
func (a *App) PainLine(p report.Count) string {
	return a.Tf("seg.painLine", a.TopicName(p.Key), a.Num(p.Count))
}

// FieldName is a rule field's name.
func (a *App) FieldName(f string) string { return a.TOr("field."+f, f) }

// OpName is an operator's name.
func (a *App) OpName(op string) string { return a.T("op." + op) }

// RFMSegments are the report's RFM segments.
func (a *App) RFMSegments() []report.SegmentSummary {
	if a.Report == nil || a.Report.Segments == nil || a.Report.Segments.RFM == nil {
		return nil
	}
	return a.Report.Segments.RFM.Segments
}

// RFM is the report's RFM part (nil when absent).
func (a *App) RFM() *report.RFM {
	if a.Report == nil || a.Report.Segments == nil {
		return nil
	}
	return a.Report.Segments.RFM
}

// ClusterList is the report's clusters.
func (a *App) ClusterList() *report.Clusters {
	if a.Report == nil || a.Report.Segments == nil {
		return nil
	}
	return a.Report.Segments.Clusters
}

// ICPPart is the report's ICP fit.
func (a *App) ICPPart() *report.ICP {
	if a.Report == nil || a.Report.Segments == nil {
		return nil
	}
	return a.Report.Segments.ICP
}

// RevenueText lists a summary's revenue per currency with its share.
func (a *App) RevenueText(s report.SegmentSummary) string {
	var parts []string
	for _, r := range s.Revenue {
		parts = append(parts, a.MoneyShort(report.Money{Currency: r.Currency, Amount: r.Amount})+" ("+a.Pct(r.Share)+")")
	}
	if len(parts) == 0 {
		return "–"
	}
	return strings.Join(parts, a.Sep())
}

// NPSText, SentimentText, ChurnText show a summary's optional parts ("" when absent).
func (a *App) NPSText(s *report.SegmentSummary) string {
	if s == nil || s.NPS == nil {
		return ""
	}
	return a.Dec(s.NPS.Score, 1) + " (" + a.Tf("seg.respondents", a.Num(s.NPS.Respondents)) + ")"
}

func (a *App) SentimentText(s *report.SegmentSummary) string {
	if s == nil || s.Sentiment == nil {
		return ""
	}
	return a.Dec(s.Sentiment.Mean, 2)
}

func (a *App) ChurnText(s *report.SegmentSummary) string {
	if s == nil || s.ChurnRisk == nil {
		return ""
	}
	return a.Dec(s.ChurnRisk.Mean, 0) + "%"
}

// HasFeedbackParts says whether any RFM segment has NPS, sentiment or churn risk.
func (a *App) HasFeedbackParts() (nps, sent, churn bool) {
	for _, s := range a.RFMSegments() {
		nps = nps || s.NPS != nil
		sent = sent || s.Sentiment != nil
		churn = churn || s.ChurnRisk != nil
	}
	return
}

func (a *App) SegHasNPS() bool { n, _, _ := a.HasFeedbackParts(); return n }
func (a *App) HasSent() bool   { _, s, _ := a.HasFeedbackParts(); return s }
func (a *App) HasChurn() bool  { _, _, c := a.HasFeedbackParts(); return c }

// TraitText words one trait: "many orders", "Riyadh", "detractors".
func (a *App) TraitText(t report.Trait) string {
	if t.Kind != "value" {
		return a.TOr("trait."+t.Kind+"."+t.Feature, t.Kind+" "+t.Feature)
	}
	switch t.Feature {
	case "country":
		return a.Country(t.Value)
	case "nps":
		return a.T("trait.nps." + t.Value)
	case "b2b":
		return a.T("trait.b2b")
	case "rfm":
		return a.SegName(t.Value)
	}
	return t.Value
}

// PersonaName is a cluster's suggested name: its two most distinctive traits.
func (a *App) PersonaName(c report.Cluster) string {
	var parts []string
	for _, t := range c.Persona.Name {
		parts = append(parts, a.TraitText(t))
	}
	if len(parts) == 0 {
		return a.Tf("seg.cluster", a.Num(c.ID))
	}
	return strings.Join(parts, a.Sep())
}

// TraitsText words all of a cluster's distinctive traits.
func (a *App) TraitsText(ts []report.Trait) string {
	var parts []string
	for _, t := range ts {
		parts = append(parts, a.TraitText(t))
	}
	return strings.Join(parts, a.Sep())
}

// DemoText words a persona's demographics: "Riyadh (40%)".
func (a *App) DemoText(t report.Trait) string {
	return a.FieldName(t.Feature) + ": " + a.TraitText(t) + " (" + a.Pct(t.Group) + ")"
}

// HabitsText words a persona's behaviour medians.
func (a *App) HabitsText(h report.Habits) string {
	parts := []string{a.Tf("seg.medOrders", a.Dec(h.Orders, 1))}
	for _, m := range h.Spend {
		parts = append(parts, a.Tf("seg.medSpend", a.MoneyShort(m)))
	}
	if h.RecencyDays > 0 {
		parts = append(parts, a.Tf("seg.medRecency", a.Dec(h.RecencyDays, 0)))
	}
	if h.Tickets > 0 {
		parts = append(parts, a.Tf("seg.medTickets", a.Dec(h.Tickets, 1)))
	}
	return strings.Join(parts, a.Sep())
}

// ReasonText words an ICP reason "industry=Software".
func (a *App) ReasonText(r string) string {
	f, v, _ := strings.Cut(r, "=")
	if f == "country" {
		v = a.Country(v)
	}
	return a.FieldName(f) + ": " + v
}

// ReasonsText words all reasons.
func (a *App) ReasonsText(rs []string) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, a.ReasonText(r))
	}
	return strings.Join(parts, a.Sep())
}

// BreakdownValue words a breakdown row's value ("" is other or none).
func (a *App) BreakdownValue(field, v string) string {
	switch {
	case v == "":
		return a.T("seg.other")
	case field == "country":
		return a.Country(v)
	case field == "rfm":
		return a.SegName(v)
	case field == "nps":
		return a.T("trait.nps." + v)
	}
	return v
}

// RFMGridChart is the R × FM grid as a heat map with the counts.
func (a *App) RFMGridChart() *Chart {
	r := a.RFM()
	if r == nil {
		return nil
	}
	c := &Chart{ID: "rfm-grid", Title: a.T("seg.grid"), Label: a.T("seg.gridLabel"),
		Cols: []string{"R", "FM", a.T("seg.segment"), a.T("seg.customers")}}
	var values []map[string]any
	for _, cell := range r.Grid {
		values = append(values, map[string]any{"r": cell.R, "fm": cell.FM, "segment": a.SegName(cell.Segment), "count": cell.Count})
		c.Rows = append(c.Rows, []string{a.Num(cell.R), a.Num(cell.FM), a.SegName(cell.Segment), a.Num(cell.Count)})
	}
	rtl := a.Lang == "ar"
	spec := map[string]any{
		"$schema": "https://vega.github.io/schema/vega-lite/v5.json",
		"width":   "container", "height": 260,
		"autosize": map[string]any{"type": "fit-x", "contains": "padding"},
		"config":   chartConfig(),
		"data":     map[string]any{"values": values},
		"encoding": map[string]any{
			"x": map[string]any{"field": "fm", "type": "ordinal", "title": a.T("seg.fmAxis"), "scale": map[string]any{"reverse": rtl}, "axis": map[string]any{"labelAngle": 0}},
			"y": map[string]any{"field": "r", "type": "ordinal", "title": a.T("seg.rAxis"), "sort": "descending"},
		},
		"layer": []any{
			map[string]any{"mark": map[string]any{"type": "rect", "tooltip": true},
				"encoding": map[string]any{
					"color":   map[string]any{"field": "segment", "type": "nominal", "title": nil, "scale": map[string]any{"scheme": "tableau20"}},
					"tooltip": []any{map[string]any{"field": "segment", "title": a.T("seg.segment")}, map[string]any{"field": "count", "title": a.T("seg.customers")}},
				}},
			map[string]any{"mark": map[string]any{"type": "text", "color": "#1d232b", "fontSize": 12},
				"encoding": map[string]any{"text": map[string]any{"field": "count", "type": "quantitative"}}},
		},
	}
	finish(c, spec)
	return c
}

// BreakdownChart compares members and the rest on one field.
func (a *App) BreakdownChart(b SegBreakdown) *Chart {
	c := &Chart{ID: "breakdown-" + b.Field, Title: a.FieldName(b.Field), Label: a.Tf("seg.breakdownLabel", a.FieldName(b.Field)),
		Cols: []string{a.FieldName(b.Field), a.T("seg.inSegment"), a.T("seg.rest")}}
	var values []map[string]any
	for _, r := range b.Rows {
		v := a.BreakdownValue(b.Field, r.Value)
		values = append(values, map[string]any{"label": v, "group": a.T("seg.inSegment"), "share": r.InShare},
			map[string]any{"label": v, "group": a.T("seg.rest"), "share": r.RestShare})
		c.Rows = append(c.Rows, []string{v, a.Num(r.In) + " (" + a.Pct(r.InShare) + ")", a.Num(r.Rest) + " (" + a.Pct(r.RestShare) + ")"})
	}
	spec := map[string]any{
		"$schema": "https://vega.github.io/schema/vega-lite/v5.json",
		"width":   "container", "height": 30 + 22*len(b.Rows),
		"autosize": map[string]any{"type": "fit-x", "contains": "padding"},
		"config":   chartConfig(),
		"data":     map[string]any{"values": values},
		"mark":     map[string]any{"type": "bar", "tooltip": true},
		"encoding": map[string]any{
			"y":       map[string]any{"field": "label", "type": "nominal", "sort": nil, "title": nil},
			"yOffset": map[string]any{"field": "group"},
			"x":       map[string]any{"field": "share", "type": "quantitative", "title": nil, "axis": map[string]any{"format": "%"}, "scale": map[string]any{"reverse": a.Lang == "ar"}},
			"color":   map[string]any{"field": "group", "type": "nominal", "title": nil, "scale": map[string]any{"range": []string{colorMain, "#b8c2cc"}}},
		},
	}
	finish(c, spec)
	return c
}

// SegBreakdowns are the current answer's breakdowns with at least two values.
func (a *App) SegBreakdowns() []SegBreakdown {
	if a.Seg.Answer == nil {
		return nil
	}
	var out []SegBreakdown
	for _, b := range a.Seg.Answer.Breakdowns {
		if len(b.Rows) > 1 {
			out = append(out, b)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return false })
	return out
}

// SegCountText is "123 of 4,567 customers (2.7%)".
func (a *App) SegCountText() string {
	ans := a.Seg.Answer
	if ans == nil || ans.Error != nil {
		return ""
	}
	share := 0.0
	if ans.Total > 0 {
		share = float64(ans.Count) / float64(ans.Total)
	}
	return a.Tf("seg.count", a.Num(ans.Count), a.Num(ans.Total), a.Pct(share))
}

// SegRangeText is the members' page range.
func (a *App) SegRangeText() string {
	ans := a.Seg.Answer
	if ans == nil || len(ans.Customers) == 0 {
		return ""
	}
	return a.Tf("customers.range", a.Num(ans.Offset+1), a.Num(ans.Offset+len(ans.Customers)), a.Num(ans.Count))
}

func init() {
	addCatalog(segCatalogEN, segCatalogAR)
}

// SegPlaceholder hints what the value box takes.
func (a *App) SegPlaceholder(op string) string {
	if op == "in" {
		return a.T("seg.valuesHint")
	}
	return a.T("seg.value")
}

// MembersLabel is the members button's text.
func (a *App) MembersLabel() string {
	if a.Seg.MembersOn {
		return a.T("seg.hideMembers")
	}
	return a.T("seg.members")
}

// ExportLabel is the export button's text.
func (a *App) ExportLabel() string {
	if a.Seg.Exporting {
		return a.T("seg.exporting")
	}
	return a.T("seg.export")
}

// ReasonValue words a profile value of a field.
func (a *App) ReasonValue(field, v string) string {
	if field == "country" {
		return a.Country(v)
	}
	return v
}

// Class is the builder line's CSS class.
func (it SegItem) Class() string {
	if it.Depth > 0 {
		return "seg-item depth-1"
	}
	return "seg-item"
}

// DaysText is the days box's value.
func (r *SegRule) DaysText() string { return strconv.Itoa(r.Days) }

// SegSetNot sets a condition's negation.
func (a *App) SegSetNot(path []int, on bool) { a.SegSet(path, "not", strconv.FormatBool(on)) }

// ClusterTestID names a cluster's button for tests.
func (a *App) ClusterTestID(id int) string { return "show-cluster-" + strconv.Itoa(id) }

// SegCountAttr is the count as plain digits for tests ("" until answered).
func (a *App) SegCountAttr() string {
	if a.Seg.Answer == nil || a.Seg.Answer.Error != nil {
		return ""
	}
	return strconv.Itoa(a.Seg.Answer.Count)
}

// SegmentLabels words a profile's segment memberships ("rfm:champions",
// "rfm-score:545", "cluster:2", "icp-fit:80"); others stay as written.
func (a *App) SegmentLabels(in []string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		kind, v, _ := strings.Cut(s, ":")
		switch kind {
		case "rfm":
			out = append(out, a.T("field.rfm")+": "+a.SegName(v))
		case "rfm-score":
			out = append(out, "RFM "+a.localDigits(v))
		case "cluster":
			n, _ := strconv.Atoi(v)
			out = append(out, a.Tf("seg.cluster", a.Num(n)))
		case "icp-fit":
			n, _ := strconv.Atoi(v)
			out = append(out, a.T("field.icpFit")+": "+a.Num(n))
		default:
			out = append(out, s)
		}
	}
	return out
}

// SegFilterCustomers shows the customer list filtered by the rule.
func (a *App) SegFilterCustomers() {
	b, err := json.Marshal(a.Seg.Rule)
	if err != nil {
		return
	}
	a.Query.Segment = b
	a.Query.Offset = 0
	a.CustPage, a.CustLoading = nil, false
	a.Go(PageCustomers)
}

// HasSegmentFilter says whether the customer list is filtered by a segment.
func (a *App) HasSegmentFilter() bool { return len(a.Query.Segment) > 0 }

// ClearSegmentFilter shows every customer again.
func (a *App) ClearSegmentFilter() {
	a.Query.Segment = nil
	a.Query.Offset = 0
	a.runQuery()
}
