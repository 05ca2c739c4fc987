package identity

import (
	"reflect"
	"testing"
)

func TestAnonymousKeys(t *testing.T) {
	r := NewResolver()
	anon := r.Add(Key{Type: Anonymous, Value: 1}) // a visitor
	lone := r.Add(Key{Type: Anonymous, Value: 2}) // a visitor who never signs in
	email := r.Add(Key{Type: Email, Value: 1})    // a customer (same string id, other type)
	other := r.Add(Key{Type: Email, Value: 3})    // another customer
	if anon == email || r.Lookup(Key{Type: Anonymous, Value: 1}) != anon {
		t.Fatal("anonymous ids are keys of their own type")
	}
	// The visitor signs up: a link, not a merge of two customers.
	r.Link(email, anon, 0, 5, true)
	// Later the visitor's group meets another customer: that is a merge.
	r.Link(anon, other, 0, 9, true)
	m := r.Merges()
	if len(m) != 2 || m[0].Joined || !m[1].Joined {
		t.Fatalf("merges %+v", m)
	}
	cust, n := r.Customers()
	// One customer (email, anon, other); the lone visitor is nobody.
	if n != 1 || !reflect.DeepEqual(cust, []int32{0, -1, 0, 0}) {
		t.Fatalf("customers %v %d", cust, n)
	}
	if Anonymous.String() != "anonymous" {
		t.Fatal(Anonymous.String())
	}
	_ = lone
}

// Keys are stored as types, values and (from the first key that has one)
// namespaces: Key gives back each as it was added.
func TestKeysRoundTrip(t *testing.T) {
	r := NewResolver()
	keys := []Key{{Type: Email, Value: 7}, {Type: Phone, Value: 9}, {Type: ID, Namespace: 3, Value: 7}, {Type: Email, Value: 8}, {Type: ID, Value: 4}, {Type: Anonymous, Namespace: 5, Value: 1}}
	for i, k := range keys {
		if got := r.Add(k); got != int32(i) {
			t.Fatalf("Add(%+v) = %d, want %d", k, got, i)
		}
	}
	if r.Len() != len(keys) {
		t.Fatalf("Len %d, want %d", r.Len(), len(keys))
	}
	for i, k := range keys {
		if got := r.Key(int32(i)); got != k {
			t.Errorf("Key(%d) = %+v, want %+v", i, got, k)
		}
		if got := r.Lookup(k); got != int32(i) {
			t.Errorf("Lookup(%+v) = %d, want %d", k, got, i)
		}
	}
}
