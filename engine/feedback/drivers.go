package feedback

import (
	"math"
	"sort"
)

// Attribute is a categorical attribute of each answer's respondent (a
// country, a plan, a channel; later a text topic as "yes"/"no"), in the
// order of the answers. An empty value is a missing one: it forms a group
// of its own in the model but is never reported as a level.
type Attribute struct {
	Name   string
	Values []string
}

// Driver is how much one attribute moves the score: its share of the
// explained variance (Shapley decomposition of R²), whether it adds
// significantly to the model of all attributes (partial F-test), and the
// direction of each of its values.
type Driver struct {
	Attribute   string  `json:"attribute"`
	Importance  float64 `json:"importance"` // % of the model's R²
	R2          float64 `json:"r2"`         // its part of R² (Shapley value)
	P           float64 `json:"p"`
	Significant bool    `json:"significant"`
	Levels      []Level `json:"levels"` // by effect, largest first
}

// Level is one value of a driver: the outcome's mean among its answers and
// the difference from the mean of the others (the direction: > 0 raises
// the score). For NPS the outcome is +100/0/−100 per answer, so means are
// NPS points; for CSAT it is % satisfied; for CES the mean answer.
type Level struct {
	Value  string  `json:"value"`
	N      int     `json:"n"`
	Mean   float64 `json:"mean"`
	Effect float64 `json:"effect"`
}

// DriverModel is the whole analysis: answers used and R² of all attributes together.
type DriverModel struct {
	N       int      `json:"n"`
	R2      float64  `json:"r2"`
	Drivers []Driver `json:"drivers"`
}

const (
	// MaxAttributes bounds the Shapley decomposition, which fits a model
	// per subset of attributes (2^10 = 1024 small regressions).
	MaxAttributes = 10
	// maxLevels is the most values of one attribute modelled; rarer ones
	// are pooled into one "other" level.
	maxLevels  = 12
	otherLevel = "\x00other"
)

// Drivers decomposes the variance of outcome (one number per answer, see
// Outcome) explained by the attributes, each coded as dummy variables,
// into each attribute's share: the Shapley value of R² (also called LMG
// or dominance analysis), the average gain in R² from adding the
// attribute over every order of adding them. Attributes with a single
// value are dropped; at most MaxAttributes are used (the first ones
// given). Levels with fewer than minLevel answers are pooled and not
// reported. Returns nil with fewer than MinN answers or no spread.
func Drivers(outcome []float64, attrs []Attribute, minLevel int) *DriverModel {
	n := len(outcome)
	if n < MinN {
		return nil
	}
	type coded struct {
		name   string
		levels []string // reported levels
		cols   []int    // dummy columns in X
		code   []int32  // level index per answer
		all    []string // every modelled level, index = code
	}
	var cs []coded
	d := 0 // dummy columns so far
	for _, a := range attrs {
		if len(cs) == MaxAttributes {
			break
		}
		count := map[string]int{}
		for _, v := range a.Values[:n] {
			count[v]++
		}
		keep := make([]string, 0, len(count))
		for v, c := range count {
			if v != "" && c >= minLevel {
				keep = append(keep, v)
			}
		}
		sort.Slice(keep, func(i, j int) bool {
			if count[keep[i]] != count[keep[j]] {
				return count[keep[i]] > count[keep[j]]
			}
			return keep[i] < keep[j]
		})
		if len(keep) > maxLevels {
			keep = keep[:maxLevels]
		}
		index := map[string]int32{}
		all := append([]string(nil), keep...)
		for i, v := range keep {
			index[v] = int32(i)
		}
		code := make([]int32, n)
		other := int32(-1)
		for i, v := range a.Values[:n] {
			k, ok := index[v]
			if !ok {
				if other < 0 {
					other = int32(len(all))
					all = append(all, otherLevel)
				}
				k = other
			}
			code[i] = k
		}
		if len(all) < 2 {
			continue
		}
		c := coded{name: a.Name, levels: keep, code: code, all: all}
		// One dummy per level but the first (the most frequent, the reference).
		for l := 1; l < len(all); l++ {
			c.cols = append(c.cols, d)
			d++
		}
		cs = append(cs, c)
	}
	p := len(cs)
	if p == 0 {
		return nil
	}
	// The centred cross-products come from counts, since dummies are 0/1:
	// Σ(x_a − m_a)(x_b − m_b) = n_ab − n_a·n_b/n and Σ(x_a − m_a)(y − ȳ)
	// = Σ_{x_a=1} y − n_a·ȳ. Each answer has at most one dummy per
	// attribute set, so this costs n·p² rather than n·d².
	var my float64
	for _, v := range outcome {
		my += v
	}
	my /= float64(n)
	var syy float64
	for _, v := range outcome {
		syy += (v - my) * (v - my)
	}
	if syy == 0 {
		return nil
	}
	gram := make([][]float64, d)
	for a := range gram {
		gram[a] = make([]float64, d)
	}
	cnt := make([]float64, d)
	sumY := make([]float64, d)
	active := make([]int, 0, p)
	for i := 0; i < n; i++ {
		active = active[:0]
		for _, c := range cs {
			if k := c.code[i]; k > 0 {
				active = append(active, c.cols[k-1])
			}
		}
		for x, a := range active {
			cnt[a]++
			sumY[a] += outcome[i]
			for _, b := range active[:x] {
				gram[a][b]++
			}
		}
	}
	xy := make([]float64, d)
	nf := float64(n)
	for a := 0; a < d; a++ {
		gram[a][a] = cnt[a]
		for b := 0; b < a; b++ {
			// active holds columns in increasing order, so only [a][b] with a > b was counted.
			gram[a][b] += gram[b][a]
			gram[b][a] = 0
		}
	}
	for a := 0; a < d; a++ {
		for b := 0; b <= a; b++ {
			gram[a][b] -= cnt[a] * cnt[b] / nf
			gram[b][a] = gram[a][b]
		}
		xy[a] = sumY[a] - cnt[a]*my
	}
	r2 := make([]float64, 1<<p)
	rank := make([]int, 1<<p)
	for mask := 1; mask < 1<<p; mask++ {
		var idx []int
		for j := 0; j < p; j++ {
			if mask&(1<<j) != 0 {
				idx = append(idx, cs[j].cols...)
			}
		}
		ss, rk := explained(gram, xy, idx)
		r2[mask], rank[mask] = math.Max(0, math.Min(1, ss/syy)), rk
	}
	full := 1<<p - 1
	// Shapley weights |S|!(p−|S|−1)!/p!.
	fact := make([]float64, p+1)
	fact[0] = 1
	for i := 1; i <= p; i++ {
		fact[i] = fact[i-1] * float64(i)
	}
	model := &DriverModel{N: n, R2: r2[full]}
	for j := 0; j < p; j++ {
		bit := 1 << j
		var phi float64
		for mask := 0; mask < 1<<p; mask++ {
			if mask&bit != 0 {
				continue
			}
			s := popcount(mask)
			phi += fact[s] * fact[p-s-1] / fact[p] * (r2[mask|bit] - r2[mask])
		}
		dr := Driver{Attribute: cs[j].name, R2: phi, P: 1}
		if r2[full] > 0 {
			dr.Importance = 100 * phi / r2[full]
		}
		q := rank[full] - rank[full&^bit]
		df2 := n - rank[full] - 1
		if q > 0 && df2 > 0 && r2[full] < 1 {
			f := ((r2[full] - r2[full&^bit]) / float64(q)) / ((1 - r2[full]) / float64(df2))
			dr.P = fSurvival(math.Max(0, f), float64(q), float64(df2))
		} else if q > 0 && r2[full] == 1 {
			dr.P = 0
		}
		dr.Significant = dr.P < Alpha
		dr.Levels = levels(outcome, cs[j].code, cs[j].all, len(cs[j].levels), minLevel)
		model.Drivers = append(model.Drivers, dr)
	}
	sort.SliceStable(model.Drivers, func(a, b int) bool { return model.Drivers[a].Importance > model.Drivers[b].Importance })
	return model
}

