package feedback

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol || math.IsNaN(got) {
		t.Errorf("%s = %.6f, want %.6f (±%g)", what, got, want, tol)
	}
}

func repeat(v float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = v
	}
	return out
}

func concat(parts ...[]float64) []float64 {
	var out []float64
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func TestZ(t *testing.T) {
	near(t, "z", Z(), 1.959963985, 1e-8)
	near(t, "z", Z(), distuv.UnitNormal.Quantile(1-Alpha/2), 1e-15)
}

func TestCategoryOf(t *testing.T) {
	cases := map[float64]Category{0: Detractor, 6: Detractor, 6.5: Detractor, 6.99: Detractor, 7: Passive,
		8: Passive, 8.5: Passive, 8.99: Passive, 9: Promoter, 9.5: Promoter, 10: Promoter}
	for v, want := range cases {
		if got := CategoryOf(v); got != want {
			t.Errorf("CategoryOf(%v) = %s, want %s", v, got, want)
		}
	}
}

// Large enough for the Wald interval: 60 promoters, 30 passives, 30
// detractors. NPS = 50% − 25% = 25; s² = .5 + .25 − .25² = .6875;
// SE = √(.6875/120) = 7.5691 points; 95% interval 25 ± 1.96·7.5691.
func TestNPSWald(t *testing.T) {
	vals := concat(repeat(10, 40), repeat(9, 20), repeat(8, 20), repeat(7, 10), repeat(6, 10), repeat(0, 20))
	x := NPSOf(vals)
	if x.N != 120 || x.Top != 60 || x.Middle != 30 || x.Bottom != 30 || x.Method != "wald" {
		t.Fatalf("split %+v", x)
	}
	near(t, "score", x.Score, 25, 1e-12)
	near(t, "se", x.SE, 100*math.Sqrt(.6875/120), 1e-9)
	near(t, "low", x.Low, 25-1.959964*7.569126, 1e-4)
	near(t, "high", x.High, 25+1.959964*7.569126, 1e-4)
}

// Small n: 5 promoters, 3 passives, 2 detractors. Adjusted-Wald adds ¾
// promoter, ¾ detractor and 3 answers: p_P = 5.75/13, p_D = 2.75/13.
func TestNPSAdjustedWald(t *testing.T) {
	x := NewNet(5, 3, 2)
	near(t, "score", x.Score, 30, 1e-12) // the score itself is never adjusted
	near(t, "se", x.SE, 100*math.Sqrt((0.5+0.2-0.09)/10), 1e-9)
	pp, pd := 5.75/13, 2.75/13
	se := math.Sqrt((pp + pd - (pp-pd)*(pp-pd)) / 13)
	near(t, "low", x.Low, 100*(pp-pd-1.959964*se), 1e-3)
	near(t, "high", x.High, 100*(pp-pd+1.959964*se), 1e-3)
	if x.Method != "adjusted-wald" {
		t.Errorf("method %s", x.Method)
	}
}

func TestNPSEdgeCases(t *testing.T) {
	if x := NPSOf(nil); x.N != 0 || x.Score != 0 || x.Low != 0 || x.High != 0 {
		t.Errorf("n=0: %+v", x)
	}
	// One promoter: NPS 100; adjusted-Wald: p_P = 1.75/4, p_D = .75/4 →
	// centre 25, SE √((.625 − .0625)/4) = .375.
	one := NPSOf([]float64{10})
	near(t, "n=1 score", one.Score, 100, 0)
	near(t, "n=1 low", one.Low, 25-1.959964*37.5, 1e-3)
	near(t, "n=1 high", one.High, 25+1.959964*37.5, 1e-3)
	// All promoters, many: NPS 100, no spread at all.
	all := NPSOf(repeat(9, 500))
	if all.Score != 100 || all.SE != 0 || all.High != 100 || all.Low != 100 {
		t.Errorf("all promoters: %+v", all)
	}
	// Missing answers (NaN) are not answers.
	miss := NPSOf([]float64{10, math.NaN(), 0, math.NaN()})
	if miss.N != 2 || miss.Score != 0 {
		t.Errorf("missing: %+v", miss)
	}
	// Decimals fall where their value lies.
	dec := NPSOf([]float64{9.5, 8.5, 6.5, 6.9, 7.0})
	if dec.Top != 1 || dec.Middle != 2 || dec.Bottom != 2 {
		t.Errorf("decimals: %+v", dec)
	}
}

// The trinomial standard error is the standard error of the mean of
// +1/0/−1 scores with the n denominator: computed that way here.
func TestNPSIndependent(t *testing.T) {
	vals := []float64{}
	for i := 0; i < 347; i++ {
		vals = append(vals, float64((i*7+3)%11))
	}
	var sum, ss float64
	for _, v := range vals {
		s := 0.0
		if v >= 9 {
			s = 1
		} else if v <= 6 {
			s = -1
		}
		sum += s
		ss += s * s
	}
	n := float64(len(vals))
	mean := sum / n
	se := math.Sqrt((ss/n - mean*mean) / n)
	x := NPSOf(vals)
	near(t, "score", x.Score, 100*mean, 1e-9)
	near(t, "se", x.SE, 100*se, 1e-9)
}

// Wilson interval of 8 of 10 (a textbook value: 0.4902 – 0.9433).
func TestWilson(t *testing.T) {
	p := NewProportion(8, 10)
	near(t, "pct", p.Percent, 80, 1e-12)
	near(t, "low", p.Low, 49.016, 1e-3)
	near(t, "high", p.High, 94.331, 1e-3)
	if z := NewProportion(0, 0); z.Percent != 0 || z.High != 0 {
		t.Errorf("n=0: %+v", z)
	}
	zero := NewProportion(0, 20)
	near(t, "0/20 low", zero.Low, 0, 1e-12)
	near(t, "0/20 high", zero.High, 100*3.841459/(20+3.841459), 1e-3) // z²/(n+z²)
}

// 1..5: mean 3, sd √2.5, t(4, .975) = 2.776445.
func TestMeanT(t *testing.T) {
	m := NewMean([]float64{1, 2, 3, 4, 5})
	near(t, "mean", m.Mean, 3, 1e-12)
	near(t, "sd", m.SD, math.Sqrt(2.5), 1e-12)
	near(t, "low", m.Low, 3-2.776445*math.Sqrt(2.5)/math.Sqrt(5), 1e-5)
	one := NewMean([]float64{4})
	if one.N != 1 || one.Low != 4 || one.High != 4 || one.SD != 0 {
		t.Errorf("n=1: %+v", one)
	}
}

func TestCSAT(t *testing.T) {
	// 1–5: top two boxes are 4 and 5.
	c := CSATOf([]float64{5, 4, 4, 3, 2, 1, 5, math.NaN()}, Scale{Min: 1, Max: 5})
	if c.Satisfied.N != 7 || c.Satisfied.Count != 4 {
		t.Errorf("1–5: %+v", c.Satisfied)
	}
	near(t, "mean", c.Mean.Mean, 24.0/7, 1e-12)
	// 3-point 0–2: only the top box.
	c3 := CSATOf([]float64{2, 1, 0, 2}, Scale{Min: 0, Max: 2})
	if c3.Satisfied.Count != 2 {
		t.Errorf("0–2: %+v", c3.Satisfied)
	}
	// 1–10: 9 and 10. 1–7: 6 and 7.
	if c := CSATOf([]float64{10, 9, 8}, Scale{Min: 1, Max: 10}); c.Satisfied.Count != 2 {
		t.Errorf("1–10: %+v", c.Satisfied)
	}
	if c := CSATOf([]float64{7, 6, 5}, Scale{Min: 1, Max: 7}); c.Satisfied.Count != 2 {
		t.Errorf("1–7: %+v", c.Satisfied)
	}
	// Reversed 1–5 (1 = very satisfied): 1 and 2 are satisfied; the mean is of turned answers.
	r := CSATOf([]float64{1, 2, 5}, Scale{Min: 1, Max: 5, Reversed: true})
	if r.Satisfied.Count != 2 {
		t.Errorf("reversed: %+v", r.Satisfied)
	}
	near(t, "reversed mean", r.Mean.Mean, (5+4+1)/3.0, 1e-12)
}

func TestCES(t *testing.T) {
	// 1–7 agreement: easy 6–7, difficult 1–2.
	c := CESOf([]float64{7, 6, 6, 5, 4, 2, 1, 7}, Scale{Min: 1, Max: 7})
	if c.Easy.Count != 4 || c.Difficult.Count != 2 || c.Mean.N != 8 {
		t.Fatalf("%+v", c)
	}
	near(t, "net effort", c.NetEffort.Score, 100*(4.0-2)/8, 1e-12)
	near(t, "mean", c.Mean.Mean, 38.0/8, 1e-12)
	// Reversed 1–5 (1 = very easy): the same answers turned round give the same figures.
	fwd := CESOf([]float64{5, 4, 3, 2, 1, 5}, Scale{Min: 1, Max: 5})
	rev := CESOf([]float64{1, 2, 3, 4, 5, 1}, Scale{Min: 1, Max: 5, Reversed: true})
	if fwd.Easy != rev.Easy || fwd.Difficult != rev.Difficult || fwd.Mean != rev.Mean {
		t.Errorf("reversed differs:\n%+v\n%+v", fwd, rev)
	}
	near(t, "reversed easy %", rev.Easy.Percent, 50, 1e-12)
}

// tCDF integrates Student's t density by Simpson's rule: an oracle
// independent of gonum.
func tSurvival(x, df float64) float64 {
	lg1, _ := math.Lgamma((df + 1) / 2)
	lg2, _ := math.Lgamma(df / 2)
	c := math.Exp(lg1-lg2) / math.Sqrt(df*math.Pi)
	f := func(u float64) float64 { return c * math.Pow(1+u*u/df, -(df+1)/2) }
	// ∫_x^∞ f = ∫_0^{1} f(x + s/(1−s))/(1−s)² ds
	const steps = 20000
	h := 1.0 / steps
	g := func(s float64) float64 {
		if s >= 1 {
			return 0
		}
		return f(x+s/(1-s)) / ((1 - s) * (1 - s))
	}
	sum := g(0) + g(1)
	for i := 1; i < steps; i++ {
		w := 2.0
		if i%2 == 1 {
			w = 4
		}
		sum += w * g(float64(i)*h)
	}
	return sum * h / 3
}

func TestCompareMeansWelch(t *testing.T) {
	a := []float64{}
	b := []float64{}
	for i := 0; i < 40; i++ {
		a = append(a, float64(3+i%5))
		b = append(b, float64(2+(i*3)%4))
	}
	b = append(b, 1, 1, 2, 6, 6)
	ma, mb := NewMean(a), NewMean(b)
	res := CompareMeans(ma, mb)
	va, vb := ma.SD*ma.SD/float64(ma.N), mb.SD*mb.SD/float64(mb.N)
	df := (va + vb) * (va + vb) / (va*va/float64(ma.N-1) + vb*vb/float64(mb.N-1))
	tt := (ma.Mean - mb.Mean) / math.Sqrt(va+vb)
	near(t, "df", res.DF, df, 1e-9)
	near(t, "t", res.Stat, tt, 1e-9)
	near(t, "p", res.P, 2*tSurvival(math.Abs(tt), df), 1e-6)
	if !res.Enough || res.Significant != (res.P < 0.05) {
		t.Errorf("verdict %+v", res)
	}
	small := CompareMeans(NewMean(a[:10]), mb)
	if small.Enough || small.Significant {
		t.Errorf("n=10 must give no verdict: %+v", small)
	}
}

// Two proportions, pooled: 60/100 vs 45/100 → pool .525,
// SE = √(.525·.475·(2/100)) = .070622, z = .15/.070622 = 2.12398, p = .03367.
func TestCompareProportions(t *testing.T) {
	r := CompareProportions(NewProportion(60, 100), NewProportion(45, 100))
	near(t, "diff", r.Diff, 15, 1e-9)
	near(t, "z", r.Stat, 2.12398, 1e-4)
	near(t, "p", r.P, 0.03367, 1e-4)
	if !r.Significant {
		t.Error("not significant")
	}
}

// NPS 25 (n=120, SE 7.5691) vs NPS 0 from 40/40/40 (SE √(2/3/120) = 7.4536):
// z = 25/√(7.5691² + 7.4536²).
func TestCompareNets(t *testing.T) {
	a := NewNet(60, 30, 30)
	b := NewNet(40, 40, 40)
	r := CompareNets(a, b)
	se := math.Sqrt(a.SE*a.SE + b.SE*b.SE)
	near(t, "b.se", b.SE, 100*math.Sqrt(2.0/3/120), 1e-9)
	near(t, "z", r.Stat, 25/se, 1e-9)
	near(t, "p", r.P, math.Erfc(25/se/math.Sqrt2), 1e-9)
}

func TestTrend(t *testing.T) {
	day := int64(86400)
	jan := int64(1704067200) // 2024-01-01, a Monday
	var vals []float64
	var times []int64
	// January: 40 promoters, 10 detractors; February: 10 promoters, 40 detractors.
	for i := 0; i < 50; i++ {
		v := 10.0
		if i >= 40 {
			v = 3
		}
		vals, times = append(vals, v), append(times, jan+int64(i%28)*day)
		vals, times = append(vals, 13-v), append(times, jan+int64(31+i%28)*day)
	}
	vals, times = append(vals, 10), append(times, 0) // undated: left out
	pts := Trend(NPS, Scale{0, 10, false}, vals, times, Month)
	if len(pts) != 2 || pts[0].Period != "2024-01" || pts[1].Period != "2024-02" {
		t.Fatalf("%+v", pts)
	}
	near(t, "jan", pts[0].Value, 60, 1e-9)
	near(t, "feb", pts[1].Value, -60, 1e-9) // 13−10 = 3 detractor, 13−3 = 10 promoter
	if pts[0].Change != nil || pts[1].Change == nil || !pts[1].Change.Significant || math.Abs(pts[1].Change.Diff+120) > 1e-9 {
		t.Errorf("change %+v", pts[1].Change)
	}
	if got := PeriodOf(Week, jan+3*day); got != "2024-01-01" {
		t.Errorf("week %s", got)
	}
	if got := PeriodOf(Week, jan-day); got != "2023-12-25" {
		t.Errorf("week %s", got)
	}
	if got := PeriodOf(Quarter, jan+100*day); got != "2024-Q2" {
		t.Errorf("quarter %s", got)
	}
}

func TestBySegment(t *testing.T) {
	var vals []float64
	var labels []string
	add := func(label string, v float64, n int) {
		for i := 0; i < n; i++ {
			vals, labels = append(vals, v), append(labels, label)
		}
	}
	add("SA", 10, 40)
	add("SA", 0, 10) // SA: NPS 60
	add("EG", 10, 20)
	add("EG", 0, 30) // EG: NPS −20
	add("AE", 10, 3) // too small
	add("", 0, 100)  // no country: not in any segment nor in any rest
	segs, dropped := BySegment(NPS, Scale{0, 10, false}, vals, labels, 5)
	if dropped != 1 || len(segs) != 2 {
		t.Fatalf("%d dropped, %+v", dropped, segs)
	}
	// SA vs the rest (EG + AE: 23 promoters, 30 detractors of 53).
	var sa Segment
	for _, s := range segs {
		if s.Group == "SA" {
			sa = s
		}
	}
	near(t, "SA", sa.Value, 60, 1e-9)
	near(t, "rest", sa.Rest.Value, 100*(23.0-30)/53, 1e-9)
	if !sa.Test.Significant {
		t.Errorf("SA %+v", sa.Test)
	}
}

// Segments of a mean metric: the tallies give the same figures as
// NewMean and CompareMeans over the answers themselves.
func TestBySegmentMeans(t *testing.T) {
	var vals []float64
	var labels []string
	for i := 0; i < 300; i++ {
		vals = append(vals, float64(1+(i*7)%7))
		labels = append(labels, []string{"a", "b", "c"}[i%3])
	}
	sc := Scale{Min: 1, Max: 7, Reversed: true}
	segs, _ := BySegment(CES, sc, vals, labels, 5)
	for _, sg := range segs {
		var in, rest []float64
		for i, v := range vals {
			if labels[i] == sg.Group {
				in = append(in, sc.Orient(v))
			} else {
				rest = append(rest, sc.Orient(v))
			}
		}
		want := NewMean(in)
		near(t, sg.Group+" mean", sg.Value, want.Mean, 1e-9)
		near(t, sg.Group+" low", sg.Low, want.Low, 1e-9)
		test := CompareMeans(want, NewMean(rest))
		near(t, sg.Group+" p", sg.Test.P, test.P, 1e-9)
		near(t, sg.Group+" df", sg.Test.DF, test.DF, 1e-6)
	}
}

// stepOf and stepLabel agree with PeriodOf (time.Time) over forty years of days.
func TestStepOfMatchesPeriodOf(t *testing.T) {
	for d := int64(-3650); d < 365*40; d += 3 {
		ts := d*86400 + 43210
		for _, p := range Periods {
			if got, want := stepLabel(p, stepOf(p, ts)), PeriodOf(p, ts); got != want {
				t.Fatalf("%s of day %d: %s, want %s", p, d, got, want)
			}
		}
	}
}

// NPS from groups alone (−1/0/+1 on Categories) equals NPS from scores.
func TestNPSFromCategories(t *testing.T) {
	scores := []float64{10, 9, 8, 7, 6, 0, 10}
	groups := []float64{1, 1, 0, 0, -1, -1, 1}
	a, b := NPSOf(scores), NPSIn(Categories, groups)
	if a != b {
		t.Errorf("%+v != %+v", a, b)
	}
	if CategoryIn(Categories, 0) != Passive || CategoryIn(Scale{Min: 0, Max: 10}, 0) != Detractor {
		t.Error("CategoryIn")
	}
}
