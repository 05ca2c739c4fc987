package engine

import (
	"fmt"
	"math"
	"sort"

	"github.com/qalbhq/qalb/engine/identity"
	"github.com/qalbhq/qalb/engine/ingest"
	"github.com/qalbhq/qalb/engine/report"
)

const topN = 20

// summarise builds the Report from the loaded sources and the customers.
func (s *Session) summarise() *report.Report {
	r := &report.Report{Version: report.Version, Engine: Version}
	if s.asOf != 0 {
		r.AsOf = day(s.asOf)
	}
	for si, src := range s.sources {
		rs := s.sourceReport(si, src)
		r.Sources = append(r.Sources, rs)
		r.Rows.Read += rs.Rows.Read
		r.Rows.Used += rs.Rows.Used
		r.Rows.Rejected += rs.Rows.Rejected
	}
	r.Sources = append(r.Sources, s.failed...)
	sort.SliceStable(r.Sources, func(i, j int) bool { return r.Sources[i].File < r.Sources[j].File })
	r.Period = s.period()
	r.Customers = s.customerSummary()
	r.Orders = s.orderSummary()
	r.Identity = s.identitySummary()
	r.Activity = s.activitySummary()
	return r
}

func (s *Session) sourceReport(si int, src *ingest.Source) report.Source {
	rs := report.Source{
		File: src.File, Bytes: src.Bytes, Kind: string(src.Kind),
		Format: string(src.Info.Format), Encoding: src.Info.Encoding, Delimiter: src.Info.Delimiter,
		HeaderRows: src.Info.HeaderRows,
		Rows:       report.RowCounts{Read: src.Counts.Read, Used: src.Counts.Used, Rejected: src.Counts.Rejected},
		Records:    src.Counts.Used,
		Rejected:   []report.Problem{},
		Issues:     []report.Problem{},
		Notes:      src.Notes,
	}
	if src.Export != nil {
		rs.Export, rs.Tool, rs.Layout = src.Export.Name, src.Export.Tool, src.Export.Layout
	}
	rs.KindConfidence, rs.RunnerUp = src.KindConfidence, string(src.RunnerUp)
	if src.Kind == ingest.Aggregates {
		rs.Aggregate = aggregateReport(src)
	}
	if src.Kind == ingest.Orders {
		rs.Records = 0
		for k, run := range s.orderRuns {
			if int(run.src) == si {
				end := len(s.orders)
				if k+1 < len(s.orderRuns) {
					end = int(s.orderRuns[k+1].from)
				}
				rs.Records += end - int(run.from)
			}
		}
	}
	for i, c := range s.rowCust[si] {
		s.beat(i)
		if c < 0 && src.Kind != ingest.Aggregates { // counts link to no one by nature
			rs.Unlinked++
		}
	}
	for j, cr := range src.Roles {
		q := src.Quality[j]
		col := report.Column{Name: cr.Column, Role: string(cr.Role), By: cr.By,
			Confidence: math.Round(cr.Confidence*100) / 100, DateOrder: string(cr.DateOrder),
			Filled: q.Filled, Distinct: q.Distinct, Failures: q.Failures, Examples: q.Examples}
		if q.Estimated {
			col.DistinctEstimated, col.DistinctError = true, ingest.DistinctError
		}
		if cr.Role == ingest.FullName && !s.namesUsable(si) {
			col.Role, col.By = string(ingest.Ignore), "content"
		} else if cr.Role != ingest.Ignore {
			col.Type = ingest.TypeOf(cr.Role).String()
			col.Filled -= q.Failures // a value that could not be read is not a value
		}
		if cr.Scale != nil {
			col.Scale = &report.Scale{Min: cr.Scale.Min, Max: cr.Scale.Max}
		}
		if src.Counts.Used > 0 {
			col.FillRate = math.Round(float64(col.Filled)/float64(src.Counts.Used)*1000) / 1000
		}
		rs.Columns = append(rs.Columns, col)
	}
	for _, e := range src.Rejected {
		rs.Rejected = append(rs.Rejected, report.Problem{Line: e.Line, Column: e.Column, Reason: e.Reason})
	}
	for _, e := range src.Issues {
		rs.Issues = append(rs.Issues, report.Problem{Line: e.Line, Column: e.Column, Reason: e.Reason, Value: e.Value})
	}
	for reason, n := range src.Reasons {
		rs.Reasons = append(rs.Reasons, report.Count{Key: reason, Count: n})
	}
	sortCounts(rs.Reasons)
	return rs
}

