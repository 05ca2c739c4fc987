package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/qalbhq/qalb/engine/feedback"
	"github.com/qalbhq/qalb/engine/profile"
	"github.com/qalbhq/qalb/engine/report"
)

// FeedbackPage is the feedback page: NPS, CSAT and CES with their intervals, trends, segments and drivers.
type FeedbackPage struct {
	App    *App
	Period string // trend step chosen: week, month (default) or quarter
}

// FeedbackState is what the Feedback page keeps on the App: the survey
// shown, and a page of its comments fetched from the engine Worker (the
// report holds none).
type FeedbackState struct {
	Survey   int
	Category string // "" = every category
	Offset   int
	Page     *VerbatimPage
	Loading  bool
	Err      string
	queryID  int
	report   *report.Report // the report Page belongs to
	asked    string         // the query Page answers
}

// VerbatimPage mirrors engine.VerbatimPage.
type VerbatimPage struct {
	Total     int        `json:"total"`
	Offset    int        `json:"offset"`
	Verbatims []Verbatim `json:"verbatims"`
}

// Verbatim mirrors engine.Verbatim.
type Verbatim struct {
	Customer int     `json:"customer"`
	Name     string  `json:"name,omitempty"`
	Date     string  `json:"date,omitempty"`
	Value    float64 `json:"value"`
	Category string  `json:"category"`
	Text     string  `json:"text"`
	File     string  `json:"file"`
	Line     int     `json:"line"`
}

// VerbatimQuery mirrors engine.VerbatimQuery, with the protocol's what.
type VerbatimQuery struct {
	What     string `json:"what"`
	Survey   int    `json:"survey"`
	Category string `json:"category,omitempty"`
	Offset   int    `json:"offset,omitempty"`
	Limit    int    `json:"limit,omitempty"`
}

// VerbatimPageSize is how many comments the page shows at once.
const VerbatimPageSize = 10

// Compute runs before each render: it asks the Worker for the comments
// of the chosen survey when the report or the choice changed.
func (c *FeedbackPage) Compute() { c.App.askVerbatims() }

func (a *App) askVerbatims() {
	f := &a.Feedback
	if a.Host == nil || a.Report == nil || a.Report.Feedback == nil || a.Viewer != nil {
		return
	}
	if f.report != a.Report {
		*f = FeedbackState{report: a.Report}
	}
	if f.Survey >= len(a.Report.Feedback.Surveys) {
		f.Survey = 0
	}
	q := VerbatimQuery{What: "verbatims", Survey: f.Survey, Category: f.Category, Offset: f.Offset, Limit: VerbatimPageSize}
	key := fmt.Sprint(q)
	if key == f.asked {
		return
	}
	f.asked, f.Loading, f.Err = key, true, ""
	f.queryID = a.newID()
	a.Host.Query(f.queryID, q)
}

// onVerbatims takes the Worker's answer to askVerbatims.
func (a *App) onVerbatims(m Message) {
	f := &a.Feedback
	f.queryID, f.Loading = 0, false
	if m.Type == "error" {
		f.Err = m.Message
		return
	}
	var p VerbatimPage
	if err := json.Unmarshal([]byte(m.Result), &p); err != nil {
		f.Err = err.Error()
		return
	}
	f.Page = &p
}

// Chosen is the survey the page shows in full.
func (c *FeedbackPage) Chosen() report.Survey {
	ss := c.Surveys()
	i := c.App.Feedback.Survey
	if i < 0 || i >= len(ss) {
		i = 0
	}
	return ss[i]
}

// Choose shows survey id in full.
func (c *FeedbackPage) Choose(id int) {
	f := &c.App.Feedback
	f.Survey, f.Category, f.Offset = id, "", 0
}

// TileClass marks the chosen survey's tile.
func (c *FeedbackPage) TileClass(id int) string {
	if id == c.Chosen().ID {
		return "fb-tile card active"
	}
	return "fb-tile card"
}

// TilePressed is aria-pressed of a survey's tile.
func (c *FeedbackPage) TilePressed(id int) string { return strconv.FormatBool(id == c.Chosen().ID) }

// Categories are the verbatim filters of a survey's metric.
func (c *FeedbackPage) Categories(s report.Survey) []string {
	switch s.Metric {
	case "nps":
		return []string{"promoter", "passive", "detractor"}
	case "csat":
		return []string{"satisfied", "neutral", "dissatisfied"}
	}
	return []string{"easy", "neutral", "difficult"}
}

