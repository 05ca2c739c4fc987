package identity

import "slices"

// KeyType is what kind of value identifies a customer.
type KeyType uint8

const (
	ID    KeyType = iota + 1 // a customer id within one system's namespace
	Email                    // a normalised email address
	Phone                    // an E.164 phone number
	// Anonymous is an event tracker's anonymous or device id. It links
	// like the others — an event carrying it and a user id or email joins
	// the visitor's earlier events to the customer — but alone it makes
	// no customer (see Customers).
	Anonymous
)

func (t KeyType) String() string {
	switch t {
	case ID:
		return "id"
	case Email:
		return "email"
	case Phone:
		return "phone"
	case Anonymous:
		return "anonymous"
	}
	return "?"
}

// Key names one identifying value: its type, its namespace (for ids: the
// system that issued it; 0 otherwise) and the value, both as ids of the
// analysis's interned strings.
type Key struct {
	Type      KeyType
	Namespace uint32
	Value     uint32
}

// Merge records one union: the record at (Source, Line) carried keys A and B,
// which until then belonged to different groups. A is the key the record
// was attached by; Joined is true when B, too, was known from earlier
// records, so two customers seen apart became one.
type Merge struct {
	A, B   int32 // key indexes
	Source int32
	Line   int32
	Joined bool
}

// Resolver is a union-find over keys. Every record links its keys together;
// the connected groups of keys are the customers. It remembers each union
// that joined two groups, which is the merge log.
type Resolver struct {
	// The index of each key: for keys outside any namespace (all emails
	// and phones, most ids), a dense slice per type indexed by the value's
	// string id, holding index+1; a map for the rest.
	dense [4][]int32
	other map[Key]int32
	hint  int // how many strings are interned (Hint); 0: unknown
	// The keys, by index, as their types and values (5 bytes a key
	// rather than a Key's 12), and their namespaces, made at the first
	// key that has one (emails and phones never do).
	typ    []KeyType
	val    []uint32
	ns     []uint32
	parent []int32
	rank   []uint8 // per root: union by rank keeps trees shallow in a byte a key
	merges []Merge
	seen   bits // carried by a record already
	known  bits // per root: the group holds a key other than an anonymous id
}

// bits is a set of key indexes, a bit each.
type bits []uint64

func (b bits) has(i int32) bool { return b[i>>6]&(1<<(i&63)) != 0 }
func (b bits) set(i int32)      { b[i>>6] |= 1 << (i & 63) }

// room makes room for key index i.
func (b *bits) room(i int32) {
	for int(i>>6) >= len(*b) {
		*b = append(*b, 0)
	}
}

// NewResolver returns an empty resolver.
func NewResolver() *Resolver { return &Resolver{other: map[Key]int32{}} }

// Add returns the index of k, adding it as a customer of its own when new.
func (r *Resolver) Add(k Key) int32 {
	if d := r.denseOf(k); d != nil {
		if int(k.Value) >= len(*d) {
			// Doubling, but no further than the strings there are: a
			// key's value is one of them. Past that (strings interned
			// since), by a quarter.
			n := 2 * len(*d)
			if r.hint > int(k.Value) {
				n = min(n, r.hint)
			} else {
				n = len(*d) + len(*d)/4
			}
			grown := make([]int32, max(n, int(k.Value)+1, 1024))
			copy(grown, *d)
			*d = grown
		}
		if i := (*d)[k.Value]; i != 0 {
			return i - 1
		}
		i := r.push(k)
		(*d)[k.Value] = i + 1
		return i
	}
	if i, ok := r.other[k]; ok {
		return i
	}
	i := r.push(k)
	r.other[k] = i
	return i
}

