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
	// 16 bytes: a million orders' transactions are held at once.
	Customer int32
	Day      int32 // days since 1970-01-01 (±5.8 million years)
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
//
// It sorts txs in place (by customer, day and amount) rather than a copy
// that outlives the call: a million orders' transactions are 16 MB, and a
// buffer of that size lives only while they are sorted. The order they
// come in does not change the result, so calling it again on the same
// slice is safe (and cheap: they are found in order).
func Summarise(txs []Transaction, calibrationEnd, holdoutEnd int64, period Period) []Customer {
	kept := func(t Transaction) bool {
		return int64(t.Day) <= max(calibrationEnd, holdoutEnd) && !(t.Amount < 0) && !math.IsInf(t.Amount, 0)
	}
	// By customer and day; the amount breaks ties, so a day's amounts are
	// summed in the same order whatever order the transactions came in.
	sortTransactions(txs)
	sorted := txs
	if n := len(txs); n > 0 && !allKept(txs, kept) {
		// Rare (refunds, purchases after the holdout): a filtered copy.
		sorted = make([]Transaction, 0, n)
		for _, t := range txs {
			if kept(t) {
				sorted = append(sorted, t)
			}
		}
	}
	// One Customer per customer bought in calibration, counted first:
	// customers usually have a few orders each, and a guess would be off.
	n := 0
	for i := 0; i < len(sorted); i++ {
		if (i == 0 || sorted[i].Customer != sorted[i-1].Customer) && int64(sorted[i].Day) <= calibrationEnd {
			n++
		}
	}
	out := make([]Customer, 0, n)
	p := float64(period)
	for i := 0; i < len(sorted); {
		j := i
		for j < len(sorted) && sorted[j].Customer == sorted[i].Customer {
			j++
		}
		if int64(sorted[i].Day) <= calibrationEnd {
			c := Customer{ID: int(sorted[i].Customer), FirstDay: int64(sorted[i].Day), LastDay: int64(sorted[i].Day)}
			var repeat float64
			for k := i; k < j; {
				d := int64(sorted[k].Day)
				amount := 0.0
				for k < j && int64(sorted[k].Day) == d {
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

func allKept(txs []Transaction, kept func(Transaction) bool) bool {
	for _, t := range txs {
		if !kept(t) {
			return false
		}
	}
	return true
}

// byCustomerDayAmount is the order Summarise reads transactions in.
func byCustomerDayAmount(a, b Transaction) int {
	if c := cmp.Compare(a.Customer, b.Customer); c != 0 {
		return c
	}
	return byDayAmount(a, b)
}

// byDayAmount orders one customer's transactions by day, then amount.
func byDayAmount(a, b Transaction) int {
	if c := cmp.Compare(a.Day, b.Day); c != 0 {
		return c
	}
	return cmp.Compare(a.Amount, b.Amount)
}

// sortTransactions sorts txs by customer, day and amount. Customer
// numbers are dense (0 to the number of customers): a radix sort by
// customer, stable, keeps each customer's transactions in the order they
// came in (orders usually come by date), and each customer's few are then
// sorted by day and amount, usually already in order. Transactions that
// compare equal are equal in every field (but a NaN's or a zero's sign),
// so any correct sort gives the same sums.
func sortTransactions(txs []Transaction) {
	if len(txs) < 2 || slices.IsSortedFunc(txs, byCustomerDayAmount) {
		return // as a second summary of the same transactions finds them
	}
	lo, hi := txs[0].Customer, txs[0].Customer
	for _, t := range txs {
		lo, hi = min(lo, t.Customer), max(hi, t.Customer)
	}
	span := uint32(int64(hi) - int64(lo))
	if int64(span) > 4*int64(len(txs))+1024 || len(txs) < 256 {
		slices.SortFunc(txs, byCustomerDayAmount)
		return
	}
	// Passes of 10 bits of the customer number, least significant first,
	// each from one buffer into the other: 1024 places to write to at a
	// time stay in cache, where one pass over all customers would not.
	const bits = 10
	src, dst := txs, make([]Transaction, len(txs))
	var count [1 << bits]int
	for shift := 0; shift == 0 || span>>shift != 0; shift += bits {
		clear(count[:])
		for _, t := range src {
			count[(uint32(t.Customer-lo)>>shift)&(1<<bits-1)]++
		}
		at := 0
		for i, n := range count {
			count[i] = at
			at += n
		}
		for _, t := range src {
			k := (uint32(t.Customer-lo) >> shift) & (1<<bits - 1)
			dst[count[k]] = t
			count[k]++
		}
		src, dst = dst, src
	}
	if &src[0] != &txs[0] {
		copy(txs, src)
	}
	for i := 0; i < len(txs); {
		j := i + 1
		for j < len(txs) && txs[j].Customer == txs[i].Customer {
			j++
		}
		run := txs[i:j]
		i = j
		if len(run) > 24 {
			slices.SortFunc(run, byDayAmount)
			continue
		}
		for a := 1; a < len(run); a++ {
			for b := a; b > 0 && byDayAmount(run[b], run[b-1]) < 0; b-- {
				run[b], run[b-1] = run[b-1], run[b]
			}
		}
	}
}
