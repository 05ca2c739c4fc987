package predict

import (
	"errors"
	"math"
)

// Fit says how a maximum-likelihood fit went. A fit is Converged when the
// best start stopped on a small gradient or a flat objective (not on an
// iteration limit or a failed line search) and at least one other start
// reached the same log-likelihood, so the optimum is not one start's luck.
type Fit struct {
	LogLikelihood float64 `json:"logLikelihood"`
	Converged     bool    `json:"converged"`
	Status        string  `json:"status"`     // the optimiser's reason to stop, for the best start
	Iterations    int     `json:"iterations"` // of the best start
	Evaluations   int     `json:"evaluations"`
	GradientNorm  float64 `json:"gradientNorm"` // largest |∂LL/∂log-parameter| at the optimum, per customer
	Starts        int     `json:"starts"`
	Agreeing      int     `json:"agreeing"` // starts within 1e-4 (relative) of the best log-likelihood
}

// ErrNoData is returned when there is nothing to fit.
var ErrNoData = errors.New("predict: no customers to fit")

// maximise maximises ll over log-parameters θ from each start and returns
// the best θ with how the search went. ll returns the log-likelihood and,
// when grad is not nil, fills it with the derivatives by θ. n is the number
// of customers, to judge the gradient per customer.
func maximise(ll func(theta, grad []float64) float64, starts [][]float64, n float64) ([]float64, Fit) {
	return maximiseFrom(ll, starts, n, always, nil)
}

// always is the polish condition of a fit polished wherever it stops.
func always([]float64) bool { return true }

// maximiseFrom is maximise, with the best θ polished (see polish) where
// polishes(θ) holds: a subsample's optimum, only a start for the fit on
// all the data, need not be (polishes nil), nor a point the caller
// replaces. stop is bfgs's.
func maximiseFrom(ll func(theta, grad []float64) float64, starts [][]float64, n float64, polishes, stop func([]float64) bool) ([]float64, Fit) {
	best, _, fit := maximiseRuns(ll, starts, n, polishes, stop, nil)
	return best, fit
}

// maximiseRuns is maximiseFrom with every search starting from h0 as its
// inverse Hessian (nil: none), returning the best search's at its end
// (before any polish) as well.
func maximiseRuns(ll func(theta, grad []float64) float64, starts [][]float64, n float64, polishes, stop func([]float64) bool, h0 [][]float64) ([]float64, [][]float64, Fit) {
	f := func(theta, grad []float64) float64 {
		v := ll(theta, grad)
		for i := range grad {
			grad[i] = -grad[i] / n
		}
		return -v / n
	}
	var best []float64
	var bestH [][]float64
	fit := Fit{LogLikelihood: math.Inf(-1), Starts: len(starts)}
	var lls []float64
	for _, x0 := range starts {
		res := bfgs(f, x0, h0, stop)
		fit.Evaluations += res.Evaluations
		if math.IsInf(res.F, 0) || math.IsNaN(res.F) {
			lls = append(lls, math.Inf(-1))
			continue
		}
		v := -res.F * n
		lls = append(lls, v)
		if v > fit.LogLikelihood {
			best = append([]float64(nil), res.X...)
			bestH = res.H
			fit.LogLikelihood = v
			fit.Status = res.Status
			fit.Iterations = res.Iterations
			gn := maxAbs(res.Grad)
			fit.GradientNorm = gn
			// A line search that can no longer improve the objective at a
			// vanishing gradient has converged as well: the optimum is flat
			// to machine precision, or is a ridge running to infinity (the
			// BG/NBD's NBD limit, a and b growing with a/(a+b) fixed), where
			// a gradient of 1e-4 per customer means that a 1% change of any
			// parameter moves the log-likelihood by less than 1e-6 per
			// customer. Anything else has not converged.
			fit.Converged = gn < 1e-4 && res.Status != statusIteration
		}
	}
	if best != nil && polishes != nil && polishes(best) && (stop == nil || !stop(best)) {
		best = polish(ll, best)
		g := make([]float64, len(best))
		fit.LogLikelihood = ll(best, g)
		fit.GradientNorm = maxAbs(g) / n
	}
	for _, v := range lls {
		if math.Abs(v-fit.LogLikelihood) <= 1e-4*math.Max(1, math.Abs(fit.LogLikelihood)) {
			fit.Agreeing++
		}
	}
	if fit.Agreeing < 2 && len(starts) > 1 {
		fit.Converged = false
	}
	return best, bestH, fit
}

// ticking is ll calling tick after every evaluation (ll itself when tick
// is nil): an evaluation reads every distinct customer history once.
func ticking(ll func(theta, grad []float64) float64, tick func()) func(theta, grad []float64) float64 {
	if tick == nil {
		return ll
	}
	return func(theta, grad []float64) float64 {
		v := ll(theta, grad)
		tick()
		return v
	}
}

// finite reports whether every value is a finite number.
func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// subsampleSize is the number of customers above which the starts are
// compared on an evenly spread subsample of this size and only the best is
// carried on to all the data: the starts are there to find the right
// basin, which a subsample shows as well, and the fit on all the data is
// then judged by its own gradient. It halves the time of a fit on 100,000
// customers.
const subsampleSize = 5000