// Reserve makes room for n more keys: the resolver's per-key slices are
// then made once at their size instead of growing by copies that leave
// their old arrays behind (75 MB of them on 5 million keys).
func (r *Resolver) Reserve(n int) {
	r.typ = slices.Grow(r.typ, n)
	r.val = slices.Grow(r.val, n)
	if r.parent != nil {
		r.parent = slices.Grow(r.parent, n)
		r.rank = slices.Grow(r.rank, n)
	}
	r.seen = slices.Grow(r.seen, n/64+1)
	r.known = slices.Grow(r.known, n/64+1)
}

// ReserveIndex makes the index of keys of type t (outside namespaces) as
// large as Hint's number of strings at once: it would grow to about that
// anyway, as a key's value can be any of them, and growing by doubling
// leaves each smaller copy behind (10 MB of them on 5 million emails).
func (r *Resolver) ReserveIndex(t KeyType) {
	if d := r.denseOf(Key{Type: t}); d != nil && len(*d) < r.hint {
		grown := make([]int32, r.hint)
		copy(grown, *d)
		*d = grown
	}
}

// Hint tells the resolver how many strings the analysis has interned, so
// that an index by string id stops growing at their number instead of
// twice it: on a file of 5 million emails, 20 MB instead of 32.
func (r *Resolver) Hint(strings int) { r.hint = strings }

func (r *Resolver) denseOf(k Key) *[]int32 {
	if k.Namespace != 0 || k.Type < ID || k.Type > Anonymous {
		return nil
	}
	return &r.dense[k.Type-ID]
}

func (r *Resolver) push(k Key) int32 {
	i := int32(len(r.typ))
	r.typ = append(r.typ, k.Type)
	r.val = append(r.val, k.Value)
	if k.Namespace != 0 && r.ns == nil {
		r.ns = make([]uint32, i, cap(r.val))
	}
	if r.ns != nil {
		r.ns = append(r.ns, k.Namespace)
	}
	if r.parent != nil {
		r.parent = append(r.parent, i)
		r.rank = append(r.rank, 0)
	}
	r.seen.room(i)
	r.known.room(i)
	if k.Type != Anonymous {
		r.known.set(i)
	}
	return i
}

// Seen reports whether a record carrying key i was already linked.
func (r *Resolver) Seen(i int32) bool { return r.seen.has(i) }

// MarkSeen records that a record carrying key i has been linked.
func (r *Resolver) MarkSeen(i int32) { r.seen.set(i) }

// Lookup returns the index of k, or -1.
func (r *Resolver) Lookup(k Key) int32 {
	if d := r.denseOf(k); d != nil {
		if int(k.Value) < len(*d) {
			return (*d)[k.Value] - 1
		}
		return -1
	}
	if i, ok := r.other[k]; ok {
		return i
	}
	return -1
}

// Key returns key i.
func (r *Resolver) Key(i int32) Key {
	k := Key{Type: r.typ[i], Value: r.val[i]}
	if r.ns != nil {
		k.Namespace = r.ns[i]
	}
	return k
}

// Values is every key's value, by index: read only.
func (r *Resolver) Values() []uint32 { return r.val }

// ShareValues makes v, when it holds the same values as the keys', the
// slice Values returns, so the two are kept once: a list of emails in
// their normal form, one new a row, has its column of values already.
// v must not change afterwards.
func (r *Resolver) ShareValues(v []uint32) {
	if slices.Equal(v, r.val) {
		r.val = v
	}
}

// Only reports whether every key is of type t.
func (r *Resolver) Only(t KeyType) bool {
	for _, kt := range r.typ {
		if kt != t {
			return false
		}
	}
	return true
}

// Len is the number of keys.
func (r *Resolver) Len() int { return len(r.typ) }

// Find returns the representative of i's group.
func (r *Resolver) Find(i int32) int32 {
	if r.parent == nil {
		return i // nothing linked yet
	}
	for r.parent[i] != i {
		r.parent[i] = r.parent[r.parent[i]] // path halving
		i = r.parent[i]
	}
	return i
}

