package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/qalbhq/qalb/engine/profile"
	"github.com/qalbhq/qalb/engine/report"
)

// BehaviourPage is the behaviour page: the funnel builder, onboarding
// friction, journeys, adoption and retention cohorts.
type BehaviourPage struct{ App *App }

// BehaviourState is the page's own state: the funnel being built and the
// answers of its worker queries (a funnel, the customers who dropped at a
// step, a journey).
type BehaviourState struct {
	Steps     []string    // event names, in order
	Where     []StepWhere // per step: an optional property condition
	Window    string      // "7d"; "" for none
	Breakdown string

	Funnel   *report.Funnel // the last funnel the worker computed; nil: the report's first
	Loading  bool
	Err      string
	funnelID int

	DroppedStep int // the step whose drop-outs are listed; 0: none
	Dropped     *CustomerPage
	droppedID   int

	JourneyDir   string // "from" or "to"
	JourneyEvent string
	Journey      *report.Journey
	journeyID    int

	CohortTable int // index into the report's cohort tables
	Revenue     bool
}

// funnelQuery and journeyQuery are the worker messages (docs/protocol.md).
type funnelQuery struct {
	What   string     `json:"what"`
	Funnel funnelSpec `json:"funnel"`
	Step   int        `json:"step,omitempty"`
	Limit  int        `json:"limit,omitempty"`
}

type funnelSpec struct {
	Name      string           `json:"name,omitempty"`
	Steps     []funnelStepSpec `json:"steps"`
	Window    string           `json:"window,omitempty"`
	Breakdown string           `json:"breakdown,omitempty"`
}

type funnelStepSpec struct {
	Event    string `json:"event"`
	Property string `json:"property,omitempty"`
	Op       string `json:"op,omitempty"`
	Value    string `json:"value,omitempty"`
}

// StepWhere is a step's property condition in the builder ("" property: none).
type StepWhere struct{ Property, Op, Value string }

// FunnelOps are the comparisons a condition can make.
var FunnelOps = []string{"=", "!=", "contains", ">", ">=", "<", "<="}

type journeyQuery struct {
	What      string `json:"what"`
	Direction string `json:"direction"`
	Event     string `json:"event"`
}

// FunnelWindows and FunnelBreakdowns are the builder's choices.
var (
	FunnelWindows    = []string{"1h", "1d", "7d", "14d", "30d", ""}
	FunnelBreakdowns = []string{"", "country", "city", "company", "industry", "language", "gender", "segment", "nps"}
)

// BH is the page's state, made from the report on first use: the builder
// starts with the automatic onboarding funnel.
func (a *App) BH() *BehaviourState {
	if a.Behave == nil {
		st := &BehaviourState{Window: "7d", JourneyDir: "from"}
		if b := a.behaviour(); b != nil {
			if len(b.Funnels) > 0 {
				f := b.Funnels[0]
				for _, s := range f.Steps {
					st.Steps = append(st.Steps, s.Event)
				}
				if f.Window != "" {
					st.Window = f.Window
				}
			}
			if len(b.Journeys) > 0 {
				st.JourneyDir, st.JourneyEvent = b.Journeys[0].Direction, b.Journeys[0].Event
			}
		}
		a.Behave = st
	}
	return a.Behave
}

func (a *App) behaviour() *report.Behaviour {
	if a.Report == nil {
		return nil
	}
	return a.Report.Behaviour
}

// CanQuery says whether the page can ask the worker (not in a shared report).
func (a *App) CanQuery() bool { return a.Viewer == nil }

// EventNames are the data's event names, most frequent first.
func (a *App) EventNames() []string {
	var out []string
	if b := a.behaviour(); b != nil {
		for _, c := range b.EventNames {
			out = append(out, c.Key)
		}
	}
	return out
}

// BehaviourKPIs are the page's headline numbers.
func (a *App) BehaviourKPIs() []KPI {
	b := a.behaviour()
	if b == nil {
		return nil
	}
	out := []KPI{
		{ID: "events", Label: a.T("bh.events"), Value: a.Num(b.Events), Raw: strconv.Itoa(b.Events)},
		{ID: "event-customers", Label: a.T("bh.customers"), Value: a.Num(b.Customers), Raw: strconv.Itoa(b.Customers)},
		{ID: "sessions", Label: a.T("bh.sessions"), Value: a.Num(b.Sessions.Sessions), Raw: strconv.Itoa(b.Sessions.Sessions),
			Sub: a.Tf("bh.sessionGap", a.Num(b.Sessions.GapMinutes))},
	}
	if m := b.Sessions.MedianMinutes; m != nil {
		out = append(out, KPI{ID: "session-length", Label: a.T("bh.sessionLength"), Value: a.Duration(*m), Raw: strconv.FormatFloat(*m, 'f', -1, 64)})
	}
	return out
}

// Duration formats minutes as minutes, hours or days.
func (a *App) Duration(minutes float64) string {
	switch {
	case minutes >= 2*24*60:
		return a.Tf("bh.days", a.Dec(minutes/(24*60), 1))
	case minutes >= 120:
		return a.Tf("bh.hours", a.Dec(minutes/60, 1))
	}
	return a.Tf("bh.minutes", a.Dec(minutes, 1))
}

// --- the funnel builder ---

// FunnelSetStep changes step i to event ev ("" removes it).
func (a *App) FunnelSetStep(i int, ev string) {
	st := a.BH()
	st.syncWhere()
	if i < 0 || i >= len(st.Steps) {
		return
	}
	if ev == "" {
		st.Steps = append(st.Steps[:i], st.Steps[i+1:]...)
		st.Where = append(st.Where[:i], st.Where[i+1:]...)
		return
	}
	st.Steps[i] = ev
}

// syncWhere keeps one condition per step.
func (st *BehaviourState) syncWhere() {
	for len(st.Where) < len(st.Steps) {
		st.Where = append(st.Where, StepWhere{Op: "="})
	}
	st.Where = st.Where[:len(st.Steps)]
}

// StepCondition is step i's condition.
func (a *App) StepCondition(i int) StepWhere {
	st := a.BH()
	st.syncWhere()
	return st.Where[i]
}

