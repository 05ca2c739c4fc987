package predict

import (
	"math"
	"math/rand/v2"
	"testing"
)

// expectedByIntegral computes E[Y(t) | x, t_x, T] independently of the
// hypergeometric formula: given alive, λ ~ Gamma(r+x, α+T) and
// p ~ Beta(a, b+x) a posteriori, and E[Y(t) | λ, p, alive] = (1 − e^{−λpt})/p,
// whose mean over λ is (1 − ((α+T)/(α+T+pt))^{r+x})/p; the mean over p is
// integrated numerically (p = u^k removes the singularity at 0).
func expectedByIntegral(m BGNBD, t, x, tx, T float64) float64 {
	k := math.Ceil(3 / m.A)
	beta := m.B + x
	const n = 400000
	var num, den float64
	for i := 0; i < n; i++ {
		u := (float64(i) + 0.5) / n
		p := math.Pow(u, k)
		w := k * math.Pow(u, k*m.A-1) * math.Pow(1-p, beta-1)
		f := -math.Expm1(-(m.R+x)*math.Log1p(p*t/(m.Alpha+T))) / p
		num += w * f
		den += w
	}
	return m.PAlive(x, tx, T) * num / den
}

func TestConditionalExpectedByIntegral(t *testing.T) {
	models := []BGNBD{
		{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426},
		{R: 1.5, Alpha: 20, A: 1, B: 3},        // a = 1: eq. 10 is 0/0 there
		{R: 0.8, Alpha: 2, A: 1.0000001, B: 4}, // next to it
		{R: 0.5, Alpha: 30, A: 3.5, B: 6},
		{R: 2.2, Alpha: 40, A: 2e5, B: 7e6}, // towards the NBD limit, as fits of little data go
	}
	cases := [][4]float64{ // t, x, t_x, T
		{39, 2, 30.43, 38.86},
		{39, 0, 0, 38.86},
		{52, 10, 50, 52},
		{500, 1, 2, 3}, // z close to 1: a long horizon for a young customer
		{2000, 0, 0, 1},
		{4, 40, 100, 104},
	}
	for _, m := range models {
		for _, c := range cases {
			got := m.ConditionalExpected(c[0], c[1], c[2], c[3])
			want := expectedByIntegral(m, c[0], c[1], c[2], c[3])
			if math.Abs(got-want) > 1e-4*math.Max(1, want) {
				t.Errorf("%+v E[Y(%v)|%v,%v,%v] = %.6f, integral %.6f", m, c[0], c[1], c[2], c[3], got, want)
			}
		}
	}
}

// A customer just arrived (x = 0, T = 0) is expected to buy what a new
// customer buys: the conditional expectation meets the unconditional one.
func TestConditionalMeetsUnconditional(t *testing.T) {
	m := BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	for _, tt := range []float64{1, 10, 39, 78, 500} {
		a, b := m.ConditionalExpected(tt, 0, 0, 0), m.Expected(tt)
		if math.Abs(a-b) > 1e-9*math.Max(1, b) {
			t.Errorf("t=%v: conditional %.10f, unconditional %.10f", tt, a, b)
		}
	}
}

// simulate draws n customers from the BG/NBD and Gamma-Gamma models,
// observed for T periods (a uniform spread of first purchases, times in
// whole days when period is a week).
func simulate(n int, m BGNBD, g GammaGamma, maxT float64, seed uint64) []Customer {
	rng := rand.New(rand.NewPCG(seed, 1))
	gamma := func(shape, scale float64) float64 { return gammaRand(rng, shape) * scale }
	cs := make([]Customer, n)
	for i := range cs {
		T := math.Ceil(rng.Float64()*maxT*7) / 7
		lambda := gamma(m.R, 1/m.Alpha)
		x1 := gammaRand(rng, m.A)
		p := x1 / (x1 + gammaRand(rng, m.B))
		nu := gamma(g.Q, 1/g.Gamma)
		var x, tx, spend float64
		t := 0.0
		for {
			t += rng.ExpFloat64() / lambda
			if t > T {
				break
			}
			x++
			tx = math.Floor(t*7) / 7
			spend += gamma(g.P, 1/nu)
			if rng.Float64() < p {
				break
			}
		}
		c := Customer{ID: i, Frequency: x, Recency: tx, Age: T}
		if x > 0 {
			c.Spend = spend / x
		}
		cs[i] = c
	}
	return cs
}

// gammaRand draws from Gamma(shape, 1) (Marsaglia & Tsang, with the
// boost for shape < 1).
func gammaRand(rng *rand.Rand, shape float64) float64 {
	if shape < 1 {
		return gammaRand(rng, shape+1) * math.Pow(rng.Float64(), 1/shape)
	}
	d := shape - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := rng.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := rng.Float64()
		if math.Log(u) < 0.5*x*x+d-d*v+d*math.Log(v) {
			return d * v
		}
	}
}

