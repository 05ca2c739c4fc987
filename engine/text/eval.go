package text

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// Metrics are a scorer's figures on a labelled set, by the protocol of the
// VADER paper (Hutto & Gilbert 2014): classes by the ±0.05 threshold on the
// score; numeric gold on −4 … +4 is positive at ≥ +0.2, negative at ≤ −0.2.
type Metrics struct {
	Rows     int                `json:"rows"`
	Accuracy float64            `json:"accuracy"`
	MacroF1  float64            `json:"macro_f1"`
	Pearson  *float64           `json:"pearson,omitempty"` // numeric gold only
	F1       map[string]float64 `json:"f1"`                // per gold class
	Gold     map[string]int     `json:"gold"`              // rows per gold class
	Pred     map[string]int     `json:"predicted"`         // rows per predicted class
}

// GoldLabel reads a gold value: a class name, or a number on VADER's −4 … +4
// scale. numeric says which.
func GoldLabel(v string) (label Label, value float64, numeric bool, ok bool) {
	v = strings.TrimSpace(strings.ToLower(v))
	switch v {
	case "positive", "pos", "1":
		if v != "1" {
			return Positive, 0, false, true
		}
	case "negative", "neg":
		return Negative, 0, false, true
	case "neutral", "neu":
		return Neutral, 0, false, true
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return "", 0, false, false
	}
	switch {
	case f >= 0.2:
		return Positive, f, true, true
	case f <= -0.2:
		return Negative, f, true, true
	}
	return Neutral, f, true, true
}

// Evaluate compares predicted scores with gold labels. Macro-F1 averages
// over the three classes when the gold is numeric (the VADER protocol) and
// over the classes present in the gold otherwise (AJGT: two).
func Evaluate(gold []Label, goldValue []float64, numeric bool, score []float64) Metrics {
	m := Metrics{Rows: len(gold), F1: map[string]float64{}, Gold: map[string]int{}, Pred: map[string]int{}}
	tp := map[Label]int{}
	predN := map[Label]int{}
	for i, g := range gold {
		p := LabelOf(score[i])
		m.Gold[string(g)]++
		m.Pred[string(p)]++
		predN[p]++
		if p == g {
			tp[g]++
		}
	}
	if len(gold) == 0 {
		return m
	}
	correct := 0
	for _, n := range tp {
		correct += n
	}
	m.Accuracy = round4(float64(correct) / float64(len(gold)))
	classes := []Label{Positive, Negative, Neutral}
	if !numeric {
		classes = classes[:0]
		for _, c := range []Label{Positive, Negative, Neutral} {
			if m.Gold[string(c)] > 0 {
				classes = append(classes, c)
			}
		}
	}
	sum := 0.0
	for _, c := range classes {
		f1 := 0.0
		if d := m.Gold[string(c)] + predN[c]; d > 0 {
			f1 = 2 * float64(tp[c]) / float64(d)
		}
		m.F1[string(c)] = round4(f1)
		sum += f1
	}
	m.MacroF1 = round4(sum / float64(len(classes)))
	if numeric {
		r := round4(pearson(goldValue, score))
		m.Pearson = &r
	}
	return m
}

func round4(v float64) float64 { return math.Round(v*1e4) / 1e4 }

func pearson(x, y []float64) float64 {
	n := float64(len(x))
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= n
	my /= n
	var sxy, sxx, syy float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
		syy += (y[i] - my) * (y[i] - my)
	}
	if sxx == 0 || syy == 0 {
		return 0
	}
	return sxy / math.Sqrt(sxx*syy)
}

// sortedKeys is for stable output.
func sortedKeys(m map[string]int) []string {
	k := make([]string, 0, len(m))
	for s := range m {
		k = append(k, s)
	}
	sort.Strings(k)
	return k
}