func (s *Session) period() report.Period {
	if s.first == 0 && s.last == 0 {
		return report.Period{}
	}
	return report.Period{From: day(s.first), To: day(s.last)}
}

func (s *Session) customerSummary() report.CustomerSummary {
	cs := report.CustomerSummary{Total: len(s.custs)}
	newPer := map[int32]int{}
	count := func(m map[string]int, id uint32) {
		if id != 0 {
			m[s.strs.Value(id)]++
		}
	}
	cm, cim, com, im, sm, lm := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	kinds := map[string]int{}
	for i := range s.custs {
		s.beat(i)
		c := &s.custs[i]
		if s.act(c).orders > 0 {
			cs.Buyers++
		}
		if c.multi {
			cs.MultiSource++
		}
		if s.emailOf(i) != 0 {
			cs.WithEmail++
		}
		if s.phoneOf(i) != 0 {
			cs.WithPhone++
		}
		if s.attrOf(c)[attrCompany] != 0 {
			cs.B2B++
		}
		if first := s.firstSeen(c); first != 0 {
			newPer[monthOf(first)]++
		}
		count(cm, s.attrOf(c)[attrCountry])
		count(cim, s.attrOf(c)[attrCity])
		count(com, s.attrOf(c)[attrCompany])
		count(im, s.attrOf(c)[attrIndustry])
		count(lm, s.attrOf(c)[attrLanguage])
		if s.attrOf(c)[attrEmployees] != 0 {
			if b := sizeBand(s.strs.Value(s.attrOf(c)[attrEmployees])); b != "" {
				sm[b]++
			}
		}
		for k, kind := range ingest.Kinds {
			if c.kinds&(1<<k) != 0 {
				kinds[string(kind)]++
			}
		}
	}
	cs.NewPerMonth = months(newPer)
	cs.Countries = top(cm, 0)
	cs.Cities = top(cim, topN)
	cs.Companies = top(com, topN)
	cs.Industries = top(im, topN)
	cs.Languages = top(lm, topN)
	for _, band := range []string{"1-10", "11-50", "51-200", "201-1000", "1000+"} {
		if sm[band] > 0 {
			cs.Sizes = append(cs.Sizes, report.Count{Key: band, Count: sm[band]})
		}
	}
	for _, kind := range ingest.Kinds {
		if kinds[string(kind)] > 0 {
			cs.BySources = append(cs.BySources, report.Count{Key: string(kind), Count: kinds[string(kind)]})
		}
	}
	return cs
}

