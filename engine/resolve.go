package engine

import (
	"context"
	"sort"
	"strings"

	"github.com/qalbhq/qalb/engine/identity"
	"github.com/qalbhq/qalb/engine/ingest"
	"github.com/qalbhq/qalb/engine/table"
)

// countriesByFrequency lists the countries of the data, most frequent first.
func (s *Session) countriesByFrequency() []string {
	counts := map[string]int{}
	for _, src := range s.sources {
		c := src.Column(ingest.Country)
		if c == nil {
			continue
		}
		perID := map[uint32]int{}
		for i, id := range c.Str {
			if !c.IsNull(i) {
				perID[id]++
			}
		}
		for id, n := range perID {
			if code, ok := ingest.CountryCode(s.strs.Value(id)); ok {
				counts[code] += n
			}
		}
	}
	codes := make([]string, 0, len(counts))
	for code := range counts {
		codes = append(codes, code)
	}
	sort.Slice(codes, func(i, j int) bool {
		if counts[codes[i]] != counts[codes[j]] {
			return counts[codes[i]] > counts[codes[j]]
		}
		return codes[i] < codes[j]
	})
	return codes
}

// keyCache normalises raw emails and phones into interned keys and counts
// the values that cannot be keys. Callers cache by raw value, so each
// distinct text is normalised once however many rows repeat it.
type keyCache struct {
	strs     *table.Strings
	country  string // for numbers written without a country code
	badEmail int
	badPhone int
}

func (k *keyCache) normEmail(raw uint32) uint32 {
	if e, ok := identity.NormalizeEmail(k.strs.Value(raw)); ok {
		return k.strs.IDString(e)
	}
	k.badEmail++
	return 0
}

// normPhone reads raw with country, or with the default country when "".
func (k *keyCache) normPhone(raw uint32, country string) uint32 {
	if country == "" {
		country = k.country
	}
	if e, ok := identity.NormalizePhone(k.strs.Value(raw), country); ok && plausiblePhone(e) {
		return k.strs.IDString(e)
	}
	k.badPhone++
	return 0
}

// plausiblePhone refuses placeholders such as +966000000000 that would
// merge every customer who left the field blank-ish.
func plausiblePhone(e164 string) bool {
	digits := e164[1:]
	same := 0
	for i := 1; i < len(digits); i++ {
		if digits[i] == digits[i-1] {
			same++
		}
	}
	return same < len(digits)-4
}

