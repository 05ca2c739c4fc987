package predict

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/mathext"
)

// GammaGamma are the parameters of the Gamma-Gamma model of spend: a
// customer's purchases are Gamma(p, ν) around their mean p/ν, and ν varies
// across customers as Gamma(q, γ). q > 1 always, so that the mean spend
// pγ/(q−1) exists.
type GammaGamma struct {
	P     float64 `json:"p"`
	Q     float64 `json:"q"`
	Gamma float64 `json:"gamma"`
}

// ggData is the repeat customers grouped by frequency.
type ggData struct {
	xs    []float64
	start []int
	m     []float64 // mean repeat spend
	logM  []float64
	n     float64
}

func newGGData(cs []Customer) *ggData {
	// Only frequency and spend are read: sorting those, not whole
	// customers (72 bytes each), gives the same stable order.
	type row struct{ frequency, spend float64 }
	var rows []row
	for _, c := range cs {
		if c.Frequency >= 1 && c.Spend > 0 && finite(c.Spend) {
			rows = append(rows, row{c.Frequency, c.Spend})
		}
	}
	slices.SortStableFunc(rows, func(a, b row) int { return cmp.Compare(a.frequency, b.frequency) })
	d := &ggData{n: float64(len(rows)), m: make([]float64, 0, len(rows)), logM: make([]float64, 0, len(rows))}
	for _, c := range rows {
		x := math.Round(c.frequency)
		if len(d.xs) == 0 || d.xs[len(d.xs)-1] != x {
			d.xs = append(d.xs, x)
			d.start = append(d.start, len(d.m))
		}
		d.m = append(d.m, c.spend)
		d.logM = append(d.logM, math.Log(c.spend))
	}
	d.start = append(d.start, len(d.m))
	return d
}

// unpack turns θ = (log p, log(q−1), log γ) into parameters: q − 1 is
// positive by construction, so q > 1 is enforced, not hoped for.
func (ggData) unpack(theta []float64) GammaGamma {
	return GammaGamma{P: math.Exp(theta[0]), Q: 1 + math.Exp(theta[1]), Gamma: math.Exp(theta[2])}
}

// loglik is the Gamma-Gamma log-likelihood of the mean spends (Fader &
// Hardie 2013, eq. 3), with its gradient by θ.
func (d *ggData) loglik(theta, grad []float64) float64 {
	g := d.unpack(theta)
	p, q, gm := g.P, g.Q, g.Gamma
	if !finite(p, q, gm) || p == 0 || gm == 0 {
		if grad != nil {
			clear(grad)
		}
		return math.Inf(-1)
	}
	lgQ, _ := math.Lgamma(q)
	logG := math.Log(gm)
	var psiQ float64
	if grad != nil {
		psiQ = mathext.Digamma(q)
	}
	var ll, gp, gq, gg float64
	for k, x := range d.xs {
		px := p * x
		lgPXQ, _ := math.Lgamma(px + q)
		lgPX, _ := math.Lgamma(px)
		logX := math.Log(x)
		base := lgPXQ - lgPX - lgQ + q*logG + px*logX
		var psiPXQ, psiPX float64
		if grad != nil {
			psiPXQ, psiPX = mathext.Digamma(px+q), mathext.Digamma(px)
		}
		for i := d.start[k]; i < d.start[k+1]; i++ {
			lden := math.Log(gm + d.m[i]*x)
			ll += base + (px-1)*d.logM[i] - (px+q)*lden
			if grad != nil {
				gp += x * (psiPXQ - psiPX + d.logM[i] + logX - lden)
				gq += psiPXQ - psiQ + logG - lden
				gg += q/gm - (px+q)/(gm+d.m[i]*x)
			}
		}
	}
	if grad != nil {
		grad[0], grad[1], grad[2] = gp*p, gq*(q-1), gg*gm
	}
	return ll
}

// FitGammaGamma fits the Gamma-Gamma model to the customers with at least
// one repeat purchase and a positive mean spend.
func FitGammaGamma(cs []Customer) (GammaGamma, Fit, error) { return fitGammaGamma(cs, nil) }

