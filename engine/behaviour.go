package engine

import (
	"context"
	"fmt"
	"iter"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/qalbhq/qalb/engine/behaviour"
	"github.com/qalbhq/qalb/engine/ingest"
	"github.com/qalbhq/qalb/engine/profile"
	"github.com/qalbhq/qalb/engine/report"
	"github.com/qalbhq/qalb/engine/table"
)

// behaviourState is what the behaviour analysis keeps for profiles and
// detail queries (a funnel built live, the customers who dropped at a step).
type behaviourState struct {
	events   behaviour.Events
	ref      []uint64 // per event: source<<32 | row
	log      *behaviour.Log
	sessions []int32
}

// maxEventNames caps the event names the report lists (a tracker that
// names events by page URL has thousands): the most frequent first.
const maxEventNames = 200

// OnboardingDays is how long after their first event new customers are
// followed for onboarding friction and the automatic funnel.
const OnboardingDays = 14

// analyseBehaviour fills s.Report.Behaviour (left nil when there is no data for it).
func (s *Session) analyseBehaviour(ctx context.Context, opts Options) error {
	st := &behaviourState{}
	for si, src := range s.sources {
		if src.Kind != ingest.Events {
			continue
		}
		nameCol, dateCol := src.Column(ingest.EventName), src.Column(ingest.Date)
		if nameCol == nil || dateCol == nil {
			continue
		}
		for row, ci := range s.rowCust[si] {
			s.beat(row)
			if ci < 0 || nameCol.IsNull(row) || dateCol.IsNull(row) {
				continue
			}
			st.events.Append(ci, nameCol.Str[row], dateCol.Time[row])
			st.ref = append(st.ref, uint64(si)<<32|uint64(row))
		}
	}
	hasOrders := false
	for _, o := range s.orders {
		hasOrders = hasOrders || (o.cust >= 0 && o.date != 0 && !o.excluded())
	}
	if st.events.Len() == 0 && !hasOrders {
		return nil
	}
	s.behaviourState = st
	st.log = behaviour.Group(&st.events, len(s.custs))
	st.sessions = behaviour.Sessions(st.log, int64(opts.SessionGap/time.Second))
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.tick != nil {
		s.tick()
	}
	b := &report.Behaviour{Events: st.log.Len(), EventNames: []report.Count{}}
	names := map[uint32]int{}
	for _, n := range st.log.Name {
		names[n]++
	}
	for id, n := range names {
		b.EventNames = append(b.EventNames, report.Count{Key: s.strs.Value(id), Count: n})
	}
	sortCounts(b.EventNames)
	if len(b.EventNames) > maxEventNames {
		b.EventNames = b.EventNames[:maxEventNames]
	}
	for c := 0; c < st.log.Customers(); c++ {
		if lo, hi := st.log.Of(c); hi > lo {
			b.Customers++
		}
	}
	gap := opts.SessionGap
	if gap <= 0 {
		gap = behaviour.DefaultSessionGap * time.Second
	}
	ss := behaviour.Summarise(st.log, st.sessions)
	b.Sessions = report.SessionSummary{GapMinutes: int(gap / time.Minute), Sessions: ss.Sessions,
		MedianEvents: finite(ss.MedianEvents, 1), MedianMinutes: finite(ss.MedianDuration/60, 1)}

	// Each part reports progress when it is done, so a single-threaded
	// host hears from the engine between them.
	tick := func() error {
		if s.tick != nil {
			s.tick()
		}
		return ctx.Err()
	}
	if st.log.Len() > 0 {
		s.onboarding(b)
		for _, spec := range opts.Funnels {
			if err := tick(); err != nil {
				return err
			}
			f, err := s.Funnel(spec)
			if err != nil {
				return err
			}
			b.Funnels = append(b.Funnels, *f)
		}
		for _, part := range []func(*report.Behaviour){s.defaultJourneys, s.adoption} {
			if err := tick(); err != nil {
				return err
			}
			part(b)
		}
	}
	if err := tick(); err != nil {
		return err
	}
	s.cohorts(b)
	if err := tick(); err != nil {
		return err
	}
	b.Channels = s.channelReach()
	s.Report.Behaviour = b
	return ctx.Err()
}

// finite rounds v to digits decimals, or nil when it is not a number.
func finite(v float64, digits int) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	p := math.Pow(10, float64(digits))
	r := math.Round(v*p) / p
	return &r
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return math.Round(float64(a)/float64(b)*10000) / 10000
}

