package main

import (
	"encoding/json"
	"sort"
	"strconv"

	"github.com/qalbhq/qalb/engine/report"
)

// Chart is one chart: a Vega-Lite spec built from the Report and the same
// data as a table, the accessible alternative shown in a <details>.
type Chart struct {
	ID    string // stable name, also the data-testid
	Title string
	Label string // aria-label of the chart image
	Cols  []string
	Rows  [][]string

	// spec is the Vega-Lite spec, encoded by SpecJSON on first need: a
	// chart made for the early overview, which draws none, costs no JSON.
	spec     map[string]any
	specJSON string
}

// SpecJSON is the chart's Vega-Lite JSON, rendered by static/charts.js
// with vega-embed.
func (c *Chart) SpecJSON() string {
	if c.specJSON == "" && c.spec != nil {
		c.specJSON = specJSON(c.spec)
		c.spec = nil
	}
	return c.specJSON
}

// palette: calm teal for single series, a muted qualitative set for kinds.
var (
	colorMain  = "#2e7d7a"
	colorAlt   = "#5b6fb0"
	kindColors = []string{"#2e7d7a", "#5b6fb0", "#c2185b", "#e6a23c", "#7e57c2", "#8d9aa8"}
)

// chartConfig is the shared look of every chart.
func chartConfig() map[string]any {
	return map[string]any{
		"font":       "IBM Plex Sans Arabic, system-ui, sans-serif",
		"background": "transparent",
		"view":       map[string]any{"stroke": nil},
		"axis": map[string]any{
			"labelColor": "#5b6473", "titleColor": "#5b6473", "labelFontSize": 11,
			"gridColor": "#e8ebef", "domainColor": "#cfd5dc", "tickColor": "#cfd5dc",
			"titleFontWeight": 500,
		},
		"legend": map[string]any{"labelColor": "#3a4250", "titleColor": "#5b6473", "labelFontSize": 11, "orient": "bottom"},
		"bar":    map[string]any{"color": colorMain},
	}
}

// finish adds the accessible description (vega puts it on the SVG as its
// aria-label) and serialises the spec.
func finish(c *Chart, spec map[string]any) {
	spec["description"] = c.Label
	// room for axis labels whose measured width falls short of the drawn one
	// (Arabic-Indic digits on a right-hand axis)
	spec["padding"] = map[string]any{"left": 6, "right": 14, "top": 6, "bottom": 4}
	c.spec, c.specJSON = spec, ""
}

func specJSON(spec map[string]any) string {
	b, err := json.Marshal(spec)
	if err != nil {
		return "{}"
	}
	return string(b)
}

// barSpec is a column chart of labelled values in data order; in Arabic it
// is mirrored (first value on the right, value axis on the right).
func (a *App) barSpec(values []map[string]any, valueTitle, valueFormat, color string, height int) map[string]any {
	rtl := a.Lang == "ar"
	valueAxis := map[string]any{"tickCount": 5, "labelFlush": true}
	if valueFormat == ",d" {
		countAxis(valueAxis)
	}
	if rtl {
		valueAxis["orient"] = "right"
	}
	spec := map[string]any{
		"width":    "container",
		"height":   height,
		"autosize": map[string]any{"type": "fit-x", "contains": "padding"},
		"data":     map[string]any{"values": values},
		"mark":     map[string]any{"type": "bar", "color": color, "cornerRadiusTopLeft": 3, "cornerRadiusTopRight": 3, "tooltip": true},
		"encoding": map[string]any{
			"x": map[string]any{"field": "label", "type": "ordinal", "sort": nil, "title": nil,
				"scale": map[string]any{"reverse": rtl, "paddingInner": 0.25},
				"axis":  map[string]any{"labelAngle": 0, "labelOverlap": "greedy", "labelSeparation": 10, "labelPadding": 6, "ticks": false}},
			"y": map[string]any{"field": "value", "type": "quantitative", "title": nil, "axis": valueAxis},
			"tooltip": []any{
				map[string]any{"field": "label", "type": "ordinal", "title": a.T("chart.month")},
				map[string]any{"field": "value", "type": "quantitative", "title": valueTitle, "format": valueFormat},
			},
		},
		"config": chartConfig(),
	}
	// Every label keeps its place on the axis, in order, even one without a
	// bar (a month hidden in a shared report has no value).
	spec["encoding"].(map[string]any)["x"].(map[string]any)["scale"].(map[string]any)["domain"] = labelsOf(values)
	// Months hidden in a shared report say so ("<5") where their bar would be.
	for _, v := range values {
		if _, ok := v["note"]; ok {
			for _, w := range values {
				if _, ok := w["note"]; !ok {
					w["note"] = ""
				}
			}
			enc := spec["encoding"].(map[string]any)
			bar := map[string]any{"mark": spec["mark"], "encoding": map[string]any{"y": enc["y"]}}
			note := map[string]any{
				"mark":     map[string]any{"type": "text", "dy": -8, "color": "#8d9aa8", "fontSize": 10},
				"encoding": map[string]any{"y": map[string]any{"datum": 0, "type": "quantitative"}, "text": map[string]any{"field": "note"}},
			}
			delete(enc, "y")
			delete(spec, "mark")
			spec["layer"] = []any{bar, note}
			break
		}
	}
	return spec
}

