package table

import (
	"fmt"
	"strings"
	"testing"
)

func TestStringsIntern(t *testing.T) {
	s := NewStrings()
	a := s.ID([]byte("Riyadh"))
	b := s.IDString("Riyadh")
	c := s.ID([]byte("Cairo"))
	if a != b || a == c || a == 0 {
		t.Fatalf("ids a=%d b=%d c=%d", a, b, c)
	}
	if s.ID(nil) != 0 || s.Value(0) != "" {
		t.Fatal("empty string must be id 0")
	}
	if s.Value(c) != "Cairo" || s.Len() != 3 {
		t.Fatalf("value %q len %d", s.Value(c), s.Len())
	}
	buf := []byte("Riyadh")
	if n := testing.AllocsPerRun(100, func() { s.ID(buf) }); n != 0 {
		t.Errorf("looking up a known value allocates %v times", n)
	}
}

func TestColumnNullsAndTruncate(t *testing.T) {
	c := NewColumn("total", Float, 0)
	c.AppendFloat(1.5)
	c.AppendNull()
	c.AppendFloat(3)
	if c.Len() != 3 || !c.IsNull(1) || c.IsNull(0) || c.NullCount() != 1 {
		t.Fatalf("len %d nulls %d", c.Len(), c.Nulls.Count())
	}
	c.Truncate(1)
	if c.Len() != 1 || c.IsNull(1) || c.NullCount() != 0 {
		t.Fatalf("after truncate: len %d nulls %d", c.Len(), c.Nulls.Count())
	}
	s := NewColumn("name", String, 0)
	s.AppendStr(0) // id 0 is "no value"
	s.AppendStr(7)
	s.AppendNull()
	if !s.IsNull(0) || s.IsNull(1) || !s.IsNull(2) || s.IsNull(3) || s.NullCount() != 2 {
		t.Errorf("string nulls: %v %v %v, count %d", s.IsNull(0), s.IsNull(1), s.IsNull(2), s.NullCount())
	}
	s.SetStr(1, 0)
	s.SetStr(2, 9)
	if !s.IsNull(1) || s.IsNull(2) || s.NullCount() != 2 {
		t.Errorf("after SetStr: %v %v, count %d", s.IsNull(1), s.IsNull(2), s.NullCount())
	}
}

func TestBitmap(t *testing.T) {
	var b Bitmap
	for _, i := range []int{0, 63, 64, 1000} {
		b.Set(i)
	}
	for _, i := range []int{0, 63, 64, 1000} {
		if !b.Get(i) {
			t.Errorf("bit %d not set", i)
		}
	}
	if b.Get(1) || b.Get(5000) || b.Count() != 4 {
		t.Errorf("count %d", b.Count())
	}
	b.Clear(63)
	if b.Get(63) || b.Count() != 3 {
		t.Error("clear failed")
	}
}

func TestStringsManyValues(t *testing.T) {
	s := NewStrings()
	ids := map[string]uint32{}
	for i := 0; i < 50000; i++ {
		v := string(rune('a'+i%26)) + string(rune(0x600+i%300)) + string(rune('0'+i%10)) + string(rune(i))
		id := s.IDString(v)
		if old, ok := ids[v]; ok && old != id {
			t.Fatalf("%q: id %d then %d", v, old, id)
		}
		ids[v] = id
	}
	if s.Len() != len(ids)+1 {
		t.Fatalf("len %d, want %d", s.Len(), len(ids)+1)
	}
	for v, id := range ids {
		if got := s.ID([]byte(v)); got != id || s.Value(id) != v {
			t.Fatalf("%q: %d, want %d", v, got, id)
		}
		if got, ok := s.Lookup(v); !ok || got != id {
			t.Fatalf("lookup %q", v)
		}
	}
	if _, ok := s.Lookup("not there"); ok {
		t.Fatal("found a value never interned")
	}
}

