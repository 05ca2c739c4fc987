package text

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Linear is a logistic regression over text features: the log-odds that a
// text is positive is Bias + the weights of its features + LexWeight × the
// hand lexicon's score. The built-in Arabic model and the domain models
// fitted to a user's rated reviews are both Linear.
type Linear struct {
	Bias      float64
	LexWeight float64
	Weights   map[string]float64
}

// ParseLinear reads a model file: "bias V", "lex V" and "f FEATURE V" lines.
func ParseLinear(data []byte) (*Linear, error) {
	m := &Linear{Weights: map[string]float64{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if l == "" || l[0] == '#' {
			continue
		}
		f := strings.Split(l, "\t")
		v, err := strconv.ParseFloat(f[len(f)-1], 64)
		if err != nil || len(f) < 2 {
			return nil, fmt.Errorf("model line %d: want a name and a number", line)
		}
		switch {
		case f[0] == "bias" && len(f) == 2:
			m.Bias = v
		case f[0] == "lex" && len(f) == 2:
			m.LexWeight = v
		case f[0] == "f" && len(f) == 3:
			m.Weights[f[1]] = v
		default:
			return nil, fmt.Errorf("model line %d: unknown entry %q", line, f[0])
		}
	}
	if len(m.Weights) == 0 {
		return nil, fmt.Errorf("model: no weights")
	}
	return m, sc.Err()
}

// Write writes the model in the format ParseLinear reads, features in a
// fixed order, weights rounded to 3 decimals (ample for a linear model and
// half the bytes).
func (m *Linear) Write(w io.Writer, header string) error {
	bw := bufio.NewWriter(w)
	for _, l := range strings.Split(strings.TrimSpace(header), "\n") {
		fmt.Fprintf(bw, "# %s\n", l)
	}
	fmt.Fprintf(bw, "bias\t%s\nlex\t%s\n", fmtWeight(m.Bias), fmtWeight(m.LexWeight))
	keys := make([]string, 0, len(m.Weights))
	for k := range m.Weights {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(bw, "f\t%s\t%s\n", k, fmtWeight(m.Weights[k]))
	}
	return bw.Flush()
}

func fmtWeight(v float64) string { return strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64) }

// Example is one labelled text for fitting: its features and hand-lexicon
// score, and whether it is positive.
type Example struct {
	Features []string
	Lex      float64
	Positive bool
	Neutral  bool    // neither: a target of one half, so the words of neutral texts learn to weigh nothing
	Weight   float64 // how much the example counts (0 counts as 1): a set less like the texts to score counts less
}

// FitOptions steer Fit.
type FitOptions struct {
	L2       float64 // ridge penalty per example (0.0001 … 0.01)
	Epochs   int     // passes over the data
	MinCount int     // features seen in fewer examples are dropped
	MaxKeep  int     // keep at most this many features, the largest weights (0 = all)
	MinAbs   float64 // drop features whose weight is smaller than this
}

// Fit fits a logistic regression by AdaGrad over the examples in their
// given order (deterministic: same examples, same model), with an L2
// penalty, the classes weighted to count equally.
func Fit(ex []Example, o FitOptions) *Linear {
	// Index the features by first appearance (deterministic: the examples'
	// order), counting the examples each one is in.
	index := map[string]int32{}
	var names []string
	var counts, last []int32
	rows := make([][]int32, len(ex))
	pos, neutral := 0, 0
	for i, e := range ex {
		row := make([]int32, 0, len(e.Features))
		for _, f := range e.Features {
			j, ok := index[f]
			if !ok {
				j = int32(len(names))
				index[f] = j
				names = append(names, f)
				counts = append(counts, 0)
				last = append(last, -1)
			}
			if last[j] != int32(i) {
				last[j] = int32(i)
				counts[j]++
			}
			row = append(row, j)
		}
		rows[i] = row
		if e.Positive {
			pos++
		} else if e.Neutral {
			neutral++
		}
	}
	// Features seen in too few examples are dropped from the rows.
	if o.MinCount > 1 {
		for i, row := range rows {
			kept := row[:0]
			for _, j := range row {
				if counts[j] >= int32(o.MinCount) {
					kept = append(kept, j)
				}
			}
			rows[i] = kept
		}
	}
	classW := [2]float64{1, 1}
	if polar, neg := len(ex)-neutral, len(ex)-neutral-pos; pos > 0 && neg > 0 {
		classW[0] = float64(polar) / (2 * float64(neg))
		classW[1] = float64(polar) / (2 * float64(pos))
	}
	w := make([]float64, len(names))
	g2 := make([]float64, len(names))
	var bias, lexW, gb, gl float64
	const rate = 0.5
	for epoch := 0; epoch < o.Epochs; epoch++ {
		for i, e := range ex {
			z := bias + lexW*e.Lex
			for _, j := range rows[i] {
				z += w[j]
			}
			y, cw := 0.0, classW[0]
			switch {
			case e.Neutral:
				y, cw = 0.5, 1
			case e.Positive:
				y, cw = 1, classW[1]
			}
			if e.Weight > 0 {
				cw *= e.Weight
			}
			g := (1/(1+math.Exp(-z)) - y) * cw
			gb += g * g
			bias -= rate * g / math.Sqrt(gb+1e-8)
			gl2 := g*e.Lex + o.L2*lexW
			gl += gl2 * gl2
			lexW -= rate * gl2 / math.Sqrt(gl+1e-8)
			for _, j := range rows[i] {
				gj := g + o.L2*w[j]*float64(len(rows[i])) // penalty spread over the example's features
				g2[j] += gj * gj
				w[j] -= rate * gj / math.Sqrt(g2[j]+1e-8)
			}
		}
	}
	m := &Linear{Bias: bias, LexWeight: lexW, Weights: map[string]float64{}}
	type kw struct {
		k string
		w float64
	}
	var kept []kw
	for j, f := range names {
		if counts[j] >= int32(o.MinCount) && math.Abs(w[j]) >= o.MinAbs && math.Abs(w[j]) >= 0.0005 {
			kept = append(kept, kw{f, w[j]})
		}
	}
	if o.MaxKeep > 0 && len(kept) > o.MaxKeep {
		sort.Slice(kept, func(a, b int) bool {
			if math.Abs(kept[a].w) != math.Abs(kept[b].w) {
				return math.Abs(kept[a].w) > math.Abs(kept[b].w)
			}
			return kept[a].k < kept[b].k
		})
		kept = kept[:o.MaxKeep]
	}
	for _, k := range kept {
		m.Weights[k.k] = k.w
	}
	return m
}

// Logit is the model's log-odds for a set of features and a lexicon score.
func (m *Linear) Logit(features []string, lex float64) float64 {
	z := m.Bias + m.LexWeight*lex
	for _, f := range features {
		z += m.Weights[f]
	}
	return z
}
