package segment

import (
	"math"
	"math/rand/v2"
	"sort"

	"github.com/qalbhq/qalb/engine/report"
)

// Clustering: k-means on standardised numeric features and one-hot
// categorical ones.
//
//   - Numeric features (ClusterNumbers) are standardised to z-scores; a
//     missing value is the mean (z = 0). Counts are taken as log(1+x) first,
//     so one customer with 400 events does not stretch the scale. Spend is
//     its percentile within the customer's main currency, so amounts in
//     different currencies are never compared.
//   - Categorical fields (ClusterCategories) are one-hot over their most
//     common values (the rest and "none" share no column), each column
//     scaled by 1/√2 so two customers who differ on a field are as far apart
//     as one standard deviation of a number.
//   - k from 2 to 8 is chosen by the mean silhouette on a sample of at
//     most 1,000 customers; each k is fitted on a sample of at most 5,000
//     with k-means++ seeding; the chosen k is then fitted on everyone from
//     the sample's centres. Every random choice comes from a PCG generator
//     with a fixed seed (the samples from one, each k's seeding from its
//     own, so the k's can be fitted at once, even in other instances of the
//     engine), so the same data gives the same clusters.

// ClusterNumbers are the numeric columns clustering reads (log1p marks counts).
var ClusterNumbers = []struct {
	Name  string
	Log1p bool
}{{"orders", true}, {"spend", false}, {"recencyDays", false}, {"tickets", true}, {"reviews", true},
	{"answers", true}, {"events", true}, {"sentiment", false}, {"churnRisk", false}}

// ClusterCategories are the categorical columns clustering reads.
var ClusterCategories = []string{"country", "city", "industry", "size", "nps", "gender", "language", "b2b"}

const (
	maxCategories = 8
	fitSample     = 5000
	silSample     = 1000
	minClusterN   = 20
	clusterSeed   = 0x5e6
)

// featureSet is the matrix clustering works on, with what each column means.
type featureSet struct {
	n, d  int
	x     []float32 // row-major n × d
	names []string  // per column: "orders" or "country=SA"
	cols  []feature
}

// feature is one column: a number (vals), or a category (the customers
// whose src is id; any non-zero id when any is set).
type feature struct {
	field, value string
	vals         []float64
	src          Col[uint32]
	id           uint32
	any          bool
	mean, sd     float64
}

func (f *feature) category() bool { return f.vals == nil }

// is reports whether customer i has the category.
func (f *feature) is(i int) bool {
	if f.any {
		return f.src.At(i) != 0
	}
	return f.src.At(i) == f.id
}

// zeroOrMissing reports whether every value of the n is 0 or NaN.
func zeroOrMissing(v Col[float64], n int) bool {
	if x, same := v.Same(); same {
		return x == 0 || math.IsNaN(x)
	}
	for i := 0; i < n; i++ {
		x := v.At(i)
		if x != 0 && !math.IsNaN(x) {
			return false
		}
	}
	return true
}

