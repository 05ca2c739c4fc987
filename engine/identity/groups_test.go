package identity

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// Customers numbers groups in the order of their first key, whatever the
// shape of the forest the links made, and leaves groups of anonymous ids
// alone out: checked against a plain labelling by repeated relaxation.
func TestCustomersNumberGroupsByFirstKey(t *testing.T) {
	for seed := range uint64(20) {
		rng := rand.New(rand.NewPCG(seed, 7))
		r := NewResolver()
		n := 50 + rng.IntN(400)
		for i := range n {
			typ := Email
			if rng.IntN(4) == 0 {
				typ = Anonymous
			}
			r.Add(Key{Type: typ, Value: uint32(i + 1)})
		}
		var links [][2]int32
		for range rng.IntN(n) {
			a, b := int32(rng.IntN(n)), int32(rng.IntN(n))
			r.Link(a, b, 0, 1, false)
			links = append(links, [2]int32{a, b})
		}
		// The smallest key of each key's group, by relaxation.
		low := make([]int32, n)
		for i := range low {
			low[i] = int32(i)
		}
		for changed := true; changed; {
			changed = false
			for _, l := range links {
				m := min(low[l[0]], low[l[1]])
				if low[l[0]] != m || low[l[1]] != m {
					low[l[0]], low[l[1]], changed = m, m, true
				}
			}
		}
		known := map[int32]bool{}
		for i := range n {
			if r.Key(int32(i)).Type != Anonymous {
				known[low[i]] = true
			}
		}
		number, want := map[int32]int32{}, make([]int32, n)
		for i := range n {
			g := low[i]
			if !known[g] {
				want[i] = -1
				continue
			}
			if _, ok := number[g]; !ok {
				number[g] = int32(len(number))
			}
			want[i] = number[g]
		}
		got, customers := r.Customers()
		if !slices.Equal(got, want) || customers != len(number) {
			t.Fatalf("seed %d: customers %v (%d), want %v (%d)", seed, got, customers, want, len(number))
		}
	}
}
