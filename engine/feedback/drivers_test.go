package feedback

import (
	"math"
	"testing"
)

// olsR2 fits y on an intercept and the given 0/1 columns by Gauss–Jordan
// elimination of the normal equations, uncentred: an oracle computed
// another way than Drivers does.
func olsR2(y []float64, cols [][]float64) float64 {
	k := len(cols) + 1
	x := func(i, j int) float64 {
		if j == 0 {
			return 1
		}
		return cols[j-1][i]
	}
	a := make([][]float64, k)
	for r := 0; r < k; r++ {
		a[r] = make([]float64, k+1)
		for c := 0; c < k; c++ {
			for i := range y {
				a[r][c] += x(i, r) * x(i, c)
			}
		}
		for i := range y {
			a[r][k] += x(i, r) * y[i]
		}
	}
	for c := 0; c < k; c++ {
		p := c
		for r := c + 1; r < k; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		a[c], a[p] = a[p], a[c]
		for r := 0; r < k; r++ {
			if r != c {
				f := a[r][c] / a[c][c]
				for cc := c; cc <= k; cc++ {
					a[r][cc] -= f * a[c][cc]
				}
			}
		}
	}
	var my, sst, sse float64
	for _, v := range y {
		my += v
	}
	my /= float64(len(y))
	for i, v := range y {
		fit := 0.0
		for j := 0; j < k; j++ {
			fit += a[j][k] / a[j][j] * x(i, j)
		}
		sst += (v - my) * (v - my)
		sse += (v - fit) * (v - fit)
	}
	return 1 - sse/sst
}

func dummy(vals []string, level string) []float64 {
	out := make([]float64, len(vals))
	for i, v := range vals {
		if v == level {
			out[i] = 1
		}
	}
	return out
}

func TestDriversOneAttribute(t *testing.T) {
	// Plans: pro (20 answers at +100), basic (20: half 0, half −100), free (20 at −100).
	var y []float64
	var plan []string
	for i := 0; i < 20; i++ {
		y, plan = append(y, 100), append(plan, "pro")
		v := 0.0
		if i%2 == 1 {
			v = -100
		}
		y, plan = append(y, v), append(plan, "basic")
		y, plan = append(y, -100), append(plan, "free")
	}
	m := Drivers(y, []Attribute{{Name: "plan", Values: plan}}, 5)
	if m == nil || len(m.Drivers) != 1 {
		t.Fatalf("%+v", m)
	}
	// η² = between-group SS / total SS. Means 100, −50, −100; grand −50/3.
	grand := -50.0 / 3
	ssb := 20 * (math.Pow(100-grand, 2) + math.Pow(-50-grand, 2) + math.Pow(-100-grand, 2))
	var sst float64
	for _, v := range y {
		sst += (v - grand) * (v - grand)
	}
	near(t, "R²", m.R2, ssb/sst, 1e-9)
	d := m.Drivers[0]
	near(t, "importance", d.Importance, 100, 1e-9)
	if !d.Significant || len(d.Levels) != 3 || d.Levels[0].Value != "pro" || d.Levels[2].Value != "free" {
		t.Fatalf("%+v", d)
	}
	near(t, "pro effect", d.Levels[0].Effect, 100-(-150.0/2), 1e-9)
	near(t, "free mean", d.Levels[2].Mean, -100, 1e-9)
	// One-way ANOVA: F = (SSB/2)/(SSW/57); p = F(2, 57) survival, checked by its value range.
	f := (ssb / 2) / ((sst - ssb) / 57)
	if f < 50 || d.P > 1e-10 {
		t.Errorf("F %v p %v", f, d.P)
	}
}

func TestDriversShapleyTwoAttributes(t *testing.T) {
	// Two correlated binary attributes and an outcome driven mostly by the first.
	var y []float64
	var a, b []string
	for i := 0; i < 200; i++ {
		av, bv := "no", "no"
		if i%3 == 0 {
			av = "yes"
		}
		if i%3 == 0 && i%2 == 0 || i%7 == 0 {
			bv = "yes"
		}
		v := float64((i*37)%11) * 5
		if av == "yes" {
			v += 30
		}
		if bv == "yes" {
			v += 10
		}
		y, a, b = append(y, v), append(a, av), append(b, bv)
	}
	m := Drivers(y, []Attribute{{Name: "a", Values: a}, {Name: "b", Values: b}}, 5)
	ra := olsR2(y, [][]float64{dummy(a, "yes")})
	rb := olsR2(y, [][]float64{dummy(b, "yes")})
	rab := olsR2(y, [][]float64{dummy(a, "yes"), dummy(b, "yes")})
	near(t, "R² full", m.R2, rab, 1e-9)
	got := map[string]float64{}
	for _, d := range m.Drivers {
		got[d.Attribute] = d.R2
	}
	near(t, "shapley a", got["a"], (ra+rab-rb)/2, 1e-9)
	near(t, "shapley b", got["b"], (rb+rab-ra)/2, 1e-9)
	if m.Drivers[0].Attribute != "a" {
		t.Errorf("order %+v", m.Drivers)
	}
}

func TestDriversCollinearAndEdges(t *testing.T) {
	var y []float64
	var a []string
	for i := 0; i < 60; i++ {
		v, l := 0.0, "x"
		if i%2 == 0 {
			v, l = 100, "y"
		}
		y, a = append(y, v+float64(i%5)), append(a, l)
	}
	// The same attribute under two names: each gets half, R² as one.
	m := Drivers(y, []Attribute{{Name: "one", Values: a}, {Name: "same", Values: a}}, 5)
	near(t, "half", m.Drivers[0].Importance, 50, 1e-9)
	near(t, "R²", m.R2, olsR2(y, [][]float64{dummy(a, "y")}), 1e-9)
	if m.Drivers[0].Significant {
		t.Error("a duplicate adds nothing beyond its twin")
	}
	if Drivers(y[:10], []Attribute{{Name: "one", Values: a}}, 1) != nil {
		t.Error("too few answers")
	}
	if Drivers(repeat(5, 60), []Attribute{{Name: "one", Values: a}}, 1) != nil {
		t.Error("no spread")
	}
}