func (s *Session) orderSummary() report.OrderSummary {
	os := report.OrderSummary{Orders: len(s.orders), Revenue: []report.Money{}, AOV: []report.Money{},
		PerMonth: []report.MonthMoney{}, Products: []report.Product{}}
	type cm struct {
		month int32
		cur   uint32
	}
	perMonth := map[cm]*report.MonthMoney{}
	revenue := map[uint32]float64{}
	counted := map[uint32]int{}
	var first, last int64
	for oi, o := range s.orders {
		s.beat(oi)
		os.LineItems += o.lineItems()
		if o.excluded() {
			os.Excluded++
			continue
		}
		revenue[o.currency] += s.revenue(oi)
		counted[o.currency]++
		if o.date != 0 {
			if first == 0 || o.date < first {
				first = o.date
			}
			if o.date > last {
				last = o.date
			}
			k := cm{monthOf(o.date), o.currency}
			m := perMonth[k]
			if m == nil {
				m = &report.MonthMoney{Month: monthText(k.month), Currency: s.strs.Value(o.currency)}
				perMonth[k] = m
			}
			m.Orders++
			m.Revenue += s.revenue(oi)
		}
	}
	for i := range s.custs {
		s.beat(i)
		if s.act(&s.custs[i]).orders > 0 {
			os.Buyers++
		}
		if s.act(&s.custs[i]).orders > 1 {
			os.Repeat++
		}
	}
	for cur, v := range revenue {
		os.Revenue = append(os.Revenue, report.Money{Currency: s.strs.Value(cur), Amount: round2(v)})
		os.AOV = append(os.AOV, report.Money{Currency: s.strs.Value(cur), Amount: round2(v / float64(counted[cur]))})
	}
	byAmount := func(m []report.Money) {
		sort.Slice(m, func(i, j int) bool {
			if m[i].Amount != m[j].Amount {
				return m[i].Amount > m[j].Amount
			}
			return m[i].Currency < m[j].Currency
		})
	}
	byAmount(os.Revenue)
	// AOV follows the order of Revenue.
	order := map[string]int{}
	for i, m := range os.Revenue {
		order[m.Currency] = i
	}
	sort.Slice(os.AOV, func(i, j int) bool { return order[os.AOV[i].Currency] < order[os.AOV[j].Currency] })
	for _, m := range perMonth {
		m.Revenue = round2(m.Revenue)
		os.PerMonth = append(os.PerMonth, *m)
	}
	sort.Slice(os.PerMonth, func(i, j int) bool {
		a, b := os.PerMonth[i], os.PerMonth[j]
		if a.Month != b.Month {
			return a.Month < b.Month
		}
		return order[a.Currency] < order[b.Currency]
	})
	if first != 0 {
		os.First, os.Last = day(first), day(last)
	}
	os.Products = s.topProducts()
	return os
}

