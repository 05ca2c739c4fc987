package predict

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortTransactions: the radix sort by customer, then by day and amount,
// orders as a comparison sort does, for dense customer numbers (several
// passes of 10 bits, long runs of one customer), negative ones, sparse ones (the
// comparison sort itself) and transactions already in order.
func TestSortTransactions(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	for _, c := range []struct {
		n         int
		customers int32
		from      int32
	}{{5000, 1500, 0}, {5000, 40, -20}, {600000, 1 << 21, 7}, {2000, 1 << 30, 0}, {100, 5, 0}} {
		txs := make([]Transaction, c.n)
		for i := range txs {
			txs[i] = Transaction{Customer: c.from + rng.Int32N(c.customers), Day: 19000 + rng.Int32N(30), Amount: float64(rng.IntN(5))}
		}
		want := slices.Clone(txs)
		slices.SortFunc(want, byCustomerDayAmount)
		sortTransactions(txs)
		if !slices.Equal(txs, want) {
			t.Fatalf("%d transactions of %d customers from %d: not in order", c.n, c.customers, c.from)
		}
		sortTransactions(txs)
		if !slices.Equal(txs, want) {
			t.Fatal("sorting sorted transactions moved them")
		}
	}
}

// numbering gives keys the numbers a map would, in the order they first
// come, through its growth from nothing; −0 is 0.
func TestNumbering(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	n := newNumbering(0)
	want := map[float64]int{}
	for range 20000 {
		v := float64(rng.IntN(3000)) / 7
		k, seen := n.index(v, 1, -v)
		w, ok := want[v]
		if !ok {
			w = len(want)
			want[v] = w
		}
		if k != w || seen != ok {
			t.Fatalf("%v numbered %d (seen %v), want %d (%v)", v, k, seen, w, ok)
		}
	}
	if k, seen := n.index(math.Copysign(0, -1), 1, 0); !seen || k != want[0] {
		t.Fatalf("−0 numbered %d (seen %v), want 0's %d", k, seen, want[0])
	}
	if len(n.keys) != len(want) {
		t.Fatalf("%d keys, want %d", len(n.keys), len(want))
	}
}
