package behaviour

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

// ev is one event of a constructed log: customer, name (a small id), time.
type ev struct {
	c    int32
	name uint32
	t    int64
}

func logOf(customers int, evs ...ev) (*Events, *Log) {
	e := &Events{}
	for _, x := range evs {
		e.Append(x.c, x.name, x.t)
	}
	return e, Group(e, customers)
}

const (
	A uint32 = iota + 1
	B
	C
	D
)

func TestGroupSortsByCustomerAndTime(t *testing.T) {
	_, l := logOf(3, ev{1, A, 50}, ev{0, B, 20}, ev{1, B, 10}, ev{-1, C, 5}, ev{0, C, 30}, ev{1, C, 10})
	if !reflect.DeepEqual(l.Start, []int32{0, 2, 5, 5}) {
		t.Fatalf("start %v", l.Start)
	}
	// customer 1: B@10 (input 2), C@10 (input 5, a tie kept in input order), A@50.
	if !reflect.DeepEqual(l.Name, []uint32{B, C, B, C, A}) || !reflect.DeepEqual(l.Order, []int32{1, 4, 2, 5, 0}) {
		t.Fatalf("names %v order %v", l.Name, l.Order)
	}
}

func TestSessions(t *testing.T) {
	// Customer 0: 0, 600, 2400 (gap 1800 = exactly 30 min: same session), 4300 (new), 4400.
	// Customer 1: 100. Customer 2: none.
	_, l := logOf(3, ev{0, A, 0}, ev{0, B, 600}, ev{0, C, 2400}, ev{0, A, 4300}, ev{0, B, 4400}, ev{1, A, 100})
	s := Sessions(l, 0)
	if !reflect.DeepEqual(s, []int32{0, 3, 5, 6}) {
		t.Fatalf("sessions %v", s)
	}
	st := Summarise(l, s)
	// events per session 3, 2, 1 → median 2; durations 2400, 100, 0 → median 100.
	if st.Sessions != 3 || st.Customers != 2 || st.MedianEvents != 2 || st.MedianDuration != 100 {
		t.Fatalf("%+v", st)
	}
	if s := Sessions(l, 500); !reflect.DeepEqual(s, []int32{0, 1, 2, 3, 5, 6}) {
		t.Fatalf("gap 500: %v", s)
	}
}

func TestFunnelKnownAnswer(t *testing.T) {
	const odd = 99 // the property value step B must have in the conditioned funnel
	e, l := logOf(7,
		ev{0, A, 0}, ev{0, B, 10}, ev{0, C, 20}, // converts: waits 10, 10
		ev{1, A, 0}, ev{1, C, 5}, ev{1, B, 10}, // C before B: reaches 2
		ev{2, B, 0}, ev{2, A, 5}, // B before A: reaches 1
		ev{3, A, 0}, ev{3, A, 100}, ev{3, B, 150}, ev{3, C, 160}, // window 60: only the second entry converts
		ev{5, A, 0}, ev{5, B, odd}, ev{5, C, 200}, // B already too late for the window
		ev{6, A, 0}, ev{6, A, 1}, ev{6, B, 30}, // two entries, second step from the first
	)
	r := Funnel(l, []Step{{Event: A}, {Event: B}, {Event: C}}, 60)
	if !reflect.DeepEqual(r.Reached, []int8{3, 2, 1, 3, 0, 1, 2}) {
		t.Fatalf("reached %v", r.Reached)
	}
	if !reflect.DeepEqual(r.Entered, []int{6, 4, 2}) {
		t.Fatalf("entered %v", r.Entered)
	}
	// Customer 3's counted entry is the one at 100.
	if got := r.At[3*3 : 3*3+3]; !reflect.DeepEqual(got, []int64{100, 150, 160}) {
		t.Fatalf("customer 3 at %v", got)
	}
	// A→B waits: 10, 10, 50, 30 → median 20; B→C waits: 10, 10 → 10.
	if r.MedianWait(1) != 20 || r.MedianWait(2) != 10 {
		t.Fatalf("waits %v %v", r.MedianWait(1), r.MedianWait(2))
	}
	if !reflect.DeepEqual(r.Dropped(1), []int32{2, 5}) || !reflect.DeepEqual(r.Dropped(2), []int32{1, 6}) {
		t.Fatalf("dropped %v %v", r.Dropped(1), r.Dropped(2))
	}
	// With a property condition on B (only input event 13 has it).
	cond := func(i int32) bool { return e.Time[i] == odd }
	r = Funnel(l, []Step{{Event: A}, {Event: B, Match: cond}}, 0)
	if !reflect.DeepEqual(r.Entered, []int{6, 1}) || r.Reached[5] != 2 {
		t.Fatalf("conditioned %v %v", r.Entered, r.Reached)
	}
	// Breakdown: customers 0–2 in group 0, 3 and 5 in group 1, 6 in none.
	r = Funnel(l, []Step{{Event: A}, {Event: B}, {Event: C}}, 60)
	bd := r.Breakdown([]int32{0, 0, 0, 1, 1, 1, -1}, 2)
	if !reflect.DeepEqual(bd, [][]int{{3, 2, 1}, {2, 1, 1}}) {
		t.Fatalf("breakdown %v", bd)
	}
}

