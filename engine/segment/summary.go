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
	total := map[uint32]float64{}
	mine := map[uint32]float64{}
	var curOrder []uint32
	popSize := 0
	var np report.NPSSummary
	var sSum, cSum float64
	var sN, cN int
	for i := 0; i < c.N; i++ {
		if pop != nil && !pop.Has(i) {
			continue
		}
		popSize++
		var cu uint32
		if cur != nil {
			cu = cur[i]
		}
		v := 0.0
		if spend != nil && !math.IsNaN(spend[i]) {
			v = spend[i]
		}
		if _, ok := total[cu]; !ok && v != 0 {
			curOrder = append(curOrder, cu)
		}
		if v != 0 {
			total[cu] += v
		}
		if !members.Has(i) {
			continue
		}
		out.Size++
		if v != 0 {
			mine[cu] += v
		}
		if orders != nil && !math.IsNaN(orders[i]) {
			out.Orders += int(orders[i])
		}
		switch c.str(nps, i) {
		case "promoter":
			np.Promoters++
		case "passive":
			np.Passives++
		case "detractor":
			np.Detractors++
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
	for _, cu := range curOrder {
		name := ""
		if cu != 0 {
			name = c.Value(cu)
		}
		share := 0.0
		if total[cu] != 0 {
			share = round(mine[cu]/total[cu], 4)
		}
		if mine[cu] != 0 {
			out.Revenue = append(out.Revenue, report.CurrencyShare{Currency: name, Amount: round(mine[cu], 2), Share: share})
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
