package segment

import "github.com/qalbhq/qalb/engine/report"

// RFMSection builds the report's RFM part from every buyer's scores:
// buyers[i] is the customer index of scores[i]. groups names the groups M
// was scored within; reporting is the reporting currency when rates were used.
func RFMSection(c *Columns, buyers []int32, scores []Score, groups []string, reporting string) *report.RFM {
	out := &report.RFM{Buyers: len(buyers), Currencies: groups, Reporting: reporting, Segments: []report.SegmentSummary{}}
	if out.Currencies == nil {
		out.Currencies = []string{}
	}
	pop := NewSet(c.N)
	sets := map[Segment]*Set{}
	for _, seg := range Segments {
		sets[seg] = NewSet(c.N)
	}
	var cells [5][5]int
	for i, ci := range buyers {
		sc := scores[i]
		pop.Add(int(ci))
		sets[sc.Segment].Add(int(ci))
		cells[sc.R-1][(sc.F+sc.M)/2-1]++
		out.R[sc.R-1]++
		out.F[sc.F-1]++
		out.M[sc.M-1]++
	}
	for _, seg := range Segments {
		out.Segments = append(out.Segments, Summarise(c, sets[seg], pop, string(seg)))
	}
	for r := 5; r >= 1; r-- {
		for fm := 1; fm <= 5; fm++ {
			out.Grid = append(out.Grid, report.RFMCell{R: r, FM: fm, Segment: string(grid[r-1][fm-1]), Count: cells[r-1][fm-1]})
		}
	}
	return out
}
