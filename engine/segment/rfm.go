package segment

import (
	"math"
	"sort"
)

// Segment is the key of a named RFM segment; the interface names it in its
// language.
type Segment string

// The 11 named RFM segments, best first.
const (
	Champions          Segment = "champions"
	Loyal              Segment = "loyal"
	PotentialLoyalists Segment = "potential_loyalists"
	New                Segment = "new"
	Promising          Segment = "promising"
	NeedAttention      Segment = "need_attention"
	AboutToSleep       Segment = "about_to_sleep"
	AtRisk             Segment = "at_risk"
	CantLose           Segment = "cant_lose"
	Hibernating        Segment = "hibernating"
	Lost               Segment = "lost"
)

// Segments lists the named segments in the order reports show them.
var Segments = []Segment{Champions, Loyal, PotentialLoyalists, New, Promising,
	NeedAttention, AboutToSleep, AtRisk, CantLose, Hibernating, Lost}

// grid[r-1][fm-1] is the segment of scores R = r and FM = fm (see the package doc).
var grid = [5][5]Segment{
	{Lost, Hibernating, AtRisk, AtRisk, CantLose},
	{Hibernating, Hibernating, AtRisk, AtRisk, CantLose},
	{AboutToSleep, AboutToSleep, NeedAttention, Loyal, Loyal},
	{Promising, PotentialLoyalists, PotentialLoyalists, Loyal, Loyal},
	{New, PotentialLoyalists, PotentialLoyalists, Champions, Champions},
}

// SegmentOf names the segment of scores r, f and m (each 1..5).
func SegmentOf(r, f, m int) Segment {
	return grid[clamp5(r)-1][clamp5((f+m)/2)-1]
}

func clamp5(v int) int {
	return min(5, max(1, v))
}

// Buyer is what RFM needs of one customer with orders.
type Buyer struct {
	// RecencyDays is whole days from the last order to the as-of date
	// (negative when the as-of date is earlier: more recent still).
	RecencyDays int
	// Undated is set when no order of the customer has a date: the least recent.
	Undated  bool
	Orders   int
	Monetary float64
	// Group is the group M is scored within: the main currency, or one
	// group for all when amounts were converted to a reporting currency.
	Group uint32
}

// Score is a customer's RFM scores and segment.
type Score struct {
	R, F, M uint8
	Segment Segment
}

// RFM scores every buyer (see the package doc for the definition and the tie rule).
func RFM(buyers []Buyer) []Score {
	n := len(buyers)
	out := make([]Score, n)
	if n == 0 {
		return out
	}
	vals := make([]float64, n)
	all := make([]int32, n)
	for i, b := range buyers {
		all[i] = int32(i)
		if b.Undated {
			vals[i] = math.Inf(-1)
		} else {
			vals[i] = -float64(b.RecencyDays) // fewer days is better
		}
	}
	sc := make([]uint8, n)
	Quintiles(vals, all, sc)
	for i := range out {
		out[i].R = sc[i]
		vals[i] = float64(buyers[i].Orders)
	}
	Quintiles(vals, all, sc)
	for i := range out {
		out[i].F = sc[i]
		vals[i] = buyers[i].Monetary
	}
	// M within each group.
	groups := map[uint32][]int32{}
	var order []uint32
	for i, b := range buyers {
		if _, ok := groups[b.Group]; !ok {
			order = append(order, b.Group)
		}
		groups[b.Group] = append(groups[b.Group], int32(i))
	}
	for _, g := range order {
		Quintiles(vals, groups[g], sc)
	}
	for i := range out {
		out[i].M = sc[i]
		out[i].Segment = SegmentOf(int(out[i].R), int(out[i].F), int(out[i].M))
	}
	return out
}

// Quintiles writes into score[i], for every i in members, the quintile
// score 1 + floor(5·w/n) of vals[i] among the n members, where w is the
// number of members with a strictly smaller value. Larger values are
// better; ties share a score. members is reordered.
func Quintiles(vals []float64, members []int32, score []uint8) {
	n := len(members)
	sort.Slice(members, func(a, b int) bool { return vals[members[a]] < vals[members[b]] })
	for i := 0; i < n; {
		j := i
		for j < n && vals[members[j]] == vals[members[i]] {
			j++
		}
		s := uint8(1 + 5*i/n) // i members are strictly smaller
		for k := i; k < j; k++ {
			score[members[k]] = s
		}
		i = j
	}
}
