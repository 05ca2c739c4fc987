package predict

import (
	"cmp"
	"math"
	"slices"
)

// Transaction is one dated purchase of one customer. Day is the day number
// (days since 1970-01-01, UTC); several transactions on the same day are one
// purchase whose amount is their sum, as in the published CDNOW analyses.
type Transaction struct {
	Customer int
	Day      int64
	Amount   float64
}

// Customer is one customer's summary in the calibration period, the input of
// the models. Times are in periods (weeks or days).
type Customer struct {
	ID        int     // the caller's customer number
	Frequency float64 // x: repeat purchases (purchase days after the first)
	Recency   float64 // t_x: time from the first purchase to the last
	Age       float64 // T: time from the first purchase to the end of calibration
	Spend     float64 // mean amount of the repeat purchases (0 when x = 0)
	Holdout   float64 // purchases in the holdout period (0 without one)
	FirstDay  int64   // day of the first purchase
	LastDay   int64   // day of the last purchase in calibration
	Total     float64 // amount of every purchase in calibration, the first included
}

// Periods says how long one model period is in days.
type Period int

const (
	Day  Period = 1
	Week Period = 7
)

// String is the period's name as the CLI and the report write it.
func (p Period) String() string {
	if p == Week {
		return "week"
	}
	return "day"
}

// Summarise folds transactions into one Customer per customer who bought on
// or before calibrationEnd (a day number, inclusive). Purchases after it and
// up to holdoutEnd (inclusive; holdoutEnd ≤ calibrationEnd means no holdout)
// are counted in Holdout. Transactions with a negative amount or outside
// the range are ignored; the result is sorted by customer.
func Summarise(txs []Transaction, calibrationEnd, holdoutEnd int64, period Period) []Customer {
	sorted := byCustomer(txs, max(calibrationEnd, holdoutEnd))
	out := make([]Customer, 0, len(sorted)/3+16) // orders per customer: usually a few
	p := float64(period)
	for i := 0; i < len(sorted); {
		j := i
		for j < len(sorted) && sorted[j].Customer == sorted[i].Customer {
			j++
		}
		if sorted[i].Day <= calibrationEnd {
			c := Customer{ID: sorted[i].Customer, FirstDay: sorted[i].Day, LastDay: sorted[i].Day}
			var repeat float64
			for k := i; k < j; {
				d := sorted[k].Day
				amount := 0.0
				for k < j && sorted[k].Day == d {
					if !math.IsNaN(sorted[k].Amount) {
						amount += sorted[k].Amount
					}
					k++
				}
				switch {
				case d > calibrationEnd:
					c.Holdout++
				case d == c.FirstDay:
					c.Total += amount
				default:
					c.Frequency++
					c.LastDay = d
					repeat += amount
					c.Total += amount
				}
			}
			c.Recency = float64(c.LastDay-c.FirstDay) / p
			c.Age = float64(calibrationEnd-c.FirstDay) / p
			if c.Frequency > 0 {
				c.Spend = repeat / c.Frequency
			}
			out = append(out, c)
		}
		i = j
	}
	return out
}

// byCustomer returns the transactions up to day last with an amount that
// is not negative or infinite, sorted by customer, day and amount (the
// amount breaks ties, so a day's amounts are summed in the same order
// whatever order the transactions came in). Customer numbers are usually
// dense (0…n-1), so the transactions are first placed by customer with a
// counting sort, and only each customer's few are then sorted.
func byCustomer(txs []Transaction, last int64) []Transaction {
	keep := func(t Transaction) bool { return t.Day <= last && !(t.Amount < 0) && !math.IsInf(t.Amount, 0) }
	byDay := func(a, b Transaction) int {
		if c := cmp.Compare(a.Day, b.Day); c != 0 {
			return c
		}
		return cmp.Compare(a.Amount, b.Amount)
	}
	lo, hi, n := math.MaxInt, math.MinInt, 0
	for _, t := range txs {
		if keep(t) {
			lo, hi, n = min(lo, t.Customer), max(hi, t.Customer), n+1
		}
	}
	sorted := make([]Transaction, n)
	if n == 0 {
		return sorted
	}
	if span := uint64(hi) - uint64(lo); span >= uint64(4*n+1024) {
		// Sparse numbers: a plain sort.
		sorted = sorted[:0]
		for _, t := range txs {
			if keep(t) {
				sorted = append(sorted, t)
			}
		}
		slices.SortFunc(sorted, func(a, b Transaction) int {
			if c := cmp.Compare(a.Customer, b.Customer); c != 0 {
				return c
			}
			return byDay(a, b)
		})
		return sorted
	}
	start := make([]int32, hi-lo+2)
	for _, t := range txs {
		if keep(t) {
			start[t.Customer-lo+1]++
		}
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	next := slices.Clone(start[:len(start)-1])
	for _, t := range txs {
		if keep(t) {
			k := t.Customer - lo
			sorted[next[k]] = t
			next[k]++
		}
	}
	for k := 0; k+1 < len(start); k++ {
		if g := sorted[start[k]:start[k+1]]; len(g) > 1 {
			slices.SortFunc(g, byDay)
		}
	}
	return sorted
}
