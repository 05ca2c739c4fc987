package segment

import (
	"math"
	"sort"

	"github.com/qalbhq/qalb/engine/report"
)

// PersonaFields are the demographic fields a persona names the most common value of.
var PersonaFields = []string{"country", "city", "gender", "language", "industry", "size", "jobTitle"}

// persona portrays a group: its suggested name is its two most
// distinctive traits; its demographics the most common value of each
// demographic field held by at least a fifth of the members; its behaviour
// the medians of orders, recency and tickets, and the median spend in each
// of its main currencies. Pains and quotes need the customers' own texts:
// the engine adds them.
func persona(c *Columns, set *Set, traits []report.Trait) report.Persona {
	p := report.Persona{Name: []report.Trait{}, Demographics: []report.Trait{}}
	for i := 0; i < len(traits) && i < 2; i++ {
		p.Name = append(p.Name, traits[i])
	}
	size := set.Count()
	for _, f := range PersonaFields {
		col := c.TextCol(f)
		if !col.Ok() {
			continue
		}
		count := map[uint32]int{}
		all := map[uint32]int{}
		for i := 0; i < c.N; i++ {
			id := col.At(i)
			if id == 0 {
				continue
			}
			all[id]++
			if set.Has(i) {
				count[id]++
			}
		}
		best, bn := uint32(0), 0
		for id, n := range count {
			if n > bn || (n == bn && id < best) {
				best, bn = id, n
			}
		}
		if bn == 0 || float64(bn) < 0.2*float64(size) {
			continue
		}
		p.Demographics = append(p.Demographics, report.Trait{Feature: f, Kind: "value", Value: c.Value(best),
			Group: round(float64(bn)/float64(size), 3), All: round(float64(all[best])/float64(c.N), 3)})
	}
	p.Behaviour = habits(c, set)
	return p
}

func habits(c *Columns, set *Set) report.Habits {
	h := report.Habits{Spend: []report.Money{}}
	med := func(name string) float64 {
		col := c.NumberCol(name)
		if !col.Ok() {
			return 0
		}
		var v []float64
		set.Each(func(i int) bool {
			if x := col.At(i); !math.IsNaN(x) {
				v = append(v, x)
			}
			return true
		})
		return round(median(v), 2)
	}
	h.Orders, h.RecencyDays, h.Tickets = med("orders"), med("recencyDays"), med("tickets")
	spend, cur := c.NumberCol("spend"), c.TextCol("currency")
	if !spend.Ok() {
		return h
	}
	by := map[uint32][]float64{}
	set.Each(func(i int) bool {
		if v := spend.At(i); !math.IsNaN(v) {
			g := cur.At(i) // 0 without a currency column
			by[g] = append(by[g], v)
		}
		return true
	})
	gs := make([]uint32, 0, len(by))
	for g := range by {
		gs = append(gs, g)
	}
	sort.Slice(gs, func(a, b int) bool {
		if len(by[gs[a]]) != len(by[gs[b]]) {
			return len(by[gs[a]]) > len(by[gs[b]])
		}
		return gs[a] < gs[b]
	})
	for i, g := range gs {
		if i == 3 {
			break
		}
		name := ""
		if g != 0 {
			name = c.Value(g)
		}
		h.Spend = append(h.Spend, report.Money{Currency: name, Amount: round(median(by[g]), 2)})
	}
	return h
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	sort.Float64s(v)
	m := len(v) / 2
	if len(v)%2 == 1 {
		return v[m]
	}
	return (v[m-1] + v[m]) / 2
}
