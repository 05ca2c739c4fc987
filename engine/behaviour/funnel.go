package behaviour

import "math"

// Step is one step of a funnel: an event name and, optionally, a condition
// on the event's properties. Match is given the event's index in the Events
// the log was grouped from (Log.Order), so the caller can read any column
// of the source; nil matches every event of that name.
type Step struct {
	Event uint32
	Match func(event int32) bool
}

// FunnelResult is the outcome of a funnel for every customer.
type FunnelResult struct {
	Steps   int
	Reached []int8  // per customer: steps reached, 0 when the customer never did the first
	Entered []int   // per step: customers who reached it
	At      []int64 // per customer and step (customer*Steps + step): when the step was done; 0 when not reached
	Waits   [][]float64
}

// Funnel follows every customer through ordered steps. A customer enters
// at any event matching step 1; each next step is the first matching event
// after the previous step's event, and every step must happen within window
// seconds of the entry (window <= 0: no limit). Of a customer's entries,
// the one reaching the furthest step counts (the earliest among equals), as
// in Mixpanel's and Amplitude's "uniques" funnels. Each step is matched
// with a pointer that only moves forward, so the cost is the number of
// events times the number of steps, whatever the number of entries.
//
// Waits[j] (j >= 1) holds, for every customer who reached step j, the
// seconds between their step j-1 and step j.
func Funnel(l *Log, steps []Step, window int64) *FunnelResult {
	k := len(steps)
	n := l.Customers()
	r := &FunnelResult{Steps: k, Reached: make([]int8, n), Entered: make([]int, k),
		At: make([]int64, n*k), Waits: make([][]float64, k)}
	if k == 0 {
		return r
	}
	matches := func(j, i int) bool {
		return l.Name[i] == steps[j].Event && (steps[j].Match == nil || steps[j].Match(l.Order[i]))
	}
	ptr := make([]int, k)
	times := make([]int64, k)
	best := make([]int64, k)
	for c := 0; c < n; c++ {
		lo, hi := l.Of(c)
		bestN := 0
		for j := range ptr {
			ptr[j] = lo
		}
		for i := lo; i < hi && bestN < k; i++ {
			if !matches(0, i) {
				continue
			}
			t0, prev, got := l.Time[i], i, 1
			times[0] = t0
			for j := 1; j < k; j++ {
				p := max(ptr[j], prev+1)
				for p < hi && !matches(j, p) {
					p++
				}
				ptr[j] = p
				if p >= hi || (window > 0 && l.Time[p]-t0 > window) {
					break
				}
				prev, times[got] = p, l.Time[p]
				got++
			}
			if got > bestN {
				bestN = got
				copy(best, times[:got])
			}
		}
		r.Reached[c] = int8(bestN)
		for j := 0; j < bestN; j++ {
			r.Entered[j]++
			r.At[c*k+j] = best[j]
			if j > 0 {
				r.Waits[j] = append(r.Waits[j], float64(best[j]-best[j-1]))
			}
		}
	}
	return r
}

// MedianWait is the median of the seconds between step j-1 and step j
// over the customers who reached step j; NaN when none did.
func (r *FunnelResult) MedianWait(j int) float64 {
	if j <= 0 || j >= r.Steps {
		return math.NaN()
	}
	return Median(append([]float64(nil), r.Waits[j]...))
}

// Dropped lists the customers who reached step j-1 but not step j
// (1 <= j < Steps), ascending.
func (r *FunnelResult) Dropped(j int) []int32 {
	var out []int32
	for c, got := range r.Reached {
		if int(got) == j {
			out = append(out, int32(c))
		}
	}
	return out
}

// Breakdown counts, per group, the customers reaching each step. group[c]
// is customer c's group (0..groups-1), or negative for none.
func (r *FunnelResult) Breakdown(group []int32, groups int) [][]int {
	out := make([][]int, groups)
	for g := range out {
		out[g] = make([]int, r.Steps)
	}
	for c, got := range r.Reached {
		g := group[c]
		if g < 0 {
			continue
		}
		for j := 0; j < int(got); j++ {
			out[g][j]++
		}
	}
	return out
}

// BreakdownTest tests whether conversion from the first to the last step
// differs between the groups of a breakdown (chi-squared test of
// independence on converted and not converted per group).
func BreakdownTest(counts [][]int) (stat float64, df int, p float64) {
	table := make([][]float64, len(counts))
	for g, row := range counts {
		if len(row) == 0 {
			continue
		}
		entered, converted := row[0], row[len(row)-1]
		table[g] = []float64{float64(converted), float64(entered - converted)}
	}
	return ChiSquare(table)
}
