package ingest

import (
	"strings"
	"sync"
)

// Export is a well-known export layout, recognised by its header.
type Export struct {
	Name   string // tool and layout: "Shopify orders", "PayPal statement (Spanish)"
	Tool   string // "Shopify", "PayPal", "Qualtrics"
	Layout string // "orders", "statement (Spanish)", "responses"
	System string // identity namespace of its customer ids: "shopify", "hubspot", "zendesk" …
	Kind   Kind
	// Roles maps the columns this export defines, by their header exactly as
	// written in the file being read, to their roles. Columns not listed
	// (survey questions, custom properties, hidden fields) are left to
	// InferRoles.
	Roles map[string]Role
	// LineItems is true when the export has one row per line item (Shopify):
	// rows sharing the OrderID fold into one order. Only the first row of an
	// order carries its totals; later rows repeat the order number, email and
	// date and have their own line-item fields.
	LineItems bool
	// ScoreVaries is true when the export's score column is NPS, CES or
	// CSAT depending on the survey (Delighted, HubSpot): the file tells which.
	ScoreVaries bool
	// DecimalComma is true when the layout writes amounts as 1.234,56.
	DecimalComma bool
	// TestMode and InternalRows name rows kept out of revenue: payments made
	// in test mode (Stripe) and balance movements that are not sales
	// (PayPal's currency conversions, withdrawals, holds).
	TestMode, InternalRows bool
	// CallTypes is true when a "type" column says the call (Segment):
	// page and screen calls get an event name, identify calls none.
	CallTypes bool
	// Scales are the tool's documented scales by metric (HubSpot), for a
	// score column several surveys share.
	Scales map[Role]Scale
	// Preference is, for each column in Roles, its place among the headers
	// the layout lists for its role (0 = first). Where a file has several
	// columns of a role a file holds once, the most preferred keeps the
	// role and the others fill its blanks: GA4's event_timestamp, else its
	// event_date; Segment's context.traits.email (track calls), else
	// traits.email (identify calls).
	Preference map[string]int
	// Confidence is the share of the file's columns the layout defines,
	// raised for exact signatures: 0.6–1.
	Confidence float64
}

// compiled is a registry layout with normalised headers.
type compiled struct {
	*layout
	roles    map[string]Role // normalised header → role
	pref     map[string]int  // normalised header → its place in its role's list
	prefixes map[string]Role // normalised header prefix → role
	match    [][]string
	quirks   map[quirk]bool
}

var (
	compileOnce sync.Once
	layouts     []compiled
)

// splitHeaders splits a '|'-separated list of headers and normalises them.
func splitHeaders(s string) []string {
	var out []string
	for _, h := range strings.Split(s, "|") {
		if n := NormalizeHeader(h); n != "" {
			out = append(out, n)
		}
	}
	return out
}

func compileRegistry() {
	for i := range registry {
		l := &registry[i]
		c := compiled{layout: l, roles: map[string]Role{}, pref: map[string]int{}, prefixes: map[string]Role{}, quirks: map[quirk]bool{}}
		// Ignore first: a header listed under a role and under Ignore
		// (several spellings) keeps the role.
		for _, h := range splitHeaders(l.Roles[Ignore]) {
			c.roles[h] = Ignore
		}
		for _, r := range Roles {
			if r == Ignore {
				continue
			}
			for i, h := range splitHeaders(l.Roles[r]) {
				if _, dup := c.roles[h]; !dup || c.roles[h] == Ignore {
					c.roles[h] = r
					c.pref[h] = i
				}
			}
		}
		for r, ps := range l.Prefixes {
			for _, p := range strings.Split(ps, "|") {
				c.prefixes[strings.ToLower(p)] = r
			}
		}
		for _, m := range l.Match {
			c.match = append(c.match, splitHeaders(m))
		}
		for _, q := range l.Quirks {
			c.quirks[q] = true
		}
		layouts = append(layouts, c)
	}
}

