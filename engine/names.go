package engine

import (
	"strconv"

	"github.com/qalbhq/qalb/engine/ingest"
	"github.com/qalbhq/qalb/engine/message"
	"github.com/qalbhq/qalb/engine/vocab"
)

// Names and vocabularies: deciding which values are a person's name, and
// counting values that mean the same thing together.

// A column of people's names has about one value per customer: common names
// repeat, but over a few customers each. A column whose few distinct values
// each stand for many different customers (a survey's name, a list's name, a
// campaign) is not a name, whatever its header says. minNameCustomers keeps
// the rule from judging a handful of rows; namesPerValue is the mean number
// of customers per distinct value above which the column is not names. Real
// name columns measure 1.0–1.5 (first × last name combinations repeat
// rarely); a survey export's "Survey Name" measures in the hundreds.
const (
	minNameCustomers = 10
	namesPerValue    = 5
)

// findNotNames marks the sources whose name column is not people's names.
// It runs after identity resolution (it needs each row's customer) and
// before profiles take their names from the columns.
func (s *Session) findNotNames() {
	s.notNames = make([]bool, len(s.sources))
	for si, src := range s.sources {
		col := src.Column(ingest.FullName)
		if col == nil {
			continue
		}
		rc := s.rowCust[si]
		// Distinct values and customers, counted in bitsets by id (one bit
		// per interned string and per customer): a million rows' map
		// inserts cost more than the whole profile of a row.
		var values, custs bitset
		nValues, nCusts := 0, 0
		for i, ci := range rc {
			if ci < 0 || col.IsNull(i) {
				continue
			}
			if values.add(col.Str[i]) {
				nValues++
			}
			if custs.add(uint32(ci)) {
				nCusts++
			}
		}
		if nCusts >= minNameCustomers && nValues*namesPerValue <= nCusts {
			s.notNames[si] = true
			src.Notes = append(src.Notes, message.Format("notNames", col.Name,
				strconv.Itoa(nValues), strconv.Itoa(nCusts)))
		}
	}
}

// bitset is a set of small numbers (ids), grown as they come.
type bitset []uint64

// add puts v in the set and reports whether it was new.
func (b *bitset) add(v uint32) bool {
	w := int(v >> 6)
	if w >= len(*b) {
		*b = append(*b, make([]uint64, max(w+1-len(*b), len(*b)))...)
	}
	bit := uint64(1) << (v & 63)
	if (*b)[w]&bit != 0 {
		return false
	}
	(*b)[w] |= bit
	return true
}

// has reports whether v is in the set.
func (b bitset) has(v uint32) bool {
	w := int(v >> 6)
	return w < len(b) && b[w]&(1<<(v&63)) != 0
}

// namesUsable says whether source si's name columns hold people's names.
func (s *Session) namesUsable(si int) bool {
	return s.notNames == nil || !s.notNames[si]
}

// Where a customer's display name comes from (CustomerRow.NameFrom,
// Profile.NameFrom): their name, else their best identifier.
const (
	nameFromName  = "name"
	nameFromEmail = "email"
	nameFromPhone = "phone"
	nameFromID    = "id"
)

// displayName is the customer's name or, when the data gives none, their
// best identifier (an email, a phone, a customer id) and which it is.
func (s *Session) displayName(ci int) (string, string) {
	c := &s.custs[ci]
	switch {
	case s.attrOf(c)[attrName] != 0:
		return s.strs.Value(s.attrOf(c)[attrName]), nameFromName
	case s.emailOf(ci) != 0:
		return s.strs.Value(s.emailOf(ci)), nameFromEmail
	case s.phoneOf(ci) != 0:
		return s.strs.Value(s.phoneOf(ci)), nameFromPhone
	}
	s.buildDetailIndex()
	for _, k := range s.keysOf.of(ci) {
		return s.keyText(k), nameFromID
	}
	return "", nameFromID
}

// vocabCache normalises interned values of one vocabulary once each.
type vocabCache struct {
	norm func(string) (string, bool)
	seen map[uint32]uint32 // value id → normalised id, 0 = not a value
}

func newVocabCache(norm func(string) (string, bool)) *vocabCache {
	return &vocabCache{norm: norm, seen: map[uint32]uint32{}}
}

func (s *Session) vocabID(vc *vocabCache, id uint32) uint32 {
	if id == 0 {
		return 0
	}
	v, ok := vc.seen[id]
	if !ok {
		if n, keep := vc.norm(s.strs.Value(id)); keep && n != "" {
			v = s.strs.IDString(n)
		}
		vc.seen[id] = v
	}
	return v
}

func (s *Session) vocabText(vc *vocabCache, id uint32) string {
	return s.strs.Value(s.vocabID(vc, id))
}

var (
	normLanguage = vocab.Language
	normChannel  = vocab.Channel
	normDevice   = vocab.Device
)
