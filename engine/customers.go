package engine

import (
	"context"
	"math"
	"sort"
	"strings"

	"github.com/qalbhq/qalb/engine/identity"
	"github.com/qalbhq/qalb/engine/ingest"
	"github.com/qalbhq/qalb/engine/table"
)

// Attributes kept per customer, each as an interned string id.
const (
	attrName = iota
	attrCompany
	attrIndustry
	attrEmployees
	attrCountry
	attrRegion
	attrCity
	attrLanguage
	attrGender
	attrJob
	attrInterests
	nAttrs
)

// attrRole is the column role each attribute is read from (attrName also
// comes from first and last names).
var attrRole = [nAttrs]ingest.Role{ingest.FullName, ingest.Company, ingest.Industry, ingest.Employees,
	ingest.Country, ingest.Region, ingest.City, ingest.Language, ingest.Gender, ingest.JobTitle, ingest.Interests}

// kindPriority says whose word counts for a customer's attributes: the CRM
// first, then what they typed at checkout, then support, surveys, reviews, events.
func kindPriority(k ingest.Kind) uint8 {
	switch k {
	case ingest.Contacts:
		return 6
	case ingest.Orders:
		return 5
	case ingest.Tickets:
		return 4
	case ingest.Surveys:
		return 3
	case ingest.Reviews:
		return 2
	}
	return 1
}

// customer is the compact, always-in-memory part of a profile; the rest is
// built on demand from the rows.
type customer struct {
	// 8 bytes: millions of customers make each field count. What some
	// customers have lives beside: emails and phones in Session.emails and
	// Session.phones, the rest behind extAt.
	extAt int32 // 1 + index of the customer's customerExt in Session.exts; 0: none
	kinds uint8 // bit i: known to a source of ingest.Kinds[i]
	// Of the first 64 sources, the first one the customer is known to
	// (1 + its index; 0: none) and whether they are known to another:
	// all the summary asks (multi-source customers), in 2 bytes rather
	// than a bit set of 8.
	file1 uint8
	multi bool
}

// knownTo records that the customer has a row in source si.
func (c *customer) knownTo(si int) {
	if si >= 64 {
		return
	}
	switch f := uint8(si + 1); c.file1 {
	case 0:
		c.file1 = f
	case f:
	default:
		c.multi = true
	}
}

// customerSeen is when a customer was first and last seen (Unix seconds),
// in Session.seen, made only for customers with a dated row.
type customerSeen struct {
	first, last int64
}

// customerExt says where a customer's attributes, dealings and dates are
// (1 + their index in Session.attrs, acts and seen; 0: none). It lives in
// Session.exts, made only for customers with any of them: a file of 5
// million bare ids keeps 8 bytes a customer instead of 20.
type customerExt struct {
	attrAt, actAt, seenAt int32
}

var noExt customerExt // read only: the customerExt of a customer without one

// ext is the customer's customerExt for reading.
func (s *Session) ext(c *customer) *customerExt {
	if c.extAt == 0 {
		return &noExt
	}
	return &s.exts[c.extAt-1]
}

// extFor is the customer's customerExt for writing, made when they have
// none; the pointer holds until the next extFor.
func (s *Session) extFor(c *customer) *customerExt {
	if c.extAt == 0 {
		s.exts = append(s.exts, customerExt{})
		c.extAt = int32(len(s.exts))
	}
	return &s.exts[c.extAt-1]
}

// firstSeen and lastSeen are the customer's first and last dates; 0: none.
func (s *Session) firstSeen(c *customer) int64 {
	if at := s.ext(c).seenAt; at != 0 {
		return s.seen[at-1].first
	}
	return 0
}

func (s *Session) lastSeen(c *customer) int64 {
	if at := s.ext(c).seenAt; at != 0 {
		return s.seen[at-1].last
	}
	return 0
}