func (s *Session) topProducts() []report.Product {
	m := s.products
	out := make([]report.Product, 0, len(m))
	for id, p := range m {
		out = append(out, report.Product{Name: s.strs.Value(id), Quantity: p.qty, Orders: int(p.orders)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Quantity != out[j].Quantity {
			return out[i].Quantity > out[j].Quantity
		}
		return out[i].Name < out[j].Name
	})
	if len(out) > topN {
		out = out[:topN]
	}
	return out
}

func (s *Session) identitySummary() report.IdentitySummary {
	is := report.IdentitySummary{Conflicts: []report.Conflict{}}
	for _, rc := range s.rowCust {
		for i, c := range rc {
			s.beat(i)
			if c >= 0 {
				is.Records++
			}
		}
	}
	keys := map[string]int{}
	for i := 0; i < s.ids.Len(); i++ {
		keys[s.ids.Key(int32(i)).Type.String()]++
	}
	for _, t := range []identity.KeyType{identity.ID, identity.Email, identity.Phone, identity.Anonymous} {
		if keys[t.String()] > 0 {
			is.Keys = append(is.Keys, report.Count{Key: t.String(), Count: keys[t.String()]})
		}
	}
	linked := map[string]int{}
	for _, m := range s.ids.Merges() {
		is.Links++
		if m.Joined {
			is.Merges++
		}
		linked[s.ids.Key(m.A).Type.String()]++
	}
	is.LinkedBy = top(linked, 0)
	is.Conflicts, is.ConflictCount = s.conflicts(50)
	if s.badEmails > 0 {
		is.Invalid = append(is.Invalid, report.Count{Key: "email", Count: s.badEmails})
	}
	if s.badPhones > 0 {
		is.Invalid = append(is.Invalid, report.Count{Key: "phone", Count: s.badPhones})
	}
	return is
}

// conflicts finds customers holding two ids of the same system: one email
// or phone shared by two CRM records, say. They stay merged (the shared key
// says they are one person) and are listed so someone can clean the source.
func (s *Session) conflicts(limit int) ([]report.Conflict, int) {
	// The id keys sorted by customer and namespace: a group of two or more
	// is a conflict. A flat slice, not a map of lists: one customer id per
	// row of a narrow file made a million one-element lists.
	type idKey struct {
		cust int32
		ns   uint32
		key  int32
	}
	// Only customers with two id keys or more can hold a conflict: two
	// bits a customer find them, so a file of 5 million customers with
	// one id each does not sort 60 MB of keys to find none.
	var once, twice bitset
	for i := 0; i < s.ids.Len(); i++ {
		if c := s.keyGroup[i]; c >= 0 && s.ids.Key(int32(i)).Type == identity.ID && !once.add(uint32(c)) {
			twice.add(uint32(c))
		}
	}
	var keys []idKey
	for i := 0; i < s.ids.Len(); i++ {
		if c := s.keyGroup[i]; c >= 0 && twice.has(uint32(c)) {
			if k := s.ids.Key(int32(i)); k.Type == identity.ID {
				keys = append(keys, idKey{c, k.Namespace, int32(i)})
			}
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].cust != keys[j].cust {
			return keys[i].cust < keys[j].cust
		}
		if keys[i].ns != keys[j].ns {
			return keys[i].ns < keys[j].ns
		}
		return keys[i].key < keys[j].key
	})
	type nsKey struct {
		cust int32
		ns   uint32
	}
	ids := map[nsKey][]int32{}
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j].cust == keys[i].cust && keys[j].ns == keys[i].ns {
			j++
		}
		if j-i > 1 {
			list := make([]int32, 0, j-i)
			for _, k := range keys[i:j] {
				list = append(list, k.key)
			}
			ids[nsKey{keys[i].cust, keys[i].ns}] = list
		}
		i = j
	}
	// Where each id of a conflict was read: the first link that names it.
	where := map[int32]report.ConflictRecord{}
	for _, list := range ids {
		if len(list) >= 2 {
			for _, k := range list {
				where[k] = report.ConflictRecord{Key: s.keyText(k)}
			}
		}
	}
	// The first link naming an id says where it was read; when that record
	// also joined two customers, the key it joined them by (a shared email
	// or phone) is the one to show.
	type at struct{ src, line int32 }
	joinedBy := map[at]int32{}
	for _, m := range s.ids.Merges() {
		if m.Joined {
			if _, ok := joinedBy[at{m.Source, m.Line}]; !ok {
				joinedBy[at{m.Source, m.Line}] = m.A
			}
		}
	}
	for _, m := range s.ids.Merges() {
		for _, pair := range [][2]int32{{m.A, m.B}, {m.B, m.A}} {
			rec, ok := where[pair[0]]
			if ok && rec.File == "" {
				via := pair[1]
				if k, ok := joinedBy[at{m.Source, m.Line}]; ok && k != pair[0] {
					via = k
				}
				rec.File, rec.Line, rec.Via = s.sources[m.Source].File, int(m.Line), s.keyText(via)
				where[pair[0]] = rec
			}
		}
	}
	var out []report.Conflict
	for nk, list := range ids {
		if len(list) < 2 {
			continue
		}
		c := report.Conflict{Customer: int(nk.cust)}
		for _, k := range list {
			c.Keys = append(c.Keys, s.keyText(k))
		}
		sort.Strings(c.Keys)
		for _, k := range list {
			c.Records = append(c.Records, where[k])
		}
		sort.Slice(c.Records, func(i, j int) bool { return c.Records[i].Key < c.Records[j].Key })
		ns := s.strs.Value(nk.ns)
		if ns == "" {
			ns = "customer"
		}
		c.Reason = fmt.Sprintf("%d %s ids belong to one customer (linked by a shared email or phone)", len(list), ns)
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Customer != out[j].Customer {
			return out[i].Customer < out[j].Customer
		}
		return out[i].Keys[0] < out[j].Keys[0]
	})
	n := len(out)
	if len(out) > limit {
		out = out[:limit]
	}
	if out == nil {
		out = []report.Conflict{}
	}
	return out, n
}

