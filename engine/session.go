package engine

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/qalbhq/qalb/engine/identity"
	"github.com/qalbhq/qalb/engine/ingest"
	"github.com/qalbhq/qalb/engine/profile"
	"github.com/qalbhq/qalb/engine/report"
	"github.com/qalbhq/qalb/engine/table"
)

// Customers answers a customer search with one page of results.
func (s *Session) Customers(q CustomerQuery) CustomerPage {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	if q.Limit > 500 {
		q.Limit = 500
	}
	if q.Offset < 0 {
		q.Offset = 0
	}
	text := strings.ToLower(strings.TrimSpace(q.Text))
	if text != "" && s.search == nil {
		s.buildSearch()
	}
	// A name written in the other script (translit.go): "أحمد" finds Ahmed.
	// Emails, phones and ids are searched as written.
	var skel [][]string
	if text != "" && !strings.ContainsAny(text, "@0123456789") {
		skel = querySkeletons(text)
	}
	want := func(id uint32, v string) bool { return v == "" || strings.EqualFold(s.strs.Value(id), v) }
	var kindBitWanted uint8
	if q.Kind != "" {
		kindBitWanted = kindBit(ingest.Kind(q.Kind))
	}
	page := CustomerPage{Offset: q.Offset, Customers: []CustomerRow{}}
	var seg interface{ Has(int) bool }
	if len(q.Segment) > 0 {
		set, rerr := s.members(q.Segment)
		if rerr != nil {
			page.Error = rerr.Error()
			return page
		}
		seg = set
	}
	for _, ci := range s.sorted(q.Sort) {
		c := &s.custs[ci]
		if seg != nil && !seg.Has(int(ci)) {
			continue
		}
		if q.Buyers && s.act(c).orders == 0 {
			continue
		}
		if kindBitWanted != 0 && c.kinds&kindBitWanted == 0 {
			continue
		}
		if !want(s.attrOf(c)[attrCountry], q.Country) || !want(s.attrOf(c)[attrCity], q.City) ||
			!want(s.attrOf(c)[attrCompany], q.Company) || !want(s.attrOf(c)[attrIndustry], q.Industry) {
			continue
		}
		if q.NPS != "" && s.npsCategory(int(ci)) != q.NPS {
			continue
		}
		if text != "" && !strings.Contains(s.search[ci], text) && !skeletonsMatch(skel, s.searchNames[ci]) {
			continue
		}
		if page.Total >= q.Offset && len(page.Customers) < q.Limit {
			page.Customers = append(page.Customers, s.row(int(ci)))
		}
		page.Total++
	}
	return page
}

// buildSearch makes one lower-cased line of searchable text per customer:
// names, emails, phones, company and ids.
func (s *Session) buildSearch() {
	s.search = make([]string, len(s.custs))
	parts := make([][]string, len(s.custs))
	for i := 0; i < s.ids.Len(); i++ {
		k := s.ids.Key(int32(i))
		g := s.keyGroup[i]
		if g < 0 || k.Type == identity.Anonymous {
			continue
		}
		parts[g] = append(parts[g], s.strs.Value(k.Value))
	}
	s.searchNames = make([][]string, len(s.custs))
	for i := range s.custs {
		c := &s.custs[i]
		if s.attrOf(c)[attrName] != 0 {
			s.searchNames[i] = nameSkeletons(s.strs.Value(s.attrOf(c)[attrName]))
		}
		p := append(parts[i], s.strs.Value(s.attrOf(c)[attrName]), s.strs.Value(s.attrOf(c)[attrCompany]))
		line := strings.ToLower(strings.Join(p, " | "))
		if phone := s.phoneOf(i); phone != 0 {
			// Let people type a phone the way they write it: digits only.
			line += " | " + digitsOnly(s.strs.Value(phone))
		}
		s.search[i] = line
	}
}

