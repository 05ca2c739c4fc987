package segment

import (
	"errors"
	"math"
	"testing"
	"time"
)

// testStrings interns strings for hand-made columns.
type testStrings struct {
	vals []string
	ids  map[string]uint32
}

func (s *testStrings) id(v string) uint32 {
	if v == "" {
		return 0
	}
	if s.ids == nil {
		s.ids = map[string]uint32{}
		s.vals = []string{""}
	}
	if id, ok := s.ids[v]; ok {
		return id
	}
	s.vals = append(s.vals, v)
	s.ids[v] = uint32(len(s.vals) - 1)
	return s.ids[v]
}

func day(s string) int64 {
	t, _ := time.Parse("2006-01-02", s)
	return t.Unix()
}

// smallColumns is six customers:
//
//	0 Aisha  SA Riyadh   promoter  spend 500 SAR, 3 orders, last 2025-06-20
//	1 Ben    GB London   detractor spend  40 GBP, 1 order,  last 2025-01-10
//	2 Chen   SA Jeddah   —         no orders
//	3 Dana   AE Dubai    passive   spend 900 SAR, 6 orders, last 2025-06-01
//	4 Eli    —  —        detractor spend 120 SAR, 2 orders, last 2024-11-30
//	5 Fatima SA Riyadh   promoter  no orders
func smallColumns() *Columns {
	st := &testStrings{}
	text := func(vs ...string) []uint32 {
		out := make([]uint32, len(vs))
		for i, v := range vs {
			out[i] = st.id(v)
		}
		return out
	}
	nan := math.NaN()
	c := &Columns{N: 6,
		Text: map[string][]uint32{
			"name":      text("Aisha", "Ben", "Chen", "Dana", "Eli", "Fatima"),
			"country":   text("SA", "GB", "SA", "AE", "", "SA"),
			"city":      text("Riyadh", "London", "Jeddah", "Dubai", "", "Riyadh"),
			"nps":       text("promoter", "detractor", "", "passive", "detractor", "promoter"),
			"currency":  text("SAR", "GBP", "", "SAR", "SAR", ""),
			"interests": text("coffee, books", "", "tea", "Coffee", "", ""),
		},
		Number: map[string][]float64{
			"spend":     {500, 40, nan, 900, 120, nan},
			"orders":    {3, 1, 0, 6, 2, 0},
			"sentiment": {0.6, -0.7, nan, 0.1, -0.2, nan},
		},
		Date: map[string][]int64{
			"lastOrder": {day("2025-06-20"), day("2025-01-10"), 0, day("2025-06-01"), day("2024-11-30"), 0},
		},
		AsOf: day("2025-06-30") + 3600,
	}
	// Orders: Aisha 2025-06-20, 2025-05-01, 2025-01-01; Ben 2025-01-10;
	// Dana 2025-06-01 ×3, 2025-03-01 ×3; Eli 2024-11-30, 2024-10-01.
	add := func(ci int32, d string, n int) {
		for range n {
			c.OrderCust = append(c.OrderCust, ci)
			c.OrderDate = append(c.OrderDate, day(d))
		}
	}
	add(0, "2025-06-20", 1)
	add(0, "2025-05-01", 1)
	add(0, "2025-01-01", 1)
	add(1, "2025-01-10", 1)
	add(3, "2025-06-01", 3)
	add(3, "2025-03-01", 3)
	add(4, "2024-11-30", 1)
	add(4, "2024-10-01", 1)
	c.Value = func(id uint32) string { return st.vals[id] }
	c.NStrings = len(st.vals)
	return c
}

func members(s *Set) []int {
	var out []int
	s.Each(func(i int) bool { out = append(out, i); return true })
	return out
}

func f(v float64) *float64 { return &v }

