package table

// Strings interns text: each distinct value is stored once and named by a
// small id, so a column of a million repeated countries costs 4 bytes a row.
// Id 0 is the empty string and means "no value".
type Strings struct {
	index  map[string]uint32
	values []string
}

// NewStrings returns an interner holding only the empty string.
func NewStrings() *Strings {
	return &Strings{index: map[string]uint32{"": 0}, values: []string{""}}
}

// ID interns b. Looking up an existing value does not allocate.
func (s *Strings) ID(b []byte) uint32 {
	if id, ok := s.index[string(b)]; ok {
		return id
	}
	return s.add(string(b))
}

// IDString interns v.
func (s *Strings) IDString(v string) uint32 {
	if id, ok := s.index[v]; ok {
		return id
	}
	return s.add(v)
}

// Lookup returns the id of v without interning it.
func (s *Strings) Lookup(v string) (uint32, bool) {
	id, ok := s.index[v]
	return id, ok
}

func (s *Strings) add(v string) uint32 {
	id := uint32(len(s.values))
	s.values = append(s.values, v)
	s.index[v] = id
	return id
}

// Value returns the text of id.
func (s *Strings) Value(id uint32) string { return s.values[id] }

// Len is the number of distinct values, the empty string included.
func (s *Strings) Len() int { return len(s.values) }