// CategoryClass marks the chosen comment filter.
func (c *FeedbackPage) CategoryClass(k string) string {
	if k == c.App.Feedback.Category {
		return "seg-btn active"
	}
	return "seg-btn"
}

// SetCategory filters the comments.
func (c *FeedbackPage) SetCategory(k string) {
	f := &c.App.Feedback
	f.Category, f.Offset = k, 0
}

// MoreVerbatims moves the comments by n pages.
func (c *FeedbackPage) MoreVerbatims(n int) {
	f := &c.App.Feedback
	if f.Page == nil {
		return
	}
	off := f.Offset + n*VerbatimPageSize
	if off < 0 || off >= f.Page.Total {
		return
	}
	f.Offset = off
}

// VerbatimRange says which comments are shown: "11–20 of 57".
func (c *FeedbackPage) VerbatimRange() string {
	p := c.App.Feedback.Page
	if p == nil || p.Total == 0 {
		return ""
	}
	return c.App.Tf("fb.range", c.App.Num(p.Offset+1), c.App.Num(p.Offset+len(p.Verbatims)), c.App.Num(p.Total))
}

// VerbatimMeta is a comment's line under the text: value, category, date, customer.
func (c *FeedbackPage) VerbatimMeta(v Verbatim) string {
	a := c.App
	parts := []string{a.Dec(v.Value, 1), a.T("fb.one." + v.Category)}
	if v.Date != "" {
		parts = append(parts, a.Date(v.Date))
	}
	if v.Name != "" {
		parts = append(parts, v.Name)
	}
	out := parts[0]
	for _, p := range parts[1:] {
		out += c.App.Sep() + p
	}
	return out
}

// CustomerHref links a comment to its customer's page.
func (c *FeedbackPage) CustomerHref(v Verbatim) string {
	return CustomerHref(v.Customer)
}

// HasRounds reports whether the surveys come from several files or
// survey names, where combining rounds or not makes a difference.
func (c *FeedbackPage) HasRounds() bool {
	r := c.App.Report
	if r == nil || r.Feedback == nil || c.App.Viewer != nil {
		return false
	}
	if r.Feedback.Rounds == "separate" {
		return true
	}
	for _, s := range r.Feedback.Surveys {
		if len(s.Files) > 1 {
			return true
		}
		for _, g := range s.Segments {
			if g.Attribute == "survey" {
				return true
			}
		}
	}
	return false
}

// Rounds is the current way of taking rounds.
func (c *FeedbackPage) Rounds() string { return c.App.Report.Feedback.Rounds }

// RoundsClass marks the current choice's button.
func (c *FeedbackPage) RoundsClass(k string) string {
	if k == c.Rounds() {
		return "seg-btn active"
	}
	return "seg-btn"
}

// SetRounds analyses the files again with rounds combined or separate.
func (c *FeedbackPage) SetRounds(k string) {
	if k == c.Rounds() || c.App.RunID != 0 {
		return
	}
	m := c.App.Mapping
	m.SurveyRounds = k
	c.App.start(m)
}

// Surveys are the report's surveys, in report order.
func (c *FeedbackPage) Surveys() []report.Survey {
	if c.App.Report == nil || c.App.Report.Feedback == nil {
		return nil
	}
	return c.App.Report.Feedback.Surveys
}

// Notes are the section's notes, translated.
func (c *FeedbackPage) Notes() []string {
	var out []string
	if f := c.App.Report.Feedback; f != nil {
		for _, n := range f.Notes {
			out = append(out, c.App.Message(n))
		}
	}
	return out
}

// HasNPS reports whether the report has an NPS survey (the customers
// list then offers its filter by category).
func (a *App) HasNPS() bool {
	if a.Report == nil || a.Report.Feedback == nil {
		return false
	}
	for _, s := range a.Report.Feedback.Surveys {
		if s.Metric == "nps" {
			return true
		}
	}
	return false
}

// feedbackSection is a profile's latest NPS, CSAT and CES answers with
// what they mean: "9 / 0–10 · Promoter · 1 May 2024".
func (a *App) feedbackSection(p *profile.Profile) *Section {
	s := &Section{ID: "feedback", Title: a.T("fb.profile")}
	for _, x := range []struct {
		metric string
		ans    *profile.MetricAnswer
	}{{"nps", p.Feedback.NPS}, {"csat", p.Feedback.CSAT}, {"ces", p.Feedback.CES}} {
		if x.ans == nil {
			continue
		}
		v := a.T("fb.one." + x.ans.Category)
		if x.ans.Scale.Min >= 0 { // not an answer given only as its NPS group (−1–1)
			v = a.ScoreText(profile.Score{Value: x.ans.Value, Scale: x.ans.Scale}) + a.Sep() + v
		}
		if x.ans.Date != "" {
			v += a.Sep() + a.Date(x.ans.Date)
		}
		s.add(a.T("fb.metric."+x.metric), v)
	}
	return s
}