// hbarSpec is a horizontal bar chart of a ranking; in Arabic the bars grow
// from the right and the labels sit on the right.
func (a *App) hbarSpec(values []map[string]any, valueTitle, labelTitle string) map[string]any {
	rtl := a.Lang == "ar"
	labelAxis := map[string]any{"labelLimit": 160, "ticks": false, "domain": false, "labelPadding": 6}
	valueAxis := countAxis(map[string]any{"tickCount": 4, "labelFlush": true, "grid": true})
	if rtl {
		labelAxis["orient"] = "right"
	}
	h := 22*len(values) + 10
	if h < 60 {
		h = 60
	}
	spec := map[string]any{
		"width":    "container",
		"height":   h,
		"autosize": map[string]any{"type": "fit-x", "contains": "padding"},
		"data":     map[string]any{"values": values},
		"mark":     map[string]any{"type": "bar", "color": colorAlt, "cornerRadiusEnd": 3, "tooltip": true},
		"encoding": map[string]any{
			"y": map[string]any{"field": "label", "type": "nominal", "sort": nil, "title": nil, "axis": labelAxis,
				"scale": map[string]any{"paddingInner": 0.3}},
			"x": map[string]any{"field": "value", "type": "quantitative", "title": nil, "axis": valueAxis,
				"scale": map[string]any{"reverse": rtl}},
			"tooltip": []any{
				map[string]any{"field": "label", "type": "nominal", "title": labelTitle},
				map[string]any{"field": "value", "type": "quantitative", "title": valueTitle, "format": ",d"},
			},
		},
		"config": chartConfig(),
	}
	return spec
}

// NewCustomersChart is new customers per month.
func (a *App) NewCustomersChart() *Chart {
	return a.overviewChart("new-customers", a.newCustomersChart)
}

func (a *App) newCustomersChart() *Chart {
	r := a.Report
	if r == nil || len(r.Customers.NewPerMonth) == 0 {
		return nil
	}
	months := append([]report.Month(nil), r.Customers.NewPerMonth...)
	sort.SliceStable(months, func(i, j int) bool { return months[i].Month < months[j].Month })
	c := &Chart{ID: "new-customers", Title: a.T("chart.newCustomers"), Cols: []string{a.T("chart.month"), a.T("chart.customers")}}
	var vals []map[string]any
	total := 0
	byMonth := map[string]report.Month{}
	for _, m := range months {
		byMonth[m.Month] = m
	}
	for _, month := range monthsBetween(months[0].Month, months[len(months)-1].Month) {
		m := byMonth[month]
		if m.Suppressed {
			vals = append(vals, map[string]any{"label": a.Month(month), "value": nil, "note": a.Tf("shared.fewerShort", a.Num(a.minGroup()))})
			c.Rows = append(c.Rows, []string{a.Month(month), a.Tf("shared.fewer", a.Num(a.minGroup()))})
			continue
		}
		vals = append(vals, map[string]any{"label": a.Month(month), "value": m.Count})
		c.Rows = append(c.Rows, []string{a.Month(month), a.Num(m.Count)})
		total += m.Count
	}
	c.Label = a.Tf("chart.newCustomers.label", a.Num(total), a.Month(months[0].Month), a.Month(months[len(months)-1].Month))
	finish(c, a.barSpec(vals, a.T("chart.customers"), ",d", colorMain, 200))
	return c
}

