package ingest

import (
	"bytes"
	"strings"
)

// Segment's call types. A Segment export holds every call of its spec, but
// only track calls carry an "event": page and screen calls record a view
// (with the page's "name" when the site gave one), identify, alias and
// group calls say who someone is. Rather than reject every row that is not
// a track call for lacking an event name:
//   - a page or screen call is an event named as Segment's destinations
//     name it (Amplitude, Mixpanel): "Viewed Home Page" for a named page,
//     "Loaded a Page" otherwise ("… Screen" for screens);
//   - an identify, alias or group call is used for the identities it links
//     (anonymousId, userId, traits.email on one row are one person) and is
//     no event: it names none, so the behaviour analysis skips it and the
//     event counts are those of the user's actions alone.

// callTypes is the per-file state of an export whose "type" column says
// the call (quirkCallTypes).
type callTypes struct {
	typ, name, event int               // header indices; -1 when absent
	names            map[string][]byte // event names made so far, by call and page name
}

// newCallTypes finds the call type, page name and event columns of a
// header, or returns nil when the header has no call type or no event.
func newCallTypes(header []string, roles []ColumnRole) *callTypes {
	c := &callTypes{typ: -1, name: -1, event: -1, names: map[string][]byte{}}
	for j, h := range header {
		switch n := NormalizeHeader(h); {
		case n == "type":
			c.typ = j
		case n == "name":
			c.name = j
		case n == "properties name" && c.name < 0:
			c.name = j
		}
		if roles[j].Role == EventName && c.event < 0 {
			c.event = j
		}
	}
	if c.typ < 0 || c.event < 0 {
		return nil
	}
	return c
}

// apply names the event of a page or screen call that has none, in place,
// and reports whether the row is an identity call (identify, alias,
// group), which needs no event name.
func (c *callTypes) apply(row *Row) (identityCall bool) {
	if c.typ >= len(row.Fields) {
		return false
	}
	if c.event < len(row.Fields) && len(bytes.TrimSpace(row.Fields[c.event])) != 0 {
		return false // a track call, or an event name given anyway
	}
	typ := strings.ToLower(string(bytes.TrimSpace(row.Fields[c.typ])))
	switch typ {
	case "identify", "alias", "group":
		return true
	case "page", "screen":
	default:
		return false
	}
	var name string
	if c.name >= 0 && c.name < len(row.Fields) {
		name = string(bytes.TrimSpace(row.Fields[c.name]))
	}
	key := typ + "\x00" + name
	ev, ok := c.names[key]
	if !ok {
		noun := "Page"
		if typ == "screen" {
			noun = "Screen"
		}
		if name == "" {
			ev = []byte("Loaded a " + noun)
		} else {
			ev = []byte("Viewed " + name + " " + noun)
		}
		if len(c.names) < 10000 { // page names are few; a file of unique ones is not cached
			c.names[key] = ev
		}
	}
	if c.event < len(row.Fields) {
		row.Fields[c.event] = ev
	}
	return false
}
