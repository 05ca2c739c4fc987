package ingest

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestDistinctCountAccuracy: exact up to exactDistinct values, then
// within three standard errors of the true count, on value texts and on
// numbers.
func TestDistinctCountAccuracy(t *testing.T) {
	for _, n := range []int{1, 10, 1000, exactDistinct, exactDistinct + 1, 10_000, 100_000, 1_000_000} {
		var text, nums distinctCount
		for i := range n {
			v := []byte("customer-" + strconv.Itoa(i) + "@example.com")
			text.add(hashValue(v))
			text.add(hashValue(v)) // repeats count once
			nums.add(hashNumber(math.Float64bits(float64(i) / 100)))
		}
		for name, d := range map[string]*distinctCount{"text": &text, "numbers": &nums} {
			got, exact := d.count()
			if n <= exactDistinct {
				if !exact || got != n {
					t.Errorf("%s, %d values: %d (exact %v), want exactly %d", name, n, got, exact, n)
				}
				continue
			}
			if exact {
				t.Errorf("%s, %d values: counted exactly past the limit", name, n)
			}
			if rel := math.Abs(float64(got)-float64(n)) / float64(n); rel > 3*DistinctError {
				t.Errorf("%s, %d values: estimate %d is %.2f%% off (3 standard errors: %.2f%%)", name, n, got, 100*rel, 300*DistinctError)
			}
		}
	}
	// The estimate is a fixed function of the values: the same natively
	// and in wasm (the tests run in both), run after run.
	var d distinctCount
	for i := range 100_000 {
		d.add(hashValue([]byte("customer-" + strconv.Itoa(i) + "@example.com")))
	}
	if n, exact := d.count(); n != 100_540 || exact {
		t.Errorf("100,000 values estimated at %d (exact %v), want 100,540 as on every host", n, exact)
	}
	if DistinctError != 0.0081 {
		t.Errorf("DistinctError = %v, want 1.04/√16384 = 0.0081", DistinctError)
	}
}

// TestDistinctCountMerge: counts of parts merge into the count of their
// union, whatever the split and the order values came in: the same state,
// exact sets and registers alike.
func TestDistinctCountMerge(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{100, 3000, 5000, 50_000} {
		vals := make([]uint64, n)
		for i := range vals {
			vals[i] = hashValue([]byte("v" + strconv.Itoa(rng.IntN(n))))
		}
		var whole distinctCount
		for _, v := range vals {
			whole.add(v)
		}
		for _, cuts := range [][]int{{n / 2}, {n / 3, 2 * n / 3}, {1, n - 1}} {
			var ps []*distinctCount
			from := 0
			for _, to := range append(cuts, n) {
				d := &distinctCount{}
				for _, v := range vals[from:to] {
					d.add(v)
				}
				ps = append(ps, d)
				from = to
			}
			joined := ps[0]
			for _, p := range ps[1:] {
				joined.merge(p)
			}
			wn, we := whole.count()
			jn, je := joined.count()
			if wn != jn || we != je || (whole.regs == nil) != (joined.regs == nil) || string(whole.regs) != string(joined.regs) {
				t.Errorf("%d values cut at %v: joined %d (exact %v), whole %d (exact %v)", n, cuts, jn, je, wn, we)
			}
			if we {
				a, b := map[uint64]bool{}, map[uint64]bool{}
				for _, h := range whole.hashes() {
					a[h] = true
				}
				for _, h := range joined.hashes() {
					b[h] = true
				}
				if len(a) != len(b) {
					t.Errorf("%d values cut at %v: union of %d hashes, want %d", n, cuts, len(b), len(a))
				}
				for h := range a {
					if !b[h] {
						t.Errorf("%d values cut at %v: union lacks a hash", n, cuts)
						break
					}
				}
			}
		}
	}
}

// TestHashValueFixed: the hashes are fixed, so estimates are the same on
// every run and host.
func TestHashValueFixed(t *testing.T) {
	if a, b := hashValue([]byte("Riyadh")), hashValue([]byte("Riyadh")); a != b {
		t.Fatal("one value, two hashes")
	}
	// Every length's path, and values that differ in one byte anywhere.
	seen := map[uint64]string{}
	for n := range 40 {
		for at := range max(n, 1) {
			v := make([]byte, n)
			for i := range v {
				v[i] = 'a' + byte(i%26)
			}
			if n > 0 {
				v[at] = '#'
			}
			if prev, ok := seen[hashValue(v)]; ok && prev != string(v) {
				t.Fatalf("%q and %q: one hash", prev, v)
			}
			seen[hashValue(v)] = string(v)
		}
	}
	if hashValue(nil) == hashValue([]byte{0}) {
		t.Error("different values, one hash")
	}
	if h := hashValue([]byte("Riyadh")); h != 0xbd35c7b3612ef6f2 {
		t.Errorf("hash of Riyadh %#x: the hash changed, and with it every estimate", h)
	}
	if h := hashValue([]byte("customer-12345@example.com")); h != 0x62fd608898f07ece {
		t.Errorf("hash of a long value %#x: the hash changed, and with it every estimate", h)
	}
}

// BenchmarkDistinctCountRow: what a wide row's role-less columns cost —
// 40 values hashed and counted, the counts past their exact sets.
func BenchmarkDistinctCountRow(b *testing.B) {
	vals := make([][]byte, 4096)
	for i := range vals {
		vals[i] = []byte("value-" + strconv.Itoa(i*7919) + "-x")
	}
	ds := make([]distinctCount, 40)
	for i := range ds {
		for k := range 2 * exactDistinct {
			ds[i].add(hashNumber(uint64(k*40 + i)))
		}
	}
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for i := range ds {
			ds[i].add(hashValue(vals[(n*41+i)&4095]))
		}
	}
}