// RevenueCharts are revenue per month, one chart per currency.
func (a *App) RevenueCharts() []*Chart {
	m := a.chartMemo()
	if !m.revenueDone {
		m.revenue, m.revenueDone = a.revenueCharts(), true
	}
	return m.revenue
}

func (a *App) revenueCharts() []*Chart {
	r := a.Report
	if r == nil || len(r.Orders.PerMonth) == 0 {
		return nil
	}
	byCur := map[string][]report.MonthMoney{}
	var order []string
	for _, rv := range r.Orders.Revenue {
		order = append(order, rv.Currency)
		byCur[rv.Currency] = nil
	}
	for _, mm := range r.Orders.PerMonth {
		if _, ok := byCur[mm.Currency]; !ok {
			order = append(order, mm.Currency)
		}
		byCur[mm.Currency] = append(byCur[mm.Currency], mm)
	}
	var out []*Chart
	for _, cur := range order {
		ms := byCur[cur]
		if len(ms) == 0 {
			continue
		}
		sort.SliceStable(ms, func(i, j int) bool { return ms[i].Month < ms[j].Month })
		code := cur
		if code == "" {
			code = a.T("money.nocurrency")
		}
		c := &Chart{ID: "revenue-" + cur, Title: a.Tf("chart.revenue", code),
			Cols: []string{a.T("chart.month"), a.Tf("chart.revenueIn", code), a.T("chart.orders")}}
		var vals []map[string]any
		total := 0.0
		byMonth := map[string]report.MonthMoney{}
		for _, m := range ms {
			byMonth[m.Month] = m
		}
		for _, month := range monthsBetween(ms[0].Month, ms[len(ms)-1].Month) {
			m := byMonth[month]
			if m.Suppressed {
				fewer := a.Tf("shared.fewerOrders", a.Num(a.minGroup()))
				vals = append(vals, map[string]any{"label": a.Month(month), "value": nil, "note": a.Tf("shared.fewerShort", a.Num(a.minGroup()))})
				c.Rows = append(c.Rows, []string{a.Month(month), fewer, fewer})
				continue
			}
			vals = append(vals, map[string]any{"label": a.Month(month), "value": roundTo(m.Revenue, currencyDigits(cur))})
			c.Rows = append(c.Rows, []string{a.Month(month), a.Money(report.Money{Currency: cur, Amount: m.Revenue}), a.Num(m.Orders)})
			total += m.Revenue
		}
		c.Label = a.Tf("chart.revenue.label", a.Money(report.Money{Currency: cur, Amount: total}), a.Month(ms[0].Month), a.Month(ms[len(ms)-1].Month))
		finish(c, a.barSpec(vals, a.Tf("chart.revenueIn", code), ",."+strconv.Itoa(currencyDigits(cur))+"f", colorAlt, 200))
		out = append(out, c)
	}
	return out
}

func roundTo(f float64, digits int) float64 {
	p := 1.0
	for i := 0; i < digits; i++ {
		p *= 10
	}
	return float64(int64(f*p+0.5*sign(f))) / p
}

func sign(f float64) float64 {
	if f < 0 {
		return -1
	}
	return 1
}

// CountriesChart ranks countries by customers.
func (a *App) CountriesChart() *Chart { return a.overviewChart("countries", a.countriesChart) }

