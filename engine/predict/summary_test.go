package predict

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// The counting sort by customer orders transactions exactly as a plain
// sort by (customer, day, amount) does, for dense and for sparse customer
// numbers, and drops the same ones.
func TestByCustomerMatchesSort(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 5))
	for _, spread := range []int{50, 1 << 40} { // dense, sparse
		var txs []Transaction
		for i := 0; i < 5000; i++ {
			amount := float64(rnd.IntN(100)) - 5 // some negative
			if i%97 == 0 {
				amount = math.Inf(1)
			}
			txs = append(txs, Transaction{Customer: rnd.IntN(spread) - spread/2, Day: int64(rnd.IntN(60)), Amount: amount})
		}
		want := slices.DeleteFunc(slices.Clone(txs), func(t Transaction) bool {
			return t.Day > 50 || t.Amount < 0 || math.IsInf(t.Amount, 0)
		})
		slices.SortFunc(want, func(a, b Transaction) int {
			return cmp.Or(cmp.Compare(a.Customer, b.Customer), cmp.Compare(a.Day, b.Day), cmp.Compare(a.Amount, b.Amount))
		})
		if got := byCustomer(txs, 50); !slices.Equal(got, want) {
			t.Errorf("spread %d: byCustomer differs from a plain sort (%d vs %d transactions)", spread, len(got), len(want))
		}
	}
}
