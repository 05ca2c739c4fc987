package predict

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/mathext"
)

// BGNBD are the parameters of the BG/NBD model: while alive a customer buys
// at a Poisson rate λ ~ Gamma(r, α), and after each purchase drops out with
// probability p ~ Beta(a, b).
type BGNBD struct {
	R     float64 `json:"r"`
	Alpha float64 `json:"alpha"`
	A     float64 `json:"a"`
	B     float64 `json:"b"`
}

// bgData is the customers as the likelihood reads them: identical
// (x, t_x, T) rows merged with a weight, and grouped by x so the terms that
// depend on x alone are computed once per distinct x.
type bgData struct {
	xs    []float64 // distinct frequencies
	start []int     // rows of xs[g] are start[g]:start[g+1]
	tx, T []float64
	w     []float64
	// Times take few distinct values when they come from dates (whole
	// days): log(α + t) is computed once per distinct t per evaluation.
	times    []float64 // distinct values of T and t_x
	ti, txi  []int32   // index of each row's T and t_x in times
	logTimes []float64 // log(α + times[j]), per evaluation
	invTimes []float64 // 1/(α + times[j]), per evaluation
	n        float64   // customers
	meanX    float64
	meanT    float64
	repeat   float64 // customers with x > 0
}

func newBGData(cs []Customer) *bgData {
	// Histories (x, t_x, T) are numbered in the order they first come.
	idx := newNumbering(len(cs))
	w := make([]float64, 0, len(cs))
	d := &bgData{}
	for _, c := range cs {
		if !finite(c.Frequency, c.Recency, c.Age) || c.Frequency < 0 || c.Age <= 0 || c.Recency < 0 || c.Recency > c.Age {
			continue
		}
		x, tx, T := math.Round(c.Frequency), c.Recency, c.Age
		if x == 0 {
			tx = 0
		}
		i, seen := idx.index(x, tx, T)
		if !seen {
			w = append(w, 0)
		}
		w[i]++
		d.n++
		d.meanX += x
		d.meanT += T
		if x > 0 {
			d.repeat++
		}
	}
	keys := idx.keys // (x, t_x, T)
	if d.n > 0 {
		d.meanX /= d.n
		d.meanT /= d.n
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool { return keys[order[i]][0] < keys[order[j]][0] })
	d.tx, d.T, d.w = make([]float64, 0, len(keys)), make([]float64, 0, len(keys)), make([]float64, 0, len(keys))
	for _, i := range order {
		k := keys[i]
		if len(d.xs) == 0 || d.xs[len(d.xs)-1] != k[0] {
			d.xs = append(d.xs, k[0])
			d.start = append(d.start, len(d.tx))
		}
		d.tx = append(d.tx, k[1])
		d.T = append(d.T, k[2])
		d.w = append(d.w, w[i])
	}
	d.start = append(d.start, len(d.tx))
	times := newNumbering(0)
	index := func(v float64) int32 {
		j, _ := times.index(v, 0, 0)
		return int32(j)
	}
	d.ti, d.txi = make([]int32, len(d.T)), make([]int32, len(d.T))
	for i := range d.T {
		d.ti[i], d.txi[i] = index(d.T[i]), index(d.tx[i])
	}
	d.times = make([]float64, len(times.keys))
	for j, k := range times.keys {
		d.times[j] = k[0]
	}
	d.logTimes, d.invTimes = make([]float64, len(d.times)), make([]float64, len(d.times))
	return d
}

// numbering numbers distinct triples of floats in the order they first
// come, by open addressing on their bits: the runtime's map hashes each
// float apart, which was most of the cost of the BG/NBD data. Triples
// that are == are one (a −0 is made +0 first); one holding a NaN is new
// each time, as in a map.
type numbering struct {
	keys  [][3]float64
	slots []int32 // 1 + the number of the key there; 0: empty
}

// newNumbering is a numbering with room for n keys before it grows.
func newNumbering(n int) *numbering {
	size := 64
	for size < 2*n {
		size *= 2
	}
	return &numbering{keys: make([][3]float64, 0, n), slots: make([]int32, size)}
}