// onboardingStarts says when each new customer's onboarding began: their
// sign-up when the data has sign-up events (customers without one were
// not onboarded in it), else their first event; behaviour.NoStart for the
// others. A customer is new when that start is at least OnboardingDays
// after the data begins (so they were not customers already), with no
// order a day or more before it, and early enough before the as-of date
// for their whole first OnboardingDays to be seen. When that leaves
// nobody, every customer with a start counts.
func (s *Session) onboardingStarts(l *behaviour.Log) ([]int64, int) {
	window := int64(OnboardingDays * 86400)
	start, any := s.signupTimes(l)
	if !any {
		start = l.FirstTime()
		for c := range start {
			if lo, hi := l.Of(c); hi == lo {
				start[c] = behaviour.NoStart
			}
		}
	}
	keep := make([]int64, len(start))
	n := 0
	for c, t := range start {
		keep[c] = behaviour.NoStart
		if t == behaviour.NoStart {
			continue
		}
		fo := s.act(&s.custs[c]).firstOrder
		if t >= s.first+window && t <= s.asOf-window && (fo == 0 || fo >= t-86400) {
			keep[c] = t
			n++
		}
	}
	if n > 0 {
		return keep, n
	}
	for _, t := range start {
		n += b2i(t != behaviour.NoStart)
	}
	return start, n
}

