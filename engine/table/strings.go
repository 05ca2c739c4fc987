package table

import (
	"hash/maphash"
	"unsafe"
)

// Strings interns text: each distinct value is stored once and named by a
// small id, so a column of a million repeated countries costs 4 bytes a row.
// Id 0 is the empty string and means "no value".
//
// It is an open-addressing hash table of ids rather than a Go map: a slot
// costs 4 bytes instead of a map entry's string header, and a lookup of
// bytes never converts them to a string.
type Strings struct {
	values []string
	slots  []uint64 // per slot: (id+1) in the low half, the hash's high bits in the high half; 0 = empty
	mask   uint64
	seed   maphash.Seed
	arena  []byte // the bytes of new values, in chunks never moved or reused
}

const arenaChunk = 64 << 10

// keep copies b into the arena and returns it as a string that shares the
// arena's memory: one allocation per 64 KiB of text instead of one per value.
func (s *Strings) keep(b []byte) string {
	if len(b) > arenaChunk/4 {
		return string(b)
	}
	if len(s.arena)+len(b) > cap(s.arena) {
		s.arena = make([]byte, 0, arenaChunk)
	}
	start := len(s.arena)
	s.arena = append(s.arena, b...)
	return unsafe.String(&s.arena[start], len(b))
}

// NewStrings returns an interner holding only the empty string.
func NewStrings() *Strings {
	s := &Strings{values: []string{""}, seed: maphash.MakeSeed()}
	s.slots = make([]uint64, 1024)
	s.mask = 1023
	return s
}

// ID interns b. Looking up an existing value does not allocate.
func (s *Strings) ID(b []byte) uint32 {
	if len(b) == 0 {
		return 0
	}
	h := maphash.Bytes(s.seed, b)
	at, id, ok := probe(s, b, h)
	if !ok {
		id = s.insert(at, s.keep(b), h)
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
		id = s.insert(at, v, h)
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
func probe[T string | []byte](s *Strings, v T, h uint64) (at uint64, id uint32, found bool) {
	tag := h >> 32 << 32
	for i := h & s.mask; ; i = (i + 1) & s.mask {
		slot := s.slots[i]
		if slot == 0 {
			return i, 0, false
		}
		if id := uint32(slot) - 1; slot&^0xffffffff == tag && s.values[id] == string(v) {
			return i, id, true
		}
	}
}

func (s *Strings) insert(slot uint64, v string, h uint64) uint32 {
	id := uint32(len(s.values))
	s.values = append(s.values, v)
	s.slots[slot] = h>>32<<32 | uint64(id+1)
	if uint64(len(s.values))*2 > s.mask+1 { // keep the table at most half full
		s.grow()
	}
	return id
}

func (s *Strings) grow() {
	n := (s.mask + 1) * 2
	old := s.slots
	s.slots = make([]uint64, n)
	s.mask = n - 1
	for _, slot := range old {
		if slot == 0 {
			continue
		}
		id := uint32(slot) - 1
		h := maphash.String(s.seed, s.values[id])
		i := h & s.mask
		for s.slots[i] != 0 {
			i = (i + 1) & s.mask
		}
		s.slots[i] = slot
	}
}

// Value returns the text of id.
func (s *Strings) Value(id uint32) string { return s.values[id] }

// Len is the number of distinct values, the empty string included.
func (s *Strings) Len() int { return len(s.values) }
