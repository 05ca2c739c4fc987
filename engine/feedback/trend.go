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

// stepOf is the step a Unix time falls in as a sortable number: the
// Monday's day number for weeks, year·12 + month − 1 for months, year·4 +
// quarter − 1 for quarters. (Without time.Time: it runs once per answer.)
func stepOf(p Period, t int64) int64 {
	days := t / 86400
	if t < 0 && t%86400 != 0 {
		days--
	}
	if p == Week {
		return days - ((days%7+7)%7+3)%7 // 1970-01-01 was a Thursday
	}
	y, m := civil(days)
	if p == Quarter {
		return y*4 + (m-1)/3
	}
	return y*12 + m - 1
}

// civil is the year and month of a day number (days since 1970-01-01),
// by Howard Hinnant's algorithm.
func civil(days int64) (y, m int64) {
	z := days + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m
}

// stepLabel formats a stepOf value as PeriodOf does.
func stepLabel(p Period, k int64) string {
	switch p {
	case Week:
		return time.Unix(k*86400, 0).UTC().Format("2006-01-02")
	case Quarter:
		return fmt.Sprintf("%04d-Q%d", k/4, k%4+1)
	}
	return fmt.Sprintf("%04d-%02d", k/12, k%12+1)
}

// Trend groups answers by step (times are Unix seconds; answers with time
// 0 or a NaN value are left out) and gives each step its headline, in
// order. Steps without answers are left out; each step's change is tested
// against the step before it that has answers.
func Trend(m Metric, s Scale, values []float64, times []int64, p Period) []Point {
	byStep := map[int64][]float64{}
	for i, v := range values {
		if i < len(times) && times[i] != 0 && !math.IsNaN(v) {
			k := stepOf(p, times[i])
			byStep[k] = append(byStep[k], v)
		}
	}
	keys := make([]int64, 0, len(byStep))
	for k := range byStep {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	out := make([]Point, 0, len(keys))
	var prev group
	for i, k := range keys {
		g := summarise(m, s, byStep[k])
		pt := Point{Period: stepLabel(p, k), Headline: g.headline(m)}
		if i > 0 {
			t := compare(m, g, prev)
			pt.Change = &t
		}
		out = append(out, pt)
		prev = g
	}
	return out
}
