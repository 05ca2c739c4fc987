package ingest

import (
	"encoding/binary"
	"math"
	"math/bits"
)

// distinctCount counts a column's distinct values in bounded memory:
// exactly while there are at most exactDistinct of them (a set of their
// 64-bit hashes), then by HyperLogLog over 2^hllBits registers, whose
// relative standard error is DistinctError. Its state depends only on the
// set of values added, never on their order, so the counts of the parts of
// a file merge into the count of the whole (exact sets by union, registers
// by maximum) and a file read in parts reports what one reader would.
// Hashes use fixed seeds (not the string table's random one): the same
// file gives the same estimate on every run and in every host.
type distinctCount struct {
	set  []uint64 // open addressing, 0 for a free slot; nil once regs is used
	n    int      // hashes in set
	regs []uint8  // nil while the count is exact
}

const (
	exactDistinct = 8192
	hllBits       = 14
	hllRegisters  = 1 << hllBits
)

// DistinctError is the relative standard error of an estimated distinct
// count: 1.04/√m for m registers.
var DistinctError = math.Round(1.04/math.Sqrt(hllRegisters)*1e4) / 1e4

func (d *distinctCount) add(h uint64) {
	if d.regs != nil {
		d.register(h)
		return
	}
	if h == 0 {
		h = 1 // 0 marks a free slot
	}
	if 2*(d.n+1) > len(d.set) {
		d.grow()
	}
	mask := uint64(len(d.set) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch d.set[i] {
		case h:
			return
		case 0:
			d.set[i] = h
			d.n++
			if d.n > exactDistinct {
				d.toRegisters()
			}
			return
		}
	}
}

func (d *distinctCount) grow() {
	old := d.set
	d.set = make([]uint64, max(16, 2*len(old)))
	mask := uint64(len(d.set) - 1)
	for _, h := range old {
		if h == 0 {
			continue
		}
		i := h & mask
		for d.set[i] != 0 {
			i = (i + 1) & mask
		}
		d.set[i] = h
	}
}

// toRegisters moves from counting exactly to estimating.
func (d *distinctCount) toRegisters() {
	d.regs = make([]uint8, hllRegisters)
	for _, h := range d.set {
		if h != 0 {
			d.register(h)
		}
	}
	d.set, d.n = nil, 0
}

// register keeps, in the register the hash's top bits choose, the longest
// run of leading zeros seen in the rest (plus one).
func (d *distinctCount) register(h uint64) {
	rank := uint8(bits.LeadingZeros64(h<<hllBits|1<<(hllBits-1)) + 1)
	if i := h >> (64 - hllBits); d.regs[i] < rank {
		d.regs[i] = rank
	}
}

// merge adds the values o has counted.
func (d *distinctCount) merge(o *distinctCount) {
	if o.regs == nil {
		for _, h := range o.set {
			if h != 0 {
				d.add(h)
			}
		}
		return
	}
	if d.regs == nil {
		d.toRegisters()
	}
	for i, r := range o.regs {
		d.regs[i] = max(d.regs[i], r)
	}
}

// hashes returns the exact set's hashes (nil once estimating).
func (d *distinctCount) hashes() []uint64 {
	if d.regs != nil {
		return nil
	}
	hs := make([]uint64, 0, d.n)
	for _, h := range d.set {
		if h != 0 {
			hs = append(hs, h)
		}
	}
	return hs
}

// count returns the number of distinct values and whether it is exact.
func (d *distinctCount) count() (int, bool) {
	if d.regs == nil {
		return d.n, true
	}
	return int(math.Round(hllEstimate(d.regs))), false
}

// hllEstimate is Ertl's improved raw estimator ("New cardinality
// estimation algorithms for HyperLogLog sketches", 2017): unbiased from
// small to large counts without the empirical tables of HyperLogLog++.
// The products are rounded explicitly so no host fuses them: the
// estimate is the same natively and in wasm.
func hllEstimate(regs []uint8) float64 {
	const q = 64 - hllBits
	var c [q + 2]int
	for _, r := range regs {
		c[r]++
	}
	m := float64(len(regs))
	z := m * hllTau(1-float64(c[q+1])/m)
	for k := q; k >= 1; k-- {
		z = 0.5 * (z + float64(c[k]))
	}
	z += float64(m * hllSigma(float64(c[0])/m))
	return float64(m*m) / (2 * math.Ln2) / z
}

func hllSigma(x float64) float64 {
	if x == 1 {
		return math.Inf(1)
	}
	y, z := 1.0, x
	for {
		x = float64(x * x)
		prev := z
		z += float64(x * y)
		y += y
		if z == prev {
			return z
		}
	}
}

func hllTau(x float64) float64 {
	if x == 0 || x == 1 {
		return 0
	}
	y, z := 1.0, 1-x
	for {
		x = math.Sqrt(x)
		prev := z
		y *= 0.5
		d := 1 - x
		z -= float64(float64(d*d) * y)
		if z == prev {
			return z / 3
		}
	}
}

// Fixed seeds: the hashes, and so the estimates, are the same on every run.
const (
	hashSeed = 0x9E3779B97F4A7C15
	hashMul1 = 0xBF58476D1CE4E5B9
	hashMul2 = 0x94D049BB133111EB
)

// mix64 is the SplitMix64 finaliser: every input bit moves every output bit.
func mix64(x uint64) uint64 {
	x = (x ^ x>>30) * hashMul1
	x = (x ^ x>>27) * hashMul2
	return x ^ x>>31
}

// hashNumber hashes a number's 64 bits.
func hashNumber(x uint64) uint64 { return mix64(x ^ hashSeed) }

// hashValue hashes a value's bytes eight at a time; the last block is read
// overlapping the one before it (or as two overlapping halves, for short
// values), not byte by byte.
func hashValue(b []byte) uint64 {
	n := len(b)
	h := hashSeed ^ uint64(n)*hashMul2
	var last uint64
	switch {
	case n >= 8:
		for i := 0; i+8 < n; i += 8 {
			h = bits.RotateLeft64((h^binary.LittleEndian.Uint64(b[i:]))*hashMul1, 31)
		}
		last = binary.LittleEndian.Uint64(b[n-8:])
	case n >= 4:
		last = uint64(binary.LittleEndian.Uint32(b))<<32 | uint64(binary.LittleEndian.Uint32(b[n-4:]))
	case n > 0:
		last = uint64(b[0])<<16 | uint64(b[n/2])<<8 | uint64(b[n-1])
	}
	return mix64(h ^ last)
}