// signupTimes is each customer's first sign-up event (behaviour.NoStart
// when none), and whether anyone signed up.
func (s *Session) signupTimes(l *behaviour.Log) ([]int64, bool) {
	out := make([]int64, l.Customers())
	any := false
	isSign := map[uint32]bool{}
	for c := range out {
		out[c] = behaviour.NoStart
		lo, hi := l.Of(c)
		for i := lo; i < hi; i++ {
			id := l.Name[i]
			yes, ok := isSign[id]
			if !ok {
				yes = isSignup(s.strs.Value(id))
				isSign[id] = yes
			}
			if yes {
				out[c], any = l.Time[i], true
				break
			}
		}
	}
	return out, any
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// onboarding finds new customers' most common first steps, reports them as
// the automatic funnel and looks for friction between them.
func (s *Session) onboarding(b *report.Behaviour) {
	st := s.behaviourState
	window := int64(OnboardingDays * 86400)
	start, n := s.onboardingStarts(st.log)
	first := behaviour.Within(st.log, start, window)
	seq := behaviour.OnboardingSequence(first, window, 8, 0.05)
	if len(seq) < 2 {
		return
	}
	steps := make([]behaviour.Step, len(seq))
	spec := FunnelSpec{Name: "onboarding", Window: strconv.Itoa(OnboardingDays) + "d"}
	for j, id := range seq {
		steps[j] = behaviour.Step{Event: id}
		spec.Steps = append(spec.Steps, FunnelStepSpec{Event: s.strs.Value(id)})
	}
	r := behaviour.Funnel(first, steps, window)
	f := s.funnelReport(spec, r, nil)
	f.Auto = true
	b.Funnels = append(b.Funnels, f)

	// Tickets and negative comments of the customers followed.
	te := &behaviour.Events{}
	for si, src := range s.sources {
		if src.Kind != ingest.Tickets {
			continue
		}
		if dc := src.Column(ingest.Date); dc != nil {
			for row, ci := range s.rowCust[si] {
				s.beat(row)
				if ci >= 0 && !dc.IsNull(row) {
					te.Append(ci, 0, dc.Time[row])
				}
			}
		}
	}
	negative := make([]bool, len(s.custs))
	for c := range negative {
		if start[c] != behaviour.NoStart {
			score, k := s.customerSentiment(c)
			negative[c] = k > 0 && score < -0.05
		}
	}
	fr := &report.Friction{Days: OnboardingDays, Customers: n, Steps: []report.FrictionStep{}}
	for _, x := range behaviour.FrictionOf(r, behaviour.Group(te, len(s.custs)), negative, 3) {
		step := report.FrictionStep{From: s.strs.Value(seq[x.Step]), To: s.strs.Value(seq[x.Step+1]),
			Reached: x.Reached, Stalled: x.Stalled, DropShare: round4(x.DropShare), MedianHours: finite(x.MedianWait/3600, 1),
			Tickets: x.Ticket, TicketShare: ratio(x.Ticket, x.Stalled), TicketBaseline: round4(x.TicketBaseline),
			Negative: x.Negative, NegativeShare: ratio(x.Negative, x.Stalled), NegativeBaseline: round4(x.NegativeBaseline)}
		for _, c := range x.Examples {
			name, _ := s.displayName(int(c))
			step.Examples = append(step.Examples, report.Example{Customer: int(c), Name: name})
		}
		fr.Steps = append(fr.Steps, step)
	}
	b.Friction = fr
}

// funnelSteps turns a spec into steps over the Session's events; missing
// lists the events no event carries.
func (s *Session) funnelSteps(spec FunnelSpec) (steps []behaviour.Step, missing []string) {
	st := s.behaviourState
	for _, fs := range spec.Steps {
		id, ok := s.strs.Lookup(fs.Event)
		if !ok {
			missing = append(missing, fs.Event)
			id = 0 // matches no event: names are never the empty string
		}
		step := behaviour.Step{Event: id}
		if fs.Property != "" {
			step.Match = s.propertyMatch(st, fs)
		}
		steps = append(steps, step)
	}
	return steps, missing
}

// propertyMatch compares a property of an event with a value. A numeric
// column compares numbers; a text column compares the text exactly (=, !=,
// contains, case-insensitive) or, when both read as numbers, as numbers.
func (s *Session) propertyMatch(st *behaviourState, fs FunnelStepSpec) func(int32) bool {
	cols := make([]*table.Column, len(s.sources))
	for si, src := range s.sources {
		if src.Kind != ingest.Events || src.Table == nil {
			continue
		}
		for _, c := range src.Table.Columns {
			if c.Name == fs.Property || c.Name == "properties."+fs.Property || strings.HasSuffix(c.Name, "."+fs.Property) {
				cols[si] = c
				break
			}
		}
	}
	want := strings.TrimSpace(fs.Value)
	num, isNum := ingest.ParseNumber([]byte(want))
	op := fs.Op
	if op == "" {
		op = "="
	}
	compare := func(d int) bool {
		switch op {
		case "=":
			return d == 0
		case "!=":
			return d != 0
		case "<":
			return d < 0
		case "<=":
			return d <= 0
		case ">":
			return d > 0
		case ">=":
			return d >= 0
		}
		return false
	}
	cache := map[uint32]bool{}
	return func(i int32) bool {
		ref := st.ref[i]
		c := cols[ref>>32]
		row := int(uint32(ref))
		if c == nil || c.IsNull(row) {
			return op == "!=" // a missing property differs from any value
		}
		switch c.Type {
		case table.Float, table.Int:
			if !isNum {
				return false
			}
			v := 0.0
			if c.Type == table.Float {
				v = c.Float[row]
			} else {
				v = float64(c.Int[row])
			}
			return op != "contains" && compare(cmp(v, num))
		case table.String:
			id := c.Str[row]
			if r, ok := cache[id]; ok {
				return r
			}
			text := s.strs.Value(id)
			var r bool
			switch {
			case op == "contains":
				r = strings.Contains(strings.ToLower(text), strings.ToLower(want))
			case op == "=" || op == "!=":
				r = compare(b2i(!strings.EqualFold(strings.TrimSpace(text), want)))
			default:
				if v, ok := ingest.ParseNumber([]byte(text)); ok && isNum {
					r = compare(cmp(v, num))
				}
			}
			cache[id] = r
			return r
		}
		return false
	}
}

// Funnel runs a funnel over the Session's events: the behaviour page's
// live funnel, and each funnel of Options.Funnels.
func (s *Session) Funnel(spec FunnelSpec) (*report.Funnel, error) {
	if err := spec.Check(); err != nil {
		return nil, err
	}
	st := s.behaviourState
	if st == nil || st.log == nil {
		return nil, fmt.Errorf("there are no events to follow")
	}
	steps, missing := s.funnelSteps(spec)
	w, _ := ParseWindow(spec.Window)
	r := behaviour.Funnel(st.log, steps, int64(w/time.Second))
	f := s.funnelReport(spec, r, missing)
	return &f, nil
}

func (s *Session) funnelReport(spec FunnelSpec, r *behaviour.FunnelResult, missing []string) report.Funnel {
	f := report.Funnel{Name: spec.Name, Window: spec.Window, Steps: []report.FunnelStep{}, Missing: missing}
	for j, fs := range spec.Steps {
		step := report.FunnelStep{Event: fs.Event, Customers: r.Entered[j]}
		if fs.Property != "" {
			op := fs.Op
			if op == "" {
				op = "="
			}
			step.Where = fs.Property + " " + op + " " + fs.Value
		}
		if j == 0 {
			step.Conversion, step.Overall = ratio(r.Entered[0], r.Entered[0]), ratio(r.Entered[0], r.Entered[0])
		} else {
			step.Conversion = ratio(r.Entered[j], r.Entered[j-1])
			step.Overall = ratio(r.Entered[j], r.Entered[0])
			step.DropOff = r.Entered[j-1] - r.Entered[j]
			step.MedianMinutes = finite(r.MedianWait(j)/60, 1)
		}
		f.Steps = append(f.Steps, step)
	}
	if spec.Breakdown != "" {
		f.Breakdown = s.funnelBreakdown(spec.Breakdown, r)
	}
	return f
}

// breakdownValue is customer c's value of a breakdown attribute ("" none).
func (s *Session) breakdownValue(by string, c int) string {
	attr := map[string]int{"country": attrCountry, "city": attrCity, "company": attrCompany,
		"industry": attrIndustry, "language": attrLanguage, "gender": attrGender}
	switch by {
	case "segment":
		return s.rfmSegment(c)
	case "nps":
		return s.npsCategory(c)
	}
	if a, ok := attr[by]; ok {
		return s.strs.Value(s.attrOf(&s.custs[c])[a])
	}
	return ""
}

// funnelBreakdown splits a funnel by an attribute: the 12 most common
// values, the rest together as "other".
func (s *Session) funnelBreakdown(by string, r *behaviour.FunnelResult) *report.FunnelBreakdown {
	values := make([]string, len(r.Reached))
	count := map[string]int{}
	for c, got := range r.Reached {
		if got > 0 {
			values[c] = s.breakdownValue(by, c)
			if values[c] != "" {
				count[values[c]]++
			}
		}
	}
	tops := top(count, 12)
	index := map[string]int32{}
	for i, t := range tops {
		index[t.Key] = int32(i)
	}
	names := make([]string, 0, len(tops)+1)
	for _, t := range tops {
		names = append(names, t.Key)
	}
	other := int32(len(tops))
	hasOther := false
	group := make([]int32, len(r.Reached))
	for c := range group {
		g, ok := index[values[c]]
		switch {
		case values[c] == "":
			g = -1
		case !ok:
			g, hasOther = other, true
		}
		group[c] = g
	}
	if hasOther {
		names = append(names, "other")
	}
	counts := r.Breakdown(group, len(names))
	stat, df, p := behaviour.BreakdownTest(counts)
	out := &report.FunnelBreakdown{By: by, ChiSquare: round4(stat), DF: df, P: finite(p, 4), Groups: []report.FunnelGroup{}}
	totalIn, totalConv := 0, 0
	for _, row := range counts {
		totalIn += row[0]
		totalConv += row[len(row)-1]
	}
	for g, row := range counts {
		in, conv := row[0], row[len(row)-1]
		_, pg := behaviour.TwoProportions(conv, in, totalConv-conv, totalIn-in)
		out.Groups = append(out.Groups, report.FunnelGroup{Value: names[g], Customers: row,
			Conversion: ratio(conv, in), P: finite(pg, 4)})
	}
	return out
}

// FunnelDropped is a page of the customers who reached step-1 of a funnel
// but not step (1 <= step < len(spec.Steps)), highest spend first.
func (s *Session) FunnelDropped(spec FunnelSpec, step, offset, limit int) (CustomerPage, error) {
	if err := spec.Check(); err != nil {
		return CustomerPage{}, err
	}
	if step < 1 || step >= len(spec.Steps) {
		return CustomerPage{}, fmt.Errorf("step %d is not a step customers can drop at (1 to %d)", step, len(spec.Steps)-1)
	}
	st := s.behaviourState
	if st == nil || st.log == nil {
		return CustomerPage{}, fmt.Errorf("there are no events to follow")
	}
	steps, _ := s.funnelSteps(spec)
	w, _ := ParseWindow(spec.Window)
	r := behaviour.Funnel(st.log, steps, int64(w/time.Second))
	dropped := make([]bool, len(s.custs))
	for _, c := range r.Dropped(step) {
		dropped[c] = true
	}
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 500)
	page := CustomerPage{Offset: max(offset, 0), Customers: []CustomerRow{}}
	for _, ci := range s.sorted("spend") {
		if !dropped[ci] {
			continue
		}
		if page.Total >= page.Offset && len(page.Customers) < limit {
			page.Customers = append(page.Customers, s.row(int(ci)))
		}
		page.Total++
	}
	return page, nil
}