func buildFeatures(c *Columns) *featureSet {
	fs := &featureSet{n: c.N}
	var cand []feature
	for _, nf := range ClusterNumbers {
		src := c.NumberCol(nf.Name)
		if !src.Ok() {
			continue
		}
		if zeroOrMissing(src, c.N) {
			continue // sd 0 or nothing seen: it would be dropped below, after a copy of n values
		}
		var v []float64
		if nf.Name == "spend" {
			v = spendPercentile(c)
		} else {
			v = make([]float64, c.N)
			for i := range v {
				x := src.At(i)
				if nf.Log1p && !math.IsNaN(x) {
					x = math.Log1p(math.Max(0, x))
				}
				v[i] = x
			}
		}
		cand = append(cand, feature{field: nf.Name, vals: v})
	}
	for _, cf := range ClusterCategories {
		if cf == "b2b" {
			if src := c.TextCol("company"); src.Ok() {
				cand = append(cand, feature{field: "b2b", value: "yes", src: src, any: true})
			}
			continue
		}
		src := c.TextCol(cf)
		if !src.Ok() {
			continue
		}
		for _, id := range topValues(src, c.N, maxCategories) {
			cand = append(cand, feature{field: cf, value: c.Value(id), src: src, id: id})
		}
	}
	for _, f := range cand {
		mean, sd, seen := 0.0, 0.0, 0
		if f.category() {
			for i := 0; i < c.N; i++ {
				if f.is(i) {
					seen++
				}
			}
			mean = float64(seen) / float64(c.N)
			sd = math.Sqrt(mean * (1 - mean))
		} else {
			for _, x := range f.vals {
				if !math.IsNaN(x) {
					mean += x
					seen++
				}
			}
			if seen == 0 {
				continue
			}
			mean /= float64(seen)
			for _, x := range f.vals {
				if !math.IsNaN(x) {
					sd += (x - mean) * (x - mean)
				}
			}
			sd = math.Sqrt(sd / float64(seen))
		}
		if sd == 0 {
			continue
		}
		f.mean, f.sd = mean, sd
		fs.cols = append(fs.cols, f)
		name := f.field
		if f.value != "" {
			name += "=" + f.value
		}
		fs.names = append(fs.names, name)
	}
	fs.d = len(fs.cols)
	fs.x = make([]float32, fs.n*fs.d)
	w := float32(math.Sqrt(0.5)) // one-hot: 0/1 scaled, not standardised
	for j := range fs.cols {
		f := &fs.cols[j]
		for i := 0; i < fs.n; i++ {
			z := float32(0)
			switch {
			case f.category():
				if f.is(i) {
					z = w
				}
			case !math.IsNaN(f.vals[i]):
				z = float32((f.vals[i] - f.mean) / f.sd)
			}
			fs.x[i*fs.d+j] = z
		}
	}
	return fs
}

// spendPercentile is each buyer's spend as the share of buyers of the same
// main currency who spent strictly less (NaN for customers without spend).
func spendPercentile(c *Columns) []float64 {
	spend, cur := c.NumberCol("spend"), c.TextCol("currency")
	out := make([]float64, c.N)
	groups := map[uint32][]int32{}
	for i := range out {
		out[i] = math.NaN()
		if v := spend.At(i); spend.Ok() && !math.IsNaN(v) {
			g := cur.At(i) // 0 without a currency column
			groups[g] = append(groups[g], int32(i))
		}
	}
	for _, m := range groups {
		sort.Slice(m, func(a, b int) bool { return spend.At(int(m[a])) < spend.At(int(m[b])) })
		for i := 0; i < len(m); {
			j := i
			for j < len(m) && spend.At(int(m[j])) == spend.At(int(m[i])) {
				j++
			}
			for k := i; k < j; k++ {
				out[m[k]] = float64(i) / float64(len(m))
			}
			i = j
		}
	}
	return out
}