// index is the number of (a, b, c), given it at its first time; seen
// says whether it had one already.
func (t *numbering) index(a, b, c float64) (int, bool) {
	k := [3]float64{a + 0, b + 0, c + 0}
	if 2*(len(t.keys)+1) > len(t.slots) {
		t.slots = make([]int32, 2*len(t.slots))
		for j, key := range t.keys {
			t.slots[t.free(key)] = int32(j + 1)
		}
	}
	mask := uint64(len(t.slots) - 1)
	for i := hashTriple(k) & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			t.keys = append(t.keys, k)
			t.slots[i] = int32(len(t.keys))
			return len(t.keys) - 1, false
		}
		if t.keys[s-1] == k {
			return int(s - 1), true
		}
	}
}

// free is the first empty slot on k's probe sequence.
func (t *numbering) free(k [3]float64) uint64 {
	mask := uint64(len(t.slots) - 1)
	i := hashTriple(k) & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	return i
}

// hashTriple mixes the floats' bits (a multiply and xor-shift each, as
// splitmix64's finaliser): times in weeks differ mostly in the mantissa's
// top bits and the exponent.
func hashTriple(k [3]float64) uint64 {
	var h uint64
	for _, v := range k {
		h ^= math.Float64bits(v)
		h *= 0xbf58476d1ce4e5b9
		h ^= h >> 31
		h *= 0x94d049bb133111eb
		h ^= h >> 29
	}
	return h
}

// loglik is the BG/NBD log-likelihood (FHL 2005, eq. 6) at θ = log(r, α, a, b),
// and its gradient by θ when grad is not nil.
func (d *bgData) loglik(theta, grad []float64) float64 {
	r, alpha, a, b := math.Exp(theta[0]), math.Exp(theta[1]), math.Exp(theta[2]), math.Exp(theta[3])
	if !finite(r, alpha, a, b) || r == 0 || alpha == 0 || a == 0 || b == 0 {
		if grad != nil {
			clear(grad)
		}
		return math.Inf(-1)
	}
	lgR, _ := math.Lgamma(r)
	lgB, _ := math.Lgamma(b)
	lgAB, _ := math.Lgamma(a + b)
	logA, logAlpha := math.Log(a), math.Log(alpha)
	var psiR, psiB, psiAB float64
	if grad != nil {
		psiR, psiB, psiAB = mathext.Digamma(r), mathext.Digamma(b), mathext.Digamma(a+b)
	}
	for j, t := range d.times {
		d.logTimes[j] = math.Log(alpha + t)
		d.invTimes[j] = 1 / (alpha + t)
	}
	var ll, gr, gAlpha, ga, gb float64
	for g, x := range d.xs {
		lgRX, _ := math.Lgamma(r + x)
		lgBX, _ := math.Lgamma(b + x)
		lgABX, _ := math.Lgamma(a + b + x)
		// Terms that depend on x alone.
		base := lgRX - lgR + r*logAlpha + lgAB + lgBX - lgB - lgABX
		rx := r + x
		c4 := 0.0
		if x > 0 {
			c4 = logA - math.Log(b+x-1)
		}
		var sw, sl3w, sd3w, s4w float64
		for i := d.start[g]; i < d.start[g+1]; i++ {
			w := d.w[i]
			l3 := d.logTimes[d.ti[i]]
			a3 := -rx * l3
			if x == 0 {
				ll += w * a3
				if grad != nil {
					sw += w
					sl3w += w * l3
					sd3w += w * d.invTimes[d.ti[i]]
				}
				continue
			}
			l4 := d.logTimes[d.txi[i]]
			a4 := c4 - rx*l4
			// log(e^a3 + e^a4) without overflow; w4 is the second term's share.
			var lse, w4 float64
			if a3 >= a4 {
				e := math.Exp(a4 - a3)
				// Near the NBD limit the second term is mostly below half
				// an ulp of the first: 1 + e is then exactly 1, whose log
				// is exactly 0, so the log is skipped at no cost in bits.
				lse = a3
				if 1+e != 1 {
					lse += math.Log(1 + e)
				}
				w4 = e / (1 + e)
			} else {
				e := math.Exp(a3 - a4)
				lse = a4 + math.Log(1+e)
				w4 = 1 / (1 + e)
			}
			ll += w * lse
			if grad != nil {
				w3 := 1 - w4
				sw += w
				sl3w += w * (w3*l3 + w4*l4)
				sd3w += w * (w3*d.invTimes[d.ti[i]] + w4*d.invTimes[d.txi[i]])
				s4w += w * w4
			}
		}
		n := 0.0
		for i := d.start[g]; i < d.start[g+1]; i++ {
			n += d.w[i]
		}
		ll += n * base
		if grad != nil {
			psiRX, psiBX, psiABX := mathext.Digamma(r+x), mathext.Digamma(b+x), mathext.Digamma(a+b+x)
			gr += n*(psiRX-psiR+logAlpha) - sl3w
			gAlpha += n*r/alpha - rx*sd3w
			ga += n*(psiAB-psiABX) + s4w/a
			gb += n * (psiAB + psiBX - psiB - psiABX)
			if x > 0 {
				gb -= s4w / (b + x - 1)
			}
		}
	}
	if grad != nil {
		grad[0], grad[1], grad[2], grad[3] = gr*r, gAlpha*alpha, ga*a, gb*b
	}
	return ll
}

