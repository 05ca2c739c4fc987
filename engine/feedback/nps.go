package feedback

import "math"

// Category is an NPS answer's group.
type Category string

const (
	Promoter  Category = "promoter"
	Passive   Category = "passive"
	Detractor Category = "detractor"
)

// CategoryOf is the group of an answer on the 0–10 scale: promoter from 9,
// detractor below 7 (0–6), passive in between. A decimal answer (an
// average, a slider) falls where its value lies: 8.5 is passive, 6.5 a
// detractor.
func CategoryOf(v float64) Category {
	switch {
	case v >= 9:
		return Promoter
	case v < 7:
		return Detractor
	}
	return Passive
}

// Categories is the scale of NPS answers given only as their category
// (Promoter, Passive, Detractor: a tool's NPS group column): −1, 0, +1.
var Categories = Scale{Min: -1, Max: 1}

// CategoryIn is the group of an NPS answer on its scale: by CategoryOf on
// 0–10, by sign on Categories.
func CategoryIn(s Scale, v float64) Category {
	if s == Categories {
		switch {
		case v > 0:
			return Promoter
		case v < 0:
			return Detractor
		}
		return Passive
	}
	return CategoryOf(v)
}

// Net is a trinomial score: % of the top group − % of the bottom group,
// in points from −100 to 100, with its interval. NPS (promoters −
// detractors) and CES's Net Effort (easy − difficult) are both Nets.
type Net struct {
	N      int     `json:"n"`
	Top    int     `json:"top"`    // promoters; easy answers
	Middle int     `json:"middle"` // passives; neutral answers
	Bottom int     `json:"bottom"` // detractors; difficult answers
	Score  float64 `json:"score"`  // 100·(Top − Bottom)/N
	SE     float64 `json:"se"`     // in points
	Low    float64 `json:"low"`
	High   float64 `json:"high"`
	Method string  `json:"method"` // "wald" or "adjusted-wald"
}

// NewNet computes the score of top, middle and bottom counts. Its standard
// error is the trinomial one, √((p_T + p_B − (p_T − p_B)²)/n). With fewer
// than SmallN answers the interval is adjusted-Wald: ¾ added to the top
// and to the bottom counts and 3 to n before the same formula, which keeps
// the interval honest when everyone so far is a promoter (n = 1 included).
// The interval is clipped to −100..100. n = 0 gives zeros.
func NewNet(top, middle, bottom int) Net {
	n := top + middle + bottom
	x := Net{N: n, Top: top, Middle: middle, Bottom: bottom, Method: "wald"}
	if n == 0 {
		return x
	}
	pt, pb := float64(top)/float64(n), float64(bottom)/float64(n)
	x.Score = 100 * (pt - pb)
	x.SE = 100 * math.Sqrt(math.Max(0, pt+pb-(pt-pb)*(pt-pb))/float64(n))
	centre, se := x.Score, x.SE
	if n < SmallN {
		x.Method = "adjusted-wald"
		na := float64(n) + 3
		at, ab := (float64(top)+0.75)/na, (float64(bottom)+0.75)/na
		centre = 100 * (at - ab)
		se = 100 * math.Sqrt((at+ab-(at-ab)*(at-ab))/na)
	}
	x.Low = math.Max(-100, centre-z*se)
	x.High = math.Min(100, centre+z*se)
	return x
}

// NPSOf counts the categories of answers on the 0–10 scale (NaNs skipped)
// and computes the NPS.
func NPSOf(values []float64) Net { return NPSIn(Scale{Min: 0, Max: 10}, values) }

// NPSIn is NPSOf for answers on a scale: 0–10, or Categories.
func NPSIn(s Scale, values []float64) Net {
	var p, m, d int
	for _, v := range values {
		if math.IsNaN(v) {
			continue
		}
		switch CategoryIn(s, v) {
		case Promoter:
			p++
		case Passive:
			m++
		default:
			d++
		}
	}
	return NewNet(p, m, d)
}

// CompareNets is the z-test of the difference of two Nets (NPS or Net
// Effort) with unpooled trinomial variances, in points (Wald standard
// errors, whatever the interval's method).
func CompareNets(a, b Net) Test {
	if a.N == 0 || b.N == 0 {
		return Test{Diff: a.Score - b.Score, P: 1}
	}
	t := normalTest(a.Score-b.Score, math.Sqrt(a.SE*a.SE+b.SE*b.SE))
	return verdict(t, a.N, b.N)
}
