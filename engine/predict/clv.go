package predict

import "math"

// Horizon is what a lifetime value is computed over: Months months of
// PeriodsPerMonth model periods each, each month's value discounted by
// (1+MonthlyDiscount)^month. The defaults (DefaultHorizon) are those of the
// lifetimes package: 12 months, 1% a month.
type Horizon struct {
	Months          int     `json:"months"`
	MonthlyDiscount float64 `json:"monthlyDiscount"`
}

// DefaultHorizon is 12 months discounted at 1% a month.
var DefaultHorizon = Horizon{Months: 12, MonthlyDiscount: 0.01}

// periodsPerMonth is a month (365.25/12 days) in model periods.
func periodsPerMonth(p Period) float64 { return 365.25 / 12 / float64(p) }

// Rules for when the models are trusted.
const (
	// MinRepeatCustomers is the fewest customers with a repeat purchase
	// for which BG/NBD is fitted: four parameters need some repeat data.
	MinRepeatCustomers = 20
	// MaxSpendCorrelation is the frequency–spend correlation above which
	// the Gamma-Gamma independence assumption is reported as doubtful.
	MaxSpendCorrelation = 0.3
)

// Fallback reasons (codes; engine/message has their texts).
const (
	FallbackFewRepeat    = "clvFewRepeat"    // fewer than MinRepeatCustomers repeat customers
	FallbackNotConverged = "clvNotConverged" // the BG/NBD fit did not converge
)

// Model is what lifetime values are computed from: the fitted BG/NBD and
// Gamma-Gamma models, or, when the data cannot support them, the
// documented fallback. The fallback expects every customer to keep buying
// at the population's repeat rate (Σx / ΣT per period) and to spend their
// own mean repeat amount (else their first purchase, else the population
// mean); it has no probability of being alive.
type Model struct {
	Period           Period     `json:"period"`
	Customers        int        `json:"customers"`
	RepeatCustomers  int        `json:"repeatCustomers"`
	BGNBD            BGNBD      `json:"bgnbd"`
	BGNBDFit         Fit        `json:"bgnbdFit"`
	Spend            GammaGamma `json:"gammaGamma"`
	SpendFit         Fit        `json:"gammaGammaFit"`
	SpendCorrelation float64    `json:"spendCorrelation"`
	SpendModel       bool       `json:"spendModel"`         // Gamma-Gamma fitted and converged; else mean spends
	Fallback         string     `json:"fallback,omitempty"` // why the fallback is used; "" when it is not
	RepeatRate       float64    `json:"repeatRate"`         // repeat purchases per customer per period
	MeanSpend        float64    `json:"meanSpend"`          // mean repeat purchase amount
}

// NewModel fits the models to the calibration summary of customers.
func NewModel(cs []Customer, period Period) Model { return NewModelTicking(cs, period, nil) }

// NewModelTicking is NewModel calling tick (when not nil) after every
// evaluation of a likelihood, every few milliseconds of a fit, so a host
// with one thread can report progress.
func NewModelTicking(cs []Customer, period Period, tick func()) Model {
	m := Model{Period: period, Customers: len(cs)}
	var sumX, sumT, sumM float64
	nm := 0
	for _, c := range cs {
		sumX += c.Frequency
		sumT += c.Age
		if c.Frequency > 0 {
			m.RepeatCustomers++
			if c.Spend > 0 {
				sumM += c.Spend
				nm++
			}
		}
	}
	if sumT > 0 {
		m.RepeatRate = sumX / sumT
	}
	if nm > 0 {
		m.MeanSpend = sumM / float64(nm)
	} else if len(cs) > 0 {
		for _, c := range cs {
			sumM += c.Total
		}
		m.MeanSpend = sumM / float64(len(cs))
	}
	if m.RepeatCustomers < MinRepeatCustomers {
		m.Fallback = FallbackFewRepeat
		return m
	}
	bg, fit, err := FitBGNBDTicking(cs, tick)
	m.BGNBD, m.BGNBDFit = bg, fit
	if err != nil || !fit.Converged {
		m.Fallback = FallbackNotConverged
	}
	m.SpendCorrelation = SpendCorrelation(cs)
	if nm >= MinRepeatCustomers {
		g, gfit, err := fitGammaGamma(cs, tick)
		m.Spend, m.SpendFit = g, gfit
		m.SpendModel = err == nil && gfit.Converged
	}
	return m
}