// resolve links every record's keys and numbers the customers.
func (s *Session) resolve(ctx context.Context) error {
	s.ids = identity.NewResolver()
	s.ids.Hint(s.strs.Len())
	// Each distinct value of an identifying column is at most one key.
	expected := 0
	for _, src := range s.sources {
		if src.Kind == ingest.Aggregates {
			continue
		}
		for j, cr := range src.Roles {
			switch cr.Role {
			case ingest.CustomerID, ingest.AnonymousID, ingest.Email, ingest.Phone:
				if j < len(src.Quality) {
					expected += src.Quality[j].Distinct
				}
				if cr.Role != ingest.CustomerID || !issuesOwnIDs(src) { // those are kept by namespace
					s.ids.ReserveIndex(keyTypeOf[cr.Role])
				}
			}
		}
	}
	s.ids.Reserve(expected)
	kc := &keyCache{strs: s.strs, country: s.country}
	// Most rows repeat a raw value seen before: remember, per raw string id,
	// the key it became, so a repeat costs one slice read.
	var emailKeys, phoneKeys, anonEmails denseCache
	abroad := map[uint64]int32{}
	// Per source, per row: the key the row was attached by, or -1. A
	// contacts list brings a new key a row, so they are kept as runs.
	anchors := make([]table.Runs, len(s.sources))
	var keys [8]int32
	var existed [8]bool
	countryCode := map[uint32]string{}
	for si, src := range s.sources {
		if err := ctx.Err(); err != nil {
			return err
		}
		// Ids a recognised export issues itself (a HubSpot Record ID) live
		// in that system's namespace; ids it merely carries (a Typeform
		// hidden field with the store's customer id) share the common one.
		ns := uint32(0)
		if issuesOwnIDs(src) {
			ns = s.strs.IDString(src.Export.System)
		}
		idCol := src.Column(ingest.CustomerID)
		anonCol := src.Column(ingest.AnonymousID)
		emailCols, phoneCols := src.Columns(ingest.Email), src.Columns(ingest.Phone)
		if src.Kind == ingest.Aggregates { // rows of counts name no customer, whatever a column is called
			idCol, emailCols, phoneCols = nil, nil, nil
		}
		countryCol := src.Column(ingest.Country)
		rows := src.Table.Rows()
		anchor := &anchors[si]
		for i := 0; i < rows; i++ {
			s.beat(i)
			n := 0
			// A key is "known" when an earlier record carried it.
			addIndex := func(idx int32) {
				for j := 0; j < n; j++ {
					if keys[j] == idx {
						return
					}
				}
				keys[n], existed[n] = idx, s.ids.Seen(idx)
				n++
			}
			add := func(k identity.Key) int32 {
				idx := s.ids.Add(k)
				addIndex(idx)
				return idx
			}
			if idCol != nil && !idCol.IsNull(i) {
				add(identity.Key{Type: identity.ID, Namespace: ns, Value: idCol.Str[i]})
			}
			if anonCol != nil && !anonCol.IsNull(i) {
				raw := anonCol.Str[i]
				add(identity.Key{Type: identity.Anonymous, Value: raw})
				// A distinct id that is an email address is that email too:
				// PostHog and Mixpanel keep whatever identify() was given,
				// often the email, as the person's distinct id.
				switch k := anonEmails.get(raw); {
				case k >= 0:
					addIndex(k)
				case k == unknownKey:
					if e, ok := identity.NormalizeEmail(s.strs.Value(raw)); ok && strings.Contains(s.strs.Value(raw), "@") {
						anonEmails.set(raw, add(identity.Key{Type: identity.Email, Value: s.strs.IDString(e)}))
					} else {
						anonEmails.set(raw, invalidKey)
					}
				}
			}
			for _, emailCol := range emailCols {
				if emailCol.IsNull(i) || n == len(keys) {
					continue
				}
				raw := emailCol.Str[i]
				switch k := emailKeys.get(raw); {
				case k >= 0:
					addIndex(k)
				case k == unknownKey:
					// An address written as its normal form is its own key,
					// found in the resolver's index: only the others are
					// cached (5 million such emails: 20–32 MB less).
					if k := s.ids.Lookup(identity.Key{Type: identity.Email, Value: raw}); k >= 0 {
						addIndex(k)
					} else if v := kc.normEmail(raw); v == raw {
						add(identity.Key{Type: identity.Email, Value: v})
					} else if v != 0 {
						emailKeys.set(raw, add(identity.Key{Type: identity.Email, Value: v}))
					} else {
						emailKeys.set(raw, invalidKey)
					}
				}
			}
			for _, phoneCol := range phoneCols {
				if phoneCol.IsNull(i) || n == len(keys) {
					continue
				}
				country := ""
				if countryCol != nil && !countryCol.IsNull(i) {
					cid := countryCol.Str[i]
					code, ok := countryCode[cid]
					if !ok {
						code, _ = ingest.CountryCode(s.strs.Value(cid))
						countryCode[cid] = code
					}
					country = code
				}
				raw := phoneCol.Str[i]
				if country == "" || country == kc.country {
					switch k := phoneKeys.get(raw); {
					case k >= 0:
						addIndex(k)
					case k == unknownKey:
						if v := kc.normPhone(raw, ""); v != 0 {
							phoneKeys.set(raw, add(identity.Key{Type: identity.Phone, Value: v}))
						} else if k := s.knownAbroad(raw); k >= 0 {
							kc.badPhone-- // read after all, with another country
							phoneKeys.set(raw, k)
							addIndex(k)
						} else {
							phoneKeys.set(raw, invalidKey)
						}
					}
				} else {
					// A number read with the row's own country: cached per
					// (number, country) pair.
					ck := uint64(raw)<<32 | uint64(countryCol.Str[i])
					if k, ok := abroad[ck]; ok {
						if k >= 0 {
							addIndex(k)
						}
					} else if v := kc.normPhone(raw, country); v != 0 {
						abroad[ck] = add(identity.Key{Type: identity.Phone, Value: v})
					} else {
						abroad[ck] = invalidKey
					}
				}
			}
			if n == 0 {
				anchor.Append(-1)
				continue
			}
			// Attach the record by a key already known, if any, so the log
			// says which known key brought each new one in.
			a := 0
			for j := 0; j < n; j++ {
				if existed[j] {
					a = j
					break
				}
			}
			keys[0], keys[a] = keys[a], keys[0]
			existed[0], existed[a] = existed[a], existed[0]
			for j := 1; j < n; j++ {
				s.ids.Link(keys[0], keys[j], int32(si), src.Table.Lines.At(i), existed[0] && existed[j])
			}
			anchor.Append(keys[0])
			for j := 0; j < n; j++ {
				s.ids.MarkSeen(keys[j])
			}
		}
	}
	s.keyGroup, _ = s.ids.Customers()
	s.ids.Settle()
	s.rowCust = make([][]int32, len(s.sources))
	for si := range anchors {
		anchor := &anchors[si]
		if anchor.Len() == len(s.keyGroup) && anchor.IsCount() && isIdentity(s.keyGroup) {
			// A list of one key a row, each new (a contacts file): the
			// rows' customers are the keys', one slice for both, read
			// only (20 MB fewer on 5 million contacts).
			s.rowCust[si] = s.keyGroup
			continue
		}
		rc := anchor.Take() // each row's customer is written over its anchor key
		for i, a := range rc {
			if a < 0 || s.keyGroup[a] < 0 {
				rc[i] = -1
			} else {
				rc[i] = s.keyGroup[a]
			}
		}
		s.rowCust[si] = rc
	}
	// A list of emails in their normal form, a new one a row: its column
	// is the keys' values (20 MB on 5 million), kept once.
	if len(s.sources) == 1 && s.ids.Only(identity.Email) {
		for _, col := range s.sources[0].Columns(ingest.Email) {
			s.ids.ShareValues(col.Str)
		}
	}
	s.badEmails, s.badPhones = kc.badEmail, kc.badPhone
	return nil
}