// topValues are the most common non-empty ids of a column (ties by id).
func topValues(col Col[uint32], n, k int) []uint32 {
	count := map[uint32]int{}
	for i := 0; i < n; i++ {
		id := col.At(i)
		if id != 0 {
			count[id]++
		}
	}
	ids := make([]uint32, 0, len(count))
	for id, n := range count {
		if n >= 2 {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(a, b int) bool {
		if count[ids[a]] != count[ids[b]] {
			return count[ids[a]] > count[ids[b]]
		}
		return ids[a] < ids[b]
	})
	if len(ids) > k {
		ids = ids[:k]
	}
	return ids
}

func dist2(a, b []float32) float64 {
	s := float32(0)
	for i := range a {
		d := a[i] - b[i]
		s += d * d
	}
	return float64(s)
}

// nearest assigns each of the n rows of x to its nearest centre (the
// first of equally near ones), calling tick every 4096 rows when not nil.
func nearest(x []float32, d, n int, cent []float32, k int, tick func()) []int16 {
	out := make([]int16, n)
	for i := range out {
		if i&0xfff == 0 && tick != nil {
			tick()
		}
		r := x[i*d : i*d+d]
		best, bd := 0, math.Inf(1)
		for c := 0; c < k; c++ {
			if dd := dist2(r, cent[c*d:(c+1)*d]); dd < bd {
				best, bd = c, dd
			}
		}
		out[i] = int16(best)
	}
	return out
}

// kmeans fits k centres to the rows of x listed in idx, seeded by
// k-means++, or from init when given; it returns centres and assignments.
func kmeans(x []float32, d int, idx []int32, k int, init []float32, rng *rand.Rand, iters int) ([]float32, []int16) {
	m := len(idx)
	row := func(i int32) []float32 { return x[int(i)*d : int(i)*d+d] }
	cent := make([]float32, k*d)
	if init != nil {
		copy(cent, init)
	} else {
		// k-means++: the first centre at random, each next one with
		// probability proportional to its squared distance to the nearest.
		copy(cent[:d], row(idx[rng.IntN(m)]))
		near := make([]float64, m)
		for i := range near {
			near[i] = math.Inf(1)
		}
		for c := 1; c < k; c++ {
			total := 0.0
			prev := cent[(c-1)*d : c*d]
			for i, id := range idx {
				if dd := dist2(row(id), prev); dd < near[i] {
					near[i] = dd
				}
				total += near[i]
			}
			pick := 0
			if total > 0 {
				r := rng.Float64() * total
				for pick = 0; pick < m-1; pick++ {
					if r -= near[pick]; r <= 0 {
						break
					}
				}
			} else {
				pick = rng.IntN(m)
			}
			copy(cent[c*d:(c+1)*d], row(idx[pick]))
		}
	}
	assign := make([]int16, m)
	for i := range assign {
		assign[i] = -1
	}
	sums := make([]float64, k*d)
	counts := make([]int, k)
	for it := 0; it < iters; it++ {
		changed := 0
		for i, id := range idx {
			r := row(id)
			best, bd := 0, math.Inf(1)
			for c := 0; c < k; c++ {
				if dd := dist2(r, cent[c*d:(c+1)*d]); dd < bd {
					best, bd = c, dd
				}
			}
			if assign[i] != int16(best) {
				assign[i] = int16(best)
				changed++
			}
		}
		if changed == 0 && it > 0 {
			break
		}
		clear(sums)
		clear(counts)
		for i, id := range idx {
			c := int(assign[i])
			counts[c]++
			for j, v := range row(id) {
				sums[c*d+j] += float64(v)
			}
		}
		for c := 0; c < k; c++ {
			if counts[c] == 0 {
				continue // an empty cluster keeps its centre
			}
			for j := 0; j < d; j++ {
				cent[c*d+j] = float32(sums[c*d+j] / float64(counts[c]))
			}
		}
	}
	return cent, assign
}

// silhouette is the mean silhouette of the points with precomputed
// pairwise distances dm (m × m) and assignments a.
func silhouette(dm []float32, m int, a []int16, k int) float64 {
	sum := 0.0
	per := make([]float64, k)
	size := make([]int, k)
	for _, c := range a {
		size[c]++
	}
	for i := 0; i < m; i++ {
		clear(per)
		for j := 0; j < m; j++ {
			per[a[j]] += float64(dm[i*m+j])
		}
		own := int(a[i])
		if size[own] <= 1 {
			continue // s(i) = 0 for a singleton
		}
		ai := per[own] / float64(size[own]-1)
		bi := math.Inf(1)
		for c := 0; c < k; c++ {
			if c != own && size[c] > 0 {
				bi = math.Min(bi, per[c]/float64(size[c]))
			}
		}
		if mx := math.Max(ai, bi); mx > 0 && !math.IsInf(bi, 1) {
			sum += (bi - ai) / mx
		}
	}
	return sum / float64(m)
}

// sampleOf returns up to size row indexes out of n, chosen at random
// without replacement (all of them, in order, when n ≤ size).
func sampleOf(n, size int, rng *rand.Rand) []int32 {
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = int32(i)
	}
	if n <= size {
		return idx
	}
	for i := 0; i < size; i++ {
		j := i + rng.IntN(n-i)
		idx[i], idx[j] = idx[j], idx[i]
	}
	idx = idx[:size]
	sort.Slice(idx, func(a, b int) bool { return idx[a] < idx[b] })
	return idx
}