// Prediction is the models' view of one customer.
type Prediction struct {
	PAlive   float64 // NaN under the fallback
	Expected float64 // purchases expected over the horizon
	Spend    float64 // expected amount per purchase
	CLV      float64 // discounted value over the horizon; finite and ≥ 0
}

// Predict computes a customer's probability of being alive, expected
// purchases, spend and lifetime value over h.
func (m Model) Predict(c Customer, h Horizon) Prediction {
	return m.PredictAll([]Customer{c}, h)[0]
}

// PredictAll predicts every customer. Customers with the same history
// (x, t_x, T) share their probability of being alive and expected
// purchases, which are computed once: with dates in whole days most
// customers share theirs with others. The expectation's numerator, its
// costly part, depends on x and T alone and is shared more widely still.
func (m Model) PredictAll(cs []Customer, h Horizon) []Prediction {
	type path struct{ pAlive, expected, discounted float64 }
	// Histories and (x, T) are numbered as they come (numbering: the
	// runtime's map hashes each float apart); paths[j] is history j's,
	// numerators[12·j' + k−1] the numerator of (x, T) j' over k months.
	histories := newNumbering(len(cs) / 2)
	paths := make([]path, 0, len(cs)/2)
	at := newNumbering(0)
	var numerators []float64
	pm := periodsPerMonth(m.Period)
	discount := make([]float64, h.Months+1)
	for k := 1; k <= h.Months; k++ {
		discount[k] = math.Pow(1+h.MonthlyDiscount, float64(k))
	}
	out := make([]Prediction, len(cs))
	for i, c := range cs {
		j, ok := histories.index(c.Frequency, c.Recency, c.Age)
		var p path
		if ok {
			p = paths[j]
		} else {
			p.pAlive = math.NaN()
			expected := func(k int) float64 { return m.RepeatRate * (float64(k) * pm) }
			if m.Fallback == "" {
				p.pAlive = m.BGNBD.PAlive(c.Frequency, c.Recency, c.Age)
				// ConditionalExpected, its denominator computed once for
				// the months and its numerators once for every t_x.
				den, ok := m.BGNBD.conditionalDen(c.Frequency, c.Recency, c.Age)
				from := -1
				if ok {
					jxT, seen := at.index(c.Frequency, c.Age, 0)
					from = jxT * h.Months
					for k := 1; !seen && k <= h.Months; k++ {
						numerators = append(numerators, m.BGNBD.conditionalNumerator(float64(k)*pm, c.Frequency, c.Age))
					}
				}
				expected = func(k int) float64 {
					if !ok {
						return 0
					}
					return conditionalRatio(numerators[from+k-1], den)
				}
			}
			// The month's expected purchases, discounted to today.
			prev := 0.0
			for k := 1; k <= h.Months; k++ {
				e := expected(k)
				if !finite(e) || e < prev {
					e = prev // expected purchases never decrease with time
				}
				p.discounted += (e - prev) / discount[k]
				prev = e
			}
			p.expected = prev
			paths = append(paths, p) // history j's: j is the next number
		}
		pr := Prediction{PAlive: p.pAlive, Spend: m.spend(c), Expected: p.expected}
		pr.CLV = p.discounted * pr.Spend
		if !finite(pr.CLV) || pr.CLV < 0 {
			pr.CLV = 0
		}
		out[i] = pr
	}
	return out
}

// spend is the expected amount of a customer's future purchases.
func (m Model) spend(c Customer) float64 {
	var v float64
	switch {
	case m.SpendModel:
		v = m.Spend.ExpectedSpend(c.Frequency, c.Spend)
	case c.Frequency > 0 && c.Spend > 0:
		v = c.Spend
	case c.Total > 0:
		v = c.Total
	default:
		v = m.MeanSpend
	}
	if !finite(v) || v < 0 {
		return 0
	}
	return v
}