// FunnelSetWhere sets a part of step i's condition: "property", "op" or "value".
func (a *App) FunnelSetWhere(i int, part, v string) {
	st := a.BH()
	st.syncWhere()
	if i < 0 || i >= len(st.Where) {
		return
	}
	switch part {
	case "property":
		st.Where[i].Property = v
	case "op":
		st.Where[i].Op = v
	case "value":
		st.Where[i].Value = v
	}
}

// EventProperties are the columns of the event files a condition can test:
// all but the event's name, time and the customer's keys.
func (a *App) EventProperties() []string {
	var out []string
	if a.Report == nil {
		return nil
	}
	skip := map[string]bool{"event": true, "date": true, "customer_id": true, "email": true, "phone": true, "anonymous_id": true}
	for _, src := range a.Report.Sources {
		if src.Kind != "events" {
			continue
		}
		for _, c := range src.Columns {
			if !skip[c.Role] && c.Filled > 0 && !containsStr(out, c.Name) {
				out = append(out, c.Name)
			}
		}
	}
	return out
}

// FunnelAddStep appends a step: the most frequent event not yet in the funnel.
func (a *App) FunnelAddStep() {
	st := a.BH()
	if len(st.Steps) >= 20 {
		return
	}
	next := ""
	for _, ev := range a.EventNames() {
		if !containsStr(st.Steps, ev) {
			next = ev
			break
		}
	}
	if next == "" && len(a.EventNames()) > 0 {
		next = a.EventNames()[0]
	}
	if next != "" {
		st.syncWhere()
		st.Steps = append(st.Steps, next)
		st.Where = append(st.Where, StepWhere{Op: "="})
	}
}

func containsStr(xs []string, v string) bool {
	for _, x := range xs {
		if x == v {
			return true
		}
	}
	return false
}

// FunnelSetWindow and FunnelSetBreakdown change the builder's options.
func (a *App) FunnelSetWindow(w string)    { a.BH().Window = w }
func (a *App) FunnelSetBreakdown(b string) { a.BH().Breakdown = b }

func (a *App) funnelSpec() funnelSpec {
	st := a.BH()
	st.syncWhere()
	f := funnelSpec{Window: st.Window, Breakdown: st.Breakdown, Steps: []funnelStepSpec{}}
	for i, s := range st.Steps {
		step := funnelStepSpec{Event: s}
		if w := st.Where[i]; w.Property != "" {
			step.Property, step.Op, step.Value = w.Property, w.Op, w.Value
		}
		f.Steps = append(f.Steps, step)
	}
	return f
}

// RunFunnel asks the worker for the funnel the builder shows.
func (a *App) RunFunnel() {
	st := a.BH()
	if len(st.Steps) == 0 || !a.CanQuery() {
		return
	}
	st.funnelID = a.newID()
	st.Loading, st.Err = true, ""
	st.Dropped, st.DroppedStep, st.droppedID = nil, 0, 0
	a.Host.Query(st.funnelID, funnelQuery{What: "funnel", Funnel: a.funnelSpec()})
}

// ShowDropped asks for the customers who reached step-1 but not step
// (1-based steps as the table shows them: step 2 is index 1).
func (a *App) ShowDropped(step int) {
	st := a.BH()
	if !a.CanQuery() {
		return
	}
	st.DroppedStep = step
	st.droppedID = a.newID()
	a.Host.Query(st.droppedID, funnelQuery{What: "funnel-dropped", Funnel: a.shownSpec(), Step: step, Limit: 500})
}

// shownSpec is the spec of the funnel on screen: the live one, or the
// report's first.
func (a *App) shownSpec() funnelSpec {
	st := a.BH()
	if st.Funnel != nil {
		return a.funnelSpec()
	}
	f := a.ShownFunnel()
	spec := funnelSpec{Steps: []funnelStepSpec{}}
	if f != nil {
		spec.Window = f.Window
		for _, s := range f.Steps {
			spec.Steps = append(spec.Steps, funnelStepSpec{Event: s.Event})
		}
	}
	return spec
}

// ShownFunnel is the funnel on screen.
func (a *App) ShownFunnel() *report.Funnel {
	if st := a.BH(); st.Funnel != nil {
		return st.Funnel
	}
	if b := a.behaviour(); b != nil && len(b.Funnels) > 0 {
		return &b.Funnels[0]
	}
	return nil
}

// ReportFunnels are the funnels of the report after the first (the ones
// given with --funnel).
func (a *App) ReportFunnels() []*report.Funnel {
	var out []*report.Funnel
	if b := a.behaviour(); b != nil {
		for i := range b.Funnels {
			if i > 0 {
				out = append(out, &b.Funnels[i])
			}
		}
	}
	return out
}

// FunnelTitle names a funnel.
func (a *App) FunnelTitle(f *report.Funnel) string {
	switch {
	case f == nil:
		return ""
	case f.Auto:
		return a.Tf("bh.autoFunnel", a.Window(f.Window))
	case f.Name != "":
		return f.Name + a.Sep() + a.Window(f.Window)
	}
	return a.Tf("bh.funnel", a.Window(f.Window))
}

// Window formats a conversion window: "7d" → "7 days".
func (a *App) Window(w string) string {
	if w == "" {
		return a.T("bh.noWindow")
	}
	n := w[:len(w)-1]
	unit := map[byte]string{'m': "minutes", 'h': "hours", 'd': "days", 'w': "weeks"}[w[len(w)-1]]
	if unit == "" {
		return w
	}
	if n == "1" {
		return a.T("bh.one." + unit)
	}
	return a.Tf("bh."+unit, a.localDigits(n))
}

// FunnelRow is a line of a funnel's table.
type FunnelRow struct {
	Step       int // 1-based
	Event      string
	Customers  string
	Raw        string
	Conversion string
	Overall    string
	DropOff    string
	Wait       string
	CanDrop    bool // the step loses customers: list them
}