// KFit is one candidate k of Clusters: k-means++ seeded from its own
// generator and fitted on the sample, scored by the mean silhouette of the
// silhouette sub-sample. Candidates share nothing, so a host (Columns.FitK)
// can fit them at once; the data a KFit needs travels with it.
type KFit struct {
	K    int
	D    int
	Rows []float32 // the fit sample, row-major, len(Rows)/D rows
	Sil  []int32   // rows of the sample the silhouette is measured on
	dm   []float32 // their pairwise distances, shared by the candidates of one Clusters; nil: computed by Run
}

// KResult is a fitted candidate: its centres (K × D, row-major) and mean
// silhouette.
type KResult struct {
	Cent       []float32
	Silhouette float64
}

// kmeansIters is the most k-means rounds on the sample.
const kmeansIters = 60

// Run fits the candidate.
func (f *KFit) Run() KResult {
	m := len(f.Rows) / f.D
	idx := make([]int32, m)
	for i := range idx {
		idx[i] = int32(i)
	}
	dm := f.dm
	if dm == nil {
		dm = silDistances(f.Rows, f.D, f.Sil, nil)
	}
	rng := rand.New(rand.NewPCG(clusterSeed, uint64(f.K)))
	cent, assign := kmeans(f.Rows, f.D, idx, f.K, nil, rng, kmeansIters)
	sa := make([]int16, len(f.Sil))
	for i, p := range f.Sil {
		sa[i] = assign[p]
	}
	return KResult{Cent: cent, Silhouette: silhouette(dm, len(f.Sil), sa, f.K)}
}

// silDistances is the pairwise distances of rows sil of x (len(sil)²,
// row-major), calling tick now and then when not nil.
func silDistances(x []float32, d int, sil []int32, tick func()) []float32 {
	m := len(sil)
	dm := make([]float32, m*m)
	for i := 0; i < m; i++ {
		if i&0xff == 0 && tick != nil {
			tick()
		}
		a := x[int(sil[i])*d : int(sil[i])*d+d]
		for j := i + 1; j < m; j++ {
			b := x[int(sil[j])*d : int(sil[j])*d+d]
			v := float32(math.Sqrt(dist2(a, b)))
			dm[i*m+j], dm[j*m+i] = v, v
		}
	}
	return dm
}

