package htmlreport

import (
	"sort"

	"github.com/qalbhq/qalb/engine/report"
	"github.com/qalbhq/qalb/engine/vocab"
)

func (p *Page) subtitle(r *report.Report) string {
	s := p.N("sources", len(r.Sources)) + p.T("sep") + p.N("rows", r.Rows.Read)
	if r.AsOf != "" {
		s += p.T("sep") + p.Tf("asOf", p.Date(r.AsOf))
	}
	return s
}

func (p *Page) period(pr report.Period) string {
	switch {
	case pr.From == "" && pr.To == "":
		return p.T("period.none")
	case pr.From == pr.To:
		return p.Date(pr.From)
	}
	return p.Date(pr.From) + " – " + p.Date(pr.To)
}

func (p *Page) kind(k string) string {
	if s, ok := catalogs[p.Lang]["kind."+k]; ok {
		return s
	}
	return k
}

// overview: the headline numbers, revenue per currency and the monthly charts.
func overview(p *Page, r *report.Report) {
	p.Heading(p.T("overview"))
	if r.Shared != nil {
		p.Note(p.Tf("shared.why", p.Num(r.Shared.MinGroup)))
		for _, b := range r.Shared.Breakdowns {
			p.Note(p.Tf("shared.hidden", p.T("breakdown."+b.Key), p.Num(b.Count), p.Num(r.Shared.MinGroup)))
		}
	}
	ks := []KPI{{Label: p.T("kpi.customers"), Value: p.Num(r.Customers.Total), Sub: p.Tf("kpi.multi", p.N("customers", r.Customers.MultiSource))}}
	if r.Orders.Orders > 0 {
		ks = append(ks, KPI{Label: p.T("kpi.buyers"), Value: p.Num(r.Customers.Buyers)},
			KPI{Label: p.T("kpi.orders"), Value: p.Num(r.Orders.Orders)})
	}
	ks = append(ks, KPI{Label: p.T("kpi.period"), Value: p.period(r.Period)})
	p.KPIs(ks)
	if len(r.Orders.Revenue) > 0 {
		var rows [][]string
		for _, m := range r.Orders.Revenue {
			aov := ""
			for _, a := range r.Orders.AOV {
				if a.Currency == m.Currency {
					aov = p.Money(a)
				}
			}
			rows = append(rows, []string{p.Money(m), aov})
		}
		p.Table(p.T("revenue"), []string{p.T("col.revenue"), p.T("col.aov")}, rows, 0, 1)
	}
	if ms := r.Customers.NewPerMonth; len(ms) > 0 {
		var bars []Bar
		for _, m := range fillMonths(ms) {
			b := Bar{Label: p.Month(m.Month), Value: float64(m.Count), Text: p.Num(m.Count), Hidden: m.Suppressed}
			if m.Suppressed {
				b.Text = p.Tf("fewer", p.Num(minGroup(r)))
			}
			bars = append(bars, b)
		}
		p.BarChart(p.T("chart.newCustomers"), bars, p.T("col.customers"), true)
	}
	byCur := map[string][]report.MonthMoney{}
	for _, m := range r.Orders.PerMonth {
		byCur[m.Currency] = append(byCur[m.Currency], m)
	}
	for _, rv := range r.Orders.Revenue {
		ms := byCur[rv.Currency]
		if len(ms) == 0 {
			continue
		}
		have := map[string]report.MonthMoney{}
		for _, m := range ms {
			have[m.Month] = m
		}
		var bars []Bar
		for _, month := range monthsBetween(ms[0].Month, ms[len(ms)-1].Month) {
			m := have[month]
			b := Bar{Label: p.Month(month), Value: m.Revenue, Text: p.Money(report.Money{Currency: rv.Currency, Amount: m.Revenue}), Hidden: m.Suppressed}
			if m.Suppressed {
				b.Text = p.Tf("fewerOrders", p.Num(minGroup(r)))
			}
			bars = append(bars, b)
		}
		p.BarChart(p.Tf("chart.revenue", rv.Currency), bars, p.Tf("col.revenueIn", rv.Currency), false)
	}
}

// customers: who the customers are — the breakdowns as ranked tables.
func customers(p *Page, r *report.Report) {
	c := r.Customers
	lists := []struct {
		key    string
		counts []report.Count
		name   func(string) string
	}{
		{"countries", c.Countries, nil},
		{"cities", c.Cities, nil},
		{"companies", c.Companies, nil},
		{"industries", c.Industries, nil},
		{"sizes", c.Sizes, nil},
		{"languages", c.Languages, func(v string) string { return nameOr(vocab.LanguageName(v, p.Lang), v) }},
		{"channels", r.Activity.Channels, func(v string) string { return nameOr(vocab.ChannelName(v, p.Lang), v) }},
		{"devices", r.Activity.Devices, func(v string) string { return nameOr(vocab.DeviceName(v, p.Lang), v) }},
	}
	any := false
	for _, l := range lists {
		any = any || len(l.counts) > 0
	}
	if !any && len(r.Orders.Products) == 0 {
		return
	}
	p.Heading(p.T("customers"))
	p.printf(`<div class="grid">`)
	for _, l := range lists {
		var rows [][]string
		for i, k := range l.counts {
			if i == 10 {
				break
			}
			label := k.Key
			if l.name != nil {
				label = l.name(k.Key)
			}
			if label == "" {
				label = p.T("unknown")
			}
			rows = append(rows, []string{label, p.Num(k.Count)})
		}
		p.Table(p.T("top."+l.key), []string{"", p.T("col.customers")}, rows, 1)
	}
	var rows [][]string
	for i, pr := range r.Orders.Products {
		if i == 10 {
			break
		}
		rows = append(rows, []string{pr.Name, p.Dec(pr.Quantity, 2)})
	}
	p.Table(p.T("top.products"), []string{"", p.T("col.quantity")}, rows, 1)
	p.printf("</div>\n")
}