func (s *Session) activitySummary() report.ActivitySummary {
	as := report.ActivitySummary{PerMonth: []report.Kinds{}}
	type mk struct {
		month int32
		kind  string
	}
	per := map[mk]int{}
	channels, devices := map[string]int{}, map[string]int{}
	chCache, devCache := newVocabCache(normChannel), newVocabCache(normDevice)
	for _, src := range s.sources {
		n := src.Counts.Used
		switch src.Kind {
		case ingest.Tickets:
			as.Tickets += n
		case ingest.Reviews:
			as.Reviews += n
		case ingest.Surveys:
			as.Answers += n
		case ingest.Events:
			as.Events += n
		case ingest.Contacts:
			as.Contacts += n
		case ingest.Orders:
			continue // orders have their own section
		}
		if c := src.Column(ingest.Date); c != nil {
			// Count per month through a small cache: most rows share few months.
			for i, t := range c.Time {
				s.beat(i)
				if !c.IsNull(i) {
					per[mk{monthOf(t), string(src.Kind)}]++
				}
			}
		}
		for _, pair := range []struct {
			role ingest.Role
			m    map[string]int
			vc   *vocabCache
		}{{ingest.Channel, channels, chCache}, {ingest.Device, devices, devCache}} {
			c := src.Column(pair.role)
			if c == nil {
				continue
			}
			ids := map[uint32]int{}
			for i, id := range c.Str {
				s.beat(i)
				if !c.IsNull(i) {
					ids[id]++
				}
			}
			for id, n := range ids {
				if v := s.vocabText(pair.vc, id); v != "" {
					pair.m[v] += n
				}
			}
		}
	}
	for k, n := range per {
		as.PerMonth = append(as.PerMonth, report.Kinds{Month: monthText(k.month), Kind: k.kind, Records: n})
	}
	sort.Slice(as.PerMonth, func(i, j int) bool {
		a, b := as.PerMonth[i], as.PerMonth[j]
		if a.Month != b.Month {
			return a.Month < b.Month
		}
		return a.Kind < b.Kind
	})
	as.Channels = top(channels, topN)
	as.Devices = top(devices, topN)
	return as
}

func months(m map[int32]int) []report.Month {
	out := make([]report.Month, 0, len(m))
	for k, n := range m {
		out = append(out, report.Month{Month: monthText(k), Count: n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Month < out[j].Month })
	return out
}

// top returns the counts largest first (ties by key), at most n (0 = all).
func top(m map[string]int, n int) []report.Count {
	out := make([]report.Count, 0, len(m))
	for k, v := range m {
		out = append(out, report.Count{Key: k, Count: v})
	}
	sortCounts(out)
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

func sortCounts(c []report.Count) {
	sort.Slice(c, func(i, j int) bool {
		if c[i].Count != c[j].Count {
			return c[i].Count > c[j].Count
		}
		return c[i].Key < c[j].Key
	})
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// aggregateReport is an aggregate report's period and tables.
func aggregateReport(src *ingest.Source) *report.Aggregate {
	a := &report.Aggregate{Period: report.Period{From: src.PeriodFrom, To: src.PeriodTo}, Tables: []report.AggregateTable{}}
	for _, t := range src.Aggregates {
		rt := report.AggregateTable{Columns: t.Columns, Rows: t.Rows, Period: report.Period{From: t.From, To: t.To}, Metrics: []report.Metric{}}
		for _, m := range t.Metrics {
			rt.Metrics = append(rt.Metrics, report.Metric{Name: m.Name, Value: m.Value, Of: m.Of})
		}
		a.Tables = append(a.Tables, rt)
	}
	return a
}