// bestReach is an independent oracle: it tries every choice of events for
// every step (not only the earliest) and returns the furthest step reached.
func bestReach(names []uint32, times []int64, steps []uint32, window int64) int {
	best := 0
	var try func(j, from int, t0 int64) int
	try = func(j, from int, t0 int64) int {
		if j == len(steps) {
			return j
		}
		got := j
		for i := from; i < len(names); i++ {
			if names[i] == steps[j] && (window <= 0 || times[i]-t0 <= window) {
				got = max(got, try(j+1, i+1, t0))
			}
		}
		return got
	}
	for i := range names {
		if names[i] == steps[0] {
			best = max(best, try(1, i+1, times[i]))
		}
	}
	return best
}

func TestFunnelAgainstExhaustiveSearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for round := 0; round < 200; round++ {
		customers := 1 + rng.IntN(6)
		e := &Events{}
		for k := rng.IntN(60); k > 0; k-- {
			e.Append(int32(rng.IntN(customers)), uint32(1+rng.IntN(4)), int64(rng.IntN(100)))
		}
		l := Group(e, customers)
		steps := []uint32{uint32(1 + rng.IntN(4)), uint32(1 + rng.IntN(4)), uint32(1 + rng.IntN(4)), uint32(1 + rng.IntN(4))}[:2+rng.IntN(3)]
		window := int64(rng.IntN(3) * 30)
		fs := make([]Step, len(steps))
		for j, s := range steps {
			fs[j] = Step{Event: s}
		}
		r := Funnel(l, fs, window)
		entered := make([]int, len(steps))
		for c := 0; c < customers; c++ {
			lo, hi := l.Of(c)
			want := bestReach(l.Name[lo:hi], l.Time[lo:hi], steps, window)
			if int(r.Reached[c]) != want {
				t.Fatalf("round %d customer %d: reached %d, exhaustive search says %d (steps %v window %d events %v %v)",
					round, c, r.Reached[c], want, steps, window, l.Name[lo:hi], l.Time[lo:hi])
			}
			for j := 0; j < want; j++ {
				entered[j]++
			}
		}
		if !reflect.DeepEqual(r.Entered, entered) {
			t.Fatalf("entered %v want %v", r.Entered, entered)
		}
	}
}

