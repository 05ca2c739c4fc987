package engine

import (
	"context"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/qalbhq/qalb/engine/ingest"

	"github.com/qalbhq/qalb/engine/profile"
	"github.com/qalbhq/qalb/engine/report"
	"github.com/qalbhq/qalb/engine/segment"
)

// segmentState is what the segments analysis keeps for profiles and detail queries.
type segmentState struct {
	cols    *segment.Columns
	rfm     []segment.Score // per customer; zero for customers without orders
	cluster []int16         // per customer: cluster id from 1, 0 when not clustered
	icp     []int8          // per customer: ICP fit 0..100 of their account, -1 without one

	// RFM scoring, done before the other analyses (analyseRFM)
	buyers    []int32
	scores    []segment.Score
	groups    []string // currencies M is scored within; nil with rates
	reporting string
}

// analyseRFM scores every buyer's RFM segment before the other analyses
// run: it needs only the orders, and sentiment by segment and feedback by
// segment read it. The rest of the segments analysis, whose summaries read
// the others' results, runs later (analyseSegments).
func (s *Session) analyseRFM(ctx context.Context, opts Options) error {
	st := &segmentState{}
	s.segmentState = st
	s.rankBuyers(st, opts)
	return nil
}

// analyseSegments fills s.Report.Segments (left nil when there is no data for it).
func (s *Session) analyseSegments(ctx context.Context, opts Options) error {
	st := s.segmentState
	if st == nil { // analyseRFM did not run (a caller of this step alone)
		st = &segmentState{}
		s.segmentState = st
		s.rankBuyers(st, opts)
	}
	st.cols = s.segmentColumns()
	sec := &report.Segments{}
	if len(st.buyers) > 0 {
		sec.RFM = segment.RFMSection(st.cols, st.buyers, st.scores, st.groups, st.reporting)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if sec.RFM != nil {
		s.setTextColumn("rfm", func(ci int) string { return string(st.rfm[ci].Segment) })
	}
	st.cols.FitK = func(fits []segment.KFit) []segment.KResult { return s.fitK(ctx, fits) }
	st.cluster, sec.Clusters = segment.Clusters(st.cols)
	st.cols.Tick, st.cols.FitK = nil, nil // detail queries later read the columns without reporting
	if sec.Clusters != nil {
		s.setTextColumn("cluster", func(ci int) string {
			if st.cluster[ci] == 0 {
				return ""
			}
			return strconv.Itoa(int(st.cluster[ci]))
		})
		s.addVoices(sec.Clusters, st.cluster)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	st.icp, sec.ICP = segment.ICP(st.cols)
	if sec.ICP != nil {
		fit := make([]float64, len(st.icp))
		for i, v := range st.icp {
			fit[i] = float64(v)
			if v < 0 {
				fit[i] = math.NaN()
			}
		}
		st.cols.SetNumber("icpFit", fit, 0)
	}
	if sec.RFM != nil || sec.Clusters != nil || sec.ICP != nil {
		s.Report.Segments = sec
	}
	return nil
}

// addVoices gives each cluster's persona its pains and a few of its
// members' own words. The pains are the sentiment analysis' pain points
// that hurt most members (a negative or mixed text of theirs mentions
// them), at most three; the quotes are members' comments (reviews, survey
// comments, ticket texts), first those that voice the cluster's pains,
// then any. Without sentiment there are no pains and the quotes are any.
func (s *Session) addVoices(sec *report.Clusters, cluster []int16) {
	const quotes, pains = 3, 3
	k := len(sec.Clusters)
	got := make([][]string, k+1)
	hurtBy := make([]map[string]int, k+1) // per cluster: pain → members hurt
	voices := make([]map[int64]bool, k+1) // per cluster: rows that voice its pains
	rowKey := func(src, row int) int64 { return int64(src)<<32 | int64(row) }
	if st := s.sentimentState; st != nil && s.Report.Sentiment != nil {
		for _, p := range s.Report.Sentiment.PainPoints {
			key := painKey(p)
			seen := map[int32]bool{}
			for _, i := range st.topics[key] {
				t := &st.texts[i]
				if !hurt(t) || t.cust < 0 || cluster[t.cust] == 0 || seen[t.cust] {
					continue
				}
				seen[t.cust] = true
				cl := cluster[t.cust]
				if hurtBy[cl] == nil {
					hurtBy[cl] = map[string]int{}
				}
				hurtBy[cl][key]++
			}
		}
		for cl := 1; cl <= k; cl++ {
			voices[cl] = map[int64]bool{}
			for _, c := range top(hurtBy[cl], pains) {
				for _, i := range st.topics[c.Key] {
					if t := &st.texts[i]; hurt(t) && t.cust >= 0 && int(cluster[t.cust]) == cl {
						voices[cl][rowKey(int(t.src), int(t.row))] = true
					}
				}
			}
		}
	}
	seen := map[string]bool{}
	for pass := 0; pass < 2; pass++ {
		for si, src := range s.sources {
			if src.Kind != ingest.Reviews && src.Kind != ingest.Surveys && src.Kind != ingest.Tickets {
				continue
			}
			for row, ci := range s.rowCust[si] {
				s.beat(row)
				if ci < 0 || cluster[ci] == 0 {
					continue
				}
				cl := int(cluster[ci])
				// Pass 0 quotes the texts that voice the cluster's pains, pass 1 any.
				if len(got[cl]) >= quotes || (pass == 0 && !voices[cl][rowKey(si, row)]) {
					continue
				}
				text := s.comment(src, row)
				if n := utf8.RuneCountInString(text); n < 15 || n > 280 || seen[text] {
					continue
				}
				seen[text] = true
				got[cl] = append(got[cl], text)
			}
		}
	}
	for i := range sec.Clusters {
		c := &sec.Clusters[i]
		c.Persona.Quotes = got[c.ID]
		c.Persona.Pains = top(hurtBy[c.ID], pains)
		for j := range c.Persona.Pains {
			c.Persona.Pains[j].Key = painName(c.Persona.Pains[j].Key)
		}
	}
}

// painKey is a pain point's key among sentiment's topics: "t:delivery"
// for a theme, "p:local shops" for a key phrase.
func painKey(p report.PainPoint) string {
	if p.Theme {
		return "t:" + p.Topic
	}
	return "p:" + p.Topic
}

// painName is how the report names a topic outside the sentiment section
// (feedback drivers, personas' pains): "theme:delivery", "phrase:local shops".
func painName(key string) string {
	if strings.HasPrefix(key, "t:") {
		return "theme:" + key[2:]
	}
	return "phrase:" + strings.TrimPrefix(key, "p:")
}

// rankBuyers scores every customer with orders (engine/segment's doc has the
// definitions). Without rates, M is scored within each main currency; with
// opts.Rates, every order is converted to opts.Reporting and M is scored
// over all buyers together.
func (s *Session) rankBuyers(st *segmentState, opts Options) {
	var buyers []int32
	var in []segment.Buyer
	asOfDay := dayNumber(s.asOf)
	converted := s.convertedSpend(opts)
	groupIdx := map[uint32]uint32{}
	var groups []string
	for ci := range s.custs {
		s.beat(ci)
		a := s.act(&s.custs[ci])
		if a.orders == 0 {
			continue
		}
		// In cents: sums of the same amounts in another order must tie.
		b := segment.Buyer{Undated: a.lastOrder == 0, Orders: int(a.orders), Monetary: round2(a.spend)}
		if a.lastOrder != 0 {
			b.RecencyDays = int(asOfDay - dayNumber(a.lastOrder))
		}
		if converted != nil {
			b.Monetary = round2(converted[ci])
		} else {
			g, ok := groupIdx[a.currency]
			if !ok {
				g = uint32(len(groups))
				groupIdx[a.currency] = g
				groups = append(groups, s.strs.Value(a.currency))
			}
			b.Group = g
		}
		buyers = append(buyers, int32(ci))
		in = append(in, b)
	}
	if len(buyers) == 0 {
		return
	}
	scores := segment.RFM(in)
	st.rfm = make([]segment.Score, len(s.custs))
	for i, ci := range buyers {
		st.rfm[ci] = scores[i]
	}
	reporting := ""
	if converted != nil {
		reporting, groups = opts.Reporting, nil
	}
	sort.Strings(groups)
	st.buyers, st.scores, st.groups, st.reporting = buyers, scores, groups, reporting
}

// convertedSpend is every customer's revenue over all currencies in the
// reporting currency, or nil without rates. A currency without a rate
// stops the conversion (nil): amounts are never added up by guess.
func (s *Session) convertedSpend(opts Options) []float64 {
	if len(opts.Rates) == 0 || opts.Reporting == "" {
		return nil
	}
	out := make([]float64, len(s.custs))
	for oi, o := range s.orders {
		s.beat(oi)
		if o.cust < 0 || o.excluded() {
			continue
		}
		cur := s.strs.Value(o.currency)
		rate, ok := opts.Rates[cur]
		if cur == opts.Reporting {
			rate, ok = 1, true
		}
		if !ok {
			return nil
		}
		out[o.cust] += s.revenue(oi) * rate
	}
	return out
}

// dayNumber is the UTC calendar day of a Unix time, counted from 1970-01-01.
func dayNumber(t int64) int64 {
	d := t / 86400
	if t%86400 < 0 {
		d--
	}
	return d
}

// segmentColumns lays out the customers' values as the columns rules,
// summaries and clusters read.
func (s *Session) segmentColumns() *segment.Columns {
	n := len(s.custs)
	c := &segment.Columns{N: n, Text: map[string][]uint32{}, Number: map[string][]float64{}, Date: map[string][]int64{},
		Value: s.strs.Value, NStrings: s.strs.Len(), AsOf: s.asOf, Tick: s.tick}
	attrs := map[string]int{"name": attrName, "company": attrCompany, "industry": attrIndustry, "employees": attrEmployees,
		"country": attrCountry, "region": attrRegion, "city": attrCity, "language": attrLanguage, "gender": attrGender,
		"jobTitle": attrJob, "interests": attrInterests}
	sameID := func(a, b uint32) bool { return a == b }
	text := func(name string, at func(i int) uint32) {
		col, v := column(s, n, sameID, at)
		c.SetText(name, col, v)
	}
	for name, a := range attrs {
		text(name, func(i int) uint32 { return s.attrOf(&s.custs[i])[a] })
	}
	// Emails and phones are kept per customer already: the column is that
	// slice, shared rather than copied (20 MB on 5 million emails).
	c.SetText("email", s.emails, 0)
	c.SetText("phone", s.phones, 0)
	text("currency", func(i int) uint32 { return s.act(&s.custs[i]).currency })
	bands := map[uint32]uint32{}
	text("size", func(i int) uint32 {
		e := s.attrOf(&s.custs[i])[attrEmployees]
		if e == 0 {
			return 0
		}
		b, ok := bands[e]
		if !ok {
			if v := sizeBand(s.strs.Value(e)); v != "" {
				b = s.strs.IDString(v)
			}
			bands[e] = b
		}
		return b
	})
	// NaN is one value here: the same bits.
	sameNum := func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }
	num := func(name string, f func(cu *customer, ci int) float64) {
		col, v := column(s, n, sameNum, func(i int) float64 { return f(&s.custs[i], i) })
		c.SetNumber(name, col, v)
	}
	nan := math.NaN()
	asOfDay := dayNumber(s.asOf)
	num("orders", func(cu *customer, _ int) float64 { return float64(s.act(cu).orders) })
	num("spend", func(cu *customer, _ int) float64 {
		if a := s.act(cu); a.orders != 0 {
			return round2(a.spend)
		}
		return nan
	})
	num("aov", func(cu *customer, _ int) float64 {
		if a := s.act(cu); a.orders != 0 {
			return round2(a.spend / float64(a.orders))
		}
		return nan
	})
	num("recencyDays", func(cu *customer, _ int) float64 {
		if a := s.act(cu); a.lastOrder != 0 {
			return float64(asOfDay - dayNumber(a.lastOrder))
		}
		return nan
	})
	num("tickets", func(cu *customer, _ int) float64 { return float64(s.act(cu).tickets) })
	num("openTickets", func(cu *customer, _ int) float64 { return float64(s.act(cu).open) })
	num("reviews", func(cu *customer, _ int) float64 { return float64(s.act(cu).reviews) })
	num("answers", func(cu *customer, _ int) float64 { return float64(s.act(cu).answers) })
	num("events", func(cu *customer, _ int) float64 { return float64(s.act(cu).events) })
	num("sentiment", func(_ *customer, ci int) float64 {
		if v, k := s.customerSentiment(ci); k > 0 {
			return v
		}
		return nan
	})
	num("churnRisk", func(_ *customer, ci int) float64 {
		if v, ok := s.churnRisk(ci); ok {
			return v
		}
		return nan
	})
	num("clv", func(_ *customer, ci int) float64 {
		if v, _, ok := s.customerCLV(ci); ok {
			return v
		}
		return nan
	})
	date := func(name string, f func(cu *customer) int64) {
		col, v := column(s, n, func(a, b int64) bool { return a == b }, func(i int) int64 { return f(&s.custs[i]) })
		c.SetDate(name, col, v)
	}
	date("firstOrder", func(cu *customer) int64 { return s.act(cu).firstOrder })
	date("lastOrder", func(cu *customer) int64 { return s.act(cu).lastOrder })
	date("firstSeen", func(cu *customer) int64 { return s.firstSeen(cu) })
	date("lastSeen", func(cu *customer) int64 { return s.lastSeen(cu) })
	for oi, o := range s.orders {
		s.beat(oi)
		if o.cust >= 0 && !o.excluded() {
			c.OrderCust = append(c.OrderCust, o.cust)
			c.OrderDate = append(c.OrderDate, o.date)
		}
	}
	s.setTextColumnOn(c, "nps", s.npsCategory)
	return c
}

// setTextColumn adds (or replaces) a text column of the segment columns.
func (s *Session) setTextColumn(name string, f func(ci int) string) {
	s.setTextColumnOn(s.segmentState.cols, name, f)
}

// column is the n values at(i): a column of them, or nil and the one
// value when every customer has the same. In a contacts file of millions
// most columns are of one value (no orders, no tickets, no attributes),
// and then cost nothing per customer (segment.Columns keeps the value).
func column[T comparable](s *Session, n int, same func(a, b T) bool, at func(i int) T) ([]T, T) {
	var col []T
	var first T
	for i := 0; i < n; i++ {
		s.beat(i)
		v := at(i)
		if i == 0 {
			first = v
		}
		if col == nil {
			if same(v, first) {
				continue
			}
			col = make([]T, n)
			for j := 0; j < i; j++ {
				col[j] = first
			}
		}
		col[i] = v
	}
	return col, first
}

func (s *Session) setTextColumnOn(c *segment.Columns, name string, f func(ci int) string) {
	ids := map[string]uint32{}
	col, v := column(s, c.N, func(a, b uint32) bool { return a == b }, func(i int) uint32 {
		v := f(i)
		if v == "" {
			return 0
		}
		id, ok := ids[v]
		if !ok {
			id = s.strs.IDString(v)
			ids[v] = id
		}
		return id
	})
	c.SetText(name, col, v)
	c.NStrings = s.strs.Len()
}

// segmentProfile adds the segments analysis' view of one customer to the profile.
func (s *Session) segmentProfile(id int, p *profile.Profile) {
	st := s.segmentState
	if st == nil {
		return
	}
	if seg := s.rfmSegment(id); seg != "" {
		sc := st.rfm[id]
		p.Segments = append(p.Segments, "rfm:"+seg, "rfm-score:"+strconv.Itoa(int(sc.R))+strconv.Itoa(int(sc.F))+strconv.Itoa(int(sc.M)))
	}
	if st.cluster != nil && st.cluster[id] > 0 {
		p.Segments = append(p.Segments, "cluster:"+strconv.Itoa(int(st.cluster[id])))
	}
	if st.icp != nil && st.icp[id] >= 0 {
		p.Segments = append(p.Segments, "icp-fit:"+strconv.Itoa(int(st.icp[id])))
	}
}

// rfmSegment is the customer's named RFM segment ("champions", "at_risk", …);
// "" for customers without orders. Other analyses read it (feedback by
// segment, behaviour cohorts by segment).
func (s *Session) rfmSegment(ci int) string {
	st := s.segmentState
	if st == nil || st.rfm == nil || ci < 0 || ci >= len(st.rfm) {
		return ""
	}
	return string(st.rfm[ci].Segment)
}