// FunnelRows are the lines of a funnel's table.
func (a *App) FunnelRows(f *report.Funnel) []FunnelRow {
	if f == nil {
		return nil
	}
	var out []FunnelRow
	for i, s := range f.Steps {
		ev := s.Event
		if s.Where != "" {
			ev += " [" + s.Where + "]"
		}
		r := FunnelRow{Step: i + 1, Event: ev, Customers: a.Num(s.Customers), Raw: strconv.Itoa(s.Customers),
			Conversion: a.Pct(s.Conversion), Overall: a.Pct(s.Overall)}
		if i > 0 {
			r.DropOff = a.Num(s.DropOff)
			r.CanDrop = s.DropOff > 0 && a.CanQuery()
		}
		if s.MedianMinutes != nil {
			r.Wait = a.Duration(*s.MedianMinutes)
		}
		out = append(out, r)
	}
	return out
}

// FunnelChart draws a funnel's steps as bars.
func (a *App) FunnelChart(f *report.Funnel, id string) *Chart {
	if f == nil || len(f.Steps) == 0 {
		return nil
	}
	c := &Chart{ID: id, Title: a.FunnelTitle(f), Cols: []string{a.T("bh.step"), a.T("chart.customers"), a.T("bh.overall")}}
	var vals []map[string]any
	for i, s := range f.Steps {
		label := a.localDigits(strconv.Itoa(i+1)) + ". " + s.Event
		vals = append(vals, map[string]any{"label": label, "value": s.Customers, "share": s.Overall})
		c.Rows = append(c.Rows, []string{label, a.Num(s.Customers), a.Pct(s.Overall)})
	}
	last := f.Steps[len(f.Steps)-1]
	c.Label = a.Tf("bh.funnelLabel", a.Num(f.Steps[0].Customers), f.Steps[0].Event, a.Num(last.Customers), last.Event, a.Pct(last.Overall))
	spec := a.barSpec(vals, a.T("chart.customers"), ",d", colorMain, 220)
	spec["encoding"].(map[string]any)["tooltip"] = []any{
		map[string]any{"field": "label", "type": "ordinal", "title": a.T("bh.step")},
		map[string]any{"field": "value", "type": "quantitative", "title": a.T("chart.customers"), "format": ",d"},
		map[string]any{"field": "share", "type": "quantitative", "title": a.T("bh.overall"), "format": ".1%"},
	}
	finish(c, spec)
	return c
}

// BreakdownRows are a funnel breakdown's groups: value, entered,
// converted, conversion, p.
func (a *App) BreakdownRows(f *report.Funnel) [][]string {
	if f == nil || f.Breakdown == nil {
		return nil
	}
	var out [][]string
	for _, g := range f.Breakdown.Groups {
		p := "–"
		if g.P != nil {
			p = a.Dec(*g.P, 3)
		}
		out = append(out, []string{g.Value, a.Num(g.Customers[0]), a.Num(g.Customers[len(g.Customers)-1]), a.Pct(g.Conversion), p})
	}
	return out
}

// BreakdownTest is the sentence under a breakdown: the chi-squared test.
func (a *App) BreakdownTest(f *report.Funnel) string {
	if f == nil || f.Breakdown == nil || f.Breakdown.P == nil {
		return ""
	}
	b := f.Breakdown
	key := "bh.notSignificant"
	if *b.P < 0.05 {
		key = "bh.significant"
	}
	return a.Tf(key, a.Dec(b.ChiSquare, 2), a.Num(b.DF), a.Dec(*b.P, 3))
}

// --- friction ---

// FrictionRow is one move between onboarding steps.
type FrictionRow struct {
	From, To  string
	Reached   string
	Stalled   string
	DropShare string
	Drop      float64 // for the meter, 0..1
	Wait      string
	Tickets   string
	Negative  string
	Worst     bool // the largest drop-off
	Examples  []report.Example
}

// Friction is the onboarding friction section, nil when absent.
func (a *App) Friction() *report.Friction {
	if b := a.behaviour(); b != nil {
		return b.Friction
	}
	return nil
}

// FrictionRows are the friction list, in funnel order.
func (a *App) FrictionRows() []FrictionRow {
	fr := a.Friction()
	if fr == nil {
		return nil
	}
	worst := -1
	for i, s := range fr.Steps {
		if worst < 0 || s.DropShare > fr.Steps[worst].DropShare {
			worst = i
		}
	}
	var out []FrictionRow
	for i, s := range fr.Steps {
		r := FrictionRow{From: s.From, To: s.To, Reached: a.Num(s.Reached), Stalled: a.Num(s.Stalled),
			DropShare: a.Pct(s.DropShare), Drop: s.DropShare, Worst: i == worst && s.Stalled > 0, Examples: s.Examples,
			Tickets:  a.Tf("bh.vsBaseline", a.Pct(s.TicketShare), a.Pct(s.TicketBaseline)),
			Negative: a.Tf("bh.vsBaseline", a.Pct(s.NegativeShare), a.Pct(s.NegativeBaseline))}
		if s.MedianHours != nil {
			r.Wait = a.Duration(*s.MedianHours * 60)
		}
		out = append(out, r)
	}
	return out
}

// FrictionSummary is the sentence above the friction list.
func (a *App) FrictionSummary() string {
	fr := a.Friction()
	if fr == nil {
		return ""
	}
	return a.Tf("bh.frictionSub", a.Num(fr.Customers), a.Num(fr.Days))
}

// --- journeys ---

// SetJourney asks the worker for the paths from or to an event.
func (a *App) SetJourney(dir, ev string) {
	st := a.BH()
	if dir != "" {
		st.JourneyDir = dir
	}
	if ev != "" {
		st.JourneyEvent = ev
	}
	if !a.CanQuery() || st.JourneyEvent == "" {
		return
	}
	st.journeyID = a.newID()
	a.Host.Query(st.journeyID, journeyQuery{What: "journey", Direction: st.JourneyDir, Event: st.JourneyEvent})
}

