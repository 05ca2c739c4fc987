package main

import (
	"strconv"
	"strings"

	"github.com/qalbhq/qalb/engine/profile"
	"github.com/qalbhq/qalb/engine/report"
)

// View models: what the components show, computed from the Report or a
// Profile with every label translated and every number formatted.

// KPI is a big number on a card. Raw is the machine value, exposed as
// data-value so tests compare it with the CLI's report.
type KPI struct {
	ID    string
	Label string
	Value string
	Raw   string
	Sub   string
	Lines []KPILine // several values (revenue per currency)
}

// KPILine is one line of a multi-value KPI.
type KPILine struct {
	ID    string
	Value string
	Raw   string
	Sub   string
}

// KPIs are the overview's headline numbers.
func (a *App) KPIs() []KPI {
	r := a.Report
	if r == nil {
		return nil
	}
	out := []KPI{{
		ID: "customers", Label: a.T("kpi.customers"), Value: a.Num(r.Customers.Total), Raw: strconv.Itoa(r.Customers.Total),
		Sub: a.Tf("kpi.customers.sub", a.Num(r.Customers.MultiSource)),
	}}
	if r.Orders.Orders > 0 || r.Customers.Buyers > 0 {
		sub := ""
		if r.Customers.Total > 0 {
			sub = a.Tf("kpi.buyers.sub", a.Pct(float64(r.Customers.Buyers)/float64(r.Customers.Total)))
		}
		out = append(out, KPI{ID: "buyers", Label: a.T("kpi.buyers"), Value: a.Num(r.Customers.Buyers), Raw: strconv.Itoa(r.Customers.Buyers), Sub: sub})
		osub := ""
		if r.Orders.Repeat > 0 {
			osub = a.Tf("kpi.orders.sub", a.N("repeat", r.Orders.Repeat))
		}
		out = append(out, KPI{ID: "orders", Label: a.T("kpi.orders"), Value: a.Num(r.Orders.Orders), Raw: strconv.Itoa(r.Orders.Orders), Sub: osub})
	}
	out = append(out, KPI{ID: "period", Label: a.T("kpi.period"), Value: a.Period(r.Period), Raw: r.Period.From + "/" + r.Period.To,
		Sub: a.Tf("kpi.period.sub", a.N("rows", r.Rows.Used), a.N("files", len(r.Sources)))})
	return out
}

// Revenue is revenue per currency (never added across currencies), with
// the average order in each; nil without orders.
func (a *App) Revenue() *KPI {
	r := a.Report
	if r == nil || len(r.Orders.Revenue) == 0 {
		return nil
	}
	k := &KPI{ID: "revenue", Label: a.T("kpi.revenue")}
	for _, m := range r.Orders.Revenue {
		line := KPILine{ID: "revenue-" + m.Currency, Value: a.MoneyShort(m), Raw: strconv.FormatFloat(m.Amount, 'f', -1, 64)}
		for _, v := range r.Orders.AOV {
			if v.Currency == m.Currency {
				line.Sub = a.Tf("kpi.aov", a.Money(v))
			}
		}
		k.Lines = append(k.Lines, line)
	}
	if n := r.Orders.Excluded; n > 0 {
		k.Sub = a.Tf("kpi.revenue.sub", a.Num(n))
	}
	return k
}

// RankItem is one line of a ranked list.
type RankItem struct {
	Label string
	Count int
	Text  string
}

// Ranked is a titled top list.
type Ranked struct {
	ID    string
	Title string
	Max   int
	Items []RankItem
	Note  string // in a shared report: what was left out of the list
}

func (a *App) ranked(id, title string, counts []report.Count, limit int, label func(string) string) *Ranked {
	note := a.SharedHidden(id)
	if len(counts) == 0 && note == "" {
		return nil
	}
	r := &Ranked{ID: id, Title: title, Note: note}
	for i, c := range counts {
		if i >= limit {
			break
		}
		l := c.Key
		if label != nil {
			l = label(c.Key)
		}
		if c.Key == "" {
			l = a.T("value.unknown")
		}
		r.Items = append(r.Items, RankItem{Label: l, Count: c.Count, Text: a.Num(c.Count)})
		if c.Count > r.Max {
			r.Max = c.Count
		}
	}
	return r
}