// BGNBDLogLikelihood is the model's log-likelihood of the customers.
func BGNBDLogLikelihood(m BGNBD, cs []Customer) float64 {
	d := newBGData(cs)
	return d.loglik([]float64{math.Log(m.R), math.Log(m.Alpha), math.Log(m.A), math.Log(m.B)}, nil)
}

// FitBGNBD fits the BG/NBD model by maximum likelihood from several starts.
// It needs at least one customer with a repeat purchase; it fails with
// ErrNoData otherwise.
func FitBGNBD(cs []Customer) (BGNBD, Fit, error) { return FitBGNBDTicking(cs, nil) }

// FitBGNBDTicking is FitBGNBD calling tick (when not nil) after every
// evaluation of the likelihood, so a host with one thread hears from a
// long fit.
func FitBGNBDTicking(cs []Customer, tick func()) (BGNBD, Fit, error) {
	return fitBGNBD(cs, nil, tick)
}

// FitBGNBDFrom is FitBGNBDTicking with one start, from: a model of the same
// customers over a longer or shorter time (a calibration/holdout refit) is
// in the same basin, and the several starts that find the basin cost most
// of a fit. A from with a parameter of 0 (the NBD limit, rounded) gives the
// several starts.
func FitBGNBDFrom(cs []Customer, from BGNBD, tick func()) (BGNBD, Fit, error) {
	if !(from.R > 0 && from.Alpha > 0 && from.A > 0 && from.B > 0) {
		return fitBGNBD(cs, nil, tick)
	}
	return fitBGNBD(cs, &from, tick)
}

