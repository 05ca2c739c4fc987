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
	spend, cur, orders := c.Number["spend"], c.Text["currency"], c.Number["orders"]
	nps, sent, churn := c.Text["nps"], c.Number["sentiment"], c.Number["churnRisk"]
	// Currencies are few: a short list scanned from the last hit beats a
	// map per customer (maps are slow in wasm).
	var curIDs []uint32
	var total, mine []float64
	curIndex := func(id uint32) int {
		for k, c := range curIDs {
			if c == id {
				return k
			}
		}
		curIDs = append(curIDs, id)
		total, mine = append(total, 0), append(mine, 0)
		return len(curIDs) - 1
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
	popSize := 0
	var np report.NPSSummary
	var sSum, cSum float64
	var sN, cN int
	for i := 0; i < c.N; i++ {
		if pop != nil && !pop.Has(i) {
			continue
		}
		popSize++
		v := 0.0
		if spend != nil && !math.IsNaN(spend[i]) {
			v = spend[i]
		}
		k := -1
		if v != 0 {
			var cu uint32
			if cur != nil {
				cu = cur[i]
			}
			k = curIndex(cu)
			total[k] += v
		}
		if !members.Has(i) {
			continue
		}
		out.Size++
		if k >= 0 {
			mine[k] += v
		}
		if orders != nil && !math.IsNaN(orders[i]) {
			out.Orders += int(orders[i])
		}
		if nps != nil && nps[i] != 0 {
			switch category(nps[i]) {
			case '+':
				np.Promoters++
			case '0':
				np.Passives++
			case '-':
				np.Detractors++
			}
		}
		if sent != nil && !math.IsNaN(sent[i]) {
			sSum += sent[i]
			sN++
		}
		if churn != nil && !math.IsNaN(churn[i]) {
			cSum += churn[i]
			cN++
		}
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

func round(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}
