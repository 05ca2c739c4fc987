package behaviour

import (
	"iter"
	"math"
)

// Period is the width of a cohort: a calendar month or an ISO week.
type Period int

const (
	Monthly Period = iota
	Weekly
)

// Index numbers the period a Unix time falls in: months as year*12+month-1,
// weeks counted from the Monday 1969-12-29 (ISO weeks start on Monday).
func (p Period) Index(t int64) int { return p.indexOfDay(floorDiv(t, 86400)) }

// indexOfDay is Index of a day number (days since 1970-01-01).
func (p Period) indexOfDay(days int64) int {
	if p == Weekly {
		return int(floorDiv(days+3, 7))
	}
	y, m, _ := civil(days)
	return int(y*12 + m - 1)
}

// StartOf is the Unix time at which period index i begins.
func (p Period) StartOf(i int) int64 {
	if p == Weekly {
		return (int64(i)*7 - 3) * 86400
	}
	y, m := int64(i)/12, int64(i)%12+1
	if i < 0 && i%12 != 0 {
		y--
		m = int64(i) - y*12 + 1
	}
	return daysFromCivil(y, m, 1) * 86400
}

// Activity is one dated thing a customer did, with the revenue it brought
// (0 for anything but an order).
type Activity struct {
	Customer int32
	Time     int64
	Revenue  float64
}

// Cohort is the customers who started in one period and what they did in
// each period since: Active[k] customers were active and brought
// Revenue[k] in the k-th period after the start (k = 0 is the start
// period; starting counts as being active). The lists run to the as-of period.
type Cohort struct {
	Period    int // Period.Index of the start
	Customers int
	Active    []int
	Revenue   []float64
}

// Cohorts groups customers by the period of their start (0: not in any
// cohort) and follows their activity up to asOf: the dated things in acts
// (orders, with their revenue) and, when l is not nil, every event of the
// log. Activity before a customer's start or after asOf is left out.
// Cohorts come in time order. acts is read once per call, as a sequence
// so that a caller holding a million orders need not copy them.
func Cohorts(start []int64, acts iter.Seq[Activity], l *Log, p Period, asOf int64) []Cohort {
	return GroupCohorts(start, nil, 1, acts, l, p, asOf)[0]
}

// GroupCohorts is Cohorts of each of groups groups of customers at once:
// customer c is in group group[c] (none when negative; every customer in
// group 0 when group is nil). Each group's cohorts are those Cohorts gives
// for its customers alone, but acts and l are read once for all groups.
func GroupCohorts(start []int64, group []int32, groups int, acts iter.Seq[Activity], l *Log, p Period, asOf int64) [][]Cohort {
	last := p.Index(asOf)
	byPeriod := make([]map[int]int, groups)
	out := make([][]Cohort, groups)
	for g := range byPeriod {
		byPeriod[g] = map[int]int{}
	}
	// cohortOf[c] is customer c's cohort in out[groupOf(c)].
	cohortOf := make([]int32, len(start))
	groupOf := func(c int) int32 {
		if group == nil {
			return 0
		}
		return group[c]
	}
	first := last
	for c, t := range start {
		cohortOf[c] = -1
		g := groupOf(c)
		if t == 0 || t > asOf || g < 0 {
			continue
		}
		i := p.Index(t)
		k, ok := byPeriod[g][i]
		if !ok {
			k = len(out[g])
			byPeriod[g][i] = k
			out[g] = append(out[g], Cohort{Period: i, Active: make([]int, last-i+1), Revenue: make([]float64, last-i+1)})
			first = min(first, i)
		}
		cohortOf[c] = int32(k)
		out[g][k].Customers++
		out[g][k].Active[0]++ // starting is being active
	}
	// A customer counts once per period: one bit per customer and period
	// since the earliest cohort of any group, period 0 set by the start.
	width := last - first + 1
	var seen []uint64
	for _, cs := range out {
		if len(cs) > 0 {
			seen = make([]uint64, (len(start)*width+63)/64)
			break
		}
	}
	mark := func(c int32, off int) bool {
		bit := int(c)*width + off
		if seen[bit>>6]&(1<<(bit&63)) != 0 {
			return false
		}
		seen[bit>>6] |= 1 << (bit & 63)
		return true
	}
	for c, k := range cohortOf {
		if k >= 0 {
			mark(int32(c), 0)
		}
	}
	// Activity comes in runs of one day (orders by date): the day's
	// period is worked out once per run.
	lastDay, lastIndex := int64(math.MinInt64), 0
	add := func(c int32, t int64, revenue float64) {
		k := cohortOf[c]
		if k < 0 || t < start[c] || t > asOf {
			return
		}
		if d := floorDiv(t, 86400); d != lastDay {
			lastDay, lastIndex = d, p.indexOfDay(d)
		}
		co := &out[groupOf(int(c))][k]
		off := lastIndex - co.Period
		co.Revenue[off] += revenue
		if mark(c, off) {
			co.Active[off]++
		}
	}
	for a := range acts {
		if a.Customer >= 0 && int(a.Customer) < len(start) {
			add(a.Customer, a.Time, a.Revenue)
		}
	}
	if l != nil {
		for c := 0; c < l.Customers() && c < len(start); c++ {
			if cohortOf[c] < 0 {
				continue
			}
			lo, hi := l.Of(c)
			for i := lo; i < hi; i++ {
				add(int32(c), l.Time[i], 0)
			}
		}
	}
	for _, cs := range out {
		sortCohorts(cs)
	}
	return out
}

func sortCohorts(cs []Cohort) {
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].Period < cs[j-1].Period; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

// Curve is the retention of several cohorts together: for each offset k,
// the share of customers active k periods after their start, over the
// cohorts that are at least k periods old.
func Curve(cs []Cohort) []float64 {
	longest := 0
	for _, c := range cs {
		longest = max(longest, len(c.Active))
	}
	out := make([]float64, longest)
	for k := range out {
		active, n := 0, 0
		for _, c := range cs {
			if k < len(c.Active) {
				active += c.Active[k]
				n += c.Customers
			}
		}
		if n > 0 {
			out[k] = float64(active) / float64(n)
		}
	}
	return out
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// civil converts days since 1970-01-01 to year, month, day (Howard
// Hinnant's algorithm), without time.Time: it runs per event.
func civil(days int64) (y, m, d int64) {
	z := days + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