// Journey is the most common paths of sessions from (direction "from") or
// to ("to") an event: the behaviour page's journey explorer.
func (s *Session) Journey(direction, event string) (*report.Journey, error) {
	st := s.behaviourState
	if st == nil || st.log == nil {
		return nil, fmt.Errorf("there are no events to follow")
	}
	if direction != "from" && direction != "to" {
		return nil, fmt.Errorf("a journey goes \"from\" or \"to\" an event (got %q)", direction)
	}
	id, ok := s.strs.Lookup(event)
	if !ok {
		id = 0
	}
	return s.journey(direction, id, event), nil
}

const journeySteps, journeyPaths = 5, 10

func (s *Session) journey(direction string, id uint32, event string) *report.Journey {
	st := s.behaviourState
	var paths []behaviour.Path
	if direction == "from" {
		paths = behaviour.PathsFrom(st.log, st.sessions, id, journeySteps, 0)
	} else {
		paths = behaviour.PathsTo(st.log, st.sessions, id, journeySteps, 0)
	}
	j := &report.Journey{Direction: direction, Event: event, Paths: []report.JourneyPath{}}
	for k, p := range paths {
		j.Sessions += p.Sessions
		if k >= journeyPaths {
			continue
		}
		jp := report.JourneyPath{Sessions: p.Sessions}
		for _, e := range p.Events {
			jp.Events = append(jp.Events, s.strs.Value(e))
		}
		j.Paths = append(j.Paths, jp)
	}
	return j
}

