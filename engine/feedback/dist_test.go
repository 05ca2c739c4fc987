package feedback

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// TestDistributions: the written-out distribution functions agree with
// gonum's (an independent implementation, used in tests only) over the
// ranges the analysis meets.
func TestDistributions(t *testing.T) {
	// Agreement to tol relative to the value, or to 1e-12 absolute: gonum
	// computes upper tails as 1 − CDF, so it loses the far tail's digits.
	rel := func(name string, got, want, tol float64) {
		t.Helper()
		if d := math.Abs(got - want); d > tol*math.Max(math.Abs(want), 1) && d > 1e-12 {
			t.Errorf("%s: got %.17g, want %.17g", name, got, want)
		}
	}
	for _, x := range []float64{0, 0.1, 1, 1.96, 3, 6, 10} {
		rel("normal", normalSurvival(x), distuv.UnitNormal.Survival(x), 1e-9)
	}
	for _, nu := range []float64{1, 2, 3, 5, 9.5, 29, 100, 1000, 1e5} {
		for _, x := range []float64{-3, -0.5, 0, 0.3, 1, 2.1, 4, 12} {
			rel("t survival", studentTSurvival(x, nu), distuv.StudentsT{Mu: 0, Sigma: 1, Nu: nu}.Survival(x), 1e-9)
		}
		for _, p := range []float64{0.5, 0.9, 0.975, 0.995} {
			rel("t quantile", studentTQuantile(p, nu), distuv.StudentsT{Mu: 0, Sigma: 1, Nu: nu}.Quantile(p), 1e-9)
		}
		for _, d1 := range []float64{1, 2, 7} {
			for _, f := range []float64{0.01, 0.5, 1, 3, 20} {
				rel("F survival", fSurvival(f, d1, nu), distuv.F{D1: d1, D2: nu}.Survival(f), 1e-9)
			}
		}
	}
	// A textbook value: t(0.975, 10) = 2.228138852.
	if q := studentTQuantile(0.975, 10); math.Abs(q-2.228138852) > 1e-9 {
		t.Errorf("t(0.975, 10) = %v", q)
	}
}