// Tile is one survey's headline figure.
type Tile struct {
	ID       string
	Metric   string
	Name     string
	Value    string // shown
	Raw      string // data-value: the headline with one decimal, for tests
	Interval string
	N        string
	Lines    []string
	Small    bool
}

// TileOf summarises one survey.
func (c *FeedbackPage) TileOf(s report.Survey) Tile {
	a := c.App
	t := Tile{ID: "fb-" + strconv.Itoa(s.ID), Metric: a.T("fb.metric." + s.Metric), Name: s.Name, Small: s.Small,
		Raw: strconv.FormatFloat(s.Headline.Value, 'f', 1, 64), N: a.Tf("fb.n", a.Num(s.N))}
	scale := a.Tf("fb.scale", a.Dec(s.Scale.Min, 0), a.Dec(s.Scale.Max, 0))
	if s.Scale.Reversed {
		scale += c.App.Sep() + a.T("fb.reversed")
	}
	switch {
	case s.NPS != nil:
		t.Value = signed(a, s.NPS.Score)
		t.Interval = a.Tf("fb.ci", signed(a, s.NPS.Low), signed(a, s.NPS.High))
		t.Lines = []string{a.Tf("fb.split", a.Num(s.NPS.Top), a.Num(s.NPS.Middle), a.Num(s.NPS.Bottom))}
	case s.CSAT != nil:
		t.Value = a.Dec(s.CSAT.Satisfied.Percent, 1) + "%"
		t.Interval = a.Tf("fb.ci", a.Dec(s.CSAT.Satisfied.Low, 1), a.Dec(s.CSAT.Satisfied.High, 1))
		t.Lines = []string{a.Tf("fb.mean", a.Dec(s.CSAT.Mean.Mean, 2), a.Dec(s.CSAT.Mean.Low, 2), a.Dec(s.CSAT.Mean.High, 2)), scale}
	case s.CES != nil:
		t.Value = a.Dec(s.CES.Mean.Mean, 2)
		t.Interval = a.Tf("fb.ci", a.Dec(s.CES.Mean.Low, 2), a.Dec(s.CES.Mean.High, 2))
		t.Lines = []string{a.Tf("fb.easy", a.Dec(s.CES.Easy.Percent, 1)+"%"), a.Tf("fb.net", signed(a, s.CES.NetEffort.Score)), scale}
	}
	if l := c.lastChange(s); l != "" {
		t.Lines = append(t.Lines, l)
	}
	return t
}

// lastChange says how the last month differs from the month before, with
// its verdict: "2025-06: −14.6 on the month before (p 0.585, too few answers to judge)".
func (c *FeedbackPage) lastChange(s report.Survey) string {
	a := c.App
	for _, tr := range s.Trends {
		if tr.Period != "month" || len(tr.Points) < 2 {
			continue
		}
		last := tr.Points[len(tr.Points)-1]
		ch := last.Change
		if ch == nil {
			return ""
		}
		verdict := a.T("fb.noDifference")
		switch {
		case !ch.Enough:
			verdict = a.T("fb.tooFew")
		case ch.Significant:
			verdict = a.T("fb.significant")
		}
		return a.Tf("fb.lastChange", a.Month(last.Period), signed(a, ch.Diff), a.Dec(ch.P, 3), verdict)
	}
	return ""
}

func signed(a *App, v float64) string {
	s := a.Dec(v, 1)
	if v > 0.05 {
		s = "+" + s
	}
	return s
}

