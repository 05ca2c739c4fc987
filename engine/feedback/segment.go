package feedback

import (
	"math"
	"sort"
)

// Segment is one value of an attribute (a country, a plan) compared with
// every other answer that has a value for the attribute.
type Segment struct {
	Group string `json:"group"`
	Headline
	Rest Headline `json:"rest"`
	Test Test     `json:"test"` // this segment − the rest
}

// tally adds answers up so that a group's complement is a subtraction:
// the categories for NPS, satisfied for CSAT, sums for means (of answers
// less the scale's minimum, which keeps the sum of squares exact enough).
type tally struct {
	n, top, mid, bottom int
	sum, sumSq          float64
}

func (t *tally) add(m Metric, s Scale, v float64) {
	t.n++
	switch m {
	case NPS:
		switch CategoryIn(s, v) {
		case Promoter:
			t.top++
		case Passive:
			t.mid++
		default:
			t.bottom++
		}
	case CSAT:
		if s.Top(v) {
			t.top++
		}
	default:
		x := s.Orient(v) - s.Min
		t.sum += x
		t.sumSq += x * x
	}
}

func (t tally) minus(o tally) tally {
	return tally{t.n - o.n, t.top - o.top, t.mid - o.mid, t.bottom - o.bottom, t.sum - o.sum, t.sumSq - o.sumSq}
}

func (t tally) group(m Metric, s Scale) group {
	switch m {
	case NPS:
		return group{net: NewNet(t.top, t.mid, t.bottom)}
	case CSAT:
		return group{prop: NewProportion(t.top, t.n)}
	}
	g := Mean{N: t.n}
	if t.n == 0 {
		return group{mean: g}
	}
	mean := t.sum / float64(t.n)
	g.Mean = mean + s.Min
	g.Low, g.High = g.Mean, g.Mean
	if t.n >= 2 {
		ss := math.Max(0, t.sumSq-float64(t.n)*mean*mean)
		g.SD = math.Sqrt(ss / float64(t.n-1))
		g.SE = g.SD / math.Sqrt(float64(t.n))
		q := studentTQuantile(1-Alpha/2, float64(t.n-1))
		g.Low, g.High = g.Mean-q*g.SE, g.Mean+q*g.SE
	}
	return group{mean: g}
}

// BySegment compares the answers of each value of an attribute with the
// rest. Answers with an empty value are left out. Values with fewer than
// minGroup answers are left out too (counted in the second result). The
// segments come most significant first: those with a verdict by p-value,
// then those too small for one, by size.
func BySegment(m Metric, s Scale, values []float64, labels []string, minGroup int) ([]Segment, int) {
	byValue := map[string]*tally{}
	var all tally
	for i, v := range values {
		if i < len(labels) && labels[i] != "" && !math.IsNaN(v) {
			t := byValue[labels[i]]
			if t == nil {
				t = &tally{}
				byValue[labels[i]] = t
			}
			t.add(m, s, v)
			all.add(m, s, v)
		}
	}
	if len(byValue) < 2 {
		return nil, 0
	}
	var out []Segment
	dropped := 0
	for val, t := range byValue {
		if t.n < minGroup {
			dropped++
			continue
		}
		g, r := t.group(m, s), all.minus(*t).group(m, s)
		out = append(out, Segment{Group: val, Headline: g.headline(m), Rest: r.headline(m), Test: compare(m, g, r)})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Test.Enough != b.Test.Enough {
			return a.Test.Enough
		}
		if a.Test.Enough && a.Test.P != b.Test.P {
			return a.Test.P < b.Test.P
		}
		if a.N != b.N {
			return a.N > b.N
		}
		return a.Group < b.Group
	})
	return out, dropped
}
