package segment

import "math"

// Columns are the per-customer values segments are built from, one slice
// entry per customer. The engine fills them once per session; rules,
// summaries, clusters and breakdowns only read them.
type Columns struct {
	N int
	// Text holds attributes as interned string ids (0 = none), read with
	// Value: name, email, phone, company, industry, size, country, region,
	// city, language, gender, jobTitle, interests, currency, nps, rfm…
	Text map[string][]uint32
	// Number holds numeric values (NaN = none): orders, spend, aov,
	// recencyDays, tickets, reviews, answers, events, sentiment, churnRisk…
	Number map[string][]float64
	// Date holds times as Unix seconds (0 = none): firstOrder, lastOrder,
	// firstSeen, lastSeen.
	Date map[string][]int64
	// Value returns the text of a string id; NStrings bounds the ids.
	Value    func(id uint32) string
	NStrings int
	// Tick, when not nil, is called every few thousand customers of the
	// long loops, so a host with one thread can report progress.
	Tick func()
	// FitK, when not nil, fits Clusters' candidate k's (each KFit.Run),
	// in any order or at once, and returns their results in the order
	// given; nil fits them one after another.
	FitK func(fits []KFit) []KResult
	// OrderCust and OrderDate list every counted order (cancelled and fully
	// refunded ones left out): its customer and its time (0 = undated).
	OrderCust []int32
	OrderDate []int64
	// AsOf is the time recency and "the last N days" are measured from.
	AsOf int64

	// Columns whose value is the same for every customer, kept as that
	// value (SetText, SetNumber, SetDate): a file of millions of contacts
	// has many (no orders, no spend, no company), which then cost nothing
	// per customer. Read every column through TextCol, NumberCol, DateCol.
	sameText   map[string]uint32
	sameNumber map[string]float64
	sameDate   map[string]int64

	totalsDone bool // revenue by currency over everyone, cached
	totalIDs   []uint32
	totals     []float64
}

// Missing is the value of a number a customer does not have.
var Missing = math.NaN()

// Col is one column: a value per customer, or one value for all of them.
type Col[T comparable] struct {
	vals []T
	one  T
	ok   bool
}

// At is customer i's value.
func (c Col[T]) At(i int) T {
	if c.vals != nil {
		return c.vals[i]
	}
	return c.one
}

// Ok reports whether the column exists.
func (c Col[T]) Ok() bool { return c.ok }

// Same is the value of every customer, when they all have the same as one.
func (c Col[T]) Same() (T, bool) { return c.one, c.ok && c.vals == nil }

func lookup[T comparable](vals map[string][]T, same map[string]T, f string) Col[T] {
	if v, ok := vals[f]; ok {
		return Col[T]{vals: v, ok: true}
	}
	if v, ok := same[f]; ok {
		return Col[T]{one: v, ok: true}
	}
	return Col[T]{}
}

func set[T comparable](vals *map[string][]T, same *map[string]T, f string, col []T, v T) {
	if col != nil {
		if *vals == nil {
			*vals = map[string][]T{}
		}
		(*vals)[f] = col
		delete(*same, f)
		return
	}
	if *same == nil {
		*same = map[string]T{}
	}
	(*same)[f] = v
	delete(*vals, f)
}

// TextCol, NumberCol and DateCol return the column named f.
func (c *Columns) TextCol(f string) Col[uint32]    { return lookup(c.Text, c.sameText, f) }
func (c *Columns) NumberCol(f string) Col[float64] { return lookup(c.Number, c.sameNumber, f) }
func (c *Columns) DateCol(f string) Col[int64]     { return lookup(c.Date, c.sameDate, f) }

// SetText, SetNumber and SetDate set the column named f to col, or, when
// col is nil, to v for every customer.
func (c *Columns) SetText(f string, col []uint32, v uint32) { set(&c.Text, &c.sameText, f, col, v) }
func (c *Columns) SetNumber(f string, col []float64, v float64) {
	set(&c.Number, &c.sameNumber, f, col, v)
}
func (c *Columns) SetDate(f string, col []int64, v int64) { set(&c.Date, &c.sameDate, f, col, v) }

// str is the text of customer i in column col ("" when none).
func (c *Columns) str(col Col[uint32], i int) string {
	if !col.ok {
		return ""
	}
	if id := col.At(i); id != 0 {
		return c.Value(id)
	}
	return ""
}