func (a *App) countriesChart() *Chart {
	r := a.Report
	if r == nil || len(r.Customers.Countries) == 0 {
		return nil
	}
	top := r.Customers.Countries
	if len(top) > 12 {
		top = top[:12]
	}
	c := &Chart{ID: "countries", Title: a.T("chart.countries"), Cols: []string{a.T("chart.country"), a.T("chart.customers")}}
	var vals []map[string]any
	for _, k := range top {
		name := a.Country(k.Key)
		if k.Key == "" {
			name = a.T("value.unknown")
		}
		vals = append(vals, map[string]any{"label": name, "value": k.Count})
		c.Rows = append(c.Rows, []string{name, a.Num(k.Count)})
	}
	c.Label = a.Tf("chart.countries.label", a.Num(len(r.Customers.Countries)), c.Rows[0][0])
	finish(c, a.hbarSpec(vals, a.T("chart.customers"), a.T("chart.country")))
	return c
}

// ActivityChart is touchpoints per month stacked by kind of source.
func (a *App) ActivityChart() *Chart { return a.overviewChart("activity", a.activityChart) }

func (a *App) activityChart() *Chart {
	r := a.Report
	if r == nil || len(r.Activity.PerMonth) == 0 {
		return nil
	}
	rows := append([]report.Kinds(nil), r.Activity.PerMonth...)
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Month != rows[j].Month {
			return rows[i].Month < rows[j].Month
		}
		return kindIndex(rows[i].Kind) < kindIndex(rows[j].Kind)
	})
	kindsSeen := map[string]bool{}
	var kinds []string
	for _, k := range rows {
		if !kindsSeen[k.Kind] {
			kindsSeen[k.Kind] = true
			kinds = append(kinds, k.Kind)
		}
	}
	sort.SliceStable(kinds, func(i, j int) bool { return kindIndex(kinds[i]) < kindIndex(kinds[j]) })
	var domain, rng []any
	for i, k := range kinds {
		domain = append(domain, a.Kind(k))
		rng = append(rng, kindColors[i%len(kindColors)])
	}
	c := &Chart{ID: "activity", Title: a.T("chart.activity"), Cols: []string{a.T("chart.month"), a.T("chart.kind"), a.T("chart.records")}}
	var vals []map[string]any
	total := 0
	byMonth := map[string][]report.Kinds{}
	for _, k := range rows {
		byMonth[k.Month] = append(byMonth[k.Month], k)
	}
	for _, month := range monthsBetween(rows[0].Month, rows[len(rows)-1].Month) {
		if len(byMonth[month]) == 0 { // a month with nothing keeps its place on the axis
			vals = append(vals, map[string]any{"label": a.Month(month), "kind": a.Kind(kinds[0]), "value": 0, "order": 0})
			continue
		}
		for _, k := range byMonth[month] {
			if k.Suppressed {
				vals = append(vals, map[string]any{"label": a.Month(k.Month), "kind": a.Kind(k.Kind), "value": nil, "order": kindIndex(k.Kind)})
				c.Rows = append(c.Rows, []string{a.Month(k.Month), a.Kind(k.Kind), a.Tf("shared.fewerRecords", a.Num(a.minGroup()))})
				continue
			}
			vals = append(vals, map[string]any{"label": a.Month(k.Month), "kind": a.Kind(k.Kind), "value": k.Records, "order": kindIndex(k.Kind)})
			c.Rows = append(c.Rows, []string{a.Month(k.Month), a.Kind(k.Kind), a.Num(k.Records)})
			total += k.Records
		}
	}
	c.Label = a.Tf("chart.activity.label", a.Num(total), a.Month(rows[0].Month), a.Month(rows[len(rows)-1].Month))
	rtl := a.Lang == "ar"
	valueAxis := countAxis(map[string]any{"tickCount": 5, "labelFlush": true})
	var months []any
	for _, m := range monthsBetween(rows[0].Month, rows[len(rows)-1].Month) {
		months = append(months, a.Month(m))
	}
	if rtl {
		valueAxis["orient"] = "right"
	}
	spec := map[string]any{
		"width":    "container",
		"height":   220,
		"autosize": map[string]any{"type": "fit-x", "contains": "padding"},
		"data":     map[string]any{"values": vals},
		"mark":     map[string]any{"type": "bar", "tooltip": true},
		"encoding": map[string]any{
			"x": map[string]any{"field": "label", "type": "ordinal", "sort": nil, "title": nil,
				"scale": map[string]any{"reverse": rtl, "paddingInner": 0.25, "domain": months},
				"axis":  map[string]any{"labelAngle": 0, "labelOverlap": "greedy", "labelSeparation": 10, "ticks": false}},
			"y": map[string]any{"field": "value", "type": "quantitative", "title": nil, "stack": "zero", "axis": valueAxis},
			"color": map[string]any{"field": "kind", "type": "nominal", "title": nil,
				"scale": map[string]any{"domain": domain, "range": rng}},
			"order": map[string]any{"field": "order", "type": "quantitative"},
			"tooltip": []any{
				map[string]any{"field": "label", "type": "ordinal", "title": a.T("chart.month")},
				map[string]any{"field": "kind", "type": "nominal", "title": a.T("chart.kind")},
				map[string]any{"field": "value", "type": "quantitative", "title": a.T("chart.records"), "format": ",d"},
			},
		},
		"config": chartConfig(),
	}
	finish(c, spec)
	return c
}