func fitBGNBD(cs []Customer, from *BGNBD, tick func()) (BGNBD, Fit, error) {
	d := newBGData(cs)
	loglik := ticking(d.loglik, tick)
	if d.n == 0 || d.repeat == 0 {
		return BGNBD{}, Fit{}, ErrNoData
	}
	// Starts around the data's own scale: the mean purchase rate sets r/α,
	// and the dropout shape a, b goes from mild to strong.
	rate := math.Max(d.meanX/math.Max(d.meanT, 1e-9), 1e-6)
	starts := [][]float64{}
	for _, s := range [][4]float64{{1, 1, 1, 1}, {0.25, 0.25, 0.8, 2.5}, {3, 3, 2, 8}} {
		r := s[0]
		alpha := s[1] / rate
		starts = append(starts, []float64{math.Log(r), math.Log(alpha), math.Log(s[2]), math.Log(s[3])})
	}
	var sub func(theta, grad []float64) float64
	var subLL func(theta, grad []float64) float64
	nSub := 0.0
	if from != nil {
		starts = [][]float64{{math.Log(from.R), math.Log(from.Alpha), math.Log(from.A), math.Log(from.B)}}
	} else if few := every(cs); few != nil {
		ds := newBGData(few)
		subLL = ticking(ds.loglik, tick)
		sub, nSub = subLL, ds.n
	}
	// A search well past the NBD limit is on the ridge handled below.
	onRidge := func(theta []float64) bool { return math.Exp(theta[2])+math.Exp(theta[3]) > 10*nbdLimit }
	// A refit from a model at the NBD limit goes straight to the limit's
	// own fit: a search from there would wander on the ridge and stop at
	// a point that depends on the last bits of exp and log.
	atLimit := from != nil && from.A+from.B >= nbdLimit
	// Past the limit the search's point is replaced by the limit's fit:
	// Newton's steps there would fail on the ridge's singular Hessian,
	// after an evaluation per parameter on all the data.
	belowLimit := func(theta []float64) bool { return math.Exp(theta[2])+math.Exp(theta[3]) <= nbdLimit }
	theta, fit := starts[0], Fit{}
	if !atLimit {
		theta, fit = maximiseLarge(loglik, sub, starts, d.n, nSub, onRidge, belowLimit)
		if theta == nil {
			return BGNBD{}, fit, ErrNoData
		}
	}
	if a, b := math.Exp(theta[2]), math.Exp(theta[3]); atLimit || a+b > nbdLimit {
		// The likelihood rises along a ridge to a, b → ∞ with a/(a+b)
		// fixed: every customer drops out after a purchase with the same
		// probability. The point the optimiser stopped at on that ridge
		// is arbitrary, so the model is put at a + b = nbdLimit (a Beta
		// with a spread of p under 1%) and r, α and the mean dropout
		// probability μ = a/(a+b) are fitted again there: t = logit μ.
		logK := math.Log(nbdLimit)
		ab := func(t float64) (float64, float64) {
			// log σ(t) and log(1 − σ(t)), without overflow
			return logK - softplus(-t), logK - softplus(t)
		}
		ridge := func(loglik func(theta, grad []float64) float64) func(x, grad []float64) float64 {
			if loglik == nil {
				return nil
			}
			return func(x, grad []float64) float64 {
				la, lb := ab(x[2])
				var g [4]float64
				v := loglik([]float64{x[0], x[1], la, lb}, g[:])
				if grad != nil {
					sig := 1 / (1 + math.Exp(-x[2]))
					grad[0], grad[1], grad[2] = g[0], g[1], g[2]*(1-sig)-g[3]*sig
				}
				return v
			}
		}
		t0 := math.Log(a / b)
		// Both starts are compared on the subsample too, when there is one.
		// Where no one drops out, the limit's point is replaced by the fit
		// at μ ≈ 0 below, which is polished: polishing it too would cost
		// 2k + 1 evaluations a Newton step for nothing.
		dropout := func(x []float64) bool { return !(x[2] < noDropout) }
		x3, fit3 := maximiseLarge(ridge(loglik), ridge(subLL), [][]float64{{theta[0], theta[1], t0}, {0, starts[0][1], t0}}, d.n, nSub, nil, dropout)
		if x3 != nil && x3[2] < noDropout {
			// No one drops out: μ runs to 0 along a second ridge, and where
			// the search stopped on it depends on the last bits of exp and
			// log (the browser's and the CLI's differ). The model is put
			// at μ = σ(pureNBD), indistinguishable from 0, and r, α are
			// fitted there, where Newton's steps converge to one point.
			fixed := func(ll func(x, grad []float64) float64) func(x, grad []float64) float64 {
				if ll == nil {
					return nil
				}
				return func(x, grad []float64) float64 {
					var g [3]float64
					v := ll([]float64{x[0], x[1], pureNBD}, g[:])
					if grad != nil {
						grad[0], grad[1] = g[0], g[1]
					}
					return v
				}
			}
			x2, fit2 := maximiseLarge(fixed(ridge(loglik)), fixed(ridge(subLL)), [][]float64{{x3[0], x3[1]}}, d.n, nSub, nil, nil)
			if x2 != nil {
				// One start from the limit's optimum: the limit's starts
				// say whether the basin was found.
				fit2.Starts, fit2.Agreeing = fit3.Starts, fit3.Agreeing
				fit2.Converged = fit2.GradientNorm < 1e-4 && fit3.Agreeing >= 2
				fit2.Evaluations += fit3.Evaluations
				x3, fit3 = []float64{x2[0], x2[1], pureNBD}, fit2
			}
		}
		if x3 != nil {
			la, lb := ab(x3[2])
			theta = []float64{x3[0], x3[1], la, lb}
			fit3.Status = "NBD limit: " + fit3.Status
			// The starts that count are the limit's: those of the first
			// search all ran up the ridge, and where each stopped on it
			// (so whether their log-likelihoods agree) is arbitrary.
			fit3.Evaluations += fit.Evaluations
			fit = fit3
		}
	}
	m := BGNBD{R: roundSig(math.Exp(theta[0]), sigDigits), Alpha: roundSig(math.Exp(theta[1]), sigDigits),
		A: roundSig(math.Exp(theta[2]), sigDigits), B: roundSig(math.Exp(theta[3]), sigDigits)}
	fit.LogLikelihood = d.loglik([]float64{math.Log(m.R), math.Log(m.Alpha), math.Log(m.A), math.Log(m.B)}, nil)
	return m, fit, nil
}

