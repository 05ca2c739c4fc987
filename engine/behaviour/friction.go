package behaviour

import (
	"math"
	"sort"
)

// OnboardingSequence finds the most common sequence new customers follow in
// their first days: step 1 is the event most customers did first; each
// next step is the event that most of the customers who did the steps so
// far (in order, within window seconds of their first event) did after
// them. It stops at maxSteps, or when the best next event is done by fewer
// than minShare of the customers who started.
func OnboardingSequence(l *Log, window int64, maxSteps int, minShare float64) []uint32 {
	firsts := map[uint32]int{}
	for c := 0; c < l.Customers(); c++ {
		if lo, hi := l.Of(c); hi > lo {
			firsts[l.Name[lo]]++
		}
	}
	step1, n1 := pickMost(firsts, nil)
	if n1 == 0 {
		return nil
	}
	seq := []uint32{step1}
	used := map[uint32]bool{step1: true}
	// pos[c]: index of the customer's event matching the last step; -1 when
	// the customer did not follow the sequence this far.
	pos := make([]int, l.Customers())
	for c := range pos {
		pos[c] = -1
		lo, hi := l.Of(c)
		if hi > lo && l.Name[lo] == step1 {
			pos[c] = lo
		}
	}
	for len(seq) < maxSteps {
		next := map[uint32]int{}
		seen := map[uint32]bool{}
		for c, p := range pos {
			if p < 0 {
				continue
			}
			lo, hi := l.Of(c)
			clear(seen)
			for i := p + 1; i < hi && l.Time[i]-l.Time[lo] <= window; i++ {
				if name := l.Name[i]; !used[name] && !seen[name] {
					seen[name] = true
					next[name]++
				}
			}
		}
		name, n := pickMost(next, used)
		if n == 0 || float64(n) < minShare*float64(n1) {
			break
		}
		seq = append(seq, name)
		used[name] = true
		for c, p := range pos {
			if p < 0 {
				continue
			}
			lo, hi := l.Of(c)
			pos[c] = -1
			for i := p + 1; i < hi && l.Time[i]-l.Time[lo] <= window; i++ {
				if l.Name[i] == name {
					pos[c] = i
					break
				}
			}
		}
	}
	return seq
}

func pickMost(counts map[uint32]int, skip map[uint32]bool) (uint32, int) {
	var best uint32
	n := 0
	for name, k := range counts {
		if skip[name] {
			continue
		}
		if k > n || k == n && name < best {
			best, n = name, k
		}
	}
	return best, n
}

// Friction is what happened at one step of an onboarding funnel to the
// customers who reached it but went no further.
type Friction struct {
	Step       int // the step they stalled after (0-based); the next step is Step+1
	Reached    int // customers who reached Step
	Stalled    int // of them, those who did not reach Step+1
	DropShare  float64
	MedianWait float64 // seconds from Step to Step+1 for those who went on; NaN when none did
	// Of the stalled customers: how many opened a ticket within TicketWithin
	// of reaching the step, and how many are negative overall; the same
	// shares over everyone who reached the step, as the baseline.
	Ticket, Negative                 int
	TicketBaseline, NegativeBaseline float64
	Examples                         []int32 // stalled customers, those with a ticket or negative first
}

// TicketWithin is how soon after a step a ticket counts as following it.
const TicketWithin = 7 * 86400

// FrictionOf examines every step of a funnel run (r, usually over new
// customers' first days) but the last. tickets is a log of the customers'
// support tickets (names unused; nil: none); negative[c] says the customer's
// comments are negative on the whole (nil: unknown). examples caps the
// examples per step.
func FrictionOf(r *FunnelResult, tickets *Log, negative []bool, examples int) []Friction {
	var out []Friction
	for j := 0; j+1 < r.Steps; j++ {
		f := Friction{Step: j, Reached: r.Entered[j], Stalled: r.Entered[j] - r.Entered[j+1], MedianWait: r.MedianWait(j + 1)}
		if f.Reached > 0 {
			f.DropShare = float64(f.Stalled) / float64(f.Reached)
		}
		ticketAll, negAll := 0, 0
		var strong, weak []int32
		for c, got := range r.Reached {
			if int(got) <= j {
				continue
			}
			at := r.At[c*r.Steps+j]
			t := tickets != nil && ticketAfter(tickets, c, at, at+TicketWithin)
			neg := negative != nil && negative[c]
			ticketAll += b2i(t)
			negAll += b2i(neg)
			if int(got) != j+1 {
				continue
			}
			f.Ticket += b2i(t)
			f.Negative += b2i(neg)
			if t || neg {
				strong = append(strong, int32(c))
			} else {
				weak = append(weak, int32(c))
			}
		}
		if f.Reached > 0 {
			f.TicketBaseline = float64(ticketAll) / float64(f.Reached)
			f.NegativeBaseline = float64(negAll) / float64(f.Reached)
		}
		ex := append(strong, weak...)
		if len(ex) > examples {
			ex = ex[:examples]
		}
		f.Examples = ex
		out = append(out, f)
	}
	return out
}

func ticketAfter(tickets *Log, c int, from, to int64) bool {
	if c >= tickets.Customers() {
		return false
	}
	lo, hi := tickets.Of(c)
	i := lo + sort.Search(hi-lo, func(k int) bool { return tickets.Time[lo+k] >= from })
	return i < hi && tickets.Time[i] <= to
}

// NoStart marks a customer Within leaves out.
const NoStart = math.MinInt64

// Within keeps, of each customer c with start[c] != NoStart, the events from
// start[c] to window seconds later: the log of new customers' first days
// (start is their sign-up or first event).
func Within(l *Log, start []int64, window int64) *Log {
	out := &Log{Start: make([]int32, l.Customers()+1)}
	for c := 0; c < l.Customers(); c++ {
		lo, hi := l.Of(c)
		t0 := start[c]
		for i := lo; i < hi && t0 != NoStart; i++ {
			if l.Time[i] < t0 {
				continue
			}
			if l.Time[i]-t0 > window {
				break
			}
			out.Name = append(out.Name, l.Name[i])
			out.Time = append(out.Time, l.Time[i])
			out.Order = append(out.Order, l.Order[i])
		}
		out.Start[c+1] = int32(len(out.Name))
	}
	return out
}