func kindIndex(k string) int {
	for i, kk := range []string{"contacts", "orders", "surveys", "reviews", "tickets", "events"} {
		if k == kk {
			return i
		}
	}
	return 99
}

// countAxis makes an axis of counts show whole numbers only: no tick at 0.5
// customers when the largest bar is 2.
func countAxis(axis map[string]any) map[string]any {
	axis["tickMinStep"] = 1
	axis["format"] = ",d"
	return axis
}

// monthsBetween lists every month from first to last (YYYY-MM), so a time
// axis has no gaps: a month without data is a month with nothing, and
// leaving it out would make uneven steps look even.
func monthsBetween(first, last string) []string {
	y, m, ok := splitMonth(first)
	ly, lm, ok2 := splitMonth(last)
	if !ok || !ok2 {
		return nil
	}
	var out []string
	for (y < ly || (y == ly && m <= lm)) && len(out) < 1200 {
		out = append(out, strconv.Itoa(y)+"-"+twoDigits(m))
		if m++; m > 12 {
			y, m = y+1, 1
		}
	}
	return out
}

func splitMonth(s string) (int, int, bool) {
	if len(s) != 7 || s[4] != '-' {
		return 0, 0, false
	}
	y, err := strconv.Atoi(s[:4])
	m, err2 := strconv.Atoi(s[5:])
	return y, m, err == nil && err2 == nil && m >= 1 && m <= 12
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// labelsOf lists the values' labels in order, for an explicit axis domain.
func labelsOf(values []map[string]any) []any {
	out := make([]any, 0, len(values))
	for _, v := range values {
		out = append(out, v["label"])
	}
	return out
}

// overviewMemo keeps the overview's charts of one report in one language:
// the templates ask for each several times per render, the page renders on
// every event, and a chart's spec is a JSON encoding of its data.
type overviewMemo struct {
	report      *report.Report
	lang        string
	viewer      *Viewer
	charts      map[string]*Chart
	revenue     []*Chart
	revenueDone bool
}

func (a *App) chartMemo() *overviewMemo {
	m := a.charts
	if m == nil || m.report != a.Report || m.lang != a.Lang || m.viewer != a.Viewer {
		m = &overviewMemo{report: a.Report, lang: a.Lang, viewer: a.Viewer, charts: map[string]*Chart{}}
		a.charts = m
	}
	return m
}

func (a *App) overviewChart(id string, build func() *Chart) *Chart {
	m := a.chartMemo()
	c, ok := m.charts[id]
	if !ok {
		c = build()
		m.charts[id] = c
	}
	return c
}