func TestChiSquareAndProportions(t *testing.T) {
	// Expected counts 12, 18, 28, 42.
	stat, df, p := ChiSquare([][]float64{{10, 20}, {30, 40}})
	want := 4.0/12 + 4.0/18 + 4.0/28 + 4.0/42
	if math.Abs(stat-want) > 1e-12 || df != 1 || math.Abs(p-math.Erfc(math.Sqrt(want/2))) > 1e-9 {
		t.Fatalf("chi2 %v df %d p %v", stat, df, p)
	}
	// df = 2: the upper tail is exp(-x/2). Published critical values: the
	// 5 % points for df 1…5 and 10 are 3.841, 5.991, 7.815, 9.488, 11.070,
	// 18.307; the 1 % point for df 3 is 11.345.
	if p := ChiSquareP(3, 2); math.Abs(p-math.Exp(-1.5)) > 1e-12 {
		t.Fatalf("p %v", p)
	}
	for df, x := range map[int]float64{1: 3.841459, 2: 5.991465, 3: 7.814728, 4: 9.487729, 5: 11.070498, 10: 18.307038} {
		if p := ChiSquareP(x, df); math.Abs(p-0.05) > 1e-6 {
			t.Errorf("df %d at %v: p %v, want 0.05", df, x, p)
		}
	}
	if p := ChiSquareP(11.344867, 3); math.Abs(p-0.01) > 1e-6 {
		t.Errorf("df 3 1%%: %v", p)
	}
	// 30/100 vs 20/100: pooled 0.25, se sqrt(.25*.75*.02) = 0.0612372.
	z, p := TwoProportions(30, 100, 20, 100)
	if math.Abs(z-0.1/math.Sqrt(0.25*0.75*0.02)) > 1e-12 || math.Abs(p-math.Erfc(math.Abs(z)/math.Sqrt2)) > 1e-12 {
		t.Fatalf("z %v p %v", z, p)
	}
	if _, p := TwoProportions(0, 0, 1, 2); !math.IsNaN(p) {
		t.Fatalf("empty group p %v", p)
	}
}

func TestPaths(t *testing.T) {
	// Three sessions (gap 30 min): A B B C D / A C / X A B C.
	_, l := logOf(2,
		ev{0, A, 0}, ev{0, B, 10}, ev{0, B, 20}, ev{0, C, 30}, ev{0, D, 40},
		ev{0, A, 10000}, ev{0, C, 10010},
		ev{1, D, 0}, ev{1, A, 5}, ev{1, B, 6}, ev{1, C, 7},
	)
	s := Sessions(l, 0)
	got := PathsFrom(l, s, A, 3, 10)
	want := []Path{{[]uint32{A, B, C}, 2}, {[]uint32{A, C}, 1}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("from A: %+v", got)
	}
	got = PathsTo(l, s, C, 3, 10)
	want = []Path{{[]uint32{A, B, C}, 2}, {[]uint32{A, C}, 1}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("to C: %+v", got)
	}
	if got := PathsTo(l, s, D, 2, 1); !reflect.DeepEqual(got, []Path{{[]uint32{C, D}, 1}}) {
		t.Fatalf("to D: %+v", got)
	}
}

func TestAdoption(t *testing.T) {
	day := int64(86400)
	asOf := 100 * day
	// 4 customers with events; A used by 0,1,2 (customer 2 only on day 50 of
	// its life, late); B by 3. Retained: 0 and 3; 1 and 2 not; customer 4
	// (no events) not eligible.
	_, l := logOf(5,
		ev{0, A, 1 * day}, ev{0, B, 1 * day}, ev{0, C, 95 * day},
		ev{1, C, 2 * day}, ev{1, A, 4 * day},
		ev{2, C, 3 * day}, ev{2, A, 53 * day},
		ev{3, C, 5 * day}, ev{3, D, 90 * day},
	)
	first := []int64{1 * day, 2 * day, 3 * day, 5 * day, 0}
	last := []int64{95 * day, 4 * day, 53 * day, 90 * day, 0}
	ret := Retained(first, last, asOf)
	if !reflect.DeepEqual(ret, []int8{1, 0, 0, 1, -1}) {
		t.Fatalf("retained %v", ret)
	}
	nps := []int8{Promoter, Detractor, NoAnswer, Passive, NoAnswer}
	ads := Adoption(l, ret, nps)
	byName := map[uint32]Adopted{}
	for _, a := range ads {
		byName[a.Event] = a
	}
	a := byName[A]
	// A: 3 users of 4 active; days to first use 0, 2, 50 → median 2; early
	// users 0 and 1 (retained 1 of 2), others 2 and 3 (retained 1 of 2);
	// NPS users: promoter + detractor → 0; others: the passive → 0.
	if a.Users != 3 || a.Share != 0.75 || a.MedianDays != 2 || a.EarlyUsers != 2 || a.EarlyUsersRetained != 1 ||
		a.Others != 2 || a.OthersRetained != 1 || a.UsersNPS != 0 || a.UsersAnswered != 2 || a.OthersNPS != 0 || a.OthersAnswer != 1 {
		t.Fatalf("A: %+v", a)
	}
	c := byName[C]
	// C: all 4; first uses on days 94, 0, 0, 0 after first event → median 0.
	if c.Users != 4 || c.Share != 1 || c.MedianDays != 0 || c.EarlyUsers != 3 || c.EarlyUsersRetained != 1 || !math.IsNaN(c.OthersNPS) {
		t.Fatalf("C: %+v", c)
	}
	if ads[0].Event != C || ads[1].Event != A {
		t.Fatalf("order %v", ads)
	}
}

