package report

// MinGroup is the smallest group of customers a shared report shows: any
// breakdown row that stands for fewer customers is left out.
const MinGroup = 5

// Shared describes how a report was reduced for sharing.
type Shared struct {
	MinGroup   int `json:"minGroup"`   // groups smaller than this were left out
	Suppressed int `json:"suppressed"` // rows of breakdowns left out, and months kept with their numbers hidden
	// Breakdowns says, per breakdown, how many of its rows were left out or
	// hidden ("customers.companies", "orders.perMonth", …), so a viewer can
	// say what is missing and why rather than show a shorter list as whole.
	Breakdowns []Count `json:"breakdowns,omitempty"`
}

// ShareView returns a copy of r fit to leave the browser: aggregates only.
// Breakdowns by country, city, company, industry, size, language, channel
// and device lose every row that stands for fewer than minGroup customers;
// months of fewer than minGroup customers (orders, for revenue per month,
// since one order is one customer's spend; records, for touchpoints) keep
// their place with their numbers hidden and Suppressed set, so a time axis
// stays continuous; Shared.Breakdowns counts what each breakdown lost.
// Values quoted from the data (column examples, the
// text of unreadable cells and rejected rows, the keys of identity
// conflicts) are dropped. Counts and totals stay. r is not changed.
func ShareView(r *Report, minGroup int) *Report {
	if minGroup < 1 {
		minGroup = MinGroup
	}
	v := *r
	info := &Shared{MinGroup: minGroup}
	note := func(name string, n int) {
		if n > 0 {
			info.Suppressed += n
			info.Breakdowns = append(info.Breakdowns, Count{Key: name, Count: n})
		}
	}
	keepAs := func(name string, cs []Count) []Count {
		out := make([]Count, 0, len(cs))
		for _, c := range cs {
			if c.Count >= minGroup {
				out = append(out, c)
			}
		}
		note(name, len(cs)-len(out))
		return out
	}
	v.Sources = make([]Source, len(r.Sources))
	for i, s := range r.Sources {
		s.Columns = append([]Column(nil), s.Columns...)
		for j := range s.Columns {
			s.Columns[j].Examples = nil
		}
		s.Rejected = stripValues(s.Rejected)
		s.Issues = stripValues(s.Issues)
		v.Sources[i] = s
	}
	c := r.Customers
	c.Countries = keepAs("customers.countries", c.Countries)
	c.Cities = keepAs("customers.cities", c.Cities)
	c.Companies = keepAs("customers.companies", c.Companies)
	c.Industries = keepAs("customers.industries", c.Industries)
	c.Sizes = keepAs("customers.sizes", c.Sizes)
	c.Languages = keepAs("customers.languages", c.Languages)
	// Months stay, so the time axis stays continuous; a small month's
	// number is hidden and the month marked suppressed.
	c.NewPerMonth = make([]Month, len(r.Customers.NewPerMonth))
	hidden := 0
	for i, m := range r.Customers.NewPerMonth {
		if m.Count < minGroup {
			m = Month{Month: m.Month, Suppressed: true}
			hidden++
		}
		c.NewPerMonth[i] = m
	}
	note("customers.newPerMonth", hidden)
	v.Customers = c
	o := r.Orders
	o.PerMonth = make([]MonthMoney, len(r.Orders.PerMonth))
	hidden = 0
	for i, m := range r.Orders.PerMonth {
		if m.Orders < minGroup {
			m = MonthMoney{Month: m.Month, Currency: m.Currency, Suppressed: true}
			hidden++
		}
		o.PerMonth[i] = m
	}
	note("orders.perMonth", hidden)
	v.Orders = o
	id := r.Identity
	id.Conflicts = []Conflict{}
	v.Identity = id
	a := r.Activity
	a.PerMonth = make([]Kinds, len(r.Activity.PerMonth))
	hidden = 0
	for i, k := range r.Activity.PerMonth {
		if k.Records < minGroup {
			k = Kinds{Month: k.Month, Kind: k.Kind, Suppressed: true}
			hidden++
		}
		a.PerMonth[i] = k
	}
	note("activity.perMonth", hidden)
	a.Channels = keepAs("activity.channels", a.Channels)
	a.Devices = keepAs("activity.devices", a.Devices)
	v.Activity = a
	v.Feedback = r.Feedback.shareView(minGroup, info)
	v.Sentiment = r.Sentiment.shareView(minGroup, info)
	v.Segments = r.Segments.shareView(minGroup, info)
	v.Predictions = r.Predictions.shareView(minGroup, info)
	v.Behaviour = r.Behaviour.shareView(minGroup, info)
	v.Shared = info
	return &v
}

func stripValues(ps []Problem) []Problem {
	out := make([]Problem, len(ps))
	for i, p := range ps {
		p.Value = ""
		out[i] = p
	}
	return out
}
