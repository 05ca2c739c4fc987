package segment

import (
	"math/rand/v2"
	"testing"
)

const benchN = 100_000

// BenchmarkRFMAndClusters100k scores RFM and clusters 100k customers
// (the budget: 2 s natively).
func BenchmarkRFMAndClusters100k(b *testing.B) {
	c, _ := plantedColumns(benchN, 3)
	r := rand.New(rand.NewPCG(5, 5))
	widen(c, r)
	buyers := make([]Buyer, benchN)
	for i := range buyers {
		buyers[i] = Buyer{RecencyDays: r.IntN(700), Orders: 1 + r.IntN(12), Monetary: float64(r.IntN(100000)) / 100, Group: uint32(r.IntN(3))}
	}
	b.ResetTimer()
	for b.Loop() {
		RFM(buyers)
		if _, sec := Clusters(c); sec == nil {
			b.Fatal("no clusters")
		}
	}
}

// BenchmarkRuleCount100k compiles and counts a nested rule over 100k
// customers: what the rule builder does on every edit (budget: 100 ms in
// the browser).
func BenchmarkRuleCount100k(b *testing.B) {
	c, _ := plantedColumns(benchN, 3)
	r := rand.New(rand.NewPCG(9, 9))
	for i := 0; i < benchN; i++ {
		for range 3 {
			c.OrderCust = append(c.OrderCust, int32(i))
			c.OrderDate = append(c.OrderDate, int64(1_700_000_000+r.IntN(400)*86400))
		}
	}
	c.AsOf = 1_700_000_000 + 400*86400
	rule, err := ParseRule([]byte(`{"op":"and","rules":[
		{"field":"country","op":"in","values":["SA","AE"]},
		{"op":"or","rules":[{"field":"spend","op":"range","min":500},{"field":"ordersInLast","days":90,"op":"range","min":2}]},
		{"field":"nps","op":"equals","value":"detractor","not":true}]}`))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		s, err := Compile(rule, c)
		if err != nil || s.Count() == 0 {
			b.Fatal(err)
		}
		Summarise(c, s, nil, "")
	}
}

// widen adds the other columns real data has, so the benchmark clusters
// on as many features as a real report (about 40).
func widen(c *Columns, r *rand.Rand) {
	st := &testStrings{vals: []string{""}, ids: map[string]uint32{}}
	old := c.Value
	base := uint32(c.NStrings)
	text := func(name string, k int) {
		col := make([]uint32, c.N)
		for i := range col {
			if v := r.IntN(k + 1); v > 0 {
				col[i] = base + st.id(name+string(rune('A'+v)))
			}
		}
		c.Text[name] = col
	}
	text("city", 20)
	text("industry", 10)
	text("size", 5)
	text("language", 3)
	text("gender", 2)
	for _, name := range []string{"reviews", "answers", "events"} {
		col := make([]float64, c.N)
		for i := range col {
			col[i] = float64(r.IntN(30))
		}
		c.Number[name] = col
	}
	c.Value = func(id uint32) string {
		if id >= base {
			return st.vals[id-base]
		}
		return old(id)
	}
}