// customerActivity is what a customer did: orders and their totals,
// tickets, reviews, answers, events. It lives in Session.acts, made only
// for customers who did any of it: a file of millions of contacts alone
// then costs 56 bytes less per customer.
type customerActivity struct {
	orders     int32
	excluded   int32
	currency   uint32
	tickets    int32
	open       int32
	reviews    int32
	answers    int32
	events     int32
	spend      float64 // in currency, excluded orders left out
	firstOrder int64
	lastOrder  int64
}

// noActivity is what act reads for a customer who did nothing; it is
// never written.
var noActivity customerActivity

// act is the customer's activity, for reading.
func (s *Session) act(c *customer) *customerActivity {
	if at := s.ext(c).actAt; at != 0 {
		return &s.acts[at-1]
	}
	return &noActivity
}

// actFor is the customer's activity for writing, made when they have
// none; the pointer holds until the next actFor.
func (s *Session) actFor(c *customer) *customerActivity {
	e := s.extFor(c)
	if e.actAt == 0 {
		s.acts = append(s.acts, customerActivity{})
		e.actAt = int32(len(s.acts))
	}
	return &s.acts[e.actAt-1]
}

// customerAttrs are a customer's attributes (interned string ids) and the
// priority of the source each came from. They live in Session.attrs, apart
// from customer, made only for customers who have any: a file of millions
// of ids or emails alone then costs 56 bytes less per customer.
type customerAttrs struct {
	id  [nAttrs]uint32
	pri [nAttrs]uint8
}

// noAttrs is what attrOf and priOf read for a customer without
// attributes; it is never written.
var noAttrs customerAttrs

// attrOf is the customer's attributes, for reading.
func (s *Session) attrOf(c *customer) *[nAttrs]uint32 {
	if at := s.ext(c).attrAt; at != 0 {
		return &s.attrs[at-1].id
	}
	return &noAttrs.id
}

// priOf is the priorities of the customer's attributes, for reading.
func (s *Session) priOf(c *customer) *[nAttrs]uint8 {
	if at := s.ext(c).attrAt; at != 0 {
		return &s.attrs[at-1].pri
	}
	return &noAttrs.pri
}

// attrsFor is the customer's attributes for writing, made when they have
// none; the pointer holds until the next attrsFor.
func (s *Session) attrsFor(c *customer) *customerAttrs {
	e := s.extFor(c)
	if e.attrAt == 0 {
		s.attrs = append(s.attrs, customerAttrs{})
		e.attrAt = int32(len(s.attrs))
	}
	return &s.attrs[e.attrAt-1]
}

// order is one order after line items are folded: 32 bytes, as many as
// rows in an export of one row per order. What few orders have lives
// beside it: the amount refunded (Session.refunds) and the source, whose
// orders are consecutive (Session.orderRuns).
type order struct {
	cust     int32
	row      int32  // first row, in the order's source
	items    uint32 // rows folded into it; the top bit: excluded
	currency uint32
	date     int64 // 0 when undated
	total    float64
}

const orderExcluded = 1 << 31

// excluded: cancelled, voided, failed, refunded in full, not revenue.
func (o *order) excluded() bool { return o.items&orderExcluded != 0 }
func (o *order) exclude()       { o.items |= orderExcluded }
func (o *order) lineItems() int { return int(o.items &^ orderExcluded) }

// orderRun is where one source's orders begin in Session.orders.
type orderRun struct{ src, from int32 }

// orderSource is the index of the source order oi comes from.
func (s *Session) orderSource(oi int) int {
	runs := s.orderRuns
	if len(runs) == 1 {
		return int(runs[0].src)
	}
	k := sort.Search(len(runs), func(k int) bool { return int(runs[k].from) > oi }) - 1
	return int(runs[k].src)
}

// refunded is what was refunded of order oi.
func (s *Session) refunded(oi int) float64 {
	if oi < len(s.refunds) {
		return s.refunds[oi]
	}
	return 0
}