// defaultJourneys: paths from the most common first event of a session,
// and to the last step of the onboarding funnel.
func (s *Session) defaultJourneys(b *report.Behaviour) {
	st := s.behaviourState
	starts := map[uint32]int{}
	for k := 0; k+1 < len(st.sessions); k++ {
		starts[st.log.Name[st.sessions[k]]]++
	}
	var from uint32
	n := 0
	for id, k := range starts {
		if k > n || k == n && id < from {
			from, n = id, k
		}
	}
	if n > 0 {
		b.Journeys = append(b.Journeys, *s.journey("from", from, s.strs.Value(from)))
	}
	if len(b.Funnels) > 0 && b.Funnels[0].Auto {
		steps := b.Funnels[0].Steps
		end := steps[len(steps)-1].Event
		if id, ok := s.strs.Lookup(end); ok {
			b.Journeys = append(b.Journeys, *s.journey("to", id, end))
		}
	}
}

// adoption measures every event name (at most 50, most used first).
func (s *Session) adoption(b *report.Behaviour) {
	st := s.behaviourState
	first := make([]int64, len(s.custs))
	last := make([]int64, len(s.custs))
	nps := make([]int8, len(s.custs))
	for c := range s.custs {
		s.beat(c)
		first[c], last[c] = s.firstSeen(&s.custs[c]), s.lastSeen(&s.custs[c])
		switch s.npsCategory(c) {
		case "promoter":
			nps[c] = behaviour.Promoter
		case "passive":
			nps[c] = behaviour.Passive
		case "detractor":
			nps[c] = behaviour.Detractor
		default:
			nps[c] = behaviour.NoAnswer
		}
	}
	ret := behaviour.Retained(first, last, s.asOf)
	for k, a := range behaviour.Adoption(st.log, ret, nps) {
		if k == 50 {
			break
		}
		ad := report.Adoption{Event: s.strs.Value(a.Event), Customers: a.Users, Share: round4(a.Share),
			MedianDays: finite(a.MedianDays, 1), EarlyUsers: a.EarlyUsers, Others: a.Others,
			RetentionP: finite(a.RetentionP, 4), NPSUsers: finite(a.UsersNPS, 1), NPSOthers: finite(a.OthersNPS, 1),
			Answered: a.UsersAnswered}
		if a.EarlyUsers > 0 {
			ad.RetentionUsers = finite(float64(a.EarlyUsersRetained)/float64(a.EarlyUsers), 4)
		}
		if a.Others > 0 {
			ad.RetentionOthers = finite(float64(a.OthersRetained)/float64(a.Others), 4)
		}
		b.Adoption = append(b.Adoption, ad)
	}
}

