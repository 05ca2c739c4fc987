package feedback

import (
	"math"
	"sort"
)

// Segment is one value of an attribute (a country, a plan) compared with
// every other answer that has a value for the attribute.
type Segment struct {
	Group string `json:"group"`
	Headline
	Rest Headline `json:"rest"`
	Test Test     `json:"test"` // this segment − the rest
}

// BySegment compares the answers of each value of an attribute with the
// rest. Answers with an empty value are left out. Values with fewer than
// minGroup answers are left out too (counted in the second result). The
// segments come most significant first: those with a verdict by p-value,
// then those too small for one, by size.
func BySegment(m Metric, s Scale, values []float64, labels []string, minGroup int) ([]Segment, int) {
	byValue := map[string][]float64{}
	var all []float64
	for i, v := range values {
		if i < len(labels) && labels[i] != "" && !math.IsNaN(v) {
			byValue[labels[i]] = append(byValue[labels[i]], v)
			all = append(all, v)
		}
	}
	if len(byValue) < 2 {
		return nil, 0
	}
	var out []Segment
	dropped := 0
	for val, vs := range byValue {
		if len(vs) < minGroup {
			dropped++
			continue
		}
		rest := make([]float64, 0, len(all)-len(vs))
		for i, v := range values {
			if i < len(labels) && labels[i] != "" && labels[i] != val && !math.IsNaN(v) {
				rest = append(rest, v)
			}
		}
		g, r := summarise(m, s, vs), summarise(m, s, rest)
		out = append(out, Segment{Group: val, Headline: g.headline(m), Rest: r.headline(m), Test: compare(m, g, r)})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Test.Enough != b.Test.Enough {
			return a.Test.Enough
		}
		if a.Test.Enough && a.Test.P != b.Test.P {
			return a.Test.P < b.Test.P
		}
		if a.N != b.N {
			return a.N > b.N
		}
		return a.Group < b.Group
	})
	return out, dropped
}