// addRefund adds v to what was refunded of order oi; the table is made
// at the first refund, so exports without any cost nothing for it.
func (s *Session) addRefund(oi int, v float64) {
	if v == 0 && oi >= len(s.refunds) {
		return
	}
	if oi >= len(s.refunds) {
		if cap(s.refunds) <= oi {
			s.refunds = append(make([]float64, 0, max(cap(s.orders), oi+1)), s.refunds...)
		}
		s.refunds = s.refunds[:oi+1]
	}
	s.refunds[oi] += v
}

// custIndex lists each customer's rows: rows of customer c are
// entries[offsets[c]:offsets[c+1]], each numbered across sources (source
// si's row i is base[si] + i): 4 bytes a row rather than 8.
//
// When row r (numbered across sources) is customer r's one row, as in a
// file of one contact per line, offsets and entries are nil: the index
// is the identity and costs nothing (40 MB on 5 million contacts).
type custIndex struct {
	offsets []int32
	entries []uint32
	base    []uint32 // per source, the number of its first row
}

// span is where customer c's rows are: entry(k) for k in lo..hi-1.
func (x *custIndex) span(c int) (lo, hi int) {
	if x.offsets == nil {
		return c, c + 1
	}
	return int(x.offsets[c]), int(x.offsets[c+1])
}

func (x *custIndex) entry(k int) uint32 {
	if x.entries == nil {
		return uint32(k)
	}
	return x.entries[k]
}

// source is the source of a row numbered across sources, and its row.
func (x *custIndex) source(e uint32) (si, row int) {
	si = sort.Search(len(x.base), func(i int) bool { return x.base[i] > e }) - 1
	return si, int(e - x.base[si])
}

func kindBit(k ingest.Kind) uint8 {
	for i, x := range ingest.Kinds {
		if x == k {
			return 1 << i
		}
	}
	return 0
}

// cancelledStatus reports whether an order status means the sale did not
// happen: cancelled, voided, failed or declined.
func cancelledStatus(v string) bool {
	v = strings.ToLower(v)
	for _, w := range []string{"cancel", "void", "fail", "declin", "chargeback", "ملغ"} {
		if strings.Contains(v, w) {
			return true
		}
	}
	return false
}

// refundedStatus reports whether a status says the whole order was refunded
// (not "partially_refunded"); used only when the export has no refunded amount.
func refundedStatus(v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	return v == "refunded" || v == "fully refunded" || v == "fully_refunded" || v == "مسترد"
}

// openStatus reports whether a ticket status means it is still being worked on.
func openStatus(v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	for _, w := range []string{"solved", "closed", "resolved", "done", "مغلق", "تم الحل", "محلول"} {
		if strings.Contains(v, w) {
			return false
		}
	}
	return v != ""
}

