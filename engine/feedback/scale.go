package feedback

import "math"

// Metric is what a score measures.
type Metric string

const (
	NPS  Metric = "nps"
	CSAT Metric = "csat"
	CES  Metric = "ces"
)

// Scale is the range answers were given on. Reversed means the low end is
// the good one (a CES scale where 1 = very easy, a 1 = "very satisfied"
// survey): answers are turned round before anything is computed, so that
// high is always good.
type Scale struct {
	Min      float64 `json:"min"`
	Max      float64 `json:"max"`
	Reversed bool    `json:"reversed,omitempty"`
}

// Orient turns an answer so that higher is better.
func (s Scale) Orient(v float64) float64 {
	if s.Reversed {
		return s.Min + s.Max - v
	}
	return v
}

// Points is the number of steps of a whole-number scale (5 for 1–5, 3 for 0–2).
func (s Scale) Points() int { return int(math.Round(s.Max-s.Min)) + 1 }

// topFrom is the lowest oriented answer in the top boxes: the top box on
// a scale of 3 points or fewer, the top two boxes up to 11 points, and
// the top fifth of a longer scale (0–100 sliders).
func (s Scale) topFrom() float64 {
	switch p := s.Points(); {
	case p <= 3:
		return s.Max
	case p <= 11:
		return s.Max - 1
	}
	return s.Max - 0.2*(s.Max-s.Min)
}

// bottomTo is the highest oriented answer in the bottom boxes, the mirror of topFrom.
func (s Scale) bottomTo() float64 {
	switch p := s.Points(); {
	case p <= 3:
		return s.Min
	case p <= 11:
		return s.Min + 1
	}
	return s.Min + 0.2*(s.Max-s.Min)
}

// Top reports whether an (unoriented) answer is in the top boxes.
func (s Scale) Top(v float64) bool { return s.Orient(v) >= s.topFrom() }

// Bottom reports whether an (unoriented) answer is in the bottom boxes.
func (s Scale) Bottom(v float64) bool { return s.Orient(v) <= s.bottomTo() }

// oriented returns the answers turned round when the scale is reversed, NaNs left out.
func (s Scale) oriented(values []float64) []float64 {
	out := make([]float64, 0, len(values))
	for _, v := range values {
		if !math.IsNaN(v) {
			out = append(out, s.Orient(v))
		}
	}
	return out
}

// CSATResult is customer satisfaction: % satisfied (top-two-box, top box
// on 3-point scales) with a Wilson interval, and the mean answer with a t
// interval (oriented: on a reversed scale the mean is of the turned answers).
type CSATResult struct {
	Scale     Scale      `json:"scale"`
	Satisfied Proportion `json:"satisfied"`
	Mean      Mean       `json:"mean"`
}

// CSATOf computes CSAT of answers on a scale (NaNs skipped).
func CSATOf(values []float64, s Scale) CSATResult {
	o := s.oriented(values)
	top := 0
	for _, v := range o {
		if v >= s.topFrom() {
			top++
		}
	}
	return CSATResult{Scale: s, Satisfied: NewProportion(top, len(o)), Mean: NewMean(o)}
}

// CESResult is the customer effort score: the mean with a t interval, %
// easy (top two boxes, once oriented so that high is easy), % difficult
// (bottom two) and Net Effort = % easy − % difficult with a trinomial
// interval.
type CESResult struct {
	Scale     Scale      `json:"scale"`
	Mean      Mean       `json:"mean"`
	Easy      Proportion `json:"easy"`
	Difficult Proportion `json:"difficult"`
	NetEffort Net        `json:"netEffort"`
}

// CESOf computes CES of answers on a scale (NaNs skipped).
func CESOf(values []float64, s Scale) CESResult {
	o := s.oriented(values)
	var easy, hard int
	for _, v := range o {
		switch {
		case v >= s.topFrom():
			easy++
		case v <= s.bottomTo():
			hard++
		}
	}
	n := len(o)
	return CESResult{Scale: s, Mean: NewMean(o), Easy: NewProportion(easy, n), Difficult: NewProportion(hard, n),
		NetEffort: NewNet(easy, n-easy-hard, hard)}
}

// Headline is a metric's one figure for a group of answers, with its
// interval: NPS for NPS, % satisfied for CSAT, the mean for CES.
type Headline struct {
	N     int     `json:"n"`
	Value float64 `json:"value"`
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
}

// group is a group's answers summarised for its headline and for tests.
type group struct {
	net  Net
	prop Proportion
	mean Mean
}

func summarise(m Metric, s Scale, values []float64) group {
	switch m {
	case NPS:
		return group{net: NPSIn(s, values)}
	case CSAT:
		c := CSATOf(values, s)
		return group{prop: c.Satisfied}
	}
	return group{mean: NewMean(s.oriented(values))}
}

func (g group) headline(m Metric) Headline {
	switch m {
	case NPS:
		return Headline{N: g.net.N, Value: g.net.Score, Low: g.net.Low, High: g.net.High}
	case CSAT:
		return Headline{N: g.prop.N, Value: g.prop.Percent, Low: g.prop.Low, High: g.prop.High}
	}
	return Headline{N: g.mean.N, Value: g.mean.Mean, Low: g.mean.Low, High: g.mean.High}
}

func compare(m Metric, a, b group) Test {
	switch m {
	case NPS:
		return CompareNets(a.net, b.net)
	case CSAT:
		return CompareProportions(a.prop, b.prop)
	}
	return CompareMeans(a.mean, b.mean)
}

// HeadlineOf is the headline figure of answers.
func HeadlineOf(m Metric, s Scale, values []float64) Headline {
	return summarise(m, s, values).headline(m)
}

// Compare tests the headline of answers a against that of answers b.
func Compare(m Metric, s Scale, a, b []float64) Test {
	return compare(m, summarise(m, s, a), summarise(m, s, b))
}

// Outcome is the number per answer whose mean is the headline, for driver
// analysis: +100/0/−100 for promoter/passive/detractor (its mean is the
// NPS), 100 or 0 for satisfied or not (its mean is % satisfied), the
// oriented answer for CES.
func Outcome(m Metric, s Scale, v float64) float64 {
	switch m {
	case NPS:
		switch CategoryIn(s, v) {
		case Promoter:
			return 100
		case Detractor:
			return -100
		}
		return 0
	case CSAT:
		if s.Top(v) {
			return 100
		}
		return 0
	}
	return s.Orient(v)
}
