package segment

import (
	"math"
	"testing"
)

func TestICP(t *testing.T) {
	st := &testStrings{}
	nan := math.NaN()
	// Nine accounts. Software/51-200/SA accounts buy a lot and keep buying;
	// retail ones buy once and little.
	type person struct {
		company, industry, size, country, name string
		orders                                 float64
		spend                                  float64
		daysAgo                                int
	}
	people := []person{
		{"Alpha", "Software", "51-200", "SA", "a1", 6, 9000, 10},
		{"Alpha", "Software", "51-200", "SA", "a2", 0, nan, -1}, // contact who has not bought
		{"Beta", "Software", "51-200", "SA", "b1", 5, 8000, 20},
		{"Gamma", "Software", "11-50", "AE", "g1", 4, 7000, 30},
		{"Delta", "Retail", "1-10", "EG", "d1", 1, 100, 300},
		{"Eps", "Retail", "1-10", "EG", "e1", 1, 120, 400},
		{"Zeta", "Retail", "11-50", "SA", "z1", 1, 90, 200},
		{"Eta", "Retail", "1-10", "EG", "h1", 1, 80, 500},
		{"Theta", "Software", "51-200", "SA", "t1", 0, nan, -1}, // a lookalike that never bought
		{"Iota", "Retail", "1-10", "EG", "i1", 0, nan, -1},
	}
	n := len(people)
	c := &Columns{N: n, Text: map[string][]uint32{}, Number: map[string][]float64{}, Date: map[string][]int64{}, AsOf: 1000 * 86400}
	for _, f := range []string{"company", "industry", "size", "country", "name", "currency"} {
		c.Text[f] = make([]uint32, n)
	}
	c.Number["orders"], c.Number["spend"] = make([]float64, n), make([]float64, n)
	c.Date["lastOrder"] = make([]int64, n)
	for i, p := range people {
		c.Text["company"][i], c.Text["industry"][i], c.Text["size"][i] = st.id(p.company), st.id(p.industry), st.id(p.size)
		c.Text["country"][i], c.Text["name"][i] = st.id(p.country), st.id(p.name)
		c.Number["orders"][i], c.Number["spend"][i] = p.orders, p.spend
		if p.orders > 0 {
			c.Text["currency"][i] = st.id("SAR")
			c.Date["lastOrder"][i] = c.AsOf - int64(p.daysAgo)*86400
		}
	}
	c.Value = func(id uint32) string { return st.vals[id] }
	fit, sec := ICP(c)
	if sec == nil {
		t.Fatal("no ICP")
	}
	// Seven accounts bought. Value (revenue percentile among 7): Eta 0, Zeta 1/7,
	// Delta 2/7, Eps 3/7, Gamma 4/7, Beta 5/7, Alpha 6/7; retention 1 for Alpha,
	// Beta, Gamma (≥2 orders within 180 days). Top quarter: max(1, 7/4) = 1 → Alpha.
	if sec.Accounts != 9 || sec.Best != 1 {
		t.Fatalf("accounts %d best %d", sec.Accounts, sec.Best)
	}
	// The profile is Alpha's: Software, 51-200, SA, each a third of 100.
	// Theta matches all three: 100. Gamma matches industry only: 33.
	want := map[string]int{"Alpha": 100, "Theta": 100, "Beta": 100, "Gamma": 33, "Zeta": 33, "Delta": 0}
	for i, p := range people {
		if w, ok := want[p.company]; ok && int(fit[i]) != w {
			t.Errorf("%s scores %d, want %d", p.company, fit[i], w)
		}
	}
	// Prospects: the people who have not bought at 100-point accounts first.
	if len(sec.Prospects) < 2 || sec.Prospects[0].Name != "a2" || sec.Prospects[1].Name != "t1" || sec.Prospects[0].Score != 100 {
		t.Errorf("prospects %+v", sec.Prospects)
	}
	if len(sec.Prospects[1].Reasons) != 3 {
		t.Errorf("reasons %v", sec.Prospects[1].Reasons)
	}
	for _, p := range sec.Prospects {
		if p.Company == "Iota" {
			t.Errorf("a zero-fit account is a prospect: %+v", p)
		}
	}
}
