package segment

import (
	"math"
	"sort"

	"github.com/qalbhq/qalb/engine/report"
)

// ICP fit for B2B.
//
// Accounts are the companies customers work at (customers sharing a
// company name). An account's firmographics are the most common industry,
// size band and country among its people.
//
// The best accounts are learnt from revenue and retention: among accounts
// with orders, value is the account's revenue percentile within its main
// currency (the share of accounts of that currency with strictly less
// revenue) and retention is 1 for two or more orders with the last one in
// the 180 days up to the as-of date, ½ for two or more orders otherwise, 0
// for one order. The best accounts are the top quarter by (value +
// retention) / 2 (at least one; accounts tied with the last one included).
//
// Fit: for each firmographic field the best accounts have values for,
// an account earns share(its value among the best) / share(the most common
// value among the best) of that field's equal part of 100. The reasons are
// the fields it earned points on.

// ICPFields are the firmographic fields the profile is learnt on.
var ICPFields = []string{"industry", "size", "country"}

const (
	icpTop       = 20
	icpProspects = 50
	retainedDays = 180
)

// ICP learns the profile of the best accounts and scores every account
// and contact. It returns each customer's fit (−1 without a company) and
// the report part, or nil when fewer than three accounts have orders.
func ICP(c *Columns) ([]int8, *report.ICP) {
	company := c.TextCol("company")
	if id, same := company.Same(); !company.Ok() || same && id == 0 {
		return nil, nil // no accounts (and no account with orders)
	}
	orders, spend, cur, last := c.NumberCol("orders"), c.NumberCol("spend"), c.TextCol("currency"), c.DateCol("lastOrder")
	type account struct {
		id       uint32
		people   []int32
		orders   float64
		revenue  map[uint32]float64
		main     uint32
		last     int64
		attrs    []uint32
		value    float64
		retained float64
		score    int
		reasons  []string
	}
	byID := map[uint32]int{}
	var accts []*account
	for i := 0; i < c.N; i++ {
		id := company.At(i)
		if id == 0 {
			continue
		}
		k, ok := byID[id]
		if !ok {
			k = len(accts)
			byID[id] = k
			accts = append(accts, &account{id: id, revenue: map[uint32]float64{}})
		}
		a := accts[k]
		a.people = append(a.people, int32(i))
		if n := orders.At(i); n > 0 {
			a.orders += n
			cu := cur.At(i) // 0 without a currency column
			if v := spend.At(i); spend.Ok() && !math.IsNaN(v) {
				a.revenue[cu] += v
			}
			if t := last.At(i); t > a.last {
				a.last = t
			}
		}
	}
	for _, a := range accts {
		a.attrs = make([]uint32, len(ICPFields))
		for f, field := range ICPFields {
			col := c.TextCol(field)
			if !col.Ok() {
				continue
			}
			count := map[uint32]int{}
			for _, p := range a.people {
				if v := col.At(int(p)); v != 0 {
					count[v]++
				}
			}
			best, bn := uint32(0), 0
			for v, n := range count {
				if n > bn || (n == bn && v < best) {
					best, bn = v, n
				}
			}
			a.attrs[f] = best
		}
		bestRev := math.Inf(-1)
		for cu, v := range a.revenue {
			if v > bestRev || (v == bestRev && cu < a.main) {
				a.main, bestRev = cu, v
			}
		}
	}
	// Value: revenue percentile within the main currency.
	var buying []*account
	byCur := map[uint32][]*account{}
	for _, a := range accts {
		if a.orders > 0 {
			buying = append(buying, a)
			byCur[a.main] = append(byCur[a.main], a)
		}
	}
	if len(buying) < 3 {
		return nil, nil
	}
	for cu, as := range byCur {
		sort.SliceStable(as, func(i, j int) bool { return as[i].revenue[cu] < as[j].revenue[cu] })
		for i := 0; i < len(as); {
			j := i
			for j < len(as) && as[j].revenue[cu] == as[i].revenue[cu] {
				j++
			}
			for k := i; k < j; k++ {
				as[k].value = float64(i) / float64(len(as)) // i accounts have strictly less
			}
			i = j
		}
	}
	end := c.AsOf
	for _, a := range buying {
		switch {
		case a.orders >= 2 && a.last != 0 && end-a.last <= retainedDays*86400:
			a.retained = 1
		case a.orders >= 2:
			a.retained = 0.5
		}
	}
	worth := func(a *account) float64 { return (a.value + a.retained) / 2 }
	sort.SliceStable(buying, func(i, j int) bool { return worth(buying[i]) > worth(buying[j]) })
	nBest := max(1, len(buying)/4)
	for nBest < len(buying) && worth(buying[nBest]) == worth(buying[nBest-1]) {
		nBest++
	}
	best := buying[:nBest]
	out := &report.ICP{Accounts: len(accts), Best: nBest, Profile: []report.ICPTrait{}, Top: []report.ICPAccount{}, Prospects: []report.ICPProspect{}}
	// The profile: shares of each value among the best and among all accounts.
	type fieldProfile struct {
		share map[uint32]float64
		top   float64
	}
	profiles := make([]fieldProfile, len(ICPFields))
	used := 0
	for f := range ICPFields {
		share := map[uint32]float64{}
		for _, a := range best {
			if v := a.attrs[f]; v != 0 {
				share[v] += 1 / float64(nBest)
			}
		}
		top := 0.0
		for _, s := range share {
			top = math.Max(top, s)
		}
		profiles[f] = fieldProfile{share, top}
		if top > 0 {
			used++
		}
	}
	if used == 0 {
		return nil, nil
	}
	part := 100 / float64(used)
	for f, field := range ICPFields {
		p := profiles[f]
		if p.top == 0 {
			continue
		}
		all := map[uint32]int{}
		for _, a := range accts {
			all[a.attrs[f]]++
		}
		vals := make([]uint32, 0, len(p.share))
		for v := range p.share {
			vals = append(vals, v)
		}
		sort.Slice(vals, func(i, j int) bool {
			if p.share[vals[i]] != p.share[vals[j]] {
				return p.share[vals[i]] > p.share[vals[j]]
			}
			return c.Value(vals[i]) < c.Value(vals[j])
		})
		for _, v := range vals {
			out.Profile = append(out.Profile, report.ICPTrait{Field: field, Value: c.Value(v), Best: round(p.share[v], 3),
				All: round(float64(all[v])/float64(len(accts)), 3), Weight: round(part*p.share[v]/p.top, 1)})
		}
	}
	fit := make([]int8, c.N)
	for i := range fit {
		fit[i] = -1
	}
	for _, a := range accts {
		pts := 0.0
		a.reasons = []string{}
		for f, field := range ICPFields {
			p := profiles[f]
			if p.top == 0 || a.attrs[f] == 0 {
				continue
			}
			if s := p.share[a.attrs[f]]; s > 0 {
				pts += part * s / p.top
				a.reasons = append(a.reasons, field+"="+c.Value(a.attrs[f]))
			}
		}
		a.score = int(math.Round(pts))
		for _, p := range a.people {
			fit[p] = int8(a.score)
		}
	}
	ranked := append([]*account(nil), accts...)
	sort.SliceStable(ranked, func(i, j int) bool {
		if ranked[i].score != ranked[j].score {
			return ranked[i].score > ranked[j].score
		}
		return c.Value(ranked[i].id) < c.Value(ranked[j].id)
	})
	for _, a := range ranked {
		if len(out.Top) == icpTop {
			break
		}
		ra := report.ICPAccount{Company: c.Value(a.id), Score: a.score, Customers: len(a.people), Revenue: []report.Money{}, Reasons: a.reasons}
		for cu, v := range a.revenue {
			name := ""
			if cu != 0 {
				name = c.Value(cu)
			}
			ra.Revenue = append(ra.Revenue, report.Money{Currency: name, Amount: round(v, 2)})
		}
		sort.Slice(ra.Revenue, func(i, j int) bool { return ra.Revenue[i].Amount > ra.Revenue[j].Amount })
		out.Top = append(out.Top, ra)
	}
	// Prospects: people at well-fitting accounts who have not bought.
	name := c.TextCol("name")
	for _, a := range ranked {
		if a.score == 0 {
			break
		}
		for _, p := range a.people {
			if len(out.Prospects) == icpProspects {
				break
			}
			if orders.At(int(p)) > 0 {
				continue
			}
			out.Prospects = append(out.Prospects, report.ICPProspect{ID: int(p), Name: c.str(name, int(p)), Company: c.Value(a.id), Score: a.score, Reasons: a.reasons})
		}
	}
	return fit, out
}