// knownAbroad reads a national phone number that is not valid in the
// default country with each other country of the data, and takes the first
// reading that is already the key of a customer: "010 0123 4567" in a
// ticket is the Egyptian number a CRM record holds as +20 10 0123 4567.
func (s *Session) knownAbroad(raw uint32) int32 {
	text := s.strs.Value(raw)
	for _, c := range s.countries {
		if c == s.country {
			continue
		}
		e, ok := identity.NormalizePhone(text, c)
		if !ok {
			continue
		}
		if id, ok := s.strs.Lookup(e); ok {
			if k := s.ids.Lookup(identity.Key{Type: identity.Phone, Value: id}); k >= 0 {
				return k
			}
		}
	}
	return -1
}

// issuesOwnIDs reports whether src is a recognised export whose customer
// id column is the system's own (a HubSpot Record ID).
func issuesOwnIDs(src *ingest.Source) bool {
	if src.Export == nil {
		return false
	}
	for _, cr := range src.Roles {
		if cr.Role == ingest.CustomerID && cr.By == "export" {
			return true
		}
	}
	return false
}

// keyTypeOf is the type of the keys a column of each identifying role
// brings (ids in a system's namespace are indexed apart).
var keyTypeOf = map[ingest.Role]identity.KeyType{ingest.CustomerID: identity.ID, ingest.AnonymousID: identity.Anonymous,
	ingest.Email: identity.Email, ingest.Phone: identity.Phone}

const (
	unknownKey int32 = -1
	invalidKey int32 = -2
)

// denseCache maps interned string ids to key indexes.
type denseCache []int32

func (d *denseCache) get(id uint32) int32 {
	if int(id) < len(*d) {
		return (*d)[id]
	}
	return unknownKey
}

func (d *denseCache) set(id uint32, k int32) {
	if n := len(*d); int(id) >= n {
		grown := make(denseCache, max(int(id)+1, 2*n, 1024))
		copy(grown, *d)
		for i := n; i < len(grown); i++ {
			grown[i] = unknownKey
		}
		*d = grown
	}
	(*d)[id] = k
}

// keyText is a key as people read it: "email:a@example.com", "hubspot:5011".
func (s *Session) keyText(i int32) string {
	k := s.ids.Key(i)
	v := s.strs.Value(k.Value)
	switch k.Type {
	case identity.ID:
		ns := s.strs.Value(k.Namespace)
		if ns == "" {
			ns = "id"
		}
		return ns + ":" + v
	default:
		return k.Type.String() + ":" + v
	}
}

// nameOf joins first and last names, skipping empty parts.
func nameOf(first, last string) string {
	return strings.TrimSpace(strings.TrimSpace(first) + " " + strings.TrimSpace(last))
}
