package feedback

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// Period is the length of a trend's steps.
type Period string

const (
	Week    Period = "week"    // ISO weeks, Monday to Sunday, UTC
	Month   Period = "month"   // calendar months
	Quarter Period = "quarter" // calendar quarters
)

// Periods lists the trend steps, shortest first.
var Periods = []Period{Week, Month, Quarter}

// Point is one step of a trend: its headline with the interval (the band)
// and, from the second step on, the test of the change from the step before.
type Point struct {
	Period string `json:"period"` // "2024-01-15" (the week's Monday), "2024-01", "2024-Q1"
	Headline
	Change *Test `json:"change,omitempty"`
}

// PeriodOf labels the step a Unix time (seconds) falls in.
func PeriodOf(p Period, t int64) string {
	d := time.Unix(t, 0).UTC()
	switch p {
	case Week:
		wd := (int(d.Weekday()) + 6) % 7 // days since Monday
		return d.AddDate(0, 0, -wd).Format("2006-01-02")
	case Quarter:
		return fmt.Sprintf("%04d-Q%d", d.Year(), (int(d.Month())-1)/3+1)
	}
	return d.Format("2006-01")
}

// Trend groups answers by step (times are Unix seconds; answers with time
// 0 or a NaN value are left out) and gives each step its headline, in
// order. Steps without answers are left out; each step's change is tested
// against the step before it that has answers.
func Trend(m Metric, s Scale, values []float64, times []int64, p Period) []Point {
	byStep := map[string][]float64{}
	for i, v := range values {
		if i < len(times) && times[i] != 0 && !math.IsNaN(v) {
			k := PeriodOf(p, times[i])
			byStep[k] = append(byStep[k], v)
		}
	}
	keys := make([]string, 0, len(byStep))
	for k := range byStep {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]Point, 0, len(keys))
	var prev group
	for i, k := range keys {
		g := summarise(m, s, byStep[k])
		pt := Point{Period: k, Headline: g.headline(m)}
		if i > 0 {
			t := compare(m, g, prev)
			pt.Change = &t
		}
		out = append(out, pt)
		prev = g
	}
	return out
}