// SplitChart is the split behind the score: promoters/passives/detractors
// (NPS), satisfied/neutral/dissatisfied (CSAT), easy/neutral/difficult (CES).
func (c *FeedbackPage) SplitChart(s report.Survey) *Chart {
	a := c.App
	var keys []string
	var counts []int
	switch {
	case s.NPS != nil:
		keys, counts = []string{"promoter", "passive", "detractor"}, []int{s.NPS.Top, s.NPS.Middle, s.NPS.Bottom}
	case s.CSAT != nil:
		top, bottom := 0, 0
		for _, d := range s.Distribution {
			sc := feedback.Scale{Min: s.Scale.Min, Max: s.Scale.Max} // values are oriented already
			if sc.Top(d.Value) {
				top += d.Count
			} else if sc.Bottom(d.Value) {
				bottom += d.Count
			}
		}
		keys, counts = []string{"satisfied", "neutral", "dissatisfied"}, []int{top, s.N - top - bottom, bottom}
	case s.CES != nil:
		keys, counts = []string{"easy", "neutral", "difficult"}, []int{s.CES.NetEffort.Top, s.CES.NetEffort.Middle, s.CES.NetEffort.Bottom}
	default:
		return nil
	}
	if s.N == 0 {
		return nil
	}
	ch := &Chart{ID: "fb-split-" + strconv.Itoa(s.ID), Title: a.T("fb.splitTitle"), Cols: []string{a.T("fb.group"), a.T("fb.answers"), "%"}}
	colors := []string{"#2e7d7a", "#b0b8c4", "#c2185b"}
	var vals []map[string]any
	for i, k := range keys {
		pct := 100 * float64(counts[i]) / float64(s.N)
		vals = append(vals, map[string]any{"group": a.T("fb.cat." + k), "value": pct, "order": i})
		ch.Rows = append(ch.Rows, []string{a.T("fb.cat." + k), a.Num(counts[i]), a.Dec(pct, 1) + "%"})
	}
	ch.Label = a.Tf("fb.splitLabel", ch.Rows[0][0], ch.Rows[0][2], ch.Rows[2][0], ch.Rows[2][2])
	domain, rng := []string{}, []string{}
	for i, k := range keys {
		domain, rng = append(domain, a.T("fb.cat."+k)), append(rng, colors[i])
	}
	spec := map[string]any{
		"width": "container", "height": 46, "autosize": map[string]any{"type": "fit-x", "contains": "padding"},
		"data": map[string]any{"values": vals},
		"mark": map[string]any{"type": "bar", "tooltip": true},
		"encoding": map[string]any{
			"x": map[string]any{"field": "value", "type": "quantitative", "stack": "zero", "title": nil,
				"scale": map[string]any{"domain": []int{0, 100}, "reverse": a.Lang == "ar"}, "axis": map[string]any{"format": ".0f", "tickCount": 5}},
			"color": map[string]any{"field": "group", "type": "nominal", "title": nil,
				"scale": map[string]any{"domain": domain, "range": rng}, "sort": domain},
			"order":   map[string]any{"field": "order"},
			"tooltip": []any{map[string]any{"field": "group", "title": a.T("fb.group")}, map[string]any{"field": "value", "title": "%", "format": ".1f"}},
		},
		"config": chartConfig(),
	}
	finish(ch, spec)
	return ch
}

// Periods are the trend steps the survey has.
func (c *FeedbackPage) Periods(s report.Survey) []string {
	var out []string
	for _, t := range s.Trends {
		out = append(out, t.Period)
	}
	return out
}

func (c *FeedbackPage) period() string {
	if c.Period == "" {
		return "month"
	}
	return c.Period
}

// SetPeriod chooses the trend step.
func (c *FeedbackPage) SetPeriod(p string) { c.Period = p }

// PeriodClass marks the chosen step's button.
func (c *FeedbackPage) PeriodClass(p string) string {
	if p == c.period() {
		return "seg-btn active"
	}
	return "seg-btn"
}