// fitGammaGamma is FitGammaGamma calling tick (when not nil) after every
// evaluation of the likelihood.
func fitGammaGamma(cs []Customer, tick func()) (GammaGamma, Fit, error) {
	d := newGGData(cs)
	loglik := ticking(d.loglik, tick)
	if d.n == 0 {
		return GammaGamma{}, Fit{}, ErrNoData
	}
	mean := 0.0
	for _, m := range d.m {
		mean += m
	}
	mean /= d.n
	// Starts: p sets the spread of one customer's purchases, q that across
	// customers; γ follows from the mean spend pγ/(q−1) = mean.
	var starts [][]float64
	for _, s := range [][2]float64{{1, 2}, {5, 4}, {20, 10}} {
		p, q := s[0], s[1]
		starts = append(starts, []float64{math.Log(p), math.Log(q - 1), math.Log(mean * (q - 1) / p)})
	}
	var sub func(theta, grad []float64) float64
	nSub := 0.0
	if few := every(cs); few != nil {
		if ds := newGGData(few); ds.n > 0 {
			sub, nSub = ticking(ds.loglik, tick), ds.n
		}
	}
	theta, fit := maximiseLarge(loglik, sub, starts, d.n, nSub, nil, nil)
	if theta == nil {
		return GammaGamma{}, fit, ErrNoData
	}
	if p := math.Exp(theta[0]); p > ggLimit {
		// A ridge to p → ∞ with pγ fixed: each customer's purchases are
		// all alike, customers' means spread as an inverse gamma. The
		// stopping point on it is arbitrary: p is put at ggLimit and q, γ
		// fitted again there.
		lp := math.Log(ggLimit)
		ll2 := func(x, grad []float64) float64 {
			var g [3]float64
			v := loglik([]float64{lp, x[0], x[1]}, g[:])
			if grad != nil {
				grad[0], grad[1] = g[1], g[2]
			}
			return v
		}
		shift := lp - theta[0] // keep pγ where the search left it
		x2, fit2 := maximise(ll2, [][]float64{{theta[1], theta[2] - shift}, {0, math.Log(mean / ggLimit)}}, d.n)
		if x2 != nil {
			theta = []float64{lp, x2[0], x2[1]}
			fit2.Status = "limit p → ∞: " + fit2.Status
			fit2.Starts += fit.Starts
			fit2.Agreeing += fit.Agreeing
			fit2.Evaluations += fit.Evaluations
			fit = fit2
		}
	}
	// Rounded as the BG/NBD parameters are (see sigDigits); q − 1 is
	// rounded, so q stays above 1.
	g := d.unpack(theta)
	g = GammaGamma{P: roundSig(g.P, sigDigits), Q: 1 + roundSig(g.Q-1, sigDigits), Gamma: roundSig(g.Gamma, sigDigits)}
	fit.LogLikelihood = d.loglik([]float64{math.Log(g.P), math.Log(g.Q - 1), math.Log(g.Gamma)}, nil)
	return g, fit, nil
}

// ggLimit is the p at which Gamma-Gamma is taken to be at its limit of
// customers whose purchases do not vary.
const ggLimit = 1e4

// ExpectedSpend is the expected mean spend of a customer with x repeat
// purchases of mean m (eq. 5): a weighted mean of the population's mean and
// the customer's own. Without repeat purchases it is the population mean.
func (g GammaGamma) ExpectedSpend(x, m float64) float64 {
	if x <= 0 || !(m > 0) {
		return g.P * g.Gamma / (g.Q - 1)
	}
	return g.P * (g.Gamma + x*m) / (g.P*x + g.Q - 1)
}

// SpendCorrelation is the Pearson correlation between the number of repeat
// purchases and their mean spend among repeat customers. The Gamma-Gamma
// model assumes the two independent; a strong correlation (|ρ| > 0.3) makes
// its spend estimates doubtful, which a report should say.
func SpendCorrelation(cs []Customer) float64 {
	var xs, ms []float64
	for _, c := range cs {
		if c.Frequency >= 1 && c.Spend > 0 && finite(c.Spend) {
			xs = append(xs, c.Frequency)
			ms = append(ms, c.Spend)
		}
	}
	if len(xs) < 3 {
		return 0
	}
	v := correlation(xs, ms)
	if math.IsNaN(v) {
		return 0
	}
	return v
}

// correlation is Pearson's r of two equally long samples.
func correlation(xs, ys []float64) float64 {
	n := float64(len(xs))
	var mx, my float64
	for i := range xs {
		mx += xs[i]
		my += ys[i]
	}
	mx, my = mx/n, my/n
	var sxy, sxx, syy float64
	for i := range xs {
		dx, dy := xs[i]-mx, ys[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	return sxy / math.Sqrt(sxx*syy)
}
