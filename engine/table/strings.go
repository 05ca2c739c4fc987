package table

import (
	"encoding/binary"
	"hash/maphash"
	"slices"
	"unsafe"
)

// Strings interns text: each distinct value is stored once and named by a
// small id, so a column of a million repeated countries costs 4 bytes a row.
// Id 0 is the empty string and means "no value".
//
// It is an open-addressing hash table over an arena rather than a Go map.
// Each value is written once into the arena after its length (one byte
// below 128), and a slot holds the value's hash tag and id; refs turns an
// id into its arena position. No pointer is stored per value, so the
// garbage collector has nothing to scan; 5 million 8-character ids take
// 102 MB: 50 of lengths and text, 20 of positions, 32 of slots.
type Strings struct {
	refs   []uint32 // per id: the arena position of its entry
	slots  []uint32 // per slot: tag | id, where the id takes the mask's bits and the tag the rest (see probe); 0 = empty
	mask   uint64
	seed   maphash.Seed
	chunks [][]byte // the arena; a chunk never moves and its bytes never change once written
	open   int      // the chunk being filled
	warmed uint32   // what Warm read, kept so the reads are not optimised away
}

// An arena position is a chunk index and an offset in 2-byte units, so 32
// bits address 8 GiB. Entries start at even offsets: a byte of alignment
// per value on average buys twice the arena a 1-byte unit would address.
const (
	arenaChunk = 64 << 10
	offsetBits = 15 // arenaChunk / 2 = 1 << 15
	maxChunks  = 1 << (32 - offsetBits)
)

// NewStrings returns an interner holding only the empty string.
func NewStrings() *Strings {
	s := &Strings{seed: maphash.MakeSeed(), slots: make([]uint32, 1024), mask: 1023}
	s.refs = []uint32{s.write(nil)}
	return s
}

// write appends an entry for b to the arena and returns its position.
func (s *Strings) write(b []byte) uint32 {
	var head [binary.MaxVarintLen64]byte
	hn := binary.PutUvarint(head[:], uint64(len(b)))
	size := (hn + len(b) + 1) &^ 1
	if len(s.chunks) >= maxChunks-1 {
		// 8 GiB of distinct text: far past what an analysis's budget lets
		// a file bring, so reaching it is a bug, not an input.
		panic("table: the interned strings' arena is full")
	}
	if size > arenaChunk/4 {
		// A large value gets a chunk of its own, so chunks stay small.
		s.chunks = append(s.chunks, make([]byte, size))
		return s.put(len(s.chunks)-1, 0, head[:hn], b)
	}
	if s.chunks == nil || len(s.chunks[s.open])+size > arenaChunk {
		s.chunks = append(s.chunks, make([]byte, 0, arenaChunk))
		s.open = len(s.chunks) - 1
	}
	off := len(s.chunks[s.open])
	s.chunks[s.open] = s.chunks[s.open][:off+size]
	return s.put(s.open, off, head[:hn], b)
}

func (s *Strings) put(chunk, off int, head, b []byte) uint32 {
	c := s.chunks[chunk]
	copy(c[off+copy(c[off:], head):], b)
	return uint32(chunk)<<offsetBits | uint32(off/2)
}

// text returns the value whose entry is at pos.
func (s *Strings) text(pos uint32) []byte {
	c := s.chunks[pos>>offsetBits]
	off := int(pos&(1<<offsetBits-1)) * 2
	n, hn := int(c[off]), 1
	if n >= 0x80 {
		v, k := binary.Uvarint(c[off:])
		n, hn = int(v), k
	}
	off += hn
	return c[off : off+n : off+n]
}

// ID interns b. Looking up an existing value does not allocate.
func (s *Strings) ID(b []byte) uint32 {
	if len(b) == 0 {
		return 0
	}
	return s.IDHashed(b, s.Hash(b))
}

// Hash is the hash of b that IDHashed takes.
func (s *Strings) Hash(b []byte) uint64 { return maphash.Bytes(s.seed, b) }

// Warm reads the slots, and the entries they point to, where values of
// hashes hs would be found. A row's lookups mostly miss the cache (the
// table of a large file is tens of megabytes); reading all of their slots
// in one tight loop lets the processor wait for the misses together
// instead of one after another, and the lookups that follow hit the cache.
func (s *Strings) Warm(hs []uint64) {
	var sum uint32
	var at [WarmBatch]uint32
	hs = hs[:min(len(hs), WarmBatch)]
	for k, h := range hs {
		at[k] = s.slots[h>>32&s.mask] & uint32(s.mask) // an id
	}
	for k, id := range at[:len(hs)] {
		if id != 0 {
			at[k] = s.refs[id]
		}
	}
	for _, p := range at[:len(hs)] {
		if p != 0 {
			sum += uint32(s.chunks[p>>offsetBits][int(p&(1<<offsetBits-1))*2])
		}
	}
	s.warmed += sum
}

// WarmBatch is the most hashes Warm reads at once.
const WarmBatch = 32

// IDHashed interns b, whose Hash is h.
func (s *Strings) IDHashed(b []byte, h uint64) uint32 {
	if len(b) == 0 {
		return 0
	}
	at, id, ok := probe(s, b, h)
	if !ok {
		id = s.insert(at, b, h)
	}
	return id
}

// IDString interns v.
func (s *Strings) IDString(v string) uint32 {
	if v == "" {
		return 0
	}
	h := maphash.String(s.seed, v)
	at, id, ok := probe(s, v, h)
	if !ok {
		id = s.insert(at, unsafe.Slice(unsafe.StringData(v), len(v)), h)
	}
	return id
}