// isSignup recognises sign-up events by their name as trackers write it:
// "signup", "Signed Up", "sign_up", "user_registered", "account created"…
func isSignup(name string) bool {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	switch b.String() {
	case "signup", "signedup", "usersignedup", "register", "registered", "registration", "userregistered",
		"completeregistration", "completedregistration", "accountcreated", "createaccount", "usercreated",
		"createdaccount", "signupcompleted", "registrationcompleted":
		return true
	}
	return false
}

// cohorts builds monthly retention cohorts by first purchase and by
// sign-up (weekly when the data spans under 120 days), with revenue in the
// currency of most orders and a retention curve per RFM segment.
func (s *Session) cohorts(b *report.Behaviour) {
	period, periodName := behaviour.Monthly, "month"
	if s.last-s.first < 120*86400 {
		period, periodName = behaviour.Weekly, "week"
	}
	var curs fewIDs
	var curCount []int
	for oi := range s.orders {
		s.beat(oi)
		if o := &s.orders[oi]; o.cust >= 0 && !o.excluded() && o.date != 0 {
			if k := curs.index(o.currency); k < len(curCount) {
				curCount[k]++
			} else {
				curCount = append(curCount, 1)
			}
		}
	}
	var main uint32
	best := 0
	for k, n := range curCount {
		if cur := curs.ids[k]; n > best || n == best && s.strs.Value(cur) < s.strs.Value(main) {
			main, best = cur, n
		}
	}
	// The orders as activity, read where needed rather than copied (24
	// bytes an order).
	orders := func(yield func(behaviour.Activity) bool) {
		for oi := range s.orders {
			s.beat(oi)
			o := &s.orders[oi]
			if o.cust < 0 || o.excluded() || o.date == 0 {
				continue
			}
			rev := 0.0
			if o.currency == main {
				rev = s.revenue(oi)
			}
			if !yield(behaviour.Activity{Customer: o.cust, Time: o.date, Revenue: rev}) {
				return
			}
		}
	}
	firstOrder := make([]int64, len(s.custs))
	dated := false
	for oi := range s.orders {
		s.beat(oi)
		o := &s.orders[oi]
		if o.cust < 0 || o.excluded() || o.date == 0 {
			continue
		}
		dated = true
		if f := firstOrder[o.cust]; f == 0 || o.date < f {
			firstOrder[o.cust] = o.date
		}
	}
	if dated {
		b.Cohorts = append(b.Cohorts, s.cohortTable("first_purchase", periodName, period, firstOrder, orders, nil, s.strs.Value(main)))
	}
	st := s.behaviourState
	if st == nil || st.log == nil {
		return
	}
	signup, any := s.signupTimes(st.log)
	for c, t := range signup {
		if t == behaviour.NoStart {
			signup[c] = 0
		}
	}
	if !any {
		return
	}
	b.Cohorts = append(b.Cohorts, s.cohortTable("signup", periodName, period, signup, orders, st.log, s.strs.Value(main)))
}

func (s *Session) cohortTable(by, periodName string, p behaviour.Period, start []int64, acts iter.Seq[behaviour.Activity], l *behaviour.Log, currency string) report.CohortTable {
	cs := behaviour.Cohorts(start, acts, l, p, s.asOf)
	t := report.CohortTable{By: by, Period: periodName, Currency: currency, Cohorts: []report.Cohort{}, Curve: round4s(behaviour.Curve(cs))}
	for _, c := range cs {
		label := monthText(int32(c.Period))
		if p == behaviour.Weekly {
			label = day(p.StartOf(c.Period))
		}
		row := report.Cohort{Start: label, Customers: c.Customers, Active: c.Active, Retention: make([]float64, len(c.Active))}
		for k, a := range c.Active {
			row.Retention[k] = ratio(a, c.Customers)
		}
		if currency != "" && c.Revenue[0] > 0 {
			row.Revenue = make([]float64, len(c.Revenue))
			row.RevenueRetention = make([]float64, len(c.Revenue))
			for k, v := range c.Revenue {
				row.Revenue[k] = round2(v)
				row.RevenueRetention[k] = round4(v / c.Revenue[0])
			}
		}
		t.Cohorts = append(t.Cohorts, row)
	}
	// A retention curve per RFM segment, the segments' cohorts made in
	// one pass over the activity.
	size := map[string]int{}
	for c, t0 := range start {
		if t0 == 0 {
			continue
		}
		if seg := s.rfmSegment(c); seg != "" {
			size[seg]++
		}
	}
	segs := top(size, 0)
	if len(segs) == 0 {
		return t
	}
	index := make(map[string]int32, len(segs))
	for g, sc := range segs {
		index[sc.Key] = int32(g)
	}
	group := make([]int32, len(start))
	for c, t0 := range start {
		group[c] = -1
		if t0 == 0 {
			continue
		}
		if g, ok := index[s.rfmSegment(c)]; ok {
			group[c] = g
		}
	}
	bySeg := behaviour.GroupCohorts(start, group, len(segs), acts, l, p, s.asOf)
	for g, sc := range segs {
		t.Segments = append(t.Segments, report.SegmentCurve{Segment: sc.Key, Customers: sc.Count,
			Curve: round4s(behaviour.Curve(bySeg[g]))})
	}
	return t
}

