package predict

import "math"

// A quasi-Newton minimiser of our own: the fits have three or four
// parameters and end with Newton steps (polish), so all the search needs is
// to reach the optimum's basin reliably. A general optimisation library
// (with the matrix and LAPACK code it links) cost the browser about 100 KB
// of download for this.

// Stop reasons of bfgs, as the report's fit status says them.
const (
	statusGradient  = "GradientThreshold"   // the gradient vanished
	statusFunction  = "FunctionConvergence" // the objective stopped changing
	statusFailure   = "Failure"             // no step along the search direction lowers the objective
	statusIteration = "IterationLimit"
	statusStopped   = "Stopped" // the caller's stop condition held: the search left for a limit the caller handles
)

// minimum is where bfgs stopped.
type minimum struct {
	X           []float64
	F           float64
	Grad        []float64
	Status      string
	Iterations  int
	Evaluations int
	H           [][]float64 // the inverse Hessian's estimate where it stopped
}

// bfgs minimises f from x0 with the BFGS update of an inverse Hessian and a
// backtracking line search (Armijo's condition). f returns the value and
// fills grad; a NaN or infinite value is treated as +∞ (outside the domain).
// stop, when not nil, ends the search at the first accepted point where it
// holds: a likelihood that rises along a ridge to infinity is crawled along
// by ever shorter steps, which can cost thousands of evaluations for a
// point the caller will replace anyway. h0, when not nil, is the first
// estimate of the inverse Hessian (another search's of a like objective),
// taken as it is: the first step is then a full quasi-Newton step.
func bfgs(f func(x, grad []float64) float64, x0 []float64, h0 [][]float64, stop func(x []float64) bool) (m minimum) {
	const (
		gradTol  = 1e-7
		funcTol  = 1e-12
		flatRuns = 3 // iterations without change that mean convergence (polish then takes Newton steps)
		maxIter  = 500
		maxEvals = 2000
	)
	n := len(x0)
	m = minimum{X: append([]float64(nil), x0...), Grad: make([]float64, n)}
	eval := func(x, g []float64) float64 {
		m.Evaluations++
		v := f(x, g)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return math.Inf(1)
		}
		for i := range g {
			if math.IsNaN(g[i]) {
				g[i] = 0
			}
		}
		return v
	}
	m.F = eval(m.X, m.Grad)
	if math.IsInf(m.F, 1) {
		m.Status = statusFailure
		return m
	}
	h := identity(n)
	if h0 != nil {
		for i := range h {
			copy(h[i], h0[i])
		}
	}
	defer func() { m.H = h }()
	d, s, y := make([]float64, n), make([]float64, n), make([]float64, n)
	xNew, gNew := make([]float64, n), make([]float64, n)
	flat := 0
	for m.Iterations = 0; ; m.Iterations++ {
		if maxAbs(m.Grad) < gradTol {
			m.Status = statusGradient
			return m
		}
		if m.Iterations >= maxIter || m.Evaluations >= maxEvals {
			m.Status = statusIteration
			return m
		}
		mulVec(d, h, m.Grad)
		slope := 0.0
		for i := range d {
			d[i] = -d[i]
			slope += d[i] * m.Grad[i]
		}
		if slope >= 0 { // not a descent direction: start again from the gradient
			h = identity(n)
			for i := range d {
				d[i] = -m.Grad[i]
			}
			slope = -dot(m.Grad, m.Grad)
		}
		step := 1.0
		if m.Iterations == 0 && h0 == nil {
			step = math.Min(1, 1/math.Sqrt(-slope)) // a first step of length one at most
		}
		var fNew float64
		accepted, stalled := false, false
		// A step whose predicted decrease is far below what counts as a
		// change of the objective cannot change it: near the optimum the
		// halvings would go on until rounding noise lets a step pass or
		// the step vanishes (thirty or more evaluations of the whole
		// likelihood), and that iteration would count as flat anyway.
		// It counts as flat without them.
		tiny := 0.01 * funcTol * (1 + math.Abs(m.F))
		for try := 0; try < 60 && m.Evaluations < maxEvals; try++ {
			if -step*slope < tiny {
				stalled = true
				break
			}
			for i := range xNew {
				xNew[i] = m.X[i] + step*d[i]
			}
			fNew = eval(xNew, gNew)
			if fNew <= m.F+1e-4*step*slope {
				accepted = true
				break
			}
			step /= 2
		}
		if stalled {
			if flat++; flat >= flatRuns {
				m.Status = statusFunction
				return m
			}
			continue
		}
		if !accepted {
			m.Status = statusFailure
			return m
		}
		for i := range s {
			s[i] = xNew[i] - m.X[i]
			y[i] = gNew[i] - m.Grad[i]
		}
		if math.Abs(fNew-m.F) <= funcTol*(1+math.Abs(m.F)) {
			flat++
		} else {
			flat = 0
		}
		copy(m.X, xNew)
		copy(m.Grad, gNew)
		m.F = fNew
		if stop != nil && stop(m.X) {
			m.Status = statusStopped
			return m
		}
		if flat >= flatRuns {
			m.Status = statusFunction
			return m
		}
		sy := dot(s, y)
		if sy <= 1e-12*math.Sqrt(dot(s, s)*dot(y, y)) {
			continue // no curvature information: keep the current estimate
		}
		if m.Iterations == 0 && h0 == nil {
			scale := sy / dot(y, y) // the usual first guess of the inverse Hessian's size
			for i := range h {
				for j := range h[i] {
					h[i][j] *= scale
				}
			}
		}
		updateInverse(h, s, y, sy)
	}
}

// updateInverse applies the BFGS update to the inverse Hessian h:
// H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1/(yᵀs).
func updateInverse(h [][]float64, s, y []float64, sy float64) {
	n := len(s)
	rho := 1 / sy
	hy := make([]float64, n)
	mulVec(hy, h, y)
	yhy := dot(y, hy)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			h[i][j] += (1+rho*yhy)*rho*s[i]*s[j] - rho*(hy[i]*s[j]+s[i]*hy[j])
		}
	}
}

func identity(n int) [][]float64 {
	h := make([][]float64, n)
	for i := range h {
		h[i] = make([]float64, n)
		h[i][i] = 1
	}
	return h
}

func mulVec(dst []float64, a [][]float64, v []float64) {
	for i := range dst {
		dst[i] = dot(a[i], v)
	}
}