// TopLists are the overview's ranked lists that have data.
func (a *App) TopLists() []*Ranked {
	r := a.Report
	if r == nil {
		return nil
	}
	var out []*Ranked
	for _, x := range []*Ranked{
		a.ranked("cities", a.T("top.cities"), r.Customers.Cities, 10, nil),
		a.ranked("companies", a.T("top.companies"), r.Customers.Companies, 10, nil),
		a.ranked("industries", a.T("top.industries"), r.Customers.Industries, 10, nil),
		a.ranked("sizes", a.T("top.sizes"), r.Customers.Sizes, 10, func(s string) string { return a.TOr("size."+s, s) }),
		a.ranked("languages", a.T("top.languages"), r.Customers.Languages, 10, a.Language),
		a.ranked("channels", a.T("top.channels"), r.Activity.Channels, 10, a.Channel),
		a.ranked("devices", a.T("top.devices"), r.Activity.Devices, 10, a.Device),
		a.topProducts(),
	} {
		if x != nil {
			out = append(out, x)
		}
	}
	return out
}

func (a *App) topProducts() *Ranked {
	ps := a.Report.Orders.Products
	if len(ps) == 0 {
		return nil
	}
	r := &Ranked{ID: "products", Title: a.T("top.products")}
	for i, p := range ps {
		if i >= 10 {
			break
		}
		q := int(p.Quantity + 0.5)
		r.Items = append(r.Items, RankItem{Label: p.Name, Count: q, Text: a.Dec(p.Quantity, 2)})
		if q > r.Max {
			r.Max = q
		}
	}
	return r
}

// Fact is a labelled value in a definition list. LTR marks values that are
// identifiers (emails, phones, ids) and keep their direction in Arabic.
type Fact struct {
	Label string
	Value string
	LTR   bool
}

// Section is a titled group of facts; a section without facts is not shown.
type Section struct {
	ID    string
	Title string
	Facts []Fact
	Lists []FactList
}

// FactList is a label with several values (chips).
type FactList struct {
	Label  string
	Values []string
	LTR    bool
}

func (s *Section) add(label, value string) {
	if value != "" {
		s.Facts = append(s.Facts, Fact{Label: label, Value: value})
	}
}

func (s *Section) list(label string, values []string, ltr bool) {
	if len(values) > 0 {
		s.Lists = append(s.Lists, FactList{Label: label, Values: values, LTR: ltr})
	}
}

func (s *Section) empty() bool { return len(s.Facts) == 0 && len(s.Lists) == 0 }

func (a *App) counts(cs []report.Count, name func(string) string) []string {
	var out []string
	for _, c := range cs {
		k := c.Key
		if name != nil {
			k = name(k)
		}
		if c.Count > 1 {
			out = append(out, k+" ("+a.Num(c.Count)+")")
		} else {
			out = append(out, k)
		}
	}
	return out
}

func (a *App) moneyList(ms []report.Money) string {
	var parts []string
	for _, m := range ms {
		parts = append(parts, a.Money(m))
	}
	return strings.Join(parts, a.Sep())
}