// ShownJourney is the journey on screen: the one asked for, else the
// report's journey that matches the choice, else its first.
func (a *App) ShownJourney() *report.Journey {
	st := a.BH()
	if st.Journey != nil {
		return st.Journey
	}
	b := a.behaviour()
	if b == nil || len(b.Journeys) == 0 {
		return nil
	}
	for i := range b.Journeys {
		if b.Journeys[i].Direction == st.JourneyDir && b.Journeys[i].Event == st.JourneyEvent {
			return &b.Journeys[i]
		}
	}
	return &b.Journeys[0]
}

// JourneyChart draws the paths as a flow: one column per step, a circle
// per event sized by the sessions there, a line per move between steps.
func (a *App) JourneyChart() *Chart {
	j := a.ShownJourney()
	if j == nil || len(j.Paths) == 0 {
		return nil
	}
	type node struct {
		k  int
		ev string
	}
	type edge struct {
		k        int
		from, to string
	}
	nodes, edges := map[node]int{}, map[edge]int{}
	var nodeOrder []node
	var edgeOrder []edge
	c := &Chart{ID: "journey", Cols: []string{a.T("bh.path"), a.T("bh.sessionsCol")}}
	for _, p := range j.Paths {
		for k, ev := range p.Events {
			n := node{k, ev}
			if nodes[n] == 0 {
				nodeOrder = append(nodeOrder, n)
			}
			nodes[n] += p.Sessions
			if k+1 < len(p.Events) {
				e := edge{k, ev, p.Events[k+1]}
				if edges[e] == 0 {
					edgeOrder = append(edgeOrder, e)
				}
				edges[e] += p.Sessions
			}
		}
		c.Rows = append(c.Rows, []string{strings.Join(p.Events, " → "), a.Num(p.Sessions)})
	}
	if j.Direction == "to" {
		c.Title = a.Tf("bh.journeyTo", j.Event)
	} else {
		c.Title = a.Tf("bh.journeyFrom", j.Event)
	}
	c.Label = a.Tf("bh.journeyLabel", c.Title, a.Num(len(j.Paths)), a.Num(j.Sessions))
	var nodeVals, edgeVals []map[string]any
	events := []string{}
	for _, n := range nodeOrder {
		nodeVals = append(nodeVals, map[string]any{"k": n.k + 1, "event": n.ev, "sessions": nodes[n]})
		if !containsStr(events, n.ev) {
			events = append(events, n.ev)
		}
	}
	for _, e := range edgeOrder {
		edgeVals = append(edgeVals, map[string]any{"k": e.k + 1, "k2": e.k + 2, "from": e.from, "to": e.to, "sessions": edges[e]})
	}
	rtl := a.Lang == "ar"
	x := map[string]any{"field": "k", "type": "quantitative", "title": a.T("bh.step"),
		"scale": map[string]any{"reverse": rtl, "domain": []float64{0.6, 5.4}, "nice": false},
		"axis":  map[string]any{"values": []int{1, 2, 3, 4, 5}, "format": "d", "grid": false}}
	yAxis := map[string]any{"labelLimit": 140, "ticks": false, "domain": false}
	if rtl {
		yAxis["orient"] = "right"
	}
	y := map[string]any{"field": "event", "type": "nominal", "sort": events, "title": nil, "axis": yAxis,
		"scale": map[string]any{"domain": events}}
	spec := map[string]any{
		"width": "container", "height": 30*len(events) + 40,
		"autosize": map[string]any{"type": "fit-x", "contains": "padding"},
		"layer": []any{
			map[string]any{
				"data": map[string]any{"values": edgeVals},
				"mark": map[string]any{"type": "rule", "color": colorAlt, "opacity": 0.45},
				"encoding": map[string]any{
					"x":           x,
					"x2":          map[string]any{"field": "k2"},
					"y":           map[string]any{"field": "from", "type": "nominal", "scale": map[string]any{"domain": events}, "sort": events, "title": nil, "axis": yAxis},
					"y2":          map[string]any{"field": "to"},
					"strokeWidth": map[string]any{"field": "sessions", "type": "quantitative", "scale": map[string]any{"range": []int{1, 14}}, "legend": nil},
					"tooltip": []any{
						map[string]any{"field": "from", "type": "nominal", "title": a.T("bh.from")},
						map[string]any{"field": "to", "type": "nominal", "title": a.T("bh.to")},
						map[string]any{"field": "sessions", "type": "quantitative", "title": a.T("bh.sessionsCol"), "format": ",d"},
					},
				},
			},
			map[string]any{
				"data": map[string]any{"values": nodeVals},
				"mark": map[string]any{"type": "circle", "color": colorMain, "opacity": 0.9},
				"encoding": map[string]any{
					"x": x, "y": y,
					"size": map[string]any{"field": "sessions", "type": "quantitative", "scale": map[string]any{"range": []int{40, 900}}, "legend": nil},
					"tooltip": []any{
						map[string]any{"field": "event", "type": "nominal", "title": a.T("bh.event")},
						map[string]any{"field": "sessions", "type": "quantitative", "title": a.T("bh.sessionsCol"), "format": ",d"},
					},
				},
			},
		},
		"config": chartConfig(),
	}
	finish(c, spec)
	return c
}

// --- adoption ---

// AdoptionRow is a line of the adoption table.
type AdoptionRow struct {
	Event, Customers, Share, Days, RetUsers, RetOthers, P, NPSUsers, NPSOthers string
	ShareRaw                                                                   float64
}

// AdoptionRows are the adoption table's lines.
func (a *App) AdoptionRows() []AdoptionRow {
	b := a.behaviour()
	if b == nil {
		return nil
	}
	opt := func(v *float64, f func(float64) string) string {
		if v == nil {
			return "–"
		}
		return f(*v)
	}
	pct := func(v float64) string { return a.Pct(v) }
	var out []AdoptionRow
	for _, x := range b.Adoption {
		out = append(out, AdoptionRow{Event: x.Event, Customers: a.Num(x.Customers), Share: a.Pct(x.Share), ShareRaw: x.Share,
			Days:     opt(x.MedianDays, func(v float64) string { return a.Dec(v, 1) }),
			RetUsers: opt(x.RetentionUsers, pct), RetOthers: opt(x.RetentionOthers, pct),
			P:        opt(x.RetentionP, func(v float64) string { return a.Dec(v, 3) }),
			NPSUsers: opt(x.NPSUsers, func(v float64) string { return a.Dec(v, 0) }), NPSOthers: opt(x.NPSOthers, func(v float64) string { return a.Dec(v, 0) })})
	}
	return out
}

