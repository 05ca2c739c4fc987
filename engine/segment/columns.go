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
	// OrderCust and OrderDate list every counted order (cancelled and fully
	// refunded ones left out): its customer and its time (0 = undated).
	OrderCust []int32
	OrderDate []int64
	// AsOf is the time recency and "the last N days" are measured from.
	AsOf int64

	totalsDone bool // revenue by currency over everyone, cached
	totalIDs   []uint32
	totals     []float64
}

// Missing is the value of a number a customer does not have.
var Missing = math.NaN()

// text returns the text column named f, or nil.
func (c *Columns) text(f string) []uint32 { return c.Text[f] }

// str is the text of customer i in column col ("" when none).
func (c *Columns) str(col []uint32, i int) string {
	if col == nil || col[i] == 0 {
		return ""
	}
	return c.Value(col[i])
}