func TestRules(t *testing.T) {
	c := smallColumns()
	cases := []struct {
		name string
		json string
		want []int
	}{
		{"equals ignores case", `{"field":"city","op":"equals","value":"riyadh"}`, []int{0, 5}},
		{"in", `{"field":"country","op":"in","values":["AE","GB"]}`, []int{1, 3}},
		{"contains", `{"field":"interests","op":"contains","value":"coffee"}`, []int{0, 3}},
		{"exists text", `{"field":"country","op":"exists"}`, []int{0, 1, 2, 3, 5}},
		{"not exists", `{"field":"country","op":"exists","not":true}`, []int{4}},
		{"spend ≥ 500", `{"field":"spend","op":"range","min":500}`, []int{0, 3}},
		{"range both ends inclusive", `{"field":"orders","op":"range","min":1,"max":2}`, []int{1, 4}},
		{"sentiment negative", `{"field":"sentiment","op":"range","max":-0.05}`, []int{1, 4}},
		{"last order before", `{"field":"lastOrder","op":"before","value":"2025-01-10"}`, []int{4}},
		{"last order after (the day itself excluded)", `{"field":"lastOrder","op":"after","value":"2025-06-01"}`, []int{0}},
		// Last 30 days up to 2025-06-30: 2025-06-01 … 2025-06-30.
		{"orders in last 30 days", `{"field":"ordersInLast","days":30,"op":"range","min":1}`, []int{0, 3}},
		{"≥3 orders in last 30 days", `{"field":"ordersInLast","days":30,"op":"range","min":3}`, []int{3}},
		{"orders in last 365 days exist", `{"field":"ordersInLast","days":365,"op":"exists"}`, []int{0, 1, 3, 4}},
		{"nps", `{"field":"nps","op":"equals","value":"detractor"}`, []int{1, 4}},
		{"nested and/or", `{"op":"and","rules":[
			{"field":"country","op":"equals","value":"SA"},
			{"op":"or","rules":[{"field":"spend","op":"range","min":100},{"field":"nps","op":"equals","value":"promoter"}]}]}`, []int{0, 5}},
		{"or of nothing", `{"op":"or","rules":[]}`, nil},
		{"and of nothing", `{"op":"and"}`, []int{0, 1, 2, 3, 4, 5}},
		{"not group", `{"op":"or","not":true,"rules":[{"field":"country","op":"equals","value":"SA"},{"field":"nps","op":"equals","value":"detractor"}]}`, []int{3}},
	}
	for _, tc := range cases {
		r, err := ParseRule([]byte(tc.json))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		s, err := Compile(r, c)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got := members(s)
		if len(got) != len(tc.want) || s.Count() != len(tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
				break
			}
		}
	}
}

func TestRuleErrors(t *testing.T) {
	c := smallColumns()
	cases := map[string]string{
		`{"field":"shoeSize","op":"equals","value":"9"}`:          "unknown_field",
		`{"field":"city","op":"between","value":"x"}`:             "unknown_op",
		`{"field":"lastOrder","op":"before","value":"yesterday"}`: "bad_date",
		`{"field":"ordersInLast","op":"exists"}`:                  "bad_days",
		`{"field":"spend","op":"range"}`:                          "missing_value",
		`{"op":"and","rules":[{"field":"nope","op":"exists"}]}`:   "unknown_field",
		`{"op":`: "bad_json",
	}
	for js, code := range cases {
		r, err := ParseRule([]byte(js))
		if err == nil {
			_, err = Compile(r, c)
		}
		var re *RuleError
		if !errors.As(err, &re) || re.Code != code {
			t.Errorf("%s: error %v, want code %s", js, err, code)
		}
	}
}

func TestSummarise(t *testing.T) {
	c := smallColumns()
	r, _ := ParseRule([]byte(`{"field":"country","op":"equals","value":"SA"}`))
	s, _ := Compile(r, c)
	sum := Summarise(c, s, nil, "sa")
	if sum.Size != 3 || sum.Share != 0.5 || sum.Orders != 3 {
		t.Fatalf("size/share/orders: %+v", sum)
	}
	// SAR total over everyone 500+900+120 = 1520; SA members spent 500.
	if len(sum.Revenue) != 1 || sum.Revenue[0].Currency != "SAR" || sum.Revenue[0].Amount != 500 || sum.Revenue[0].Share != round(500.0/1520, 4) {
		t.Fatalf("revenue: %+v", sum.Revenue)
	}
	// Two promoters answered: NPS 100.
	if sum.NPS == nil || sum.NPS.Score != 100 || sum.NPS.Respondents != 2 {
		t.Fatalf("nps: %+v", sum.NPS)
	}
	if sum.Sentiment == nil || sum.Sentiment.N != 1 || sum.Sentiment.Mean != 0.6 {
		t.Fatalf("sentiment: %+v", sum.Sentiment)
	}
	if sum.ChurnRisk != nil {
		t.Fatalf("churn risk without values: %+v", sum.ChurnRisk)
	}
}