// softplus is log(1 + eˣ).
func softplus(x float64) float64 {
	if x > 30 {
		return x
	}
	return math.Log1p(math.Exp(x))
}

// noDropout is the log-odds of the mean dropout probability μ below which,
// at the NBD limit, no customer is taken to drop out (μ < 1e-6), and
// pureNBD the log-odds the model is then put at (μ ≈ 4e-18).
const (
	noDropout = -13.8
	pureNBD   = -40.0
)

// nbdLimit is a + b at which BG/NBD is taken to be at its NBD limit.
const nbdLimit = 1e4

// sigDigits is the precision of fitted parameters. The browser and the CLI
// run the same code on floating-point libraries that differ in the last
// bits (assembly exp and log natively, pure Go in WebAssembly), so their
// optimisers stop a few parts in 10⁹ apart; parameters rounded to 6
// significant digits are the same on both, and so is everything computed
// from them. 6 digits are far finer than the parameters' standard errors.
const sigDigits = 6

// roundSig rounds v to n significant digits.
func roundSig(v float64, n int) float64 {
	if v == 0 || !finite(v) {
		return v
	}
	e := math.Pow(10, float64(n-1)-math.Floor(math.Log10(math.Abs(v))))
	return math.Round(v*e) / e
}

// PAlive is the probability that a customer with x repeat purchases, the
// last at t_x, observed for T, is still alive (FHL 2005, eq. 12).
func (m BGNBD) PAlive(x, tx, T float64) float64 {
	if x <= 0 {
		return 1
	}
	// a/(b+x−1) · ((α+T)/(α+t_x))^(r+x), in logs so large x cannot overflow.
	l := math.Log(m.A) - math.Log(m.B+x-1) + (m.R+x)*(math.Log(m.Alpha+T)-math.Log(m.Alpha+tx))
	if l > 700 {
		return 0
	}
	return 1 / (1 + math.Exp(l))
}

// Expected is E[X(t)], the expected purchases of a new customer in t
// periods after the first (FHL 2005, eq. 7).
func (m BGNBD) Expected(t float64) float64 {
	if t <= 0 {
		return 0
	}
	z := t / (m.Alpha + t)
	return (m.A + m.B - 1) / (m.A - 1) * (1 - math.Pow(m.Alpha/(m.Alpha+t), m.R)*hyp2f1(m.R, m.B, m.A+m.B-1, z))
}

// ConditionalExpected is E[Y(t) | x, t_x, T], the expected purchases in
// the next t periods of a customer with history (x, t_x, T) (FHL 2005,
// eq. 10). Eq. 10 divides by a − 1: near a = 1 (|a − 1| < 0.1) its
// hypergeometric term is taken through Euler's transformation, which has
// no pole there; elsewhere eq. 10 is evaluated as written, which stays
// well-conditioned however large a and b grow (the fit may run towards
// the NBD limit, a, b → ∞ with a/(a+b) fixed).
func (m BGNBD) ConditionalExpected(t, x, tx, T float64) float64 {
	if t <= 0 {
		return 0
	}
	den, ok := m.conditionalDen(x, tx, T)
	if !ok {
		return 0
	}
	return m.conditionalNum(t, x, T, den)
}