// profile fills the compact customer records and folds orders.
func (s *Session) profile(ctx context.Context) error {
	ncust := 0
	for _, g := range s.keyGroup {
		if int(g) >= ncust {
			ncust = int(g) + 1
		}
	}
	s.custs = make([]customer, ncust)
	// Emails and phones of a customer: the first of each among its keys.
	// When key i is customer i's one key and every key is an email (a
	// list of emails), the keys' values are the emails: shared, read only.
	keys := s.keyGroup
	if emails := s.ids.Values(); len(emails) == ncust && s.ids.Only(identity.Email) && isIdentity(s.keyGroup) {
		s.emails, keys = emails, nil
	}
	for i := range keys {
		if s.keyGroup[i] < 0 {
			continue // an anonymous visitor's id
		}
		k := s.ids.Key(int32(i))
		var first *[]uint32
		switch k.Type {
		case identity.Email:
			first = &s.emails
		case identity.Phone:
			first = &s.phones
		default:
			continue
		}
		// Made at the first customer with one: a file of ids alone
		// keeps neither (20 MB each on 5 million customers).
		if *first == nil {
			*first = make([]uint32, ncust)
		}
		if c := s.keyGroup[i]; (*first)[c] == 0 {
			(*first)[c] = k.Value
		}
	}
	countryCode := map[uint32]uint32{}
	normCountry := func(id uint32) uint32 {
		v, ok := countryCode[id]
		if !ok {
			v = id
			if code, found := ingest.CountryCode(s.strs.Value(id)); found {
				v = s.strs.IDString(code)
			}
			countryCode[id] = v
		}
		return v
	}
	openCache, cancelCache, refundCache := map[uint32]bool{}, map[uint32]bool{}, map[uint32]bool{}
	cached := func(cache map[uint32]bool, id uint32, f func(string) bool) bool {
		v, ok := cache[id]
		if !ok {
			v = f(s.strs.Value(id))
			cache[id] = v
		}
		return v
	}
	s.findNotNames()
	langs := newVocabCache(normLanguage)
	for si, src := range s.sources {
		if err := ctx.Err(); err != nil {
			return err
		}
		rc := s.rowCust[si]
		pri := kindPriority(src.Kind)
		bit := kindBit(src.Kind)
		var cols [nAttrs]*table.Column
		for a, r := range attrRole {
			cols[a] = src.Column(r)
		}
		first, last := src.Column(ingest.FirstName), src.Column(ingest.LastName)
		if !s.namesUsable(si) {
			cols[attrName], first, last = nil, nil, nil
		}
		dateCol := src.Column(ingest.Date)
		statusCol := src.Column(ingest.Status)
		for i, ci := range rc {
			s.beat(i)
			if ci < 0 {
				continue
			}
			c := &s.custs[ci]
			c.kinds |= bit
			c.knownTo(si)
			for a, col := range cols {
				if col == nil || col.IsNull(i) || pri <= s.priOf(c)[a] {
					continue
				}
				v := col.Str[i]
				switch a {
				case attrCountry:
					v = normCountry(v)
				case attrLanguage:
					if v = s.vocabID(langs, v); v == 0 {
						continue // a number is not a language
					}
				}
				ca := s.attrsFor(c)
				ca.id[a], ca.pri[a] = v, pri
			}
			if cols[attrName] == nil && (first != nil || last != nil) && pri > s.priOf(c)[attrName] {
				f, l := "", ""
				if first != nil {
					f = s.strs.Value(first.Str[i])
				}
				if last != nil {
					l = s.strs.Value(last.Str[i])
				}
				if n := nameOf(f, l); n != "" {
					ca := s.attrsFor(c)
					ca.id[attrName], ca.pri[attrName] = s.strs.IDString(n), pri
				}
			}
			if dateCol != nil && !dateCol.IsNull(i) {
				t := dateCol.Time[i]
				e := s.extFor(c)
				if e.seenAt == 0 {
					s.seen = append(s.seen, customerSeen{})
					e.seenAt = int32(len(s.seen))
				}
				seen := &s.seen[e.seenAt-1]
				if seen.first == 0 || t < seen.first {
					seen.first = t
				}
				if t > seen.last {
					seen.last = t
				}
			}
			switch src.Kind {
			case ingest.Tickets:
				a := s.actFor(c)
				a.tickets++
				if statusCol != nil && !statusCol.IsNull(i) && cached(openCache, statusCol.Str[i], openStatus) {
					a.open++
				}
			case ingest.Reviews:
				s.actFor(c).reviews++
			case ingest.Surveys:
				s.actFor(c).answers++
			case ingest.Events:
				s.actFor(c).events++
			}
		}
		if src.Kind == ingest.Orders {
			s.foldOrders(si, src,
				func(id uint32) bool { return cached(cancelCache, id, cancelledStatus) },
				func(id uint32) bool { return cached(refundCache, id, refundedStatus) })
		}
	}
	s.settleOrders()
	// Customers without a country of their own take their phone's.
	for i := range s.custs {
		s.beat(i)
		c := &s.custs[i]
		if phone := s.phoneOf(i); s.attrOf(c)[attrCountry] == 0 && phone != 0 {
			if code := identity.CountryOfPhone(s.strs.Value(phone)); code != "" {
				s.attrsFor(c).id[attrCountry] = s.strs.IDString(code)
			}
		}
	}
	// Each customer with orders gets an activity record: reserved at once
	// (no more than the customers without one, nor the orders) rather
	// than grown by copies.
	if want := min(len(s.custs)-len(s.acts), len(s.orders)); cap(s.acts)-len(s.acts) < want {
		s.acts = append(make([]customerActivity, 0, len(s.acts)+want), s.acts...)
	}
	for oi, o := range s.orders {
		s.beat(oi)
		if o.cust < 0 {
			continue
		}
		c := s.actFor(&s.custs[o.cust])
		if o.excluded() {
			c.excluded++
			continue
		}
		c.orders++
		if c.orders == 1 {
			c.currency = o.currency
		}
		if o.currency == c.currency {
			c.spend += s.revenue(oi)
		}
		if o.date != 0 {
			if c.firstOrder == 0 || o.date < c.firstOrder {
				c.firstOrder = o.date
			}
			if o.date > c.lastOrder {
				c.lastOrder = o.date
			}
		}
	}
	s.buildIndex()
	return nil
}

