package report

// MinGroup is the smallest group of customers a shared report shows: any
// breakdown row that stands for fewer customers is left out.
const MinGroup = 5

// Shared describes how a report was reduced for sharing.
type Shared struct {
	MinGroup   int `json:"minGroup"`   // groups smaller than this were left out
	Suppressed int `json:"suppressed"` // rows of breakdowns left out
}

// ShareView returns a copy of r fit to leave the browser: aggregates only.
// Breakdowns by country, city, company, industry, size, language, channel,
// device and month lose every row that stands for fewer than minGroup
// customers (or orders, for revenue per month, since one order is one
// customer's spend); values quoted from the data (column examples, the
// text of unreadable cells and rejected rows, the keys of identity
// conflicts) are dropped. Counts and totals stay. r is not changed.
func ShareView(r *Report, minGroup int) *Report {
	if minGroup < 1 {
		minGroup = MinGroup
	}
	v := *r
	info := &Shared{MinGroup: minGroup}
	keep := func(cs []Count) []Count {
		out := make([]Count, 0, len(cs))
		for _, c := range cs {
			if c.Count >= minGroup {
				out = append(out, c)
			} else {
				info.Suppressed++
			}
		}
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
	c.Countries, c.Cities, c.Companies = keep(c.Countries), keep(c.Cities), keep(c.Companies)
	c.Industries, c.Sizes, c.Languages = keep(c.Industries), keep(c.Sizes), keep(c.Languages)
	c.NewPerMonth = nil
	for _, m := range r.Customers.NewPerMonth {
		if m.Count >= minGroup {
			c.NewPerMonth = append(c.NewPerMonth, m)
		} else {
			info.Suppressed++
		}
	}
	v.Customers = c
	o := r.Orders
	o.PerMonth = nil
	for _, m := range r.Orders.PerMonth {
		if m.Orders >= minGroup {
			o.PerMonth = append(o.PerMonth, m)
		} else {
			info.Suppressed++
		}
	}
	v.Orders = o
	id := r.Identity
	id.Conflicts = []Conflict{}
	v.Identity = id
	a := r.Activity
	a.Channels, a.Devices = keep(a.Channels), keep(a.Devices)
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