// levels gives each reported level's mean outcome and its difference from
// the mean outcome of every other answer.
func levels(outcome []float64, code []int32, all []string, reported, minLevel int) []Level {
	sum := make([]float64, len(all))
	cnt := make([]int, len(all))
	var total float64
	for i, k := range code {
		sum[k] += outcome[i]
		cnt[k]++
		total += outcome[i]
	}
	n := len(code)
	var out []Level
	for l := 0; l < reported; l++ {
		if cnt[l] < minLevel || cnt[l] == n {
			continue
		}
		mean := sum[l] / float64(cnt[l])
		rest := (total - sum[l]) / float64(n-cnt[l])
		out = append(out, Level{Value: all[l], N: cnt[l], Mean: mean, Effect: mean - rest})
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Effect > out[b].Effect })
	return out
}

// explained is the regression sum of squares of y on the columns idx
// (centred), b·X'y with (X'X)b = X'y, and the rank of those columns. It
// solves by Cholesky, skipping a column that adds nothing new (a linear
// combination of the ones before it: two attributes that say the same).
func explained(gram [][]float64, xy []float64, idx []int) (float64, int) {
	k := len(idx)
	L := make([][]float64, k)
	used := make([]bool, k)
	for a := 0; a < k; a++ {
		L[a] = make([]float64, k)
	}
	// z solves L z = X'y over the used columns; the explained sum of
	// squares is |z|².
	zv := make([]float64, k)
	var ss float64
	rank := 0
	for a := 0; a < k; a++ {
		diag := gram[idx[a]][idx[a]]
		v := diag
		for c := 0; c < a; c++ {
			if used[c] {
				v -= L[a][c] * L[a][c]
			}
		}
		if diag <= 0 || v <= 1e-9*diag {
			continue // collinear with the columns before it
		}
		used[a] = true
		rank++
		L[a][a] = math.Sqrt(v)
		for b := a + 1; b < k; b++ {
			s := gram[idx[b]][idx[a]]
			for c := 0; c < a; c++ {
				if used[c] {
					s -= L[b][c] * L[a][c]
				}
			}
			L[b][a] = s / L[a][a]
		}
		s := xy[idx[a]]
		for c := 0; c < a; c++ {
			if used[c] {
				s -= L[a][c] * zv[c]
			}
		}
		zv[a] = s / L[a][a]
		ss += zv[a] * zv[a]
	}
	return ss, rank
}

func popcount(x int) int {
	c := 0
	for ; x != 0; x &= x - 1 {
		c++
	}
	return c
}
