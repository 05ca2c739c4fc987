package predict

import "testing"

// BenchmarkFit100k fits BG/NBD and Gamma-Gamma to 100,000 customers drawn
// from the models themselves (times in whole days, as from real orders).
func BenchmarkFit100k(b *testing.B) {
	cs := simulate(100000, BGNBD{R: 0.6, Alpha: 8, A: 0.7, B: 3}, GammaGamma{P: 5, Q: 4, Gamma: 20}, 78, 5)
	b.ResetTimer()
	for b.Loop() {
		if _, fit, err := FitBGNBD(cs); err != nil || !fit.Converged {
			b.Fatal(err, fit)
		}
		if _, fit, err := FitGammaGamma(cs); err != nil || !fit.Converged {
			b.Fatal(err, fit)
		}
	}
}