func TestCohorts(t *testing.T) {
	at := func(y int, m time.Month, d int) int64 { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Unix() }
	start := []int64{at(2024, 1, 5), at(2024, 1, 20), at(2024, 2, 1), 0}
	acts := []Activity{
		{0, at(2024, 1, 5), 10}, {0, at(2024, 2, 3), 5}, {0, at(2024, 2, 9), 5}, {0, at(2024, 3, 1), 7},
		{1, at(2024, 1, 20), 20}, {1, at(2023, 12, 1), 99}, // before the start: left out
		{2, at(2024, 2, 1), 30}, {2, at(2024, 3, 30), 3}, {2, at(2024, 4, 1), 1}, // after as-of: left out
		{3, at(2024, 2, 1), 50},
	}
	cs := Cohorts(start, slices.Values(acts), nil, Monthly, at(2024, 3, 31))
	want := []Cohort{
		{Period: 2024*12 + 0, Customers: 2, Active: []int{2, 1, 1}, Revenue: []float64{30, 10, 7}},
		{Period: 2024*12 + 1, Customers: 1, Active: []int{1, 1}, Revenue: []float64{30, 3}},
	}
	if !reflect.DeepEqual(cs, want) {
		t.Fatalf("cohorts %+v", cs)
	}
	// Offset 1: (1 + 1) of (2 + 1); offset 2: 1 of 2.
	if cv := Curve(cs); !reflect.DeepEqual(cv, []float64{1, 2.0 / 3, 0.5}) {
		t.Fatalf("curve %v", cv)
	}
	// Events count as activity too: customer 1 comes back in March.
	_, l := logOf(4, ev{1, A, at(2024, 3, 3)}, ev{1, B, at(2024, 3, 4)}, ev{3, A, at(2024, 3, 4)})
	cs = Cohorts(start, slices.Values(acts), l, Monthly, at(2024, 3, 31))
	if !reflect.DeepEqual(cs[0].Active, []int{2, 1, 2}) || !reflect.DeepEqual(cs[0].Revenue, []float64{30, 10, 7}) {
		t.Fatalf("with events %+v", cs[0])
	}
	// Weeks start on Monday: 2024-01-01 was a Monday.
	mon := Weekly.Index(at(2024, 1, 1))
	if Weekly.Index(at(2024, 1, 7)) != mon || Weekly.Index(at(2024, 1, 8)) != mon+1 || Weekly.StartOf(mon) != at(2024, 1, 1)-12*3600 {
		t.Fatal("weeks")
	}
	if Monthly.StartOf(Monthly.Index(at(2024, 2, 10))) != at(2024, 2, 1)-12*3600 {
		t.Fatal("months")
	}
}

// TestGroupCohortsAreCohortsPerGroup: the groups' cohorts made in one pass
// are those of each group's customers alone, with groups that start in
// different periods (the bitmap's width is the widest group's) and a
// customer in no group.
func TestGroupCohortsAreCohortsPerGroup(t *testing.T) {
	at := func(y int, m time.Month, d int) int64 { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Unix() }
	start := []int64{at(2023, 11, 5), at(2024, 1, 20), at(2024, 2, 1), at(2024, 1, 2), at(2023, 12, 9), 0}
	group := []int32{0, 1, 1, 0, -1, 1}
	var acts []Activity
	for c := range start {
		for k := range 9 {
			acts = append(acts, Activity{int32(c), at(2023, time.Month(10+k), 3+c), float64(1 + c*k)})
		}
	}
	_, l := logOf(6, ev{1, A, at(2024, 3, 3)}, ev{3, B, at(2024, 4, 4)}, ev{4, A, at(2024, 3, 4)})
	for _, p := range []Period{Monthly, Weekly} {
		got := GroupCohorts(start, group, 2, slices.Values(acts), l, p, at(2024, 5, 31))
		for g := range 2 {
			own := make([]int64, len(start))
			for c := range start {
				if group[c] == int32(g) {
					own[c] = start[c]
				}
			}
			want := Cohorts(own, slices.Values(acts), l, p, at(2024, 5, 31))
			if len(want) == 0 || !reflect.DeepEqual(got[g], want) {
				t.Fatalf("period %d group %d: %+v, want %+v", p, g, got[g], want)
			}
		}
	}
}

