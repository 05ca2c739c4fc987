package predict

import (
	"math"
	"sort"
)

// Logistic is an L2-regularised logistic regression on standardised
// features: P(y) = 1 / (1 + e^−(b₀ + Σ bⱼ zⱼ)), zⱼ = (xⱼ − meanⱼ)/sdⱼ. It is
// what churn risk becomes when the data says who churned.
type Logistic struct {
	Intercept float64
	Coef      []float64 // per standardised feature
	Mean, SD  []float64
}

// ridge is the L2 penalty: weak enough to leave real effects alone,
// strong enough to keep separable data from sending weights to infinity.
const ridge = 1.0

// FitLogistic fits the model by Newton's method (iteratively reweighted
// least squares) on rows x with labels y.
func FitLogistic(x [][]float64, y []bool) Logistic {
	k := 0
	if len(x) > 0 {
		k = len(x[0])
	}
	m := Logistic{Coef: make([]float64, k), Mean: make([]float64, k), SD: make([]float64, k)}
	n := float64(len(x))
	if n == 0 {
		return m
	}
	for j := 0; j < k; j++ {
		for _, r := range x {
			m.Mean[j] += r[j]
		}
		m.Mean[j] /= n
		for _, r := range x {
			m.SD[j] += (r[j] - m.Mean[j]) * (r[j] - m.Mean[j])
		}
		m.SD[j] = math.Sqrt(m.SD[j] / n)
		if m.SD[j] == 0 {
			m.SD[j] = 1 // a constant feature: its weight stays 0 under the penalty
		}
	}
	z := make([]float64, k+1)
	beta := make([]float64, k+1) // intercept last
	a := make([][]float64, k+1)
	for i := range a {
		a[i] = make([]float64, k+2)
	}
	for iter := 0; iter < 50; iter++ {
		for i := range a {
			clear(a[i])
		}
		for i, r := range x {
			m.standardise(r, z)
			p := sigmoid(dot(beta, z))
			w := p * (1 - p)
			t := -p
			if y[i] {
				t = 1 - p
			}
			for u := 0; u <= k; u++ {
				a[u][k+1] += z[u] * t
				for v := 0; v <= k; v++ {
					a[u][v] += w * z[u] * z[v]
				}
			}
		}
		for j := 0; j < k; j++ { // the penalty, not on the intercept
			a[j][j] += ridge
			a[j][k+1] -= ridge * beta[j]
		}
		step, ok := solve(a)
		if !ok {
			break
		}
		size := 0.0
		for j := range beta {
			beta[j] += step[j]
			size = math.Max(size, math.Abs(step[j]))
		}
		if size < 1e-10 {
			break
		}
	}
	copy(m.Coef, beta[:k])
	m.Intercept = beta[k]
	return m
}

func (m Logistic) standardise(r, z []float64) {
	for j := range m.Coef {
		z[j] = (r[j] - m.Mean[j]) / m.SD[j]
	}
	z[len(m.Coef)] = 1
}

// Probability is the model's probability of the label for one row.
func (m Logistic) Probability(r []float64) float64 {
	s := m.Intercept
	for j, b := range m.Coef {
		s += b * (r[j] - m.Mean[j]) / m.SD[j]
	}
	return sigmoid(s)
}

// Contributions are each feature's push on the log-odds for one row.
func (m Logistic) Contributions(r []float64) []float64 {
	c := make([]float64, len(m.Coef))
	for j, b := range m.Coef {
		c[j] = b * (r[j] - m.Mean[j]) / m.SD[j]
	}
	return c
}

func sigmoid(v float64) float64 {
	if v >= 0 {
		return 1 / (1 + math.Exp(-v))
	}
	e := math.Exp(v)
	return e / (1 + e)
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// AUC is the area under the ROC curve of scores against labels: the
// probability that a random positive scores above a random negative, ties
// counting one half (the Mann-Whitney statistic). NaN without both classes.
func AUC(scores []float64, y []bool) float64 {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return scores[idx[a]] < scores[idx[b]] })
	var pos, neg, rankSum float64
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && scores[idx[j]] == scores[idx[i]] {
			j++
		}
		rank := float64(i+j+1) / 2 // mean rank of the tie group, 1-based
		for _, t := range idx[i:j] {
			if y[t] {
				rankSum += rank
				pos++
			} else {
				neg++
			}
		}
		i = j
	}
	if pos == 0 || neg == 0 {
		return math.NaN()
	}
	return (rankSum - pos*(pos+1)/2) / (pos * neg)
}

// CrossValidatedAUC fits the model on all rows but one fold and scores that
// fold, for each of folds folds (row i in fold i mod folds, so the result is
// the same on every run), and returns the AUC of the pooled held-out scores.
func CrossValidatedAUC(x [][]float64, y []bool, folds int) float64 {
	scores := make([]float64, len(x))
	for f := 0; f < folds; f++ {
		var tx [][]float64
		var ty []bool
		for i := range x {
			if i%folds != f {
				tx = append(tx, x[i])
				ty = append(ty, y[i])
			}
		}
		m := FitLogistic(tx, ty)
		for i := f; i < len(x); i += folds {
			scores[i] = m.Probability(x[i])
		}
	}
	return AUC(scores, y)
}