// TrendChart is the headline per step with its 95% band; steps whose
// change from the step before is significant are drawn as larger, darker points.
func (c *FeedbackPage) TrendChart(s report.Survey) *Chart {
	a := c.App
	var tr *report.Trend
	for i := range s.Trends {
		if s.Trends[i].Period == c.period() {
			tr = &s.Trends[i]
		}
	}
	if tr == nil {
		if len(s.Trends) == 0 {
			return nil
		}
		tr = &s.Trends[len(s.Trends)-1]
	}
	ch := &Chart{ID: "fb-trend-" + strconv.Itoa(s.ID), Title: a.T("fb.trendTitle." + tr.Period),
		Cols: []string{a.T("fb.period"), a.T("fb.metric." + s.Metric), a.T("fb.low"), a.T("fb.high"), a.T("fb.answers"), a.T("fb.change")}}
	var vals []map[string]any
	for _, p := range tr.Points {
		change := ""
		sig := false
		if p.Change != nil {
			change = signed(a, p.Change.Diff)
			switch {
			case p.Change.Significant:
				change += c.App.Sep() + a.T("fb.significant")
				sig = true
			case !p.Change.Enough:
				change += c.App.Sep() + a.T("fb.tooFew")
			}
		}
		vals = append(vals, map[string]any{"period": p.Period, "value": p.Value, "low": p.Low, "high": p.High, "n": p.N, "significant": sig})
		ch.Rows = append(ch.Rows, []string{periodLabel(a, tr.Period, p.Period), a.Dec(p.Value, 1), a.Dec(p.Low, 1), a.Dec(p.High, 1), a.Num(p.N), change})
	}
	ch.Label = a.Tf("fb.trendLabel", a.T("fb.metric."+s.Metric), a.Num(len(tr.Points)))
	x := map[string]any{"field": "period", "type": "ordinal", "title": nil, "sort": nil,
		"scale": map[string]any{"reverse": a.Lang == "ar"}, "axis": map[string]any{"labelAngle": 0, "labelOverlap": "greedy"}}
	y := map[string]any{"field": "value", "type": "quantitative", "title": nil, "scale": map[string]any{"zero": false}}
	if a.Lang == "ar" {
		y["axis"] = map[string]any{"orient": "right"}
	}
	spec := map[string]any{
		"width": "container", "height": 220, "autosize": map[string]any{"type": "fit-x", "contains": "padding"},
		"data": map[string]any{"values": vals},
		"layer": []any{
			map[string]any{"mark": map[string]any{"type": "area", "opacity": 0.18, "color": colorMain},
				"encoding": map[string]any{"x": x, "y": map[string]any{"field": "low", "type": "quantitative"}, "y2": map[string]any{"field": "high"}}},
			map[string]any{"mark": map[string]any{"type": "line", "color": colorMain, "point": false},
				"encoding": map[string]any{"x": x, "y": y}},
			map[string]any{"mark": map[string]any{"type": "point", "filled": true, "tooltip": true},
				"encoding": map[string]any{"x": x, "y": y,
					"size":  map[string]any{"condition": map[string]any{"test": "datum.significant", "value": 90}, "value": 25},
					"color": map[string]any{"condition": map[string]any{"test": "datum.significant", "value": "#c2185b"}, "value": colorMain},
					"tooltip": []any{map[string]any{"field": "period", "title": a.T("fb.period")},
						map[string]any{"field": "value", "format": ".1f", "title": a.T("fb.metric." + s.Metric)},
						map[string]any{"field": "low", "format": ".1f", "title": a.T("fb.low")},
						map[string]any{"field": "high", "format": ".1f", "title": a.T("fb.high")},
						map[string]any{"field": "n", "title": a.T("fb.answers")}}}},
		},
		"config": chartConfig(),
	}
	finish(ch, spec)
	return ch
}

// SegmentRow is one line of the segment table.
type SegmentRow struct {
	Attribute, Group, Value, Interval, N, Diff, P, Verdict, Class string
}

// maxSegmentRows is how many segments the table shows: the most significant.
const maxSegmentRows = 15

// SegmentRows lists the survey's segments over every attribute, those
// with a verdict first by p-value, then the rest by size; at most
// maxSegmentRows.
func (c *FeedbackPage) SegmentRows(s report.Survey) []SegmentRow {
	a := c.App
	type item struct {
		attr string
		sg   feedback.Segment
	}
	var all []item
	for _, g := range s.Segments {
		for _, sg := range g.Segments {
			all = append(all, item{g.Attribute, sg})
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		x, y := all[i].sg, all[j].sg
		if x.Test.Enough != y.Test.Enough {
			return x.Test.Enough
		}
		if x.Test.Enough && x.Test.P != y.Test.P {
			return x.Test.P < y.Test.P
		}
		return x.N > y.N
	})
	if len(all) > maxSegmentRows {
		all = all[:maxSegmentRows]
	}
	var out []SegmentRow
	for _, it := range all {
		g, sg := report.SegmentGroup{Attribute: it.attr}, it.sg
		{
			r := SegmentRow{Attribute: c.attrName(g.Attribute), Group: c.levelName(g.Attribute, sg.Group), Value: a.Dec(sg.Value, 1),
				Interval: a.Tf("fb.between", a.Dec(sg.Low, 1), a.Dec(sg.High, 1)), N: a.Num(sg.N), Diff: signed(a, sg.Test.Diff),
				P: a.Dec(sg.Test.P, 3)}
			switch {
			case !sg.Test.Enough:
				r.Verdict, r.Class = a.T("fb.tooFew"), "verdict muted"
			case sg.Test.Significant && sg.Test.Diff > 0:
				r.Verdict, r.Class = a.T("fb.higher"), "verdict up"
			case sg.Test.Significant:
				r.Verdict, r.Class = a.T("fb.lower"), "verdict down"
			default:
				r.Verdict, r.Class = a.T("fb.noDifference"), "verdict"
			}
			out = append(out, r)
		}
	}
	return out
}

