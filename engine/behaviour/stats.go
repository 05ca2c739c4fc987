package behaviour

import (
	"math"
	"slices"
)

// Median is the middle value (the mean of the two middle ones for an even
// count); NaN for no values. It sorts xs in place.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	slices.Sort(xs)
	m := len(xs) / 2
	if len(xs)%2 == 1 {
		return xs[m]
	}
	return (xs[m-1] + xs[m]) / 2
}

// ChiSquare is Pearson's chi-squared test of independence on a table of
// counts (rows: groups; columns: outcomes). Rows and columns whose total is
// zero are left out. It returns the statistic, the degrees of freedom and
// the p-value; p is NaN when fewer than two rows or columns remain.
func ChiSquare(counts [][]float64) (stat float64, df int, p float64) {
	var rows []int
	var cols []int
	ncol := 0
	for _, r := range counts {
		ncol = max(ncol, len(r))
	}
	colSum := make([]float64, ncol)
	rowSum := make([]float64, len(counts))
	total := 0.0
	for i, r := range counts {
		for j, v := range r {
			rowSum[i] += v
			colSum[j] += v
			total += v
		}
	}
	for i := range counts {
		if rowSum[i] > 0 {
			rows = append(rows, i)
		}
	}
	for j := range colSum {
		if colSum[j] > 0 {
			cols = append(cols, j)
		}
	}
	if len(rows) < 2 || len(cols) < 2 {
		return 0, 0, math.NaN()
	}
	for _, i := range rows {
		for _, j := range cols {
			v := 0.0
			if j < len(counts[i]) {
				v = counts[i][j]
			}
			e := rowSum[i] * colSum[j] / total
			stat += (v - e) * (v - e) / e
		}
	}
	df = (len(rows) - 1) * (len(cols) - 1)
	return stat, df, ChiSquareP(stat, df)
}

// ChiSquareP is the upper tail probability of the chi-squared distribution
// with df degrees of freedom at x. For whole degrees of freedom the tail has
// a closed form (Abramowitz & Stegun 26.4.4 and 26.4.5): a Poisson sum for
// even df, the normal tail plus a finite series for odd df — no special
// functions needed.
func ChiSquareP(x float64, df int) float64 {
	if df <= 0 {
		return math.NaN()
	}
	if x <= 0 {
		return 1
	}
	if df%2 == 0 {
		term, sum := 1.0, 1.0
		for i := 1; i < df/2; i++ {
			term *= x / 2 / float64(i)
			sum += term
		}
		return math.Min(1, math.Exp(-x/2)*sum)
	}
	p := math.Erfc(math.Sqrt(x / 2))
	if df > 1 {
		term := math.Sqrt(2*x/math.Pi) * math.Exp(-x/2)
		sum := term
		for i := 3; i < df; i += 2 {
			term *= x / float64(i)
			sum += term
		}
		p += sum
	}
	return math.Min(1, p)
}

// TwoProportions is the two-sided z-test that two proportions x1/n1 and
// x2/n2 are equal (pooled standard error). p is NaN when either group is
// empty or the pooled proportion is 0 or 1.
func TwoProportions(x1, n1, x2, n2 int) (z, p float64) {
	if n1 == 0 || n2 == 0 {
		return 0, math.NaN()
	}
	p1, p2 := float64(x1)/float64(n1), float64(x2)/float64(n2)
	pool := float64(x1+x2) / float64(n1+n2)
	se := math.Sqrt(pool * (1 - pool) * (1/float64(n1) + 1/float64(n2)))
	if se == 0 {
		return 0, math.NaN()
	}
	z = (p1 - p2) / se
	return z, math.Erfc(math.Abs(z) / math.Sqrt2)
}
