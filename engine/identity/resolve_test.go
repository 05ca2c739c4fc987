package identity

import "testing"

// The index of a key type by string id stops at the strings there are
// (Hint), and keeps working past them for strings interned later.
func TestResolverHintSizesDenseIndex(t *testing.T) {
	const strings = 5000
	r := NewResolver()
	r.Hint(strings)
	for v := uint32(1); v < strings; v++ {
		if i := r.Add(Key{Type: Email, Value: v}); i != int32(v-1) {
			t.Fatalf("Add(%d) = %d, want %d", v, i, v-1)
		}
	}
	if n := len(r.dense[Email-ID]); n != strings {
		t.Errorf("email index of %d entries, want %d", n, strings)
	}
	late := r.Add(Key{Type: Email, Value: strings + 10})
	if n := len(r.dense[Email-ID]); n != strings+strings/4 {
		t.Errorf("after a later string, email index of %d entries, want %d", n, strings+strings/4)
	}
	for v := uint32(1); v < strings; v++ {
		if i := r.Lookup(Key{Type: Email, Value: v}); i != int32(v-1) {
			t.Fatalf("Lookup(%d) = %d, want %d", v, i, v-1)
		}
	}
	if i := r.Lookup(Key{Type: Email, Value: strings + 10}); i != late {
		t.Errorf("Lookup of the later string = %d, want %d", i, late)
	}
	if i := r.Lookup(Key{Type: Phone, Value: 3}); i != -1 {
		t.Errorf("Lookup of an absent phone = %d, want -1", i)
	}
}
