package segment

import "math/bits"

// Set is a set of customers as a bitset: the compiled form of a rule.
// Membership is one shift and mask; AND, OR and NOT are word operations,
// so a rule over 100k customers costs a few thousand word operations per
// condition and no allocation per customer.
type Set struct {
	n int
	w []uint64
}

// NewSet returns an empty set over n customers.
func NewSet(n int) *Set { return &Set{n: n, w: make([]uint64, (n+63)/64)} }

// All returns the set of all n customers.
func All(n int) *Set {
	s := NewSet(n)
	for i := range s.w {
		s.w[i] = ^uint64(0)
	}
	s.trim()
	return s
}

// Len is the number of customers the set ranges over.
func (s *Set) Len() int { return s.n }

// Has reports whether customer i is in the set.
func (s *Set) Has(i int) bool { return s.w[i>>6]&(1<<(uint(i)&63)) != 0 }

// Add puts customer i in the set.
func (s *Set) Add(i int) { s.w[i>>6] |= 1 << (uint(i) & 63) }

// Count is the number of customers in the set.
func (s *Set) Count() int {
	c := 0
	for _, w := range s.w {
		c += bits.OnesCount64(w)
	}
	return c
}

// And keeps only the customers also in o.
func (s *Set) And(o *Set) {
	for i := range s.w {
		s.w[i] &= o.w[i]
	}
}

// Or adds the customers of o.
func (s *Set) Or(o *Set) {
	for i := range s.w {
		s.w[i] |= o.w[i]
	}
}

// Not replaces the set by its complement.
func (s *Set) Not() {
	for i := range s.w {
		s.w[i] = ^s.w[i]
	}
	s.trim()
}

func (s *Set) trim() {
	if r := s.n & 63; r != 0 && len(s.w) > 0 {
		s.w[len(s.w)-1] &= (1 << uint(r)) - 1
	}
}

// Each calls f for every member in increasing order until f returns false.
func (s *Set) Each(f func(i int) bool) {
	for wi, w := range s.w {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			if !f(wi<<6 | b) {
				return
			}
			w &= w - 1
		}
	}
}