// --- cohorts ---

// CohortChoices names the report's cohort tables.
func (a *App) CohortChoices() []string {
	var out []string
	if b := a.behaviour(); b != nil {
		for _, t := range b.Cohorts {
			out = append(out, a.T("bh.cohortBy."+t.By))
		}
	}
	return out
}

// SetCohort picks a cohort table and whether to show revenue retention.
func (a *App) SetCohort(i int, revenue bool) {
	st := a.BH()
	st.CohortTable, st.Revenue = i, revenue
}

func (a *App) cohortTable() *report.CohortTable {
	b := a.behaviour()
	if b == nil || len(b.Cohorts) == 0 {
		return nil
	}
	i := a.BH().CohortTable
	if i < 0 || i >= len(b.Cohorts) {
		i = 0
	}
	return &b.Cohorts[i]
}

// HasRevenueCohorts says whether the chosen table has revenue figures.
func (a *App) HasRevenueCohorts() bool {
	t := a.cohortTable()
	if t == nil {
		return false
	}
	for _, c := range t.Cohorts {
		if c.RevenueRetention != nil {
			return true
		}
	}
	return false
}

// CohortChart is the retention (or revenue retention) heatmap: a row per
// cohort, a column per period since its start.
func (a *App) CohortChart() *Chart {
	t := a.cohortTable()
	if t == nil || len(t.Cohorts) == 0 {
		return nil
	}
	revenue := a.BH().Revenue && a.HasRevenueCohorts()
	unit := a.T("bh.period." + t.Period)
	c := &Chart{ID: "cohorts", Cols: []string{a.T("bh.cohort"), a.T("chart.customers")}}
	if revenue {
		c.Title = a.Tf("bh.revenueHeatmap", a.T("bh.cohortBy."+t.By), t.Currency)
	} else {
		c.Title = a.Tf("bh.heatmap", a.T("bh.cohortBy."+t.By))
	}
	longest := 0
	for _, co := range t.Cohorts {
		longest = max(longest, len(co.Retention))
	}
	for k := 0; k < longest; k++ {
		c.Cols = append(c.Cols, unit+" "+a.localDigits(strconv.Itoa(k)))
	}
	var vals []map[string]any
	var cohorts []string
	for _, co := range t.Cohorts {
		label := co.Start
		if t.Period == "month" {
			label = a.Month(co.Start)
		} else {
			label = a.Date(co.Start)
		}
		cohorts = append(cohorts, label)
		series := co.Retention
		if revenue {
			series = co.RevenueRetention
		}
		row := []string{label, a.Num(co.Customers)}
		for k := 0; k < longest; k++ {
			if k >= len(series) {
				row = append(row, "")
				continue
			}
			v := series[k]
			vals = append(vals, map[string]any{"cohort": label, "k": k, "v": v, "customers": co.Customers})
			row = append(row, a.Pct(v))
		}
		c.Rows = append(c.Rows, row)
	}
	curve := ""
	if len(t.Curve) > 1 {
		curve = a.Pct(t.Curve[1])
	}
	c.Label = a.Tf("bh.heatmapLabel", a.Num(len(t.Cohorts)), unit, curve)
	rtl := a.Lang == "ar"
	yAxis := map[string]any{"ticks": false, "domain": false}
	if rtl {
		yAxis["orient"] = "right"
	}
	x := map[string]any{"field": "k", "type": "ordinal", "title": a.T("bh.periodsSince." + t.Period),
		"scale": map[string]any{"reverse": rtl}, "axis": map[string]any{"labelAngle": 0, "ticks": false, "domain": false}}
	y := map[string]any{"field": "cohort", "type": "ordinal", "sort": cohorts, "title": nil, "axis": yAxis}
	tooltip := []any{
		map[string]any{"field": "cohort", "type": "ordinal", "title": a.T("bh.cohort")},
		map[string]any{"field": "k", "type": "ordinal", "title": unit},
		map[string]any{"field": "v", "type": "quantitative", "title": c.Title, "format": ".1%"},
		map[string]any{"field": "customers", "type": "quantitative", "title": a.T("chart.customers"), "format": ",d"},
	}
	spec := map[string]any{
		"width": "container", "height": 16*len(cohorts) + 30,
		"autosize": map[string]any{"type": "fit-x", "contains": "padding"},
		"data":     map[string]any{"values": vals},
		"encoding": map[string]any{"x": x, "y": y},
		"layer": []any{
			map[string]any{"mark": map[string]any{"type": "rect", "tooltip": true},
				"encoding": map[string]any{"color": map[string]any{"field": "v", "type": "quantitative", "title": nil,
					"scale": map[string]any{"scheme": "teals", "domain": []float64{0, 1}, "clamp": true}, "legend": nil},
					"tooltip": tooltip}},
			map[string]any{"mark": map[string]any{"type": "text", "fontSize": 9},
				"encoding": map[string]any{"text": map[string]any{"field": "v", "type": "quantitative", "format": ".0%"},
					"color": map[string]any{"condition": map[string]any{"test": "datum.v > 0.55", "value": "#ffffff"}, "value": "#2b3340"}}},
		},
		"config": chartConfig(),
	}
	finish(c, spec)
	return c
}

// SegmentCurveRows are the retention curves per RFM segment: segment,
// customers, then retention after 1, 2, 3 and 6 periods.
func (a *App) SegmentCurveRows() [][]string {
	t := a.cohortTable()
	if t == nil {
		return nil
	}
	var out [][]string
	at := func(c []float64, k int) string {
		if k < len(c) {
			return a.Pct(c[k])
		}
		return "–"
	}
	for _, s := range t.Segments {
		out = append(out, []string{s.Segment, a.Num(s.Customers), at(s.Curve, 1), at(s.Curve, 2), at(s.Curve, 3), at(s.Curve, 6)})
	}
	return out
}