// Fitting data drawn from known parameters gives them back.
func TestFitRecoversParameters(t *testing.T) {
	want := BGNBD{R: 0.6, Alpha: 8, A: 0.7, B: 3}
	wantG := GammaGamma{P: 5, Q: 4, Gamma: 20}
	cs := simulate(20000, want, wantG, 60, 7)
	m, fit, err := FitBGNBD(cs)
	if err != nil || !fit.Converged {
		t.Fatalf("%v %+v", err, fit)
	}
	within(t, "r", m.R, want.R, 0.08)
	within(t, "alpha", m.Alpha, want.Alpha, 0.1)
	within(t, "a", m.A, want.A, 0.15)
	within(t, "b", m.B, want.B, 0.2)
	g, gfit, err := FitGammaGamma(cs)
	if err != nil || !gfit.Converged {
		t.Fatalf("%v %+v", err, gfit)
	}
	within(t, "p", g.P, wantG.P, 0.1)
	within(t, "q", g.Q, wantG.Q, 0.15)
	within(t, "gamma", g.Gamma, wantG.Gamma, 0.2)
}

// q stays above 1 however the spends are spread: here every repeat
// customer spends about the same, which pulls q up, and widely spread
// spends pull it towards 1.
func TestGammaGammaQAboveOne(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	var cs []Customer
	for i := 0; i < 300; i++ {
		x := float64(1 + rng.IntN(5))
		// Pareto-like mean spends: a heavy tail.
		cs = append(cs, Customer{Frequency: x, Recency: x, Age: 10, Spend: 5 / math.Pow(rng.Float64(), 1.2)})
	}
	g, _, err := FitGammaGamma(cs)
	if err != nil {
		t.Fatal(err)
	}
	if !(g.Q > 1) {
		t.Errorf("q = %v", g.Q)
	}
	for _, c := range cs {
		if s := g.ExpectedSpend(c.Frequency, c.Spend); !(s > 0) || math.IsInf(s, 0) {
			t.Fatalf("expected spend %v", s)
		}
	}
}

// Lifetime values are finite and never negative, from the models and from
// the fallback; the fallback's value is the hand-computed discounted sum.
func TestCLV(t *testing.T) {
	cs := simulate(3000, BGNBD{R: 0.6, Alpha: 8, A: 0.7, B: 3}, GammaGamma{P: 5, Q: 4, Gamma: 20}, 60, 11)
	m := NewModel(cs, Week)
	if m.Fallback != "" || !m.SpendModel {
		t.Fatalf("model: %+v", m)
	}
	for _, c := range cs {
		p := m.Predict(c, DefaultHorizon)
		if !(p.CLV >= 0) || math.IsInf(p.CLV, 0) || !(p.PAlive >= 0 && p.PAlive <= 1) || !(p.Expected >= 0) {
			t.Fatalf("%+v → %+v", c, p)
		}
	}
	// Too few repeat customers: the fallback.
	few := []Customer{
		{ID: 1, Frequency: 2, Recency: 8, Age: 10, Spend: 30, Total: 90},
		{ID: 2, Frequency: 0, Age: 10, Total: 50},
	}
	fm := NewModel(few, Week)
	if fm.Fallback != FallbackFewRepeat {
		t.Fatalf("fallback %q", fm.Fallback)
	}
	if math.Abs(fm.RepeatRate-0.1) > 1e-12 { // 2 repeat purchases in 20 customer-weeks
		t.Errorf("repeat rate %v", fm.RepeatRate)
	}
	p := fm.Predict(few[1], Horizon{Months: 2, MonthlyDiscount: 0.05})
	month := 365.25 / 12 / 7
	want := 0.1*month*50/1.05 + 0.1*month*50/(1.05*1.05)
	if math.Abs(p.CLV-want) > 1e-9 || !math.IsNaN(p.PAlive) {
		t.Errorf("fallback CLV %v, want %v (P(alive) %v)", p.CLV, want, p.PAlive)
	}
}

// The starts are compared on exactly subsampleSize customers spread evenly
// over all of them, and only above 1.5 times that many.
func TestEverySubsample(t *testing.T) {
	cs := make([]Customer, 3*subsampleSize/2)
	for i := range cs {
		cs[i].ID = i
	}
	if got := every(cs); got != nil {
		t.Errorf("%d customers: a subsample of %d, want none", len(cs), len(got))
	}
	cs = make([]Customer, 5*subsampleSize)
	for i := range cs {
		cs[i].ID = i
	}
	got := every(cs)
	if len(got) != subsampleSize {
		t.Fatalf("%d customers: a subsample of %d, want %d", len(cs), len(got), subsampleSize)
	}
	for i, c := range got {
		if c.ID != 5*i {
			t.Fatalf("subsample[%d] is customer %d, want every 5th: %d", i, c.ID, 5*i)
		}
	}
}
