package predict

import (
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