// DriversChart ranks the attributes by their share of the explained variance.
func (c *FeedbackPage) DriversChart(s report.Survey) *Chart {
	a := c.App
	if s.Drivers == nil || len(s.Drivers.Drivers) == 0 {
		return nil
	}
	ch := &Chart{ID: "fb-drivers-" + strconv.Itoa(s.ID), Title: a.Tf("fb.driversTitle", a.Dec(100*s.Drivers.R2, 1)+"%"),
		Cols: []string{a.T("fb.attribute"), a.T("fb.importance"), "p", a.T("fb.best"), a.T("fb.worst")}}
	var vals []map[string]any
	for _, d := range s.Drivers.Drivers {
		name := c.attrName(d.Attribute)
		if d.Significant {
			name += " *"
		}
		vals = append(vals, map[string]any{"label": name, "value": d.Importance})
		best, worst := "", ""
		if n := len(d.Levels); n > 0 {
			best = fmt.Sprintf("%s (%s)", c.levelName(d.Attribute, d.Levels[0].Value), signed(a, d.Levels[0].Effect))
			worst = fmt.Sprintf("%s (%s)", c.levelName(d.Attribute, d.Levels[n-1].Value), signed(a, d.Levels[n-1].Effect))
		}
		ch.Rows = append(ch.Rows, []string{name, a.Dec(d.Importance, 1) + "%", a.Dec(d.P, 3), best, worst})
	}
	ch.Label = a.Tf("fb.driversLabel", ch.Rows[0][0])
	spec := a.hbarSpec(vals, a.T("fb.importance"), a.T("fb.attribute"))
	finish(ch, spec)
	return ch
}

// attrName names a segment or driver attribute: a profile attribute by the
// catalog, a text topic ("theme:delivery", "phrase:…") as the topic.
func (c *FeedbackPage) attrName(attr string) string {
	if strings.HasPrefix(attr, "theme:") || strings.HasPrefix(attr, "phrase:") {
		return c.App.Tf("fb.attr.topic", c.App.TopicName(attr))
	}
	return c.App.T("fb.attr." + attr)
}

// levelName names one value of an attribute: a country, an RFM segment, or
// whether the respondent's texts mention a topic.
func (c *FeedbackPage) levelName(attr, value string) string {
	a := c.App
	switch {
	case attr == "country":
		return a.Country(value)
	case attr == "rfm":
		return a.SegName(value)
	case attr == "language":
		return a.Language(value)
	case attr == "size":
		return a.localDigits(value) // an employee band, "51-200"
	case attr == "channel":
		return a.Channel(value)
	case strings.HasPrefix(attr, "theme:") || strings.HasPrefix(attr, "phrase:"):
		return a.T("fb.topic." + value)
	}
	return value
}

