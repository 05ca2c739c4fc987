package segment

import (
	"math"
	"sort"

	"github.com/qalbhq/qalb/engine/report"
)

// Summarise describes the members of a set: size, share of the population
// (the customers in pop; nil for everyone), revenue in each main currency
// with its share of that currency's total over everyone, orders, NPS from
// the members' latest answers, mean sentiment and mean churn risk. The last
// three are left out when no member has a value.
func Summarise(c *Columns, members, pop *Set, key string) report.SegmentSummary {
	out := report.SegmentSummary{Key: key, Revenue: []report.CurrencyShare{}}
	spend, cur, orders := c.NumberCol("spend"), c.TextCol("currency"), c.NumberCol("orders")
	nps, sent, churn := c.TextCol("nps"), c.NumberCol("sentiment"), c.NumberCol("churnRisk")
	// Revenue by currency over the population (cached for everyone), and
	// over the members. Currencies are few: a short list scanned beats a
	// map per customer (maps are slow in wasm).
	var curIDs []uint32
	var total []float64
	if pop == nil {
		curIDs, total = c.currencyTotals()
	} else {
		curIDs, total = currencyTotals(c, pop)
	}
	mine := make([]float64, len(curIDs))
	curIndex := func(id uint32) int {
		for k, x := range curIDs {
			if x == id {
				return k
			}
		}
		return -1
	}
	// NPS categories by string id, decided once per distinct id.
	var npsIDs []uint32
	var npsCat []byte
	category := func(id uint32) byte {
		for k, x := range npsIDs {
			if x == id {
				return npsCat[k]
			}
		}
		cat := byte(0)
		switch c.Value(id) {
		case "promoter":
			cat = '+'
		case "passive":
			cat = '0'
		case "detractor":
			cat = '-'
		}
		npsIDs, npsCat = append(npsIDs, id), append(npsCat, cat)
		return cat
	}
	var np report.NPSSummary
	var sSum, cSum float64
	var sN, cN int
	members.Each(func(i int) bool {
		if pop != nil && !pop.Has(i) {
			return true
		}
		out.Size++
		if spend.Ok() {
			if v := spend.At(i); v == v && v != 0 { // v == v: not NaN
				cu := cur.At(i) // 0 without a currency column
				if k := curIndex(cu); k >= 0 {
					mine[k] += v
				}
			}
		}
		if v := orders.At(i); orders.Ok() && v == v {
			out.Orders += int(v)
		}
		if v := nps.At(i); nps.Ok() && v != 0 {
			switch category(v) {
			case '+':
				np.Promoters++
			case '0':
				np.Passives++
			case '-':
				np.Detractors++
			}
		}
		if v := sent.At(i); sent.Ok() && v == v {
			sSum += v
			sN++
		}
		if v := churn.At(i); churn.Ok() && v == v {
			cSum += v
			cN++
		}
		return true
	})
	popSize := c.N
	if pop != nil {
		popSize = pop.Count()
	}
	if popSize > 0 {
		out.Share = round(float64(out.Size)/float64(popSize), 4)
	}
	for k, cu := range curIDs {
		name := ""
		if cu != 0 {
			name = c.Value(cu)
		}
		share := 0.0
		if total[k] != 0 {
			share = round(mine[k]/total[k], 4)
		}
		if mine[k] != 0 {
			out.Revenue = append(out.Revenue, report.CurrencyShare{Currency: name, Amount: round(mine[k], 2), Share: share})
		}
	}
	sort.SliceStable(out.Revenue, func(a, b int) bool { return out.Revenue[a].Amount > out.Revenue[b].Amount })
	if np.Respondents = np.Promoters + np.Passives + np.Detractors; np.Respondents > 0 {
		np.Score = round(100*float64(np.Promoters-np.Detractors)/float64(np.Respondents), 1)
		out.NPS = &np
	}
	if sN > 0 {
		out.Sentiment = &report.Mean{Mean: round(sSum/float64(sN), 3), N: sN}
	}
	if cN > 0 {
		out.ChurnRisk = &report.Mean{Mean: round(cSum/float64(cN), 1), N: cN}
	}
	return out
}

// currencyTotals is revenue by main currency over the customers of pop
// (nil: everyone), in order of first appearance.
func currencyTotals(c *Columns, pop *Set) ([]uint32, []float64) {
	spend, cur := c.NumberCol("spend"), c.TextCol("currency")
	var ids []uint32
	var total []float64
	if v, same := spend.Same(); !spend.Ok() || same && (v != v || v == 0) {
		return nil, nil // no spend at all
	}
	for i := 0; i < c.N; i++ {
		v := spend.At(i)
		if v != v || v == 0 || (pop != nil && !pop.Has(i)) {
			continue
		}
		cu := cur.At(i) // 0 without a currency column
		k := -1
		for j, x := range ids {
			if x == cu {
				k = j
				break
			}
		}
		if k < 0 {
			ids, total = append(ids, cu), append(total, 0)
			k = len(ids) - 1
		}
		total[k] += v
	}
	return ids, total
}

// currencyTotals over everyone, computed once per Columns.
func (c *Columns) currencyTotals() ([]uint32, []float64) {
	if !c.totalsDone {
		c.totalIDs, c.totals = currencyTotals(c, nil)
		c.totalsDone = true
	}
	return c.totalIDs, c.totals
}

func round(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}
