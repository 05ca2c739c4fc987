package feedback

import "math"

// The few distribution functions the tests and intervals need, written
// out rather than taken from a statistics library: that library and the
// matrix code it pulls in cost about 100 KB of the browser's download, and
// the report's types (this package) are compiled into the interface too.
// Each is checked against an independent implementation in dist_test.go.

// normalSurvival is P(Z > x) for a standard normal Z.
func normalSurvival(x float64) float64 { return 0.5 * math.Erfc(x/math.Sqrt2) }

// studentTSurvival is P(T > x) for Student's t with nu degrees of freedom.
func studentTSurvival(x, nu float64) float64 {
	if math.IsNaN(x) || nu <= 0 {
		return math.NaN()
	}
	tail := 0.5 * betaInc(nu/(nu+x*x), nu/2, 0.5) // P(|T| > |x|) / 2
	if x >= 0 {
		return tail
	}
	return 1 - tail
}

// studentTQuantile is the x with P(T ≤ x) = p, for 0.5 ≤ p < 1 (the upper
// quantiles intervals use), by bisection to the last bits of a float64.
func studentTQuantile(p, nu float64) float64 {
	if !(p >= 0.5 && p < 1) || nu <= 0 {
		return math.NaN()
	}
	target := 1 - p
	lo, hi := 0.0, 1.0
	for studentTSurvival(hi, nu) > target {
		lo, hi = hi, 2*hi
		if hi > 1e300 {
			return math.Inf(1)
		}
	}
	for i := 0; i < 200 && hi-lo > 1e-15*hi; i++ {
		mid := lo + (hi-lo)/2
		if studentTSurvival(mid, nu) > target {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + (hi-lo)/2
}

// fSurvival is P(F > f) for Fisher's F with d1 and d2 degrees of freedom.
func fSurvival(f, d1, d2 float64) float64 {
	if math.IsNaN(f) || d1 <= 0 || d2 <= 0 {
		return math.NaN()
	}
	if f <= 0 {
		return 1
	}
	return betaInc(d2/(d2+d1*f), d2/2, d1/2)
}

// betaInc is the regularised incomplete beta function I_x(a, b), from its
// continued fraction (evaluated with the modified Lentz method) on the side
// of x where it converges fast.
func betaInc(x, a, b float64) float64 {
	switch {
	case x <= 0:
		return 0
	case x >= 1:
		return 1
	}
	la, _ := math.Lgamma(a)
	lb, _ := math.Lgamma(b)
	lab, _ := math.Lgamma(a + b)
	front := math.Exp(lab - la - lb + a*math.Log(x) + b*math.Log1p(-x))
	if x < (a+1)/(a+b+2) {
		return front * betaFraction(x, a, b) / a
	}
	return 1 - front*betaFraction(1-x, b, a)/b
}

func betaFraction(x, a, b float64) float64 {
	const tiny = 1e-300
	clamp := func(v float64) float64 {
		if math.Abs(v) < tiny {
			return tiny
		}
		return v
	}
	c, d := 1.0, 1/clamp(1-(a+b)*x/(a+1))
	h := d
	for m := 1.0; m <= 10000; m++ {
		num := m * (b - m) * x / ((a + 2*m - 1) * (a + 2*m))
		d = 1 / clamp(1+num*d)
		c = clamp(1 + num/c)
		h *= d * c
		num = -(a + m) * (a + b + m) * x / ((a + 2*m) * (a + 2*m + 1))
		d = 1 / clamp(1+num*d)
		c = clamp(1 + num/c)
		step := d * c
		h *= step
		if math.Abs(step-1) < 1e-16 {
			break
		}
	}
	return h
}
