package predict

import "math"

// Bucket compares actual and predicted holdout purchases of the customers
// with one calibration frequency (the last bucket holds that many or more).
type Bucket struct {
	Frequency int     `json:"frequency"`
	Customers int     `json:"customers"`
	Actual    float64 `json:"actual"`    // purchases in the holdout period
	Predicted float64 `json:"predicted"` // Σ E[Y(t) | x, t_x, T]
}

// Holdout is the calibration/holdout check of a BG/NBD fit: the purchases
// the model expects of each customer in the holdout period, given their
// calibration history, against what they did.
type Holdout struct {
	Periods   float64  `json:"periods"` // length of the holdout period
	Actual    float64  `json:"actual"`
	Predicted float64  `json:"predicted"`
	Buckets   []Bucket `json:"buckets"` // by calibration frequency 0, 1, …, top+
}

// CheckHoldout sums actual and expected holdout purchases over the
// customers, in total and by calibration frequency 0…top (top meaning top
// or more), for a holdout period of t periods.
func CheckHoldout(m BGNBD, cs []Customer, t float64, top int) Holdout {
	h := Holdout{Periods: t, Buckets: make([]Bucket, top+1)}
	for i := range h.Buckets {
		h.Buckets[i].Frequency = i
	}
	seen := map[[3]float64]float64{} // customers with the same history expect the same
	// and those who differ only in t_x share the numerator, the costly part
	numerators := map[[2]float64]float64{}
	for _, c := range cs {
		key := [3]float64{c.Frequency, c.Recency, c.Age}
		e, ok := seen[key]
		if !ok {
			if den, ok := m.conditionalDen(c.Frequency, c.Recency, c.Age); ok && t > 0 {
				nk := [2]float64{c.Frequency, c.Age}
				num, known := numerators[nk]
				if !known {
					num = m.conditionalNumerator(t, c.Frequency, c.Age)
					numerators[nk] = num
				}
				e = conditionalRatio(num, den)
			}
			seen[key] = e
		}
		b := &h.Buckets[min(int(math.Round(c.Frequency)), top)]
		b.Customers++
		b.Actual += c.Holdout
		b.Predicted += e
		h.Actual += c.Holdout
		h.Predicted += e
	}
	return h
}
