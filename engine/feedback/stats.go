package feedback

import (
	"math"
)

const (
	// Confidence is the level of every interval.
	Confidence = 0.95
	// Alpha is the significance level of every test.
	Alpha = 1 - Confidence
	// MinN is the fewest answers per group for a test to give a verdict:
	// below it the normal approximations the tests rest on are too rough.
	MinN = 30
	// SmallN is the sample size below which NPS uses the adjusted-Wald interval.
	SmallN = 100
)

// z is the two-sided normal quantile of Confidence, Φ⁻¹(0.975). A constant
// (a test checks it against gonum's quantile) rather than computed at
// init, so the interface, which reads this package's types through the
// report, does not link the distributions.
const z = 1.959963984540054

// Z returns the normal quantile the intervals use.
func Z() float64 { return z }

// Proportion is a share of answers with its Wilson score interval, in percent.
type Proportion struct {
	N       int     `json:"n"`
	Count   int     `json:"count"`
	Percent float64 `json:"percent"`
	Low     float64 `json:"low"`
	High    float64 `json:"high"`
}

// NewProportion is count out of n with its Wilson interval. n = 0 gives zeros.
func NewProportion(count, n int) Proportion {
	p := Proportion{N: n, Count: count}
	if n == 0 {
		return p
	}
	ph := float64(count) / float64(n)
	nf := float64(n)
	den := 1 + z*z/nf
	centre := (ph + z*z/(2*nf)) / den
	half := z / den * math.Sqrt(ph*(1-ph)/nf+z*z/(4*nf*nf))
	p.Percent = 100 * ph
	p.Low = 100 * math.Max(0, centre-half)
	p.High = 100 * math.Min(1, centre+half)
	return p
}

// Mean is the mean of answers with a Student t interval. With one answer
// the interval is the point itself and SD is 0: there is no spread to see.
type Mean struct {
	N    int     `json:"n"`
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
	SE   float64 `json:"se"`
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

// NewMean summarises values (NaNs skipped).
func NewMean(values []float64) Mean {
	var m Mean
	var sum float64
	for _, v := range values {
		if !math.IsNaN(v) {
			m.N++
			sum += v
		}
	}
	if m.N == 0 {
		return m
	}
	m.Mean = sum / float64(m.N)
	var ss float64
	for _, v := range values {
		if !math.IsNaN(v) {
			ss += (v - m.Mean) * (v - m.Mean)
		}
	}
	m.Low, m.High = m.Mean, m.Mean
	if m.N < 2 {
		return m
	}
	m.SD = math.Sqrt(ss / float64(m.N-1))
	m.SE = m.SD / math.Sqrt(float64(m.N))
	t := studentTQuantile(1-Alpha/2, float64(m.N-1))
	m.Low, m.High = m.Mean-t*m.SE, m.Mean+t*m.SE
	return m
}

// Test is the outcome of comparing two groups: A − B, its standard error,
// the test statistic, degrees of freedom (Welch only) and the two-sided
// p-value. Enough is false when either group has fewer than MinN answers:
// then the numbers are shown but no verdict is drawn.
type Test struct {
	Diff        float64 `json:"diff"`
	SE          float64 `json:"se"`
	Stat        float64 `json:"stat"`
	DF          float64 `json:"df,omitempty"`
	P           float64 `json:"p"`
	Enough      bool    `json:"enough"`
	Significant bool    `json:"significant"` // Enough and P < Alpha
}

func verdict(t Test, na, nb int) Test {
	t.Enough = na >= MinN && nb >= MinN
	t.Significant = t.Enough && t.P < Alpha
	return t
}

// normalTest is the z-test of a difference with a standard error; a difference with no
// spread at all is 0 when there is a difference, 1 when there is none.
func normalTest(diff, se float64) Test {
	t := Test{Diff: diff, SE: se, P: 1}
	switch {
	case se > 0:
		t.Stat = diff / se
		t.P = 2 * normalSurvival(math.Abs(t.Stat))
	case diff != 0:
		t.P = 0 // no spread in either group, yet they differ (Stat is left 0: it is infinite)
	}
	return t
}

// CompareProportions is the two-proportion z-test with a pooled variance,
// in percentage points.
func CompareProportions(a, b Proportion) Test {
	if a.N == 0 || b.N == 0 {
		return Test{P: 1}
	}
	pa, pb := float64(a.Count)/float64(a.N), float64(b.Count)/float64(b.N)
	pool := float64(a.Count+b.Count) / float64(a.N+b.N)
	se := math.Sqrt(pool * (1 - pool) * (1/float64(a.N) + 1/float64(b.N)))
	t := normalTest(100*(pa-pb), 100*se)
	return verdict(t, a.N, b.N)
}

// CompareMeans is Welch's t-test (unequal variances, Welch–Satterthwaite
// degrees of freedom).
func CompareMeans(a, b Mean) Test {
	if a.N < 2 || b.N < 2 {
		return Test{Diff: a.Mean - b.Mean, P: 1}
	}
	va, vb := a.SE*a.SE, b.SE*b.SE
	t := Test{Diff: a.Mean - b.Mean, SE: math.Sqrt(va + vb), P: 1}
	if t.SE == 0 {
		t = normalTest(t.Diff, 0)
	} else {
		t.Stat = t.Diff / t.SE
		t.DF = (va + vb) * (va + vb) / (va*va/float64(a.N-1) + vb*vb/float64(b.N-1))
		t.P = 2 * studentTSurvival(math.Abs(t.Stat), t.DF)
	}
	return verdict(t, a.N, b.N)
}