// conditionalDen is eq. 10's denominator, 1 + δ(x>0)·a/(b+x−1)·((α+T)/(α+t_x))^(r+x),
// which does not depend on t; ok is false when it overflows (then the
// expectation is 0).
func (m BGNBD) conditionalDen(x, tx, T float64) (float64, bool) {
	den := 1.0
	if x > 0 {
		l := math.Log(m.A) - math.Log(m.B+x-1) + (m.R+x)*(math.Log(m.Alpha+T)-math.Log(m.Alpha+tx))
		if l > 700 {
			return 0, false
		}
		den += math.Exp(l)
	}
	return den, true
}

// conditionalNum is eq. 10's numerator over t periods divided by den, or 0
// when that is not a finite non-negative number.
func (m BGNBD) conditionalNum(t, x, T, den float64) float64 {
	return conditionalRatio(m.conditionalNumerator(t, x, T), den)
}

// conditionalRatio is num/den, or 0 when that is not a finite non-negative
// number.
func conditionalRatio(num, den float64) float64 {
	v := num / den
	if !(v >= 0) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

// conditionalNumerator is eq. 10's numerator over t periods. It depends on
// x and T but not t_x, so customers who differ only in t_x share it (and
// its hypergeometric series, the costly part).
func (m BGNBD) conditionalNumerator(t, x, T float64) float64 {
	r, alpha, a, b := m.R, m.Alpha, m.A, m.B
	z := t / (alpha + T + t)
	var num float64
	if math.Abs(a-1) < 0.1 {
		num = (a + b + x - 1) * oneMinusPowF(a, b, r, x, z)
	} else {
		f := hyp2f1(r+x, b+x, a+b+x-1, z)
		num = (a + b + x - 1) / (a - 1) * (1 - math.Exp((r+x)*math.Log1p(-z))*f)
	}
	return num
}

// oneMinusPowF is [1 − (1−z)^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z)] / (a−1).
// By Euler, (1−z)^(r+x) ₂F₁(r+x, b+x; c; z) = (1−z)^(a−1) ₂F₁(A, a−1; c; z)
// with A = a+b−1−r, c = a+b+x−1; splitting off the series' first term,
// (F−1)/(a−1) = Σ_{k≥1} (A)_k (a)_{k−1} / ((c)_k k!) z^k, which has no
// pole at a = 1, and [1 − (1−z)^(a−1)]/(a−1) tends to −log(1−z).
func oneMinusPowF(a, b, r, x, z float64) float64 {
	L := math.Log1p(-z)
	var head float64
	if am1 := a - 1; math.Abs(am1*L) < 1e-8 {
		head = -L * (1 + am1*L/2)
	} else {
		head = -math.Expm1(am1*L) / am1
	}
	A, c := a+b-1-r, a+b+x-1
	// term_k = (A)_k (a)_{k−1} z^k / ((c)_k k!)
	term := A / c * z
	sum := term
	converged := false
	for k := 1.0; k < 20000; k++ {
		term *= (A + k) * (a + k - 1) / ((c + k) * (k + 1)) * z
		sum += term
		if math.Abs(term) <= 1e-15*math.Abs(sum) {
			converged = true
			break
		}
	}
	if !converged {
		// Close to z = 1 the series is slow: Cephes' ₂F₁ takes the
		// linear transformations there.
		if am1 := a - 1; math.Abs(am1) > 1e-6 {
			return (1 - math.Exp(am1*L)*mathext.Hypergeo(A, am1, c, z)) / am1
		}
		return (oneMinusPowF(1+1e-5, b, r, x, z) + oneMinusPowF(1-1e-5, b, r, x, z)) / 2
	}
	return head - math.Exp((a-1)*L)*sum
}

// hyp2f1 is Gauss's hypergeometric function for 0 ≤ z < 1. With positive
// parameters its series has positive terms; summed directly it converges
// in a few dozen terms for the z of a year's horizon, several times faster
// than Cephes' general routine, which takes over when the series is slow
// (z near 1, or a term ratio that falls late).
func hyp2f1(a, b, c, z float64) float64 {
	if a > 0 && b > 0 && c > 0 && z >= 0 && z < 0.75 {
		term, sum := 1.0, 1.0
		for k := 0.0; k < 400; k++ {
			term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z
			sum += term
			if term <= 1e-16*sum {
				return sum
			}
		}
	}
	return mathext.Hypergeo(a, b, c, z)
}
