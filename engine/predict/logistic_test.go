package predict

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestAUC(t *testing.T) {
	// Hand-computed: positives 0.9, 0.4; negatives 0.5, 0.1, 0.4.
	// Pairs won: 0.9 beats 3; 0.4 beats 0.1, ties 0.4 (½), loses to 0.5 → 4.5 of 6.
	got := AUC([]float64{0.9, 0.4, 0.5, 0.1, 0.4}, []bool{true, true, false, false, false})
	if math.Abs(got-4.5/6) > 1e-12 {
		t.Errorf("AUC %v, want 0.75", got)
	}
	if !math.IsNaN(AUC([]float64{1, 2}, []bool{true, true})) {
		t.Error("AUC of one class")
	}
}

// Labels drawn from a known logistic model: the fit finds its weights (the
// penalty shrinks them a little) and the cross-validated AUC is that of the
// true model on the same rows.
func TestLogisticRecoversModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	var x [][]float64
	var y []bool
	var truth []float64
	for i := 0; i < 4000; i++ {
		a, b, c := rng.NormFloat64(), rng.NormFloat64()*10+50, rng.NormFloat64()
		p := sigmoid(-0.5 + 1.5*a - 0.08*(b-50) + 0*c)
		x = append(x, []float64{a, b, c})
		y = append(y, rng.Float64() < p)
		truth = append(truth, p)
	}
	m := FitLogistic(x, y)
	want := []float64{1.5, -0.8, 0} // per standard deviation
	for j, w := range want {
		if math.Abs(m.Coef[j]-w) > 0.12 {
			t.Errorf("coef %d = %.3f, want %.2f", j, m.Coef[j], w)
		}
	}
	best := AUC(truth, y)
	cv := CrossValidatedAUC(x, y, 5)
	if math.Abs(cv-best) > 0.01 {
		t.Errorf("cross-validated AUC %.4f, the true model's %.4f", cv, best)
	}
}