// PeriodCols are the headers of the segment curve table.
func (a *App) PeriodCols() []string {
	t := a.cohortTable()
	if t == nil {
		return nil
	}
	unit := a.T("bh.period." + t.Period)
	var out []string
	for _, k := range []int{1, 2, 3, 6} {
		out = append(out, unit+" "+a.localDigits(strconv.Itoa(k)))
	}
	return out
}

// ChannelRows are the customers reached per channel.
func (a *App) ChannelRows() []KPI {
	b := a.behaviour()
	if b == nil {
		return nil
	}
	var out []KPI
	for _, c := range b.Channels {
		out = append(out, KPI{ID: c.Channel, Label: a.Channel(c.Channel), Value: a.Num(c.Customers), Raw: strconv.Itoa(c.Customers)})
	}
	return out
}

func (a *App) hasKey(key string) bool { return a.T(key) != key }

// --- worker answers ---

// behaviourMessage takes the answers and errors of the page's queries; it
// reports whether m was one of them.
func (a *App) behaviourMessage(m Message) bool {
	st := a.Behave
	if st == nil || m.ID == 0 || (m.Type != "answer" && m.Type != "error") {
		return false
	}
	switch m.ID {
	case st.funnelID:
		st.Loading, st.funnelID = false, 0
		if m.Type == "error" {
			st.Err = m.Message
			return true
		}
		var f report.Funnel
		if err := json.Unmarshal([]byte(m.Result), &f); err != nil {
			st.Err = err.Error()
			return true
		}
		st.Funnel = &f
	case st.droppedID:
		st.droppedID = 0
		if m.Type == "error" {
			st.Err = m.Message
			return true
		}
		var p CustomerPage
		if err := json.Unmarshal([]byte(m.Result), &p); err != nil {
			st.Err = err.Error()
			return true
		}
		st.Dropped = &p
	case st.journeyID:
		st.journeyID = 0
		if m.Type == "error" {
			st.Err = m.Message
			return true
		}
		var j report.Journey
		if err := json.Unmarshal([]byte(m.Result), &j); err != nil {
			st.Err = err.Error()
			return true
		}
		st.Journey = &j
	default:
		return false
	}
	return true
}

// journeySection is the customer page's cross-channel journey: a fact per
// stage, "Web · 12 Mar 2024 – 14 Mar 2024", with its touchpoints and events.
func (a *App) journeySection(p *profile.Profile) *Section {
	s := &Section{ID: "journey", Title: a.T("bh.journeySection")}
	for _, st := range p.Journey {
		when := a.Date(st.From)
		if to := a.Date(st.To); to != when {
			when += " – " + to
		}
		v := when + a.Sep() + a.Tf("bh.touchpoints", a.Num(st.Touchpoints))
		if len(st.Events) > 0 {
			v += a.Sep() + strings.Join(st.Events, ", ")
		}
		s.add(a.Channel(st.Channel), v)
	}
	return s
}

// DroppedCSV is the list of customers who dropped at the chosen step as a
// CSV file for a CRM or mailing tool, as a data: URL the download link
// carries (nothing leaves the page). A cell that a spreadsheet would run as
// a formula (=, +, -, @, tab, carriage return first) gets a leading quote.
func (a *App) DroppedCSV() string {
	st := a.BH()
	if st.Dropped == nil {
		return ""
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"name", "email", "phone", "company", "country", "city", "orders", "spend", "currency"})
	for _, r := range st.Dropped.Customers {
		row := []string{r.Name, r.Email, r.Phone, r.Company, r.Country, r.City, strconv.Itoa(r.Orders),
			strconv.FormatFloat(r.Spend, 'f', -1, 64), r.Currency}
		for i, v := range row {
			if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
				row[i] = "'" + v
			}
		}
		w.Write(row)
	}
	w.Flush()
	return "data:text/csv;charset=utf-8," + url.PathEscape(b.String())
}

// DroppedFile names the CSV download: "funnel-step-3-dropped.csv".
func (a *App) DroppedFile() string {
	return "funnel-step-" + strconv.Itoa(a.BH().DroppedStep+1) + "-dropped.csv"
}

// meterValue keeps a meter's value finite.
func meterValue(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', 4, 64)
}