// settleOrders marks orders refunded in full as excluded and nets refunds
// out of totals; it runs once all rows of all order files are folded.
func (s *Session) settleOrders() {
	for i := range s.refunds {
		o := &s.orders[i]
		if r := s.refunds[i]; r > 0 && o.total > 0 && r >= o.total-0.005 {
			o.exclude()
		}
	}
}

// revenue is what the business kept from an order.
func (s *Session) revenue(oi int) float64 { return s.orders[oi].total - s.refunded(oi) }

// foldOrders turns the rows of an orders source into orders: rows sharing an
// order number are one order. In line-item exports (Shopify) the first row
// carries the order's total; elsewhere each row's amount adds up.
//
// An order's revenue is its total less what was refunded. Cancelled, voided
// or failed orders, and orders refunded in full, are excluded: they count as
// orders of the file but not as purchases of the customer.
func (s *Session) foldOrders(si int, src *ingest.Source, cancelled, refundedInFull func(uint32) bool) {
	idCol := src.Column(ingest.OrderID)
	amount, cur := src.Column(ingest.Amount), src.Column(ingest.Currency)
	refund := src.Column(ingest.Refunded)
	qty, product := src.Column(ingest.Quantity), src.Column(ingest.Product)
	date, status := src.Column(ingest.Date), src.Column(ingest.Status)
	lineItems := src.Export != nil && src.Export.LineItems
	rc := s.rowCust[si]
	var byID denseCache // order id → index in s.orders
	// Orders are about as many as rows, or fewer when line items fold:
	// reserve once rather than grow by copies.
	want := len(rc)
	if lineItems {
		want = len(rc)*2/3 + 1024
	}
	if cap(s.orders)-len(s.orders) < want {
		s.orders = append(make([]order, 0, len(s.orders)+want), s.orders...)
	}
	s.orderRuns = append(s.orderRuns, orderRun{src: int32(si), from: int32(len(s.orders))})
	for i := range rc {
		s.beat(i)
		oi := int32(-1)
		if idCol != nil && !idCol.IsNull(i) {
			if oi = byID.get(idCol.Str[i]); oi < 0 {
				byID.set(idCol.Str[i], int32(len(s.orders)))
			}
		}
		if oi < 0 {
			s.orders = append(s.orders, order{cust: -1, row: int32(i)})
			oi = int32(len(s.orders) - 1)
		}
		o := &s.orders[oi]
		o.items++
		if o.cust < 0 {
			o.cust = rc[i]
		}
		if amount != nil && !amount.IsNull(i) {
			if !lineItems || o.total == 0 {
				o.total += amount.Float[i]
			}
		}
		if cur != nil && !cur.IsNull(i) && o.currency == 0 {
			o.currency = s.upperCurrency(cur.Str[i])
		}
		if date != nil && !date.IsNull(i) && o.date == 0 {
			o.date = date.Time[i]
		}
		if refund != nil && !refund.IsNull(i) && (!lineItems || s.refunded(int(oi)) == 0) {
			s.addRefund(int(oi), refund.Float[i])
		}
		if status != nil && !status.IsNull(i) {
			if cancelled(status.Str[i]) || (refund == nil && refundedInFull(status.Str[i])) {
				o.exclude()
			}
		}
		if src.NotRevenue.Get(i) { // a test-mode payment or an internal movement
			o.exclude()
		}
		q := 0.0
		switch {
		case qty != nil && !qty.IsNull(i):
			q = qty.Float[i]
		case product != nil && !product.IsNull(i):
			q = 1
		}
		if product != nil && !product.IsNull(i) {
			s.countProduct(product.Str[i], q, oi)
		}
	}
}