func digitsOnly(v string) string {
	var b strings.Builder
	for _, r := range v {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sorted returns customer indexes in the order of a sort key, cached.
func (s *Session) sorted(key string) []int32 {
	if key == "" {
		key = "spend"
	}
	if s.sortCache == nil {
		s.sortCache = map[string][]int32{}
	}
	if idx, ok := s.sortCache[key]; ok {
		return idx
	}
	idx := make([]int32, len(s.custs))
	for i := range idx {
		idx[i] = int32(i)
	}
	cs := s.custs
	var less func(a, b *customer) int
	switch key {
	case "orders":
		less = func(a, b *customer) int { return cmp(float64(s.act(b).orders), float64(s.act(a).orders)) }
	case "recent":
		less = func(a, b *customer) int { return cmp(float64(s.lastSeen(b)), float64(s.lastSeen(a))) }
	case "name":
		less = func(a, b *customer) int {
			return strings.Compare(strings.ToLower(s.strs.Value(s.attrOf(a)[attrName])), strings.ToLower(s.strs.Value(s.attrOf(b)[attrName])))
		}
	default:
		less = func(a, b *customer) int {
			if sa, sb := s.act(a).spend, s.act(b).spend; sa != sb {
				return cmp(sb, sa)
			}
			return cmp(float64(s.act(b).orders), float64(s.act(a).orders))
		}
	}
	sort.SliceStable(idx, func(i, j int) bool {
		c := less(&cs[idx[i]], &cs[idx[j]])
		if c != 0 {
			return c < 0
		}
		return idx[i] < idx[j]
	})
	s.sortCache[key] = idx
	return idx
}

func cmp(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (s *Session) row(ci int) CustomerRow {
	c := &s.custs[ci]
	name, from := s.displayName(ci)
	r := CustomerRow{
		ID: ci, Name: name, NameFrom: from, Email: s.strs.Value(s.emailOf(ci)), Phone: s.strs.Value(s.phoneOf(ci)),
		Company: s.strs.Value(s.attrOf(c)[attrCompany]), Country: s.strs.Value(s.attrOf(c)[attrCountry]),
		City: s.strs.Value(s.attrOf(c)[attrCity]), Orders: int(s.act(c).orders), Spend: round2(s.act(c).spend),
		Currency: s.strs.Value(s.act(c).currency), Kinds: []string{},
	}
	if last := s.lastSeen(c); last != 0 {
		r.LastSeen = day(last)
	}
	for k, kind := range ingest.Kinds {
		if c.kinds&(1<<k) != 0 {
			r.Kinds = append(r.Kinds, string(kind))
		}
	}
	return r
}

// Customer builds one customer's full profile and timeline.
func (s *Session) Customer(id int) (*profile.Profile, error) {
	if id < 0 || id >= len(s.custs) {
		return nil, fmt.Errorf("no customer %d", id)
	}
	s.buildDetailIndex()
	c := &s.custs[id]
	a := s.act(c)
	v := func(at int) string { return s.strs.Value(s.attrOf(c)[at]) }
	name, from := s.displayName(id)
	p := &profile.Profile{
		ID: id, Name: name, NameFrom: from,
		Demographics: profile.Demographics{Gender: v(attrGender), Language: v(attrLanguage), JobTitle: v(attrJob)},
		Geography:    profile.Geography{Country: v(attrCountry), Region: v(attrRegion), City: v(attrCity)},
		Firmographic: profile.Firmographics{Company: v(attrCompany), Industry: v(attrIndustry), Employees: v(attrEmployees), Size: sizeBand(v(attrEmployees))},
		Behaviour: profile.Behaviour{Orders: int(a.orders), Excluded: int(a.excluded), Tickets: int(a.tickets),
			OpenTickets: int(a.open), Reviews: int(a.reviews), Answers: int(a.answers), Events: int(a.events)},
		Sources: []profile.SourceRef{}, MergeLog: []profile.Merge{}, Timeline: []profile.Touchpoint{},
	}
	p.Identities = s.identities(id)
	if first := s.firstSeen(c); first != 0 {
		p.Behaviour.FirstSeen, p.Behaviour.LastSeen = day(first), day(s.lastSeen(c))
	}
	s.addOrders(id, p)
	s.addRows(id, p)
	s.addStated(id, p)
	s.addMerges(id, p)
	s.decorate(id, p)
	sort.SliceStable(p.Timeline, func(i, j int) bool {
		a, b := p.Timeline[i], p.Timeline[j]
		if a.Date != b.Date {
			return a.Date > b.Date // newest first; undated last
		}
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	return p, nil
}

func (s *Session) identities(id int) profile.Identities {
	ids := profile.Identities{IDs: []string{}, Emails: []string{}, Phones: []string{}, Names: []string{}}
	for _, i := range s.keysOf.of(id) {
		k := s.ids.Key(i)
		switch k.Type {
		case identity.ID, identity.Anonymous:
			ids.IDs = append(ids.IDs, s.keyText(i))
		case identity.Email:
			ids.Emails = append(ids.Emails, s.strs.Value(k.Value))
		case identity.Phone:
			ids.Phones = append(ids.Phones, s.strs.Value(k.Value))
		}
	}
	names := map[string]int{}
	var order []string
	s.eachRow(id, func(si, row int, src *ingest.Source) {
		if !s.namesUsable(si) {
			return
		}
		n := ""
		if c := src.Column(ingest.FullName); c != nil && !c.IsNull(row) {
			n = s.strs.Value(c.Str[row])
		} else {
			n = nameOf(s.text(src, ingest.FirstName, row), s.text(src, ingest.LastName, row))
		}
		if n != "" {
			if names[n] == 0 {
				order = append(order, n)
			}
			names[n]++
		}
	})
	sort.SliceStable(order, func(i, j int) bool { return names[order[i]] > names[order[j]] })
	ids.Names = append(ids.Names, order...)
	return ids
}

func (s *Session) eachRow(id int, f func(si, row int, src *ingest.Source)) {
	lo, hi := s.byCust.span(id)
	for k := lo; k < hi; k++ {
		si, row := s.byCust.source(s.byCust.entry(k))
		f(si, row, s.sources[si])
	}
}

func (s *Session) text(src *ingest.Source, r ingest.Role, row int) string {
	if c := src.Column(r); c != nil && c.Type == table.String && !c.IsNull(row) {
		return s.strs.Value(c.Str[row])
	}
	return ""
}

func (s *Session) addOrders(id int, p *profile.Profile) {
	spend := map[string]float64{}
	count := map[string]int{}
	products := map[string]int{}
	var first, last int64
	for _, oi32 := range s.ordersOf.of(id) {
		oi := int(oi32)
		o := &s.orders[oi]
		src := s.sources[s.orderSource(oi)]
		cur := s.strs.Value(o.currency)
		var names []string
		s.orderRows(oi, func(row int) {
			if pr := s.text(src, ingest.Product, row); pr != "" {
				names = append(names, pr)
				q := 1
				if c := src.Column(ingest.Quantity); c != nil && !c.IsNull(row) {
					q = int(c.Float[row])
				}
				if !o.excluded() {
					products[pr] += q
				}
			}
		})
		// Data only, no words: the interface names the kind in its language.
		var parts []string
		if id := s.text(src, ingest.OrderID, int(o.row)); id != "" {
			parts = append(parts, id)
		}
		parts = append(parts, money(cur, o.total))
		if len(names) > 0 {
			parts = append(parts, strings.Join(names, ", "))
		}
		if st := s.text(src, ingest.Status, int(o.row)); st != "" {
			parts = append(parts, st)
		}
		summary := strings.Join(parts, " · ")
		p.Timeline = append(p.Timeline, profile.Touchpoint{Date: stamp(o.date), Kind: string(ingest.Orders),
			File: src.File, Line: int(src.Table.Lines.At(int(o.row))), Summary: ingest.Shorten(summary, 240)})
		if o.excluded() {
			continue
		}
		spend[cur] += s.revenue(oi)
		count[cur]++
		if o.date != 0 {
			if first == 0 || o.date < first {
				first = o.date
			}
			if o.date > last {
				last = o.date
			}
		}
	}
	for cur, v := range spend {
		p.Behaviour.Spend = append(p.Behaviour.Spend, report.Money{Currency: cur, Amount: round2(v)})
		p.Behaviour.AOV = append(p.Behaviour.AOV, report.Money{Currency: cur, Amount: round2(v / float64(count[cur]))})
	}
	sort.Slice(p.Behaviour.Spend, func(i, j int) bool { return p.Behaviour.Spend[i].Amount > p.Behaviour.Spend[j].Amount })
	sort.Slice(p.Behaviour.AOV, func(i, j int) bool { return p.Behaviour.AOV[i].Currency < p.Behaviour.AOV[j].Currency })
	if p.Behaviour.Spend == nil {
		p.Behaviour.Spend, p.Behaviour.AOV = []report.Money{}, []report.Money{}
	}
	if first != 0 {
		p.Behaviour.FirstOrder, p.Behaviour.LastOrder = day(first), day(last)
		if s.asOf != 0 {
			d := int((s.asOf - last) / 86400)
			p.Behaviour.RecencyDays = &d
		}
	}
	for name, q := range products {
		p.Attributes.Products = append(p.Attributes.Products, report.Count{Key: name, Count: q})
	}
	sortCounts(p.Attributes.Products)
}

// orderRows calls f for every row of order oi.
func (s *Session) orderRows(oi int, f func(row int)) {
	o := &s.orders[oi]
	src := s.sources[s.orderSource(oi)]
	idCol := src.Column(ingest.OrderID)
	if idCol == nil || idCol.IsNull(int(o.row)) {
		f(int(o.row))
		return
	}
	want := idCol.Str[o.row]
	found := 0
	for row := int(o.row); row < len(idCol.Str) && found < o.lineItems(); row++ {
		if idCol.Str[row] == want && !idCol.IsNull(row) {
			f(row)
			found++
		}
	}
}

// addRows adds every non-order row of the customer to the timeline and
// collects feedback, channels, devices and interests.
func (s *Session) addRows(id int, p *profile.Profile) {
	devices, channels := map[string]int{}, map[string]int{}
	devCache, chCache := newVocabCache(normDevice), newVocabCache(normChannel)
	interests := map[string]bool{}
	perFile := map[int]int{}
	s.eachRow(id, func(si, row int, src *ingest.Source) {
		perFile[si]++
		if c := src.Column(ingest.Device); c != nil && c.Type == table.String && !c.IsNull(row) {
			if d := s.vocabText(devCache, c.Str[row]); d != "" {
				devices[d]++
			}
		}
		if c := src.Column(ingest.Channel); c != nil && c.Type == table.String && !c.IsNull(row) {
			if ch := s.vocabText(chCache, c.Str[row]); ch != "" {
				channels[ch]++
			}
		}
		if in := s.text(src, ingest.Interests, row); in != "" {
			for _, part := range strings.FieldsFunc(in, func(r rune) bool { return r == ',' || r == ';' || r == '|' || r == '،' }) {
				if part = strings.TrimSpace(part); part != "" {
					interests[part] = true
				}
			}
		}
		if src.Kind == ingest.Orders {
			return // one touchpoint per order, added by addOrders
		}
		var date int64
		if c := src.Column(ingest.Date); c != nil && !c.IsNull(row) {
			date = c.Time[row]
		}
		comment := s.comment(src, row)
		for _, r := range []ingest.Role{ingest.NPS, ingest.CES, ingest.CSAT, ingest.Rating} {
			c := src.Column(r)
			if c == nil || c.IsNull(row) {
				continue
			}
			sc := report.Scale{}
			for _, cr := range src.Roles {
				if cr.Column == c.Name && cr.Scale != nil {
					sc = report.Scale{Min: cr.Scale.Min, Max: cr.Scale.Max}
				}
			}
			p.Feedback.Scores = append(p.Feedback.Scores, profile.Score{Date: dayOrEmpty(date), Metric: string(r),
				Value: c.Float[row], Scale: sc, Comment: ingest.Shorten(comment, 500), Source: src.File})
		}
		p.Timeline = append(p.Timeline, profile.Touchpoint{Date: stamp(date), Kind: string(src.Kind),
			File: src.File, Line: int(src.Table.Lines.At(row)), Summary: ingest.Shorten(s.summary(src, row, comment), 240)})
	})
	for si, n := range perFile {
		p.Sources = append(p.Sources, profile.SourceRef{File: s.sources[si].File, Kind: string(s.sources[si].Kind), Rows: n})
	}
	sort.Slice(p.Sources, func(i, j int) bool { return p.Sources[i].File < p.Sources[j].File })
	p.Attributes.Devices = top(devices, 0)
	p.Attributes.Channels = top(channels, 0)
	for in := range interests {
		p.Attributes.Interests = append(p.Attributes.Interests, in)
	}
	sort.Strings(p.Attributes.Interests)
	sort.SliceStable(p.Feedback.Scores, func(i, j int) bool { return p.Feedback.Scores[i].Date > p.Feedback.Scores[j].Date })
}

// comment is the row's free text: its text columns joined.
func (s *Session) comment(src *ingest.Source, row int) string {
	var parts []string
	for _, c := range src.Texts() {
		if !c.IsNull(row) && src.RoleOf(c) == ingest.Text {
			parts = append(parts, s.strs.Value(c.Str[row]))
		}
	}
	return strings.Join(parts, " — ")
}

// summary is one line describing a touchpoint.
func (s *Session) summary(src *ingest.Source, row int, comment string) string {
	var parts []string
	add := func(v string) {
		if v != "" {
			parts = append(parts, v)
		}
	}
	score := func(label string, r ingest.Role) {
		if c := src.Column(r); c != nil && !c.IsNull(row) {
			add(label + " " + strconv.FormatFloat(c.Float[row], 'f', -1, 64))
		}
	}
	switch src.Kind {
	case ingest.Contacts:
		add(s.text(src, ingest.Status, row))
		add(s.text(src, ingest.Company, row))
	case ingest.Surveys:
		score("NPS", ingest.NPS)
		score("CES", ingest.CES)
		score("CSAT", ingest.CSAT)
		score("★", ingest.Rating)
		add(comment)
	case ingest.Reviews:
		if c := src.Column(ingest.Rating); c != nil && !c.IsNull(row) {
			add(strings.Repeat("★", int(c.Float[row]+0.5)) + " (" + strconv.FormatFloat(c.Float[row], 'f', -1, 64) + ")")
		}
		add(s.text(src, ingest.Product, row))
		add(s.text(src, ingest.Subject, row))
		add(comment)
	case ingest.Tickets:
		add(s.text(src, ingest.Subject, row))
		add(s.text(src, ingest.Status, row))
		add(s.text(src, ingest.Channel, row))
	case ingest.Events:
		add(s.text(src, ingest.EventName, row))
		add(s.text(src, ingest.Product, row))
		add(s.text(src, ingest.Channel, row))
		add(s.text(src, ingest.Device, row))
	}
	if len(parts) == 0 {
		return string(src.Kind)
	}
	return strings.Join(parts, " · ")
}

func (s *Session) addMerges(id int, p *profile.Profile) {
	merges := s.ids.Merges()
	for _, mi := range s.mergesOf.of(id) {
		m := merges[mi]
		k := s.ids.Key(m.A)
		src := s.sources[m.Source]
		p.MergeLog = append(p.MergeLog, profile.Merge{By: k.Type.String(), Key: s.keyText(m.A),
			Joins: s.keyText(m.B), File: src.File, Line: int(m.Line)})
	}
}

func stamp(t int64) string {
	if t == 0 {
		return ""
	}
	return time.Unix(t, 0).UTC().Format(time.RFC3339)
}

func dayOrEmpty(t int64) string {
	if t == 0 {
		return ""
	}
	return day(t)
}

func money(cur string, v float64) string {
	amount := strconv.FormatFloat(round2(v), 'f', 2, 64)
	if cur == "" {
		return amount
	}
	return cur + " " + amount
}

// csr lists, for each customer, the indexes of some items (keys, orders,
// merges) in one flat slice.
type csr struct {
	off []int32
	val []int32
}

func newCSR(groups, items int, group func(i int) int32) csr {
	off := make([]int32, groups+1)
	for i := 0; i < items; i++ {
		if g := group(i); g >= 0 {
			off[g+1]++
		}
	}
	for g := 1; g <= groups; g++ {
		off[g] += off[g-1]
	}
	val := make([]int32, off[groups])
	next := append([]int32(nil), off[:groups]...)
	for i := 0; i < items; i++ {
		if g := group(i); g >= 0 {
			val[next[g]] = int32(i)
			next[g]++
		}
	}
	return csr{off, val}
}

func (c csr) of(g int) []int32 { return c.val[c.off[g]:c.off[g+1]] }

// buildDetailIndex prepares the per-customer lists profiles are built from.
// Session is not safe for concurrent use; each host asks one question at a
// time. Analyses that run beside each other (analyse) may both build it.
func (s *Session) buildDetailIndex() {
	s.detailMu.Lock()
	defer s.detailMu.Unlock()
	if s.keysOf.off != nil {
		return
	}
	n := len(s.custs)
	s.keysOf = newCSR(n, len(s.keyGroup), func(i int) int32 { return s.keyGroup[i] })
	s.ordersOf = newCSR(n, len(s.orders), func(i int) int32 { return s.orders[i].cust })
	merges := s.ids.Merges()
	s.mergesOf = newCSR(n, len(merges), func(i int) int32 { return s.keyGroup[merges[i].A] })
}
