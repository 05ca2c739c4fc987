package report

// Predictions is the report section for churn risk and customer lifetime
// value (BG/NBD + Gamma-Gamma), one model per currency: amounts in
// different currencies are never modelled or added together.
type Predictions struct {
	Period          string     `json:"period"`          // the models' time unit: "week" or "day"
	HorizonMonths   int        `json:"horizonMonths"`   // lifetime values are over this many months
	MonthlyDiscount float64    `json:"monthlyDiscount"` // discount rate per month
	Models          []CLVModel `json:"models"`          // by currency, most customers first
	Churn           Churn      `json:"churn"`
}

// CLVModel is the lifetime-value model of the customers of one currency.
type CLVModel struct {
	Currency        string `json:"currency"`
	Customers       int    `json:"customers"`
	RepeatCustomers int    `json:"repeatCustomers"` // with two or more purchase days
	// BG/NBD parameters (time in Period) and how the fit went.
	R             float64 `json:"r"`
	Alpha         float64 `json:"alpha"`
	A             float64 `json:"a"`
	B             float64 `json:"b"`
	LogLikelihood float64 `json:"logLikelihood"`
	Converged     bool    `json:"converged"`
	Starts        int     `json:"starts"`
	Agreeing      int     `json:"agreeing"` // starts that reached the best log-likelihood
	// Gamma-Gamma parameters of spend per purchase (q > 1).
	P                float64 `json:"p"`
	Q                float64 `json:"q"`
	Gamma            float64 `json:"gamma"`
	SpendModel       bool    `json:"spendModel"`       // false: customers' own mean spends are used
	SpendCorrelation float64 `json:"spendCorrelation"` // frequency–spend correlation (the model assumes ~0)
	// Notes says when the models were not used or are doubtful (engine/message texts).
	Notes []string `json:"notes,omitempty"`
	// What the model says about the customers.
	TotalCLV       float64        `json:"totalCLV"`
	MeanCLV        float64        `json:"meanCLV"`
	ExpectedOrders float64        `json:"expectedOrders"` // over the horizon, all customers
	MeanPAlive     float64        `json:"meanPAlive"`     // 0 under the fallback
	RevenueAtRisk  float64        `json:"revenueAtRisk"`  // last 12 months' spend of customers with churn risk ≥ 50
	CLVBins        []Bin          `json:"clvBins"`        // the distribution of lifetime values
	AliveByRecency []RecencyAlive `json:"aliveByRecency,omitempty"`
	Top            []CustomerCLV  `json:"top,omitempty"` // highest lifetime values (left out of shared views)
	Holdout        *Holdout       `json:"holdout,omitempty"`
}

// Bin is a range of values with its count: [From, To).
type Bin struct {
	From  float64 `json:"from"`
	To    float64 `json:"to"`
	Count int     `json:"count"`
}

// RecencyAlive is the mean probability of being alive of the customers
// whose last purchase was Periods ago (rounded down to the bin's start).
type RecencyAlive struct {
	Periods   float64 `json:"periods"`
	Customers int     `json:"customers"`
	PAlive    float64 `json:"pAlive"`
}

// CustomerCLV is one customer's lifetime value.
type CustomerCLV struct {
	Customer int     `json:"customer"`
	CLV      float64 `json:"clv"`
	PAlive   float64 `json:"pAlive"`
	Expected float64 `json:"expected"`
}

// Holdout is a calibration/holdout check: the model fitted on the
// calibration period forecasts each customer's purchases in the holdout
// period, set against what they did.
type Holdout struct {
	CalibrationEnd string          `json:"calibrationEnd"`
	HoldoutEnd     string          `json:"holdoutEnd"`
	Periods        float64         `json:"periods"`
	Actual         float64         `json:"actual"`
	Predicted      float64         `json:"predicted"`
	Buckets        []HoldoutBucket `json:"buckets"` // by calibration repeat purchases 0…7+
}

// HoldoutBucket is the check for the customers with one calibration frequency.
type HoldoutBucket struct {
	Frequency int     `json:"frequency"`
	Customers int     `json:"customers"`
	Actual    float64 `json:"actual"`
	Predicted float64 `json:"predicted"`
}

// Churn summarises churn risk (0–100) over the scored customers.
type Churn struct {
	Scored  int         `json:"scored"`
	High    int         `json:"high"`    // risk ≥ 70
	Medium  int         `json:"medium"`  // 40 ≤ risk < 70
	Low     int         `json:"low"`     // risk < 40
	Reasons []Count     `json:"reasons"` // customers by reason code, most frequent first
	Label   *ChurnLabel `json:"label,omitempty"`
	Top     []ChurnRow  `json:"top,omitempty"` // highest risks (left out of shared views)
}

// ChurnLabel is the logistic model fitted when the data says who churned:
// risk is then its probability of churn, ×100.
type ChurnLabel struct {
	Column    string  `json:"column"`    // the label column, e.g. "Churned"
	Customers int     `json:"customers"` // with a label
	Churned   int     `json:"churned"`
	AUC       float64 `json:"auc"` // cross-validated, 5 folds
}

// ChurnRow is one customer's churn risk with its top reasons (engine/message texts).
type ChurnRow struct {
	Customer int      `json:"customer"`
	Risk     float64  `json:"risk"`
	Reasons  []string `json:"reasons"`
}

// shareView returns the section fit for a shared link: no customer
// numbers (top lists dropped), and histogram bins, recency bins and holdout
// buckets of fewer than minGroup customers left out.
func (x *Predictions) shareView(minGroup int, info *Shared) *Predictions {
	if x == nil {
		return nil
	}
	v := *x
	v.Models = make([]CLVModel, 0, len(x.Models))
	for _, m := range x.Models {
		if m.Customers < minGroup {
			info.Suppressed++
			continue
		}
		m.Top = nil
		m.CLVBins = keepBins(m.CLVBins, minGroup, info)
		var ar []RecencyAlive
		for _, r := range m.AliveByRecency {
			if r.Customers < minGroup {
				info.Suppressed++
				continue
			}
			ar = append(ar, r)
		}
		m.AliveByRecency = ar
		if m.Holdout != nil {
			h := *m.Holdout
			h.Buckets = nil
			for _, b := range m.Holdout.Buckets {
				if b.Customers < minGroup {
					info.Suppressed++
					continue
				}
				h.Buckets = append(h.Buckets, b)
			}
			m.Holdout = &h
		}
		v.Models = append(v.Models, m)
	}
	v.Churn.Top = nil
	var reasons []Count
	for _, r := range x.Churn.Reasons {
		if r.Count < minGroup {
			info.Suppressed++
			continue
		}
		reasons = append(reasons, r)
	}
	v.Churn.Reasons = reasons
	return &v
}

func keepBins(bins []Bin, minGroup int, info *Shared) []Bin {
	var out []Bin
	for _, b := range bins {
		if b.Count > 0 && b.Count < minGroup {
			info.Suppressed++
			continue
		}
		out = append(out, b)
	}
	return out
}