// looksLikeGoogleForm: the first column is "Timestamp" and at least half
// of the others read as questions (a '?', or three words and more), at
// least one of them; a form's short labels ("Name", "Age") may make up the
// rest.
func looksLikeGoogleForm(norm []string) bool {
	if len(norm) < 3 || norm[0] != "timestamp" {
		return false
	}
	questions, others := 0, 0
	for _, h := range norm[1:] {
		if h == "email address" || h == "score" {
			continue
		}
		others++
		if strings.HasSuffix(h, "?") || len(strings.Fields(h)) >= 3 {
			questions++
		}
	}
	return questions >= 1 && questions*2 >= others
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Recognise matches a header against the registry of known exports (sets
// of columns that must all be present, compared after NormalizeHeader) and
// returns the best match — the one that defines the most of the file's
// columns — or nil when none matches. The Export's Roles are keyed by the
// file's own header strings. Each call returns a new Export.
func Recognise(header []string) *Export { return recognise(header, nil) }

// recognise is Recognise with the file's metadata lines ("# Start date:
// 20240101" → "start date"), which some layouts are known by (GA4).
func recognise(header []string, meta []string) *Export {
	compileOnce.Do(compileRegistry)
	norm := make([]string, len(header))
	raw := make([]string, len(header)) // normalised, '?' kept for the Google Forms check
	present := map[string]bool{}
	for j, h := range header {
		norm[j] = NormalizeHeader(h)
		raw[j] = norm[j]
		if strings.Contains(h, "?") {
			raw[j] += "?"
		}
		present[norm[j]] = true
	}
	for _, m := range meta {
		if k, _, ok := strings.Cut(m, ":"); ok {
			present[NormalizeHeader("#meta "+k)] = true
		}
	}
	var best *compiled
	bestScore, bestSig := -1, 0
	for i := range layouts {
		k := &layouts[i]
		sigLen := 0
		for _, sig := range k.match {
			all := true
			for _, c := range sig {
				if !present[c] {
					all = false
					break
				}
			}
			if all && len(sig) > sigLen {
				sigLen = len(sig)
			}
		}
		if sigLen == 0 || k.quirks[quirkQuestions] && !looksLikeGoogleForm(raw) {
			continue
		}
		cover := 0
		for _, n := range norm {
			if _, ok := k.roles[n]; ok {
				cover++
			}
		}
		// The layout that defines the most columns wins; then the one whose
		// signature is the more specific.
		if score := cover*100 + sigLen; score > bestScore {
			best, bestScore, bestSig = k, score, sigLen
		}
	}
	if best == nil {
		return nil
	}
	name := best.Tool
	if best.Layout != "" {
		name += " " + best.Layout
	}
	e := &Export{Name: name, Tool: best.Tool, Layout: best.Layout, System: best.System, Kind: best.Kind,
		LineItems: best.quirks[quirkLineItems], ScoreVaries: best.quirks[quirkScoreVaries],
		DecimalComma: best.quirks[quirkDecimalComma], TestMode: best.quirks[quirkTestMode],
		InternalRows: best.quirks[quirkInternalRows], CallTypes: best.quirks[quirkCallTypes], Roles: map[string]Role{},
		Preference: map[string]int{}, Scales: best.Scales}
	cover := 0
	for j, n := range norm {
		if r, ok := best.roles[n]; ok {
			e.Roles[header[j]] = r
			e.Preference[header[j]] = best.pref[n]
			cover++
			continue
		}
		for p, r := range best.prefixes {
			if strings.HasPrefix(strings.ToLower(header[j]), p) {
				e.Roles[header[j]] = r
				cover++
			}
		}
	}
	if best.quirks[quirkNPSGroup] {
		npsGroupColumns(e, header, norm)
	}
	// Confidence: a long signature is proof enough; a short one (Google
	// Forms' "Timestamp") is as good as the share of columns it explains.
	share := float64(cover) / float64(max(len(header), 1))
	e.Confidence = min(1, 0.6+0.1*float64(bestSig)+0.4*share)
	e.Confidence = float64(int(e.Confidence*100+0.5)) / 100
	return e
}

// npsGroupColumns finds Qualtrics' NPS group columns ("Q2_NPS_GROUP", or the
// label "How likely …? - Group"): the question they group is the NPS one;
// the group itself (Promoter, Passive, Detractor) is a category.
func npsGroupColumns(e *Export, header, norm []string) {
	for j, n := range norm {
		var base string
		switch {
		case strings.HasSuffix(n, " nps group"):
			base = strings.TrimSuffix(n, " nps group")
		case strings.HasSuffix(n, " group"):
			base = strings.TrimSuffix(n, " group")
		default:
			continue
		}
		for k, m := range norm {
			if k != j && m == base {
				e.Roles[header[k]] = NPS
				e.Roles[header[j]] = Category
			}
		}
	}
}

// ScaleOf is the export's documented scale of a score metric (false when
// it documents none, or e is nil).
func (e *Export) ScaleOf(metric Role) (Scale, bool) {
	if e == nil {
		return Scale{}, false
	}
	sc, ok := e.Scales[metric]
	return sc, ok
}
