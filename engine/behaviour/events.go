// Package behaviour follows what customers do over time: sessions, funnels,
// onboarding friction, journeys, feature adoption and retention cohorts.
//
// Everything works on an event log in columns — per event the customer's
// index, the event name as an interned string id and the Unix time — grouped
// by customer and in time order (Group). The functions are plain and
// deterministic; the engine's adapter (engine/behaviour.go) feeds them the
// events and orders of an analysis and turns the results into the report.
package behaviour

import (
	"slices"
	"sort"
)

// Events is an event log as typed columns, one entry per event, in any order.
type Events struct {
	Customer []int32  // customer index; negative for events no customer is known for
	Name     []uint32 // event name, an id of the analysis's interned strings
	Time     []int64  // Unix seconds
}

// Append adds one event.
func (e *Events) Append(customer int32, name uint32, t int64) {
	e.Customer = append(e.Customer, customer)
	e.Name = append(e.Name, name)
	e.Time = append(e.Time, t)
}

// Len is the number of events.
func (e *Events) Len() int { return len(e.Customer) }

// Log is an event log grouped by customer, each customer's events in time
// order: customer c's events are the indexes Start[c] to Start[c+1]-1.
// Events without a customer are left out.
type Log struct {
	Name  []uint32
	Time  []int64
	Order []int32 // the index each event had in the Events it was grouped from
	Start []int32 // len customers+1
}

// Customers is the number of customers the log was grouped for.
func (l *Log) Customers() int { return len(l.Start) - 1 }

// Len is the number of events in the log.
func (l *Log) Len() int { return len(l.Name) }

// Of returns the index range of customer c's events.
func (l *Log) Of(c int) (lo, hi int) { return int(l.Start[c]), int(l.Start[c+1]) }

// Group sorts the events by customer and time. Exports are usually written
// in time order, so a stable counting sort by customer leaves each
// customer's events sorted already; only customers whose events are not
// are sorted again (by time, ties kept in input order).
func Group(e *Events, customers int) *Log {
	start := make([]int32, customers+1)
	for _, c := range e.Customer {
		if c >= 0 && int(c) < customers {
			start[c+1]++
		}
	}
	for c := 1; c <= customers; c++ {
		start[c] += start[c-1]
	}
	n := int(start[customers])
	l := &Log{Name: make([]uint32, n), Time: make([]int64, n), Order: make([]int32, n), Start: start}
	next := slices.Clone(start[:customers])
	for i, c := range e.Customer {
		if c < 0 || int(c) >= customers {
			continue
		}
		at := next[c]
		next[c]++
		l.Name[at], l.Time[at], l.Order[at] = e.Name[i], e.Time[i], int32(i)
	}
	for c := 0; c < customers; c++ {
		lo, hi := l.Of(c)
		if !sort.SliceIsSorted(l.Time[lo:hi], func(a, b int) bool { return l.Time[lo+a] < l.Time[lo+b] }) {
			l.sortRun(lo, hi)
		}
	}
	return l
}

func (l *Log) sortRun(lo, hi int) {
	idx := make([]int, hi-lo)
	for i := range idx {
		idx[i] = lo + i
	}
	sort.SliceStable(idx, func(a, b int) bool { return l.Time[idx[a]] < l.Time[idx[b]] })
	name, tm, ord := make([]uint32, len(idx)), make([]int64, len(idx)), make([]int32, len(idx))
	for k, i := range idx {
		name[k], tm[k], ord[k] = l.Name[i], l.Time[i], l.Order[i]
	}
	copy(l.Name[lo:hi], name)
	copy(l.Time[lo:hi], tm)
	copy(l.Order[lo:hi], ord)
}

// FirstTime is each customer's first event time; 0 for customers without events.
func (l *Log) FirstTime() []int64 {
	out := make([]int64, l.Customers())
	for c := range out {
		if lo, hi := l.Of(c); hi > lo {
			out[c] = l.Time[lo]
		}
	}
	return out
}