// productSales is one product's quantity and the orders it was in.
type productSales struct {
	qty       float64
	orders    int32
	lastOrder int32
}

func (s *Session) countProduct(id uint32, q float64, oi int32) {
	if s.products == nil {
		s.products = map[uint32]*productSales{}
	}
	p := s.products[id]
	if p == nil {
		p = &productSales{lastOrder: -1}
		s.products[id] = p
	}
	p.qty += q
	if p.lastOrder != oi {
		p.lastOrder = oi
		p.orders++
	}
}

// upperCurrency interns a currency code in upper case ("sar" → "SAR").
func (s *Session) upperCurrency(id uint32) uint32 {
	v := s.strs.Value(id)
	if u := strings.ToUpper(strings.TrimSpace(v)); u != v {
		return s.strs.IDString(u)
	}
	return id
}

func (s *Session) buildIndex() {
	n := len(s.custs)
	base := make([]uint32, len(s.rowCust))
	var rows uint32
	for si, rc := range s.rowCust {
		base[si] = rows
		rows += uint32(len(rc)) // rows are int32 everywhere: no overflow
	}
	if identity := int(rows) == n; identity {
		for si, rc := range s.rowCust {
			for i, c := range rc {
				if uint32(c) != base[si]+uint32(i) {
					identity = false
					break
				}
			}
		}
		if identity {
			s.byCust = custIndex{base: base}
			return
		}
	}
	off := make([]int32, n+1)
	for _, rc := range s.rowCust {
		for _, c := range rc {
			if c >= 0 {
				off[c+1]++
			}
		}
	}
	for i := 1; i <= n; i++ {
		off[i] += off[i-1]
	}
	entries := make([]uint32, off[n])
	// off[c] serves as customer c's cursor, which leaves it at off[c+1];
	// shifted back after, it needs no copy of its own.
	for si, rc := range s.rowCust {
		for i, c := range rc {
			if c >= 0 {
				entries[off[c]] = base[si] + uint32(i)
				off[c]++
			}
		}
	}
	copy(off[1:], off[:n])
	off[0] = 0
	s.byCust = custIndex{offsets: off, entries: entries, base: base}
}

// sizeBand puts an employee count, written as a number or a range, in a band.
func sizeBand(v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return ""
	}
	if i := strings.IndexAny(v, "-–"); i > 0 {
		v = v[:i]
	}
	v = strings.TrimSuffix(strings.TrimSpace(v), "+")
	n, ok := ingest.ParseNumber([]byte(v))
	if !ok || n < 0 || math.IsInf(n, 0) {
		return ""
	}
	switch {
	case n <= 10:
		return "1-10"
	case n <= 50:
		return "11-50"
	case n <= 200:
		return "51-200"
	case n <= 1000:
		return "201-1000"
	}
	return "1000+"
}

// emailOf is customer ci's first email (normalised), 0 when none.
func (s *Session) emailOf(ci int) uint32 {
	if s.emails == nil {
		return 0
	}
	return s.emails[ci]
}

// phoneOf is customer ci's first phone (E.164), 0 when none.
func (s *Session) phoneOf(ci int) uint32 {
	if s.phones == nil {
		return 0
	}
	return s.phones[ci]
}

// isIdentity reports whether v[i] == i for every i.
func isIdentity(v []int32) bool {
	for i, x := range v {
		if int(x) != i {
			return false
		}
	}
	return true
}