// Values of every size, large ones (which get an arena chunk of their own)
// between small ones, keep their ids and texts while the table grows, and
// do not share memory with the caller's buffer.
func TestStringsSizes(t *testing.T) {
	s := NewStrings()
	buf := make([]byte, 0, 1<<20)
	var want []string
	var ids []uint32
	for i := 0; i < 3000; i++ {
		n := i % 97
		if i%50 == 7 {
			n = arenaChunk/4 + i*13 // larger than an arena chunk's share
		}
		buf = buf[:0]
		for j := 0; j < n; j++ {
			buf = append(buf, byte('a'+(i+j)%26))
		}
		buf = append(buf, byte(i), byte(i>>8)) // distinct
		ids = append(ids, s.ID(buf))
		want = append(want, string(buf))
		for j := range buf {
			buf[j] = '!' // the interned copy must not change
		}
	}
	for i, id := range ids {
		if got := s.Value(id); got != want[i] {
			t.Fatalf("value %d (%d bytes) changed: %.20q…", i, len(want[i]), got)
		}
		if got := s.ID([]byte(want[i])); got != id {
			t.Fatalf("value %d: id %d, then %d", i, id, got)
		}
	}
	if s.Value(0) != "" || s.ID(nil) != 0 || s.Len() != len(want)+1 {
		t.Fatalf("empty value or length wrong: len %d", s.Len())
	}
}

func TestStringsHashedLookups(t *testing.T) {
	s := NewStrings()
	var want []uint32
	var hs []uint64
	for i := 0; i < 5000; i++ {
		b := []byte(fmt.Sprintf("customer-%d@example.com", i%3000))
		h := s.Hash(b)
		hs = append(hs, h)
		if len(hs) == 40 { // more than Warm takes at once, and values not yet there
			s.Warm(hs)
			hs = hs[:0]
		}
		id := s.IDHashed(b, h)
		if i < 3000 {
			want = append(want, id)
		} else if id != want[i%3000] {
			t.Fatalf("value %d: id %d, first %d", i, id, want[i%3000])
		}
		if got := s.ID(b); got != id {
			t.Fatalf("ID and IDHashed differ for %q: %d, %d", b, got, id)
		}
		if string(s.Bytes(id)) != string(b) {
			t.Fatalf("Bytes(%d) = %q, want %q", id, s.Bytes(id), b)
		}
	}
	if s.Len() != 3001 || s.IDHashed(nil, s.Hash(nil)) != 0 {
		t.Fatalf("len %d", s.Len())
	}
}

// Adopt gives every value of the other table an id here, the same one a
// value already here had, and the texts stay readable after the other
// table is gone, new values too.
func TestStringsAdopt(t *testing.T) {
	s, o := NewStrings(), NewStrings()
	for i := range 3000 {
		s.IDString(fmt.Sprintf("shared-%d", i))
	}
	var ids []uint32
	var texts []string
	for i := range 5000 {
		v := fmt.Sprintf("shared-%d", i*2) // half of them already in s
		if i%100 == 0 {
			v = strings.Repeat("x", arenaChunk/4+i) // a chunk of its own
		}
		ids = append(ids, o.IDString(v))
		texts = append(texts, v)
	}
	before, present := s.Len(), 0
	for _, v := range texts {
		if _, ok := s.Lookup(v); ok {
			present++
		}
	}
	remap := s.Adopt(o)
	o = nil
	added := 0
	for k, id := range ids {
		got := remap[id]
		if s.Value(got) != texts[k] {
			t.Fatalf("value %d: %q, want %q", k, s.Value(got), texts[k])
		}
		if want, ok := s.Lookup(texts[k]); !ok || want != got {
			t.Fatalf("value %d: lookup %d, remap %d", k, want, got)
		}
		if int(got) >= before {
			added++
		}
	}
	if s.Len() != before+added || added != 5000-present || present != 1500-15 {
		t.Fatalf("len %d after adopting, %d added, %d there before", s.Len(), added, present)
	}
	if id := s.IDString("after"); s.Value(id) != "after" || remap[0] != 0 {
		t.Fatal("interning after adopting")
	}
}