func TestOnboardingAndFriction(t *testing.T) {
	day := int64(86400)
	// Five new customers: S → V → K (cart) → P (purchase), dropping off.
	// Customer 1 looked around (V) the day before signing up.
	const S, V, K, P = A, B, C, D
	_, l := logOf(5,
		ev{0, S, 0}, ev{0, V, 10}, ev{0, K, 20}, ev{0, P, 30},
		ev{1, V, -day}, ev{1, S, 0}, ev{1, V, 100}, ev{1, K, 200},
		ev{2, S, 0}, ev{2, V, 50}, ev{2, K, 60},
		ev{3, S, 0}, ev{3, V, 5},
		ev{4, S, 0}, ev{4, P, 20 * day}, // purchase after the window
	)
	start := []int64{NoStart, NoStart, NoStart, NoStart, NoStart}
	for c := range start {
		lo, hi := l.Of(c)
		for i := lo; i < hi; i++ {
			if l.Name[i] == S {
				start[c] = l.Time[i]
				break
			}
		}
	}
	// Starting from the sign-up: the visit before it is left out.
	win := Within(l, start, 7*day)
	if win.Len() != l.Len()-2 {
		t.Fatalf("%d events in the first days of %d", win.Len(), l.Len())
	}
	seq := OnboardingSequence(win, 7*day, 6, 0.2)
	if !reflect.DeepEqual(seq, []uint32{S, V, K, P}) {
		t.Fatalf("sequence %v", seq)
	}
	steps := make([]Step, len(seq))
	for j, s := range seq {
		steps[j] = Step{Event: s}
	}
	r := Funnel(win, steps, 7*day)
	if !reflect.DeepEqual(r.Entered, []int{5, 4, 3, 1}) {
		t.Fatalf("entered %v", r.Entered)
	}
	// Customer 2 opened a ticket 1 hour after the cart; customer 3 is negative.
	_, tickets := logOf(5, ev{2, 0, 3660}, ev{4, 0, 30 * day})
	neg := []bool{false, false, false, true, false}
	fr := FrictionOf(r, tickets, neg, 2)
	if len(fr) != 3 {
		t.Fatalf("friction %+v", fr)
	}
	// Cart → purchase: 3 reached, 2 stalled (1, 2); one ticket (2) of the
	// stalled; baseline tickets 1 of 3; waits: only customer 0 (10 s).
	f := fr[2]
	if f.Reached != 3 || f.Stalled != 2 || math.Abs(f.DropShare-2.0/3) > 1e-12 || f.Ticket != 1 ||
		math.Abs(f.TicketBaseline-1.0/3) > 1e-12 || f.MedianWait != 10 || !reflect.DeepEqual(f.Examples, []int32{2, 1}) {
		t.Fatalf("cart step %+v", f)
	}
	// Start → view: 1 stalled (4), who opened no ticket within 7 days of signing up.
	if f := fr[0]; f.Stalled != 1 || f.Ticket != 0 || f.Negative != 0 || f.NegativeBaseline != 0.2 {
		t.Fatalf("first step %+v", f)
	}
	// Viewed → cart: customer 3 stalled and negative.
	if f := fr[1]; f.Stalled != 1 || f.Negative != 1 || f.MedianWait != 10 || !reflect.DeepEqual(f.Examples, []int32{3}) {
		t.Fatalf("second step %+v", f)
	}
}
