package segment

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// plantedColumns makes n customers in three planted groups:
//
//	group 0: many orders, high spend, recent, country SA, promoters
//	group 1: one order, low spend, long ago, country EG, detractors
//	group 2: no orders, many tickets, country AE, B2B
func plantedColumns(n int, seed uint64) (*Columns, []int) {
	r := rand.New(rand.NewPCG(seed, 1))
	st := &testStrings{}
	c := &Columns{N: n, Text: map[string][]uint32{}, Number: map[string][]float64{}, Date: map[string][]int64{}}
	country, nps, company, cur := make([]uint32, n), make([]uint32, n), make([]uint32, n), make([]uint32, n)
	orders, spend, rec, tickets := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	truth := make([]int, n)
	for i := 0; i < n; i++ {
		g := i % 3
		truth[i] = g
		switch g {
		case 0:
			country[i], nps[i], cur[i] = st.id("SA"), st.id("promoter"), st.id("SAR")
			orders[i] = float64(8 + r.IntN(5))
			spend[i] = 2000 + r.Float64()*500
			rec[i] = float64(r.IntN(20))
			tickets[i] = float64(r.IntN(2))
		case 1:
			country[i], nps[i], cur[i] = st.id("EG"), st.id("detractor"), st.id("SAR")
			orders[i] = 1
			spend[i] = 20 + r.Float64()*30
			rec[i] = float64(300 + r.IntN(100))
			tickets[i] = float64(r.IntN(2))
		case 2:
			country[i], company[i] = st.id("AE"), st.id("Acme "+string(rune('A'+r.IntN(20))))
			spend[i], rec[i] = math.NaN(), math.NaN()
			tickets[i] = float64(6 + r.IntN(4))
		}
	}
	c.Text["country"], c.Text["nps"], c.Text["company"], c.Text["currency"] = country, nps, company, cur
	c.Number["orders"], c.Number["spend"], c.Number["recencyDays"], c.Number["tickets"] = orders, spend, rec, tickets
	c.Value = func(id uint32) string { return st.vals[id] }
	c.NStrings = len(st.vals)
	return c, truth
}

func TestClustersRecoverPlantedGroups(t *testing.T) {
	for _, n := range []int{300, 12000} { // the second needs sampling
		c, truth := plantedColumns(n, 7)
		ids, sec := Clusters(c)
		if sec == nil || sec.K != 3 {
			t.Fatalf("n=%d: k = %v, want 3 (tried %+v)", n, sec.K, sec.Tried)
		}
		// Each planted group lies in one cluster, and the clusters differ.
		seen := map[int16]int{}
		for g := 0; g < 3; g++ {
			count := map[int16]int{}
			for i, tg := range truth {
				if tg == g {
					count[ids[i]]++
				}
			}
			if len(count) != 1 {
				t.Fatalf("n=%d: planted group %d split over clusters %v", n, g, count)
			}
			for id := range count {
				seen[id]++
			}
		}
		if len(seen) != 3 {
			t.Fatalf("n=%d: groups share clusters: %v", n, seen)
		}
		// Same data, same clusters.
		again, _ := Clusters(c)
		for i := range ids {
			if ids[i] != again[i] {
				t.Fatalf("n=%d: clustering is not deterministic", n)
			}
		}
		// The SA group's cluster is described by its traits.
		sa := ids[0]
		cl := sec.Clusters[sa-1]
		want := map[string]bool{"orders:high": false, "country:SA": false, "nps:promoter": false}
		for _, tr := range cl.Distinctive {
			key := tr.Feature + ":" + tr.Kind
			if tr.Kind == "value" {
				key = tr.Feature + ":" + tr.Value
			}
			if _, ok := want[key]; ok {
				want[key] = true
			}
		}
		for k, ok := range want {
			if !ok {
				t.Errorf("n=%d: cluster %d (SA) lacks trait %s: %+v", n, sa, k, cl.Distinctive)
			}
		}
		if cl.Summary.Size != n/3 || len(cl.Persona.Name) != 2 {
			t.Errorf("n=%d: SA cluster size %d, persona %+v", n, cl.Summary.Size, cl.Persona)
		}
		if cl.Persona.Behaviour.Orders < 8 || len(cl.Persona.Demographics) == 0 || cl.Persona.Demographics[0].Value != "SA" {
			t.Errorf("n=%d: SA persona %+v", n, cl.Persona)
		}
	}
}

// Customers outside the clustering sample join the nearest centre, the
// first of two equally near.
func TestNearestCentre(t *testing.T) {
	x := []float32{0, 0, 9, 9, 4, 4, 6, 5, 4.5, 4.5} // five rows of two features; the last equally near both
	cent := []float32{1, 1, 8, 8}
	ticks := 0
	got := nearest(x, 2, 5, cent, 2, func() { ticks++ })
	if want := []int16{0, 1, 0, 1, 0}; !slices.Equal(got, want) {
		t.Errorf("nearest %v, want %v", got, want)
	}
	if ticks != 1 {
		t.Errorf("%d ticks for 5 rows, want 1 (every 4096 rows from the first)", ticks)
	}
}

// The candidate k's are independent: fitted in any order, at once, or
// from a copy of their data (as another instance of the engine gets it),
// they give the clusters fitted one after another.
func TestClustersCandidatesAreIndependent(t *testing.T) {
	c, _ := plantedColumns(12000, 11)
	wantIDs, want := Clusters(c)
	c.FitK = func(fits []KFit) []KResult {
		out := make([]KResult, len(fits))
		done := make(chan struct{})
		for i := len(fits) - 1; i >= 0; i-- { // the largest k first, each on its own goroutine
			go func() {
				f := KFit{K: fits[i].K, D: fits[i].D, Rows: slices.Clone(fits[i].Rows), Sil: slices.Clone(fits[i].Sil)}
				out[i] = f.Run()
				done <- struct{}{}
			}()
		}
		for range fits {
			<-done
		}
		return out
	}
	gotIDs, got := Clusters(c)
	if !slices.Equal(gotIDs, wantIDs) || !reflect.DeepEqual(got, want) {
		t.Errorf("fitted at once: k %d tried %+v; one after another: k %d tried %+v", got.K, got.Tried, want.K, want.Tried)
	}
	if len(want.Tried) < 2 {
		t.Errorf("tried %+v: want several k", want.Tried)
	}
}