// maximiseLarge is maximise with the starts compared on a subsample when
// sub is not nil (nSub customers), then one run on all the data from the
// best of them. stop is bfgs's: a search that ends there is neither
// polished nor carried on to all the data. polishes (nil: always) says
// whether the optimum on all the data is polished.
func maximiseLarge(ll, sub func(theta, grad []float64) float64, starts [][]float64, n, nSub float64, stop, polishes func([]float64) bool) ([]float64, Fit) {
	if polishes == nil {
		polishes = always
	}
	whole := func(starts [][]float64, h0 [][]float64) ([]float64, Fit) {
		best, _, fit := maximiseRuns(ll, starts, n, polishes, stop, h0)
		return best, fit
	}
	// One start has nothing to be compared with: a run on the subsample
	// would only move it to the subsample's optimum, from where the run
	// on all the data has to come back.
	if sub == nil || len(starts) == 1 && stop == nil {
		return whole(starts, nil)
	}
	best, h, subFit := maximiseRuns(sub, starts, nSub, nil, stop, nil)
	if best == nil {
		return whole(starts, nil)
	}
	if stop != nil && stop(best) {
		subFit.Status = statusStopped
		return best, subFit
	}
	// The objectives are means per customer, so the subsample's curvature
	// is the whole data's but for sampling noise: the search on all the
	// data starts with it rather than learning it again (a third of the
	// evaluations of all the data). Not when the search may run up a
	// ridge (stop is set): there the curvature's estimate is near
	// singular, and its first step would leap along the ridge.
	if stop != nil {
		h = nil
	}
	theta, fit := whole([][]float64{best}, h)
	fit.Converged = fit.Converged && subFit.Agreeing >= 2
	fit.Starts, fit.Agreeing = subFit.Starts, subFit.Agreeing
	fit.Evaluations += subFit.Evaluations
	return theta, fit
}

// every returns subsampleSize customers spread evenly over cs (the
// (i·n/subsampleSize)-th, every k-th when n is a multiple k of it); nil
// when there are not more than 1.5 times that many, where the subsample
// would save little.
func every(cs []Customer) []Customer {
	n := len(cs)
	if 2*n <= 3*subsampleSize {
		return nil
	}
	out := make([]Customer, subsampleSize)
	for i := range out {
		out[i] = cs[i*n/subsampleSize]
	}
	return out
}

// polish takes Newton steps from where the optimiser stopped, with the
// Hessian from central differences of the analytic gradient, while they
// do not lower the log-likelihood. The optimiser stops within about 1e-6
// of the optimum, at a point that depends on the last bits of exp and log;
// Newton's method converges to the optimum itself, to about 1e-10, so the
// browser and the CLI end at the same parameters once rounded (sigDigits).
// On a ridge (a singular Hessian) the step fails and θ is kept.
//
// After a step shorter than hessianReuse the Hessian is kept for the next
// one: over so short a step it changes by a part in 10⁴ or less, so the
// step it gives is as good (the last steps are about 1e-12), and it costs
// an evaluation rather than 2k + 1.
func polish(ll func(theta, grad []float64) float64, theta []float64) []float64 {
	const hessianReuse = 1e-4
	k := len(theta)
	g := make([]float64, k)
	gp, gm := make([]float64, k), make([]float64, k)
	hess, h := make([][]float64, k), make([][]float64, k)
	for i := range h {
		hess[i] = make([]float64, k)
		h[i] = make([]float64, k+1)
	}
	x := append([]float64(nil), theta...)
	trial := make([]float64, k)
	cur := ll(x, g)
	size := math.Inf(1)
	for iter := 0; iter < 8; iter++ {
		if size >= hessianReuse {
			for j := 0; j < k; j++ {
				step := 1e-5 * math.Max(1, math.Abs(x[j]))
				xj := x[j]
				x[j] = xj + step
				ll(x, gp)
				x[j] = xj - step
				ll(x, gm)
				x[j] = xj
				for i := 0; i < k; i++ {
					hess[i][j] = -(gp[i] - gm[i]) / (2 * step) // −Hessian: positive definite at a maximum
				}
			}
		}
		for i := 0; i < k; i++ {
			copy(h[i], hess[i])
			h[i][k] = g[i]
		}
		s, ok := solve(h)
		if !ok {
			break
		}
		size = 0
		for i := range trial {
			trial[i] = x[i] + s[i]
			size = math.Max(size, math.Abs(s[i]))
		}
		// Near the optimum the log-likelihood changes less than its
		// rounding noise; the gradient says better whether a step helped.
		v := ll(trial, gp)
		if !(v >= cur-1e-9*math.Abs(cur)) || !(maxAbs(gp) < maxAbs(g)) || size > 0.1 {
			break
		}
		copy(x, trial)
		copy(g, gp)
		cur = v
		if size < 1e-9 { // at the noise floor of the gradient: done
			break
		}
	}
	return x
}

func maxAbs(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = math.Max(m, math.Abs(x))
	}
	return m
}

// solve solves the augmented k×(k+1) system by Gaussian elimination with
// partial pivoting; ok is false when the matrix is singular or the
// solution not finite.
func solve(a [][]float64) ([]float64, bool) {
	k := len(a)
	for c := 0; c < k; c++ {
		p := c
		for r := c + 1; r < k; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		if a[p][c] == 0 {
			return nil, false
		}
		a[c], a[p] = a[p], a[c]
		for r := c + 1; r < k; r++ {
			f := a[r][c] / a[c][c]
			for j := c; j <= k; j++ {
				a[r][j] -= f * a[c][j]
			}
		}
	}
	x := make([]float64, k)
	for r := k - 1; r >= 0; r-- {
		v := a[r][k]
		for j := r + 1; j < k; j++ {
			v -= a[r][j] * x[j]
		}
		x[r] = v / a[r][r]
		if !finite(x[r]) {
			return nil, false
		}
	}
	return x, true
}