// ProfileSections are the customer page's side sections that have data.
func (a *App) ProfileSections(p *profile.Profile) []*Section {
	if p == nil {
		return nil
	}
	var out []*Section
	keep := func(s *Section) {
		if !s.empty() {
			out = append(out, s)
		}
	}
	id := &Section{ID: "identities", Title: a.T("profile.identities")}
	id.list(a.T("profile.names"), p.Identities.Names, false)
	id.list(a.T("profile.emails"), p.Identities.Emails, true)
	id.list(a.T("profile.phones"), p.Identities.Phones, true)
	id.list(a.T("profile.ids"), p.Identities.IDs, true)
	keep(id)

	d := &Section{ID: "demographics", Title: a.T("profile.demographics")}
	d.add(a.T("profile.gender"), a.TOr("gender."+strings.ToLower(p.Demographics.Gender), p.Demographics.Gender))
	d.add(a.T("profile.birthDate"), a.Date(p.Demographics.BirthDate))
	if p.Demographics.Age > 0 {
		d.add(a.T("profile.age"), a.Num(p.Demographics.Age))
	}
	d.add(a.T("profile.language"), a.Language(p.Demographics.Language))
	d.add(a.T("profile.jobTitle"), p.Demographics.JobTitle)
	keep(d)

	g := &Section{ID: "geography", Title: a.T("profile.geography")}
	g.add(a.T("profile.country"), a.Country(p.Geography.Country))
	g.add(a.T("profile.region"), p.Geography.Region)
	g.add(a.T("profile.city"), p.Geography.City)
	keep(g)

	f := &Section{ID: "firmographics", Title: a.T("profile.firmographics")}
	f.add(a.T("profile.company"), p.Firmographic.Company)
	f.add(a.T("profile.industry"), p.Firmographic.Industry)
	f.add(a.T("profile.employees"), p.Firmographic.Employees)
	if p.Firmographic.Size != "" {
		f.add(a.T("profile.size"), a.TOr("size."+p.Firmographic.Size, p.Firmographic.Size))
	}
	keep(f)

	at := &Section{ID: "attributes", Title: a.T("profile.attributes")}
	at.list(a.T("profile.interests"), p.Attributes.Interests, false)
	at.list(a.T("profile.devices"), a.counts(p.Attributes.Devices, a.Device), false)
	at.list(a.T("profile.channels"), a.counts(p.Attributes.Channels, a.Channel), false)
	at.list(a.T("profile.products"), a.counts(p.Attributes.Products, nil), false)
	keep(at)

	b := &Section{ID: "behaviour", Title: a.T("profile.behaviour")}
	bh := p.Behaviour
	if bh.Orders > 0 {
		b.add(a.T("profile.orders"), a.Num(bh.Orders))
	}
	if bh.Excluded > 0 {
		b.add(a.T("profile.excluded"), a.Num(bh.Excluded))
	}
	b.add(a.T("profile.spend"), a.moneyList(bh.Spend))
	b.add(a.T("profile.aov"), a.moneyList(bh.AOV))
	b.add(a.T("profile.firstOrder"), a.Date(bh.FirstOrder))
	b.add(a.T("profile.lastOrder"), a.Date(bh.LastOrder))
	if bh.RecencyDays != nil {
		b.add(a.T("profile.recency"), a.N("days", *bh.RecencyDays))
	}
	if bh.Tickets > 0 {
		v := a.Num(bh.Tickets)
		if bh.OpenTickets > 0 {
			v = a.Tf("profile.ticketsOpen", a.Num(bh.Tickets), a.Num(bh.OpenTickets))
		}
		b.add(a.T("profile.tickets"), v)
	}
	if bh.Reviews > 0 {
		b.add(a.T("profile.reviews"), a.Num(bh.Reviews))
	}
	if bh.Answers > 0 {
		b.add(a.T("profile.answers"), a.Num(bh.Answers))
	}
	if bh.Events > 0 {
		b.add(a.T("profile.events"), a.Num(bh.Events))
	}
	b.add(a.T("profile.firstSeen"), a.Date(bh.FirstSeen))
	b.add(a.T("profile.lastSeen"), a.Date(bh.LastSeen))
	keep(b)
	keep(a.journeySection(p))
	keep(a.feedbackSection(p))

	if s := p.Sentiment; s != nil && s.Texts > 0 {
		st := &Section{ID: "sentiment", Title: a.T("profile.sentiment")}
		st.add(a.T("profile.sentimentScore"), a.Dec(s.Score, 2))
		st.add(a.T("profile.texts"), a.Num(s.Texts))
		st.add(a.T("profile.positive"), a.Num(s.Positive))
		st.add(a.T("profile.negative"), a.Num(s.Negative))
		keep(st)
	}
	if pr := p.Predictions; pr != nil {
		ps := &Section{ID: "predictions", Title: a.T("profile.predictions")}
		a.predictionFacts(ps, pr)
		keep(ps)
	}
	if len(p.Segments) > 0 {
		sg := &Section{ID: "segments", Title: a.T("profile.segments")}
		sg.list(a.T("profile.segments"), a.SegmentLabels(p.Segments), false)
		keep(sg)
	}
	return out
}