// sources: every file, what it was recognised as and how many rows it gave.
func sources(p *Page, r *report.Report) {
	if len(r.Sources) == 0 {
		return
	}
	p.Heading(p.T("sources"))
	var rows [][]string
	for _, s := range r.Sources {
		reason := s.Error
		if reason == "" && len(s.Reasons) > 0 {
			reason = s.Reasons[0].Key
		}
		rows = append(rows, []string{s.File, p.kind(s.Kind), s.Export, p.Num(s.Rows.Read), p.Num(s.Rows.Used), p.Num(s.Rows.Rejected), reason})
	}
	p.Table("", []string{p.T("col.file"), p.T("col.kind"), p.T("col.export"), p.T("col.read"), p.T("col.used"), p.T("col.rejected"), p.T("col.reason")}, rows, 3, 4, 5)
}

// quality: how many rows were used, how records became customers, the
// conflicts, and each column's fill rate.
func quality(p *Page, r *report.Report) {
	if len(r.Sources) == 0 {
		return
	}
	p.Heading(p.T("quality"))
	used := 0.0
	if r.Rows.Read > 0 {
		used = float64(r.Rows.Used) / float64(r.Rows.Read)
	}
	p.KPIs([]KPI{
		{Label: p.T("kpi.used"), Value: p.Pct(used), Sub: p.Tf("ofRows", p.Num(r.Rows.Used), p.N("rows", r.Rows.Read))},
		{Label: p.T("kpi.rejected"), Value: p.Num(r.Rows.Rejected)},
		{Label: p.T("kpi.merges"), Value: p.Num(r.Identity.Merges), Sub: p.N("conflicts", r.Identity.ConflictCount)},
	})
	if r.Identity.Links > 0 {
		p.Note(p.Tf("counts", p.N("customers", r.Customers.MultiSource), p.Num(r.Identity.Links), p.Num(r.Identity.Merges)))
	}
	var rows [][]string
	for _, c := range r.Identity.Conflicts {
		for _, rec := range c.Records {
			where := rec.File
			if rec.Line > 0 {
				where += ":" + itoa(rec.Line)
			}
			rows = append(rows, []string{rec.Key, where, rec.Via})
		}
	}
	p.Table(p.N("conflicts", r.Identity.ConflictCount), []string{p.T("col.id"), p.T("col.where"), p.T("col.via")}, rows)
	for _, s := range r.Sources {
		var rows [][]string
		for _, c := range s.Columns {
			role := c.Role
			if t, ok := catalogs[p.Lang]["role."+c.Role]; ok {
				role = t
			}
			rows = append(rows, []string{c.Name, role, p.Pct(c.FillRate), p.Num(c.Distinct), p.Num(c.Failures)})
		}
		p.Table(s.File, []string{p.T("col.column"), p.T("col.role"), p.T("col.fill"), p.T("col.distinct"), p.T("col.failures")}, rows, 2, 3, 4)
	}
}

func nameOr(name, v string) string {
	if name != "" {
		return name
	}
	return v
}

func minGroup(r *report.Report) int {
	if r.Shared != nil && r.Shared.MinGroup > 0 {
		return r.Shared.MinGroup
	}
	return report.MinGroup
}

// fillMonths returns every month from the first to the last, those without
// data with a count of 0, so a time axis has no gaps.
func fillMonths(ms []report.Month) []report.Month {
	ms = append([]report.Month(nil), ms...)
	sort.Slice(ms, func(i, j int) bool { return ms[i].Month < ms[j].Month })
	have := map[string]report.Month{}
	for _, m := range ms {
		have[m.Month] = m
	}
	var out []report.Month
	for _, month := range monthsBetween(ms[0].Month, ms[len(ms)-1].Month) {
		m := have[month]
		m.Month = month
		out = append(out, m)
	}
	return out
}

func monthsBetween(first, last string) []string {
	y, m, ok := splitMonth(first)
	ly, lm, ok2 := splitMonth(last)
	if !ok || !ok2 {
		return nil
	}
	var out []string
	for (y < ly || (y == ly && m <= lm)) && len(out) < 1200 {
		mm := itoa(m)
		if m < 10 {
			mm = "0" + mm
		}
		out = append(out, itoa(y)+"-"+mm)
		if m++; m > 12 {
			y, m = y+1, 1
		}
	}
	return out
}

func splitMonth(s string) (int, int, bool) {
	if len(s) < 7 || s[4] != '-' {
		return 0, 0, false
	}
	y, m := atoi(s[:4]), atoi(s[5:7])
	return y, m, y > 0 && m >= 1 && m <= 12
}