func round4s(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = round4(x)
	}
	return out
}

// touchChannel is the channel a row of a source stands for: an event's own
// channel (web, app, email …), "store" for orders, "support" for tickets,
// "feedback" for survey answers and reviews; "" for contact records.
func (s *Session) touchChannel(src *ingest.Source, row int) string {
	switch src.Kind {
	case ingest.Events:
		if ch := strings.ToLower(strings.TrimSpace(s.text(src, ingest.Channel, row))); ch != "" {
			return ch
		}
		return "web"
	case ingest.Orders:
		return "store"
	case ingest.Tickets:
		return "support"
	case ingest.Surveys, ingest.Reviews:
		return "feedback"
	}
	return ""
}

// channelReach counts the customers seen in each channel.
func (s *Session) channelReach() []report.ChannelCount {
	seen := map[string][]bool{}
	count := map[string]int{}
	for si, src := range s.sources {
		// An event's channel, read once per distinct value.
		byID := map[uint32]string{}
		chCol := src.Column(ingest.Channel)
		for row, ci := range s.rowCust[si] {
			s.beat(row)
			if ci < 0 {
				continue
			}
			var ch string
			if src.Kind == ingest.Events && chCol != nil && chCol.Type == table.String {
				id := chCol.Str[row]
				v, ok := byID[id]
				if !ok {
					v = s.touchChannel(src, row)
					byID[id] = v
				}
				ch = v
			} else {
				ch = s.touchChannel(src, row)
			}
			if ch == "" {
				continue
			}
			if seen[ch] == nil {
				seen[ch] = make([]bool, len(s.custs))
			}
			if !seen[ch][ci] {
				seen[ch][ci] = true
				count[ch]++
			}
		}
	}
	var out []report.ChannelCount
	for _, c := range top(count, 0) {
		out = append(out, report.ChannelCount{Channel: c.Key, Customers: c.Count})
	}
	return out
}

// behaviourProfile adds the customer's journey across channels: their
// touchpoints (the rows the timeline is built from) in time order, with
// consecutive touchpoints in one channel as one stage.
func (s *Session) behaviourProfile(id int, p *profile.Profile) {
	type touch struct {
		t     int64
		ch    string
		event string
	}
	var ts []touch
	s.eachRow(id, func(si, row int, src *ingest.Source) {
		ch := s.touchChannel(src, row)
		dc := src.Column(ingest.Date)
		if ch == "" || dc == nil || dc.IsNull(row) {
			return
		}
		ev := ""
		switch src.Kind {
		case ingest.Events:
			ev = s.text(src, ingest.EventName, row)
		case ingest.Orders:
			if oc := src.Column(ingest.OrderID); oc != nil && row > 0 && !oc.IsNull(row) && oc.Str[row] == oc.Str[row-1] {
				return // a further line item of the same order
			}
		}
		ts = append(ts, touch{dc.Time[row], ch, ev})
	})
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].t < ts[j].t })
	for _, t := range ts {
		n := len(p.Journey)
		if n == 0 || p.Journey[n-1].Channel != t.ch {
			p.Journey = append(p.Journey, profile.JourneyStage{Channel: t.ch, From: stamp(t.t)})
			n++
		}
		st := &p.Journey[n-1]
		st.To = stamp(t.t)
		st.Touchpoints++
		if t.event != "" && len(st.Events) < 5 && !containsString(st.Events, t.event) {
			st.Events = append(st.Events, t.event)
		}
	}
}

func containsString(xs []string, v string) bool {
	for _, x := range xs {
		if x == v {
			return true
		}
	}
	return false
}