// Link puts a and b in one group; when they were apart, the union is logged
// against the record (source, line) that showed they belong together.
//
// A visitor known only by an anonymous id is nobody's record yet: joining
// their group to a customer is a link, never a merge of two customers.
func (r *Resolver) Link(a, b int32, source, line int32, joined bool) {
	ra, rb := r.Find(a), r.Find(b)
	if ra == rb {
		return
	}
	joined = joined && r.known.has(ra) && r.known.has(rb)
	if r.parent == nil {
		// The forest is made at the first link: a list of one key a
		// record never needs it (24 MB on 5 million contacts).
		r.parent = make([]int32, len(r.typ), cap(r.typ))
		for k := range r.parent {
			r.parent[k] = int32(k)
		}
		r.rank = make([]uint8, len(r.typ), cap(r.typ))
	}
	switch {
	case r.rank[ra] < r.rank[rb]:
		ra, rb = rb, ra
	case r.rank[ra] == r.rank[rb]:
		r.rank[ra]++
	}
	r.parent[rb] = ra
	if r.known.has(rb) {
		r.known.set(ra)
	}
	r.merges = append(r.merges, Merge{A: a, B: b, Source: source, Line: line, Joined: joined})
}

// Settle frees what only linking needs (the union-find forest, the seen
// and known flags, the index by value: 9 bytes a key, 45 MB for 5 million
// customers) once the groups are numbered; Key, Len and Merges keep
// working, and Add, Lookup, Link, Find, Seen, Groups and Customers must not
// be called again.
func (r *Resolver) Settle() {
	r.parent, r.rank, r.seen, r.known = nil, nil, nil, nil
	r.dense, r.other = [4][]int32{}, nil
}

// Merges returns the merge log in the order the unions happened.
func (r *Resolver) Merges() []Merge { return r.merges }

// Groups numbers the groups 0..n-1 in order of their first key and returns,
// for every key, its group. Linking is over once the groups are numbered:
// the numbers are written over the forest, which Groups takes.
func (r *Resolver) Groups() (groupOfKey []int32, n int) {
	// What only adding and linking read goes first, so the numbers can
	// take its place: the index by value, the seen flags.
	r.dense, r.other, r.seen = [4][]int32{}, nil, nil
	parent := r.parent
	if parent == nil {
		parent = make([]int32, len(r.typ))
	}
	for i := range parent {
		parent[i] = r.Find(int32(i)) // every key points at its root
	}
	r.parent, r.rank = nil, nil
	// Walking the keys in order, a root's entry becomes its group's number
	// (as -1-number, apart from the roots still to number) at the group's
	// first key, and a key's own entry is read by no other key once it
	// points at its root: the numbers take the forest's place, 20 MB on
	// 5 million keys.
	for i := range parent {
		root := parent[i]
		if root < 0 {
			continue // a root numbered at an earlier key of its group
		}
		if parent[root] >= 0 { // not numbered yet
			parent[root] = int32(-1 - n)
			n++
		}
		if i != int(root) {
			parent[i] = parent[root]
		}
	}
	for i, g := range parent {
		parent[i] = -1 - g
	}
	return parent, n
}

// Customers numbers the groups that hold at least one key other than an
// anonymous id 0..n-1, in the order of Groups, and returns for every key
// its customer, -1 for the keys of groups of anonymous ids only: a
// visitor who never signed in is nobody's record yet.
func (r *Resolver) Customers() (customerOfKey []int32, n int) {
	group, groups := r.Groups()
	known := make(bits, groups/64+1) // by group
	for i, t := range r.typ {
		if t != Anonymous {
			known.set(group[i])
		}
	}
	var number []int32 // by group; nil when every group is a customer
	for g := range groups {
		if !known.has(int32(g)) {
			number = make([]int32, groups)
			break
		}
	}
	if number == nil {
		return group, groups
	}
	for g := range number {
		number[g] = -1
		if known.has(int32(g)) {
			number[g] = int32(n)
			n++
		}
	}
	for i, g := range group {
		group[i] = number[g]
	}
	return group, n
}