// Lookup returns the id of v without interning it.
func (s *Strings) Lookup(v string) (uint32, bool) {
	if v == "" {
		return 0, true
	}
	_, id, ok := probe(s, v, maphash.String(s.seed, v))
	return id, ok
}

// probe finds v (whose hash is h): its id, or the empty slot where it goes.
//
// A slot is 4 bytes: the table is at most three quarters full, so every id
// is below its size and fits the mask's bits; the bits above hold a tag,
// bits of the hash that do not place the slot, so most probes of another
// value end without reading its text (9 bits of tag, 1 in 512 read, at 5
// million values). 5 million values take 32 MB of slots instead of 64.
func probe[T string | []byte](s *Strings, v T, h uint64) (at uint64, id uint32, found bool) {
	m := uint32(s.mask)
	tag := uint32(h) &^ m
	for i := h >> 32 & s.mask; ; i = (i + 1) & s.mask {
		slot := s.slots[i]
		if slot == 0 {
			return i, 0, false
		}
		if slot&^m == tag {
			if id := slot & m; string(s.text(s.refs[id])) == string(v) {
				return i, id, true
			}
		}
	}
}

func (s *Strings) insert(slot uint64, b []byte, h uint64) uint32 {
	return s.place(slot, h, s.write(b))
}

// place gives the entry at arena position ref the next id, in slot.
func (s *Strings) place(slot uint64, h uint64, ref uint32) uint32 {
	id := uint32(len(s.refs))
	s.refs = append(s.refs, ref)
	s.slots[slot] = uint32(h)&^uint32(s.mask) | id
	// At most three quarters full: linear probing stays short (2.5
	// probes a miss on average), and ids fit under the mask (probe).
	if uint64(len(s.refs))*4 > (s.mask+1)*3 {
		s.grow()
	}
	return id
}

func (s *Strings) grow() { s.resize((s.mask + 1) * 2) }

// Reserve makes room for n more values, so adding them rehashes the
// table at most once (joining a part's strings adds hundreds of thousands).
func (s *Strings) Reserve(n int) {
	size := s.mask + 1
	for uint64(len(s.refs)+n)*4 > size*3 {
		size *= 2
	}
	if size > s.mask+1 {
		s.resize(size)
	}
	s.refs = slices.Grow(s.refs, n)
}

func (s *Strings) resize(n uint64) {
	if n > 1<<31 {
		panic("table: more interned strings than a 32-bit id names")
	}
	// A slot keeps too few bits of its hash to place it again, so values
	// are hashed again, in id order: the arena is read front to back, and
	// doubling makes it twice the values in all.
	s.slots = make([]uint32, n)
	s.mask = n - 1
	m := uint32(s.mask)
	for id := 1; id < len(s.refs); id++ {
		h := maphash.Bytes(s.seed, s.text(s.refs[id]))
		i := h >> 32 & s.mask
		for s.slots[i] != 0 {
			i = (i + 1) & s.mask
		}
		s.slots[i] = uint32(h)&^m | uint32(id)
	}
}

// Value returns the text of id. The string shares the arena's memory.
func (s *Strings) Value(id uint32) string {
	text := s.text(s.refs[id])
	if len(text) == 0 {
		return ""
	}
	return unsafe.String(&text[0], len(text))
}

// Bytes returns the text of id, sharing the arena's memory: read only.
func (s *Strings) Bytes(id uint32) []byte {
	return s.text(s.refs[id])
}

// Len is the number of distinct values, the empty string included.
func (s *Strings) Len() int { return len(s.refs) }

// Remap interns values 1…n-1 of another table, text(id) being each, and
// returns remap: remap[id there] is its id here. It is how a part read
// elsewhere, whose strings came over the wire, is joined.
func (s *Strings) Remap(n int, text func(id uint32) []byte) []uint32 {
	return s.merge(n, text, nil)
}

// Adopt interns every value of o, which must not be used afterwards, and
// returns remap as Remap does. o's arena becomes part of this one instead
// of being copied: a value new here keeps its bytes where they are, and one
// already here leaves its copy unused (at most o's arena). Joining a part
// of a file with millions of distinct values then never holds their text
// twice.
func (s *Strings) Adopt(o *Strings) []uint32 {
	if len(s.chunks)+len(o.chunks) >= maxChunks-1 {
		panic("table: the interned strings' arena is full")
	}
	base := uint32(len(s.chunks)) << offsetBits
	s.chunks = append(s.chunks, o.chunks...)
	o.slots = nil // not read here: collectable while this table grows
	remap := s.merge(len(o.refs), o.Bytes, func(id uint32) uint32 { return o.refs[id] + base })
	o.chunks, o.refs = nil, nil
	return remap
}

// merge interns values 1…n-1 given by text; a new one is written into the
// arena, or, with ref, placed where ref says it already is. The values'
// places are read a batch at a time (see Warm).
func (s *Strings) merge(n int, text func(id uint32) []byte, ref func(id uint32) uint32) []uint32 {
	remap := make([]uint32, n)
	s.Reserve(n)
	var hs [WarmBatch]uint64
	for first := 1; first < n; first += len(hs) {
		batch := hs[:min(len(hs), n-first)]
		for k := range batch {
			batch[k] = s.Hash(text(uint32(first + k)))
		}
		s.Warm(batch)
		for k, h := range batch {
			id := uint32(first + k)
			b := text(id)
			at, found, ok := probe(s, b, h)
			switch {
			case ok:
			case ref != nil:
				found = s.place(at, h, ref(id))
			case len(b) > 0:
				found = s.insert(at, b, h)
			}
			remap[id] = found
		}
	}
	return remap
}