func init() {
	addCatalog(map[string]string{
		"nav.feedback":          "Feedback",
		"fb.title":              "Feedback: NPS, CSAT and CES",
		"fb.sub":                "Every figure with its 95% confidence interval and the number of answers behind it.",
		"fb.metric.nps":         "NPS",
		"fb.metric.csat":        "CSAT",
		"fb.metric.ces":         "CES",
		"fb.n":                  "n = {0}",
		"fb.ci":                 "95% CI {0} to {1}",
		"fb.between":            "{0} to {1}",
		"fb.scale":              "scale {0}–{1}",
		"fb.reversed":           "reversed (low is good)",
		"fb.split":              "{0} promoters · {1} passives · {2} detractors",
		"fb.mean":               "mean {0} (95% CI {1}–{2})",
		"fb.easy":               "{0} easy",
		"fb.net":                "Net Effort {0}",
		"fb.small":              "Fewer than 30 answers: figures are shown, but no differences are judged.",
		"fb.splitTitle":         "Split of answers",
		"fb.splitLabel":         "{0}: {1}; {2}: {3}",
		"fb.group":              "Group",
		"fb.answers":            "Answers",
		"fb.cat.promoter":       "Promoters",
		"fb.cat.passive":        "Passives",
		"fb.cat.detractor":      "Detractors",
		"fb.cat.satisfied":      "Satisfied",
		"fb.cat.neutral":        "Neutral",
		"fb.cat.dissatisfied":   "Dissatisfied",
		"fb.cat.easy":           "Easy",
		"fb.cat.difficult":      "Difficult",
		"fb.trendTitle.week":    "By week, with 95% band",
		"fb.trendTitle.month":   "By month, with 95% band",
		"fb.trendTitle.quarter": "By quarter, with 95% band",
		"fb.trendLabel":         "{0} over {1} periods; significant changes marked in red",
		"fb.period":             "Period",
		"fb.low":                "Low",
		"fb.high":               "High",
		"fb.change":             "Change",
		"fb.significant":        "significant",
		"fb.tooFew":             "too few answers to judge",
		"fb.higher":             "higher",
		"fb.lower":              "lower",
		"fb.noDifference":       "no clear difference",
		"fb.segments":           "By segment (each compared with the rest)",
		"fb.attribute":          "Attribute",
		"fb.segment":            "Segment",
		"fb.score":              "Score",
		"fb.interval":           "95% interval",
		"fb.diff":               "vs rest",
		"fb.verdict":            "Verdict",
		"fb.driversTitle":       "Drivers (share of explained variance; R² = {0})",
		"fb.driversLabel":       "The strongest driver is {0}",
		"fb.importance":         "Importance",
		"fb.best":               "Best value",
		"fb.worst":              "Worst value",
		"fb.week":               "Week",
		"fb.month":              "Month",
		"fb.quarter":            "Quarter",
		"fb.notes":              "Notes",
		"fb.lastChange":         "{0}: {1} on the month before (p {2}, {3})",
		"fb.profile":            "Latest survey answers",
		"fb.rounds":             "Rounds",
		"fb.rounds.combined":    "Combined",
		"fb.rounds.separate":    "Separate",
		"fb.verbatims":          "What they said",
		"fb.allCategories":      "All",
		"fb.noVerbatims":        "No comments in this group.",
		"fb.loading":            "Loading…",
		"fb.prev":               "Previous",
		"fb.next":               "Next",
		"fb.range":              "{0}–{1} of {2}",
		"fb.one.promoter":       "promoter",
		"fb.one.passive":        "passive",
		"fb.one.detractor":      "detractor",
		"fb.one.satisfied":      "satisfied",
		"fb.one.neutral":        "neutral",
		"fb.one.dissatisfied":   "dissatisfied",
		"fb.one.easy":           "easy",
		"fb.one.difficult":      "difficult",
		"fb.anyCategory":        "Any",
		"fb.attr.country":       "Country",
		"fb.attr.region":        "Region",
		"fb.attr.industry":      "Industry",
		"fb.attr.size":          "Company size",
		"fb.attr.language":      "Language",
		"fb.attr.gender":        "Gender",
		"fb.attr.channel":       "Channel",
		"fb.attr.rfm":           "RFM segment",
		"fb.attr.survey":        "Survey",
		"fb.attr.topic":         "Topic: {0}",
		"fb.topic.yes":          "mentions it",
		"fb.topic.no":           "does not",
		"msg.scoreNoAnswers":    "{0}: the score column {1} has no answers",
		"msg.surveyNoMetric":    "{0}: the survey {1} does not say whether it is NPS, CSAT or CES; its {2} answers in column {3} are not scored",
		"msg.scoreOffScale":     "{0}: {1} answers of survey {2} in column {3} are off its {4}–{5} scale; the survey is not scored",
	}, map[string]string{
		"nav.feedback":          "آراء العملاء",
		"fb.title":              "آراء العملاء: صافي نقاط الترويج والرضا والجهد",
		"fb.sub":                "كل رقم مع فاصل الثقة ٩٥٪ وعدد الإجابات التي يقوم عليها.",
		"fb.metric.nps":         "صافي نقاط الترويج",
		"fb.metric.csat":        "رضا العملاء",
		"fb.metric.ces":         "جهد العميل",
		"fb.n":                  "عدد الإجابات {0}",
		"fb.ci":                 "فاصل الثقة ٩٥٪ من {0} إلى {1}",
		"fb.between":            "{0} إلى {1}",
		"fb.scale":              "المقياس {0}–{1}",
		"fb.reversed":           "معكوس (الأقل أفضل)",
		"fb.split":              "{0} مروّجون، {1} محايدون، {2} منتقدون",
		"fb.mean":               "المتوسط {0} (فاصل الثقة ٩٥٪ {1}–{2})",
		"fb.easy":               "{0} سهل",
		"fb.net":                "صافي الجهد {0}",
		"fb.small":              "أقل من ٣٠ إجابة: تُعرض الأرقام دون الحكم على الفروق.",
		"fb.splitTitle":         "توزيع الإجابات",
		"fb.splitLabel":         "{0}: {1}؛ {2}: {3}",
		"fb.group":              "الفئة",
		"fb.answers":            "الإجابات",
		"fb.cat.promoter":       "المروّجون",
		"fb.cat.passive":        "المحايدون",
		"fb.cat.detractor":      "المنتقدون",
		"fb.cat.satisfied":      "راضون",
		"fb.cat.neutral":        "محايدون",
		"fb.cat.dissatisfied":   "غير راضين",
		"fb.cat.easy":           "سهل",
		"fb.cat.difficult":      "صعب",
		"fb.trendTitle.week":    "حسب الأسبوع، مع نطاق ٩٥٪",
		"fb.trendTitle.month":   "حسب الشهر، مع نطاق ٩٥٪",
		"fb.trendTitle.quarter": "حسب الربع، مع نطاق ٩٥٪",
		"fb.trendLabel":         "{0} على مدى {1} فترة؛ التغيرات الدالة بالأحمر",
		"fb.period":             "الفترة",
		"fb.low":                "الحد الأدنى",
		"fb.high":               "الحد الأعلى",
		"fb.change":             "التغير",
		"fb.significant":        "دال إحصائيًا",
		"fb.tooFew":             "إجابات أقل من أن يُحكم بها",
		"fb.higher":             "أعلى",
		"fb.lower":              "أدنى",
		"fb.noDifference":       "لا فرق واضح",
		"fb.segments":           "حسب الشريحة (كل شريحة مقارنة بالباقي)",
		"fb.attribute":          "السمة",
		"fb.segment":            "الشريحة",
		"fb.score":              "النتيجة",
		"fb.interval":           "فاصل ٩٥٪",
		"fb.diff":               "مقارنة بالباقي",
		"fb.verdict":            "الحكم",
		"fb.driversTitle":       "المحركات (حصة التباين المفسَّر؛ R² = {0})",
		"fb.driversLabel":       "أقوى محرك هو {0}",
		"fb.importance":         "الأهمية",
		"fb.best":               "أفضل قيمة",
		"fb.worst":              "أسوأ قيمة",
		"fb.week":               "أسبوع",
		"fb.month":              "شهر",
		"fb.quarter":            "ربع سنة",
		"fb.notes":              "ملاحظات",
		"fb.lastChange":         "{0}: {1} عن الشهر السابق (p {2}، {3})",
		"fb.profile":            "آخر إجابات الاستبيانات",
		"fb.rounds":             "الجولات",
		"fb.rounds.combined":    "مجمّعة",
		"fb.rounds.separate":    "منفصلة",
		"fb.verbatims":          "ماذا قالوا",
		"fb.allCategories":      "الكل",
		"fb.noVerbatims":        "لا تعليقات في هذه الفئة.",
		"fb.loading":            "جارٍ التحميل…",
		"fb.prev":               "السابق",
		"fb.next":               "التالي",
		"fb.range":              "{0}–{1} من {2}",
		"fb.one.promoter":       "مروّج",
		"fb.one.passive":        "محايد",
		"fb.one.detractor":      "منتقد",
		"fb.one.satisfied":      "راضٍ",
		"fb.one.neutral":        "محايد",
		"fb.one.dissatisfied":   "غير راضٍ",
		"fb.one.easy":           "سهل",
		"fb.one.difficult":      "صعب",
		"fb.anyCategory":        "الكل",
		"fb.attr.country":       "الدولة",
		"fb.attr.region":        "المنطقة",
		"fb.attr.industry":      "القطاع",
		"fb.attr.size":          "حجم الشركة",
		"fb.attr.language":      "اللغة",
		"fb.attr.gender":        "الجنس",
		"fb.attr.channel":       "القناة",
		"fb.attr.rfm":           "شريحة RFM",
		"fb.attr.survey":        "الاستبيان",
		"fb.attr.topic":         "الموضوع: {0}",
		"fb.topic.yes":          "يذكره",
		"fb.topic.no":           "لا يذكره",
		"msg.scoreNoAnswers":    "{0}: عمود الدرجة {1} بلا إجابات",
		"msg.surveyNoMetric":    "{0}: الاستبيان {1} لا يحدد إن كان صافي نقاط الترويج أو الرضا أو الجهد؛ إجاباته الـ{2} في العمود {3} لم تُحسب",
		"msg.scoreOffScale":     "{0}: {1} من إجابات الاستبيان {2} في العمود {3} خارج مقياسه {4}–{5}؛ لم يُحسب الاستبيان",
	})
}

// periodLabel names a trend's period in the interface's words and digits:
// a month as the interface writes months, a week or quarter as written
// ("2025-W07", "2025-Q1") in local digits.
func periodLabel(a *App, step, period string) string {
	if step == "month" {
		return a.Month(period)
	}
	return a.localDigits(period)
}