// ProfileSummary is the line under a customer's name.
func (a *App) ProfileSummary(p *profile.Profile) string {
	var parts []string
	if p.Firmographic.Company != "" {
		parts = append(parts, p.Firmographic.Company)
	}
	var place []string
	if p.Geography.City != "" {
		place = append(place, p.Geography.City)
	}
	if p.Geography.Country != "" {
		place = append(place, a.Country(p.Geography.Country))
	}
	if len(place) > 0 {
		parts = append(parts, strings.Join(place, a.T("sep.comma")))
	}
	return strings.Join(parts, a.Sep())
}

// DisplayName is a customer's name, or a placeholder when they have none.
func (a *App) DisplayName(name string) string {
	if strings.TrimSpace(name) == "" {
		return a.T("customer.noname")
	}
	return name
}

// Initials are one or two letters for the avatar.
func Initials(name string) string {
	var out []rune
	for _, w := range strings.Fields(name) {
		r := []rune(w)
		if len(r) > 0 {
			out = append(out, r[0])
		}
		if len(out) == 2 {
			break
		}
	}
	if len(out) == 0 {
		return "?"
	}
	return strings.ToUpper(string(out))
}

// MergeText explains one merge in a sentence.
func (a *App) MergeText(m profile.Merge) string {
	return a.Tf("merge.text", a.TOr("key."+m.By, m.By), m.Key, m.Joins)
}

// ScoreText formats a feedback answer: "9 / 10".
func (a *App) ScoreText(s profile.Score) string {
	v := a.Dec(s.Value, 1)
	if s.Scale.Max > 0 {
		return a.Tf("score.of", v, a.Num(s.Scale.Min), a.Num(s.Scale.Max))
	}
	return v
}

// Metric is the localised name of a feedback metric.
func (a *App) Metric(m string) string { return a.TOr("metric."+m, strings.ToUpper(m)) }

// Where is "file:line" for provenance; identifiers keep their digits.
func Where(file string, line int) string {
	if line <= 0 {
		return file
	}
	return file + ":" + strconv.Itoa(line)
}

// Kinds lists the kinds of source, in display order.
func (a *App) Kinds() []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = string(k)
	}
	return out
}

// Roles lists every column role, in the order the dropdown shows them.
func (a *App) Roles() []string {
	out := make([]string, len(roles))
	for i, r := range roles {
		out[i] = string(r)
	}
	return out
}

// ReportKinds are the kinds present in the report's sources, in display order.
func (a *App) ReportKinds() []string {
	if a.Report == nil {
		return nil
	}
	seen := map[string]bool{}
	for _, s := range a.Report.Sources {
		seen[s.Kind] = true
	}
	var out []string
	for _, k := range a.Kinds() {
		if seen[k] {
			out = append(out, k)
		}
	}
	return out
}

// CountryOptions are the countries to filter customers by.
func (a *App) CountryOptions() []report.Count {
	if a.Report == nil {
		return nil
	}
	var out []report.Count
	for _, c := range a.Report.Customers.Countries {
		if c.Key != "" {
			out = append(out, c)
		}
	}
	return out
}

// Sorts are the orders the customer list offers.
func (a *App) Sorts() []string { return []string{"spend", "orders", "recent", "name"} }

// RangeText is "1–50 of 1,234".
func (a *App) RangeText() string {
	p := a.CustPage
	if p == nil || p.Total == 0 {
		return ""
	}
	to := p.Offset + len(p.Customers)
	return a.Tf("customers.range", a.Num(p.Offset+1), a.Num(to), a.Num(p.Total))
}

// HasPrev and HasNext drive the pager.
func (a *App) HasPrev() bool { return a.CustPage != nil && a.Query.Offset > 0 }

// HasNext says whether a next page exists.
func (a *App) HasNext() bool {
	return a.CustPage != nil && a.CustPage.Offset+len(a.CustPage.Customers) < a.CustPage.Total
}