func init() {
	addCatalog(map[string]string{
		"nav.behaviour":              "Behaviour",
		"bh.title":                   "Behaviour",
		"bh.sub":                     "What customers do: where new customers stall, which paths they take, what they use, and who comes back.",
		"bh.events":                  "Events of known customers",
		"bh.customers":               "Customers with events",
		"bh.sessions":                "Sessions",
		"bh.sessionGap":              "a new one after {0} minutes without activity",
		"bh.sessionLength":           "Median session",
		"bh.minutes":                 "{0} min",
		"bh.hours":                   "{0} h",
		"bh.days":                    "{0} days",
		"bh.weeks":                   "{0} weeks",
		"bh.noWindow":                "no time limit",
		"bh.funnels":                 "Funnel",
		"bh.funnelHelp":              "Pick the steps in order and the time customers have from the first step to the last. Counts are customers; each customer's best attempt counts.",
		"bh.autoFunnel":              "New customers' most common first steps, within {0}",
		"bh.funnel":                  "Funnel within {0}",
		"bh.funnelLabel":             "Funnel: {0} customers did {1}; {2} went on to {3} ({4}).",
		"bh.step":                    "Step",
		"bh.stepN":                   "Step {0}",
		"bh.addStep":                 "Add a step",
		"bh.removeStep":              "Remove",
		"bh.window":                  "Conversion window",
		"bh.breakdown":               "Break down by",
		"bh.breakdown.":              "nothing",
		"bh.breakdown.country":       "country",
		"bh.breakdown.city":          "city",
		"bh.breakdown.company":       "company",
		"bh.breakdown.industry":      "industry",
		"bh.breakdown.language":      "language",
		"bh.breakdown.gender":        "gender",
		"bh.breakdown.segment":       "RFM segment",
		"bh.breakdown.nps":           "NPS category",
		"bh.run":                     "Show funnel",
		"bh.running":                 "Computing…",
		"bh.customersCol":            "Customers",
		"bh.conversion":              "From previous",
		"bh.overall":                 "From first step",
		"bh.dropOff":                 "Lost",
		"bh.wait":                    "Median time",
		"bh.showDropped":             "Who?",
		"key.anonymous":              "anonymous visitor id",
		"bh.where":                   "where",
		"bh.anyProperty":             "any properties",
		"bh.value":                   "value",
		"bh.exportCSV":               "Download as CSV",
		"bh.droppedTitle":            "Customers who reached step {0} but not step {1}: {2}",
		"bh.missing":                 "No event in the data is named: {0}",
		"bh.group":                   "Group",
		"bh.entered":                 "Entered",
		"bh.converted":               "Converted",
		"bh.p":                       "p",
		"bh.significant":             "Conversion differs between the groups (χ² = {0}, df = {1}, p = {2}).",
		"bh.notSignificant":          "No significant difference between the groups (χ² = {0}, df = {1}, p = {2}).",
		"bh.otherFunnels":            "Funnels given to the analysis",
		"bh.friction":                "Onboarding friction",
		"bh.frictionSub":             "{0} new customers followed for their first {1} days from sign-up. Largest drop-off marked.",
		"bh.move":                    "From → to",
		"bh.reached":                 "Reached",
		"bh.stalled":                 "Stalled",
		"bh.drop":                    "Drop-off",
		"bh.tickets":                 "Opened a ticket",
		"bh.negative":                "Negative comments",
		"bh.vsBaseline":              "{0} (all: {1})",
		"bh.examples":                "For example",
		"bh.worst":                   "largest drop-off",
		"bh.journeys":                "Journeys",
		"bh.journeyHelp":             "The most common paths of sessions from or to an event. Thicker lines: more sessions.",
		"bh.direction.from":          "Paths from",
		"bh.direction.to":            "Paths to",
		"bh.journeyFrom":             "Paths from {0}",
		"bh.journeyTo":               "Paths to {0}",
		"bh.journeyLabel":            "{0}: the {1} most common of {2} sessions.",
		"bh.path":                    "Path",
		"bh.sessionsCol":             "Sessions",
		"bh.from":                    "From",
		"bh.to":                      "To",
		"bh.event":                   "Event",
		"bh.adoption":                "Adoption",
		"bh.adoptionHelp":            "Retention: of customers first seen at least 60 days ago, active in the last 30 days; early users used the event within 30 days of their first event. NPS: promoters minus detractors.",
		"bh.share":                   "Share of customers",
		"bh.daysToFirst":             "Median days to first use",
		"bh.retUsers":                "Retention, early users",
		"bh.retOthers":               "Retention, others",
		"bh.npsUsers":                "NPS, users",
		"bh.npsOthers":               "NPS, others",
		"bh.cohorts":                 "Retention cohorts",
		"bh.cohortBy.first_purchase": "by first purchase",
		"bh.cohortBy.signup":         "by sign-up",
		"bh.revenueRetention":        "Revenue retention",
		"bh.customerRetention":       "Customer retention",
		"bh.heatmap":                 "Retention {0}",
		"bh.revenueHeatmap":          "Revenue retention {0} ({1})",
		"bh.heatmapLabel":            "Heatmap of {0} cohorts; after one {1}, {2} of customers were active.",
		"bh.cohort":                  "Cohort",
		"bh.period.month":            "month",
		"bh.period.week":             "week",
		"bh.periodsSince.month":      "Months since start",
		"bh.periodsSince.week":       "Weeks since start",
		"bh.segmentCurves":           "Retention by RFM segment",
		"bh.segment":                 "Segment",
		"bh.channels":                "Customers by channel",
		"bh.channel.web":             "Web",
		"bh.channel.app":             "App",
		"bh.channel.email":           "E-mail",
		"bh.channel.store":           "Store (orders)",
		"bh.channel.support":         "Support",
		"bh.channel.feedback":        "Feedback",
		"bh.journeySection":          "Journey across channels",
		"bh.touchpoints":             "{0} touchpoints",
		"bh.readOnly":                "Shared reports show the funnels as they were computed.",
	}, map[string]string{
		"nav.behaviour":              "السلوك",
		"bh.title":                   "السلوك",
		"bh.sub":                     "ماذا يفعل العملاء: أين يتعثر العملاء الجدد، وأي المسارات يسلكون، وماذا يستخدمون، ومن يعود.",
		"bh.events":                  "أحداث العملاء المعروفين",
		"bh.customers":               "عملاء لهم أحداث",
		"bh.sessions":                "الجلسات",
		"bh.sessionGap":              "جلسة جديدة بعد {0} دقيقة بلا نشاط",
		"bh.sessionLength":           "وسيط مدة الجلسة",
		"bh.minutes":                 "{0} دقيقة",
		"bh.hours":                   "{0} ساعة",
		"bh.days":                    "{0} يوم",
		"bh.weeks":                   "{0} أسبوع",
		"bh.noWindow":                "بلا حد زمني",
		"bh.funnels":                 "مسار التحويل",
		"bh.funnelHelp":              "اختر الخطوات بالترتيب والمدة المتاحة للعميل من الخطوة الأولى إلى الأخيرة. الأعداد عملاء، وتُحتسب أفضل محاولة لكل عميل.",
		"bh.autoFunnel":              "أكثر الخطوات الأولى شيوعاً لدى العملاء الجدد، خلال {0}",
		"bh.funnel":                  "مسار تحويل خلال {0}",
		"bh.funnelLabel":             "مسار التحويل: {0} عميلاً أجروا {1}؛ وصل منهم {2} إلى {3} ({4}).",
		"bh.step":                    "الخطوة",
		"bh.stepN":                   "الخطوة {0}",
		"bh.addStep":                 "أضف خطوة",
		"bh.removeStep":              "احذف",
		"bh.window":                  "مدة التحويل",
		"bh.breakdown":               "التقسيم حسب",
		"bh.breakdown.":              "بلا تقسيم",
		"bh.breakdown.country":       "الدولة",
		"bh.breakdown.city":          "المدينة",
		"bh.breakdown.company":       "الشركة",
		"bh.breakdown.industry":      "القطاع",
		"bh.breakdown.language":      "اللغة",
		"bh.breakdown.gender":        "الجنس",
		"bh.breakdown.segment":       "شريحة RFM",
		"bh.breakdown.nps":           "فئة NPS",
		"bh.run":                     "اعرض المسار",
		"bh.running":                 "جارٍ الحساب…",
		"bh.customersCol":            "العملاء",
		"bh.conversion":              "من السابقة",
		"bh.overall":                 "من الخطوة الأولى",
		"bh.dropOff":                 "المفقودون",
		"bh.wait":                    "الوسيط الزمني",
		"bh.showDropped":             "من هم؟",
		"key.anonymous":              "معرّف زائر مجهول",
		"bh.where":                   "حيث",
		"bh.anyProperty":             "أي خصائص",
		"bh.value":                   "القيمة",
		"bh.exportCSV":               "تنزيل بصيغة CSV",
		"bh.droppedTitle":            "عملاء وصلوا إلى الخطوة {0} ولم يصلوا إلى الخطوة {1}: {2}",
		"bh.missing":                 "لا يوجد في البيانات حدث باسم: {0}",
		"bh.group":                   "المجموعة",
		"bh.entered":                 "دخلوا",
		"bh.converted":               "أتمّوا",
		"bh.p":                       "p",
		"bh.significant":             "يختلف التحويل بين المجموعات (χ² = {0}، درجات الحرية = {1}، p = {2}).",
		"bh.notSignificant":          "لا فرق ذا دلالة بين المجموعات (χ² = {0}، درجات الحرية = {1}، p = {2}).",
		"bh.otherFunnels":            "مسارات التحويل المعطاة للتحليل",
		"bh.friction":                "عثرات البداية",
		"bh.frictionSub":             "تتبّعنا {0} عميلاً جديداً في أول {1} يوماً من التسجيل. أكبر تسرّب مُعلَّم.",
		"bh.move":                    "من ← إلى",
		"bh.reached":                 "وصلوا",
		"bh.stalled":                 "توقفوا",
		"bh.drop":                    "التسرّب",
		"bh.tickets":                 "فتحوا تذكرة دعم",
		"bh.negative":                "تعليقات سلبية",
		"bh.vsBaseline":              "{0} (الكل: {1})",
		"bh.examples":                "أمثلة",
		"bh.worst":                   "أكبر تسرّب",
		"bh.journeys":                "الرحلات",
		"bh.journeyHelp":             "أكثر مسارات الجلسات شيوعاً من حدث أو إليه. الخط الأعرض: جلسات أكثر.",
		"bh.direction.from":          "المسارات من",
		"bh.direction.to":            "المسارات إلى",
		"bh.journeyFrom":             "المسارات من {0}",
		"bh.journeyTo":               "المسارات إلى {0}",
		"bh.journeyLabel":            "{0}: أكثر {1} مسارات شيوعاً من {2} جلسة.",
		"bh.path":                    "المسار",
		"bh.sessionsCol":             "الجلسات",
		"bh.from":                    "من",
		"bh.to":                      "إلى",
		"bh.event":                   "الحدث",
		"bh.adoption":                "الاستخدام",
		"bh.adoptionHelp":            "الاحتفاظ: من العملاء الذين ظهروا أول مرة قبل ٦٠ يوماً على الأقل، من نشط في آخر ٣٠ يوماً؛ المستخدمون المبكرون استخدموا الحدث خلال ٣٠ يوماً من أول حدث لهم. NPS: المروّجون ناقص المنتقدين.",
		"bh.share":                   "نسبة العملاء",
		"bh.daysToFirst":             "وسيط الأيام حتى أول استخدام",
		"bh.retUsers":                "الاحتفاظ، المستخدمون المبكرون",
		"bh.retOthers":               "الاحتفاظ، الآخرون",
		"bh.npsUsers":                "NPS، المستخدمون",
		"bh.npsOthers":               "NPS، الآخرون",
		"bh.cohorts":                 "أفواج الاحتفاظ",
		"bh.cohortBy.first_purchase": "حسب أول شراء",
		"bh.cohortBy.signup":         "حسب التسجيل",
		"bh.revenueRetention":        "الاحتفاظ بالإيراد",
		"bh.customerRetention":       "الاحتفاظ بالعملاء",
		"bh.heatmap":                 "الاحتفاظ {0}",
		"bh.revenueHeatmap":          "الاحتفاظ بالإيراد {0} ({1})",
		"bh.heatmapLabel":            "خريطة حرارية لـ {0} فوجاً؛ بعد {1} واحد كان {2} من العملاء نشطين.",
		"bh.cohort":                  "الفوج",
		"bh.period.month":            "شهر",
		"bh.period.week":             "أسبوع",
		"bh.periodsSince.month":      "الأشهر منذ البداية",
		"bh.periodsSince.week":       "الأسابيع منذ البداية",
		"bh.segmentCurves":           "الاحتفاظ حسب شريحة RFM",
		"bh.segment":                 "الشريحة",
		"bh.channels":                "العملاء حسب القناة",
		"bh.channel.web":             "الموقع",
		"bh.channel.app":             "التطبيق",
		"bh.channel.email":           "البريد الإلكتروني",
		"bh.channel.store":           "المتجر (الطلبات)",
		"bh.channel.support":         "الدعم",
		"bh.channel.feedback":        "الآراء",
		"bh.journeySection":          "الرحلة عبر القنوات",
		"bh.touchpoints":             "{0} نقطة تواصل",
		"bh.readOnly":                "تعرض التقارير المشاركة مسارات التحويل كما حُسبت.",
	})
}

// WorstClass marks the friction row with the largest drop-off.
func WorstClass(worst bool) string {
	if worst {
		return " worst"
	}
	return ""
}

// Atoi reads a number from a form value (0 when it is not one).
func Atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// MissingEvents lists the shown funnel's events that no event carries.
func (a *App) MissingEvents() string {
	if f := a.ShownFunnel(); f != nil {
		return strings.Join(f.Missing, ", ")
	}
	return ""
}