// Clusters finds automatic segments among all customers. It returns each
// customer's cluster (1..k, largest cluster first) and the report part, or
// nil when there are too few customers or nothing varies.
func Clusters(c *Columns) ([]int16, *report.Clusters) {
	if c.N < minClusterN {
		return nil, nil
	}
	fs := buildFeatures(c)
	if fs.d == 0 {
		return nil, nil
	}
	rng := rand.New(rand.NewPCG(clusterSeed, clusterSeed))
	fit := sampleOf(fs.n, fitSample, rng)
	sil := sampleOf(len(fit), silSample, rng) // positions within fit
	rows := make([]float32, len(fit)*fs.d)
	for i, r := range fit {
		copy(rows[i*fs.d:], fs.x[int(r)*fs.d:int(r)*fs.d+fs.d])
	}
	dm := silDistances(rows, fs.d, sil, c.Tick)
	var fits []KFit
	for k := 2; k <= 8 && k*minClusterN/2 <= len(fit); k++ {
		fits = append(fits, KFit{K: k, D: fs.d, Rows: rows, Sil: sil, dm: dm})
	}
	var tried []KResult
	if c.FitK != nil {
		tried = c.FitK(fits)
	} else {
		for i := range fits {
			if c.Tick != nil {
				c.Tick()
			}
			tried = append(tried, fits[i].Run())
		}
	}
	out := &report.Clusters{Customers: c.N, Features: fs.names, Tried: []report.KScore{}}
	bestK, bestS := 0, math.Inf(-1)
	var bestCent []float32
	for i, r := range tried {
		out.Tried = append(out.Tried, report.KScore{K: fits[i].K, Silhouette: round(r.Silhouette, 4)})
		if r.Silhouette > bestS+1e-9 {
			bestK, bestS, bestCent = fits[i].K, r.Silhouette, r.Cent
		}
	}
	if bestK == 0 {
		return nil, nil
	}
	// Everyone is assigned to the nearest centre fitted on the sample: on
	// a sample of thousands the centres are settled, and one pass over
	// the rest costs a fraction of further k-means rounds over all.
	assign := nearest(fs.x, fs.d, fs.n, bestCent, bestK, c.Tick)
	// Number clusters 1..k by size, largest first (ties by first member).
	size := make([]int, bestK)
	for _, a := range assign {
		size[a]++
	}
	order := make([]int, bestK)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return size[order[a]] > size[order[b]] })
	rank := make([]int16, bestK)
	for r, c := range order {
		rank[c] = int16(r + 1)
	}
	ids := make([]int16, fs.n)
	for i, a := range assign {
		ids[i] = rank[a]
	}
	out.K, out.Silhouette = bestK, round(bestS, 4)
	for id := 1; id <= bestK; id++ {
		if c.Tick != nil {
			c.Tick()
		}
		set := NewSet(c.N)
		for i, a := range ids {
			if int(a) == id {
				set.Add(i)
			}
		}
		if set.Count() == 0 {
			continue
		}
		cl := report.Cluster{ID: id, Summary: Summarise(c, set, nil, "cluster:"+itoa(id))}
		cl.Distinctive = fs.traits(set, 6)
		cl.Persona = persona(c, set, cl.Distinctive)
		out.Clusters = append(out.Clusters, cl)
	}
	return ids, out
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// traits are the features that set the members apart from everyone, most
// distinctive first: numbers whose member mean is at least half a standard
// deviation from the overall mean, categories at least 1.3 times as common
// among members and held by at least a third of them.
func (fs *featureSet) traits(set *Set, top int) []report.Trait {
	type scored struct {
		t report.Trait
		s float64
	}
	var all []scored
	for j := range fs.cols {
		f := &fs.cols[j]
		sum, n := 0.0, 0
		set.Each(func(i int) bool {
			switch {
			case f.category():
				if f.is(i) {
					sum++
				}
				n++
			case !math.IsNaN(f.vals[i]):
				sum += f.vals[i]
				n++
			}
			return true
		})
		if n == 0 {
			continue
		}
		g := sum / float64(n)
		if !f.category() {
			z := (g - f.mean) / f.sd
			if math.Abs(z) < 0.5 {
				continue
			}
			kind := "high"
			if z < 0 {
				kind = "low"
			}
			all = append(all, scored{report.Trait{Feature: f.field, Kind: kind, Group: round(fieldValue(f.field, g), 3),
				All: round(fieldValue(f.field, f.mean), 3), Z: round(z, 2)}, math.Abs(z)})
			continue
		}
		p := f.mean
		if g < 1.0/3 || g < 1.3*p {
			continue
		}
		z := (g - p) / f.sd
		all = append(all, scored{report.Trait{Feature: f.field, Kind: "value", Value: f.value, Group: round(g, 3), All: round(p, 3)}, z})
	}
	sort.SliceStable(all, func(a, b int) bool { return all[a].s > all[b].s })
	out := []report.Trait{}
	for i := 0; i < len(all) && i < top; i++ {
		out = append(out, all[i].t)
	}
	return out
}

// fieldValue turns a feature's mean back into the field's units where the
// feature was transformed: counts were log(1+x).
func fieldValue(field string, v float64) float64 {
	for _, nf := range ClusterNumbers {
		if nf.Name == field && nf.Log1p {
			return math.Expm1(v)
		}
	}
	return v
}