// RowSpend formats a customer's spend.
func (a *App) RowSpend(r CustomerRow) string {
	if r.Orders == 0 && r.Spend == 0 {
		return ""
	}
	return a.Money(report.Money{Currency: r.Currency, Amount: r.Spend})
}

// RowPlace is "City, Country".
func (a *App) RowPlace(r CustomerRow) string {
	var p []string
	if r.City != "" {
		p = append(p, r.City)
	}
	if r.Country != "" {
		p = append(p, a.Country(r.Country))
	}
	return strings.Join(p, a.T("sep.comma"))
}

// ProgressValue is the progress bar's position (0..1000) over all stages:
// reading takes most of the bar, in proportion to bytes read.
func (a *App) ProgressValue() int {
	p := a.Progress
	switch p.Stage {
	case "resolve":
		return 880
	case "profile":
		return 930
	case "report":
		return 970
	}
	if p.TotalBytes > 0 {
		f := float64(p.Bytes) / float64(p.TotalBytes)
		if f > 1 {
			f = 1
		}
		return int(f * 850)
	}
	return 0
}

// StageItem is one step of the progress list.
type StageItem struct {
	Name  string
	Label string
	State string // done, active, todo
}

// Stages lists the analysis stages with their state.
func (a *App) Stages() []StageItem {
	names := []string{"read", "resolve", "profile", "report", "analyse"}
	cur := 0
	for i, n := range names {
		if n == a.Progress.Stage {
			cur = i
		}
	}
	out := make([]StageItem, len(names))
	for i, n := range names {
		st := "todo"
		switch {
		case i < cur:
			st = "done"
		case i == cur:
			st = "active"
		}
		out[i] = StageItem{Name: n, Label: a.Stage(n), State: st}
	}
	return out
}

// SourceFacts are a source's reading details.
func (a *App) SourceFacts(s *report.Source) []Fact {
	var out []Fact
	add := func(label, v string, ltr bool) {
		if v != "" {
			out = append(out, Fact{Label: label, Value: v, LTR: ltr})
		}
	}
	add(a.T("source.format"), strings.ToUpper(s.Format), true)
	add(a.T("source.encoding"), s.Encoding, true)
	add(a.T("source.delimiter"), a.DelimiterName(s.Delimiter), false)
	if s.HeaderRows > 1 {
		add(a.T("source.headerRows"), a.Num(s.HeaderRows), false)
	}
	add(a.T("source.size"), a.Bytes(s.Bytes), false)
	if s.Records != s.Rows.Used {
		add(a.T("source.records"), a.Num(s.Records), false)
	}
	if s.Unlinked > 0 {
		add(a.T("source.unlinked"), a.Num(s.Unlinked), false)
	}
	return out
}

// DelimiterName names a delimiter character.
func (a *App) DelimiterName(d string) string {
	switch d {
	case "":
		return ""
	case ",":
		return a.T("delim.comma")
	case ";":
		return a.T("delim.semicolon")
	case "\t":
		return a.T("delim.tab")
	case "|":
		return a.T("delim.pipe")
	}
	return d
}

// By is the localised "decided by" of a column role.
func (a *App) By(by string) string { return a.TOr("by."+by, by) }

// Confidence formats a role's confidence.
func (a *App) Confidence(c float64) string {
	if c <= 0 {
		return ""
	}
	return a.Pct(c)
}

// FillClass grades a fill rate for colour.
func FillClass(f float64) string {
	switch {
	case f >= 0.9:
		return "good"
	case f >= 0.5:
		return "fair"
	}
	return "poor"
}

// Permille is f (0..1) as an integer 0..1000 for <meter>.
func Permille(f float64) int {
	if f < 0 {
		return 0
	}
	if f > 1 {
		return 1000
	}
	return int(f*1000 + 0.5)
}

// TypeName is the localised name of a column's value type.
func (a *App) TypeName(t string) string {
	if t == "" {
		return "–"
	}
	return a.TOr("type."+t, t)
}

// SourceKindCount is "n customers" known to a kind of source.
func (a *App) SourcesSummaryRows() []report.Source {
	if a.Report == nil {
		return nil
	}
	return a.Report.Sources
}
