package predict

import (
	"math"
	"math/rand/v2"
	"testing"
)

// noDropoutCustomers draws n customers who never drop out: each buys at
// a Poisson rate λ ~ Gamma(r, 1/α) per week over T weeks (the NBD model,
// BG/NBD's limit μ → 0). The draws use math/rand/v2's PCG, which is the
// same on every platform.
func noDropoutCustomers(n int, r, alpha float64, seed uint64) []Customer {
	rnd := rand.New(rand.NewPCG(seed, 7))
	cs := make([]Customer, n)
	for i := range cs {
		lambda := gammaRand(rnd, r) / alpha
		T := float64(10 + rnd.IntN(91))
		var x, tx float64
		for t := rnd.ExpFloat64() / lambda; t < T; t += rnd.ExpFloat64() / lambda {
			x, tx = x+1, t
		}
		cs[i] = Customer{ID: i, Frequency: x, Recency: math.Round(tx*7) / 7, Age: T}
	}
	return cs
}

// Customers who never drop out put BG/NBD at its NBD limit with μ → 0,
// a ridge on which where the search stops depends on the last bits of
// exp and log; the fit must end at one point all the same, so that the
// browser (this test under js/wasm, in make test) and the CLI give the
// same model. The pinned values are the CLI's.
func TestNoDropoutFitIsOnePoint(t *testing.T) {
	for _, c := range []struct {
		n                int
		r, alpha         float64
		wantR, wantAlpha float64
	}{
		{3000, 1.3, 30, 1.32858, 30.3647},  // a little dropout fitted
		{12000, 1.1, 25, 1.14418, 26.1572}, // none; past the subsample size
	} {
		cs := noDropoutCustomers(c.n, c.r, c.alpha, uint64(c.n))
		m, fit, err := FitBGNBD(cs)
		if err != nil {
			t.Fatalf("%d customers: %v", c.n, err)
		}
		t.Logf("n=%d r=%v alpha=%v a=%v b=%v status=%q starts=%d agreeing=%d converged=%v", c.n, m.R, m.Alpha, m.A, m.B, fit.Status, fit.Starts, fit.Agreeing, fit.Converged)
		if m.R != c.wantR || m.Alpha != c.wantAlpha {
			t.Errorf("%d customers: r %v α %v, want %v %v", c.n, m.R, m.Alpha, c.wantR, c.wantAlpha)
		}
		if !fit.Converged || fit.Starts != 2 || fit.Agreeing != 2 || m.A/(m.A+m.B) > 0.01 {
			t.Errorf("%d customers: %+v %+v, want the NBD limit, converged, 2 of 2 starts agreeing", c.n, m, fit)
		}
		// A refit from the model (a holdout check's) ends at the same point.
		if m2, fit2, err := FitBGNBDFrom(cs, m, nil); err != nil || m2 != m || !fit2.Converged {
			t.Errorf("%d customers: refit from the model gives %+v (%v, converged %v), want %+v", c.n, m2, err, fit2.Converged, m)
		}
	}
}
