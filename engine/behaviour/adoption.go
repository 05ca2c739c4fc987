package behaviour

import (
	"math"
	"sort"
)

// Retention windows: a customer counts for retention when first seen at
// least EligibleAfter before the as-of date, and is retained when active in
// the last ActiveWithin before it.
const (
	ActiveWithin  = 30 * 86400
	EligibleAfter = 60 * 86400
	EarlyUse      = 30 * 86400 // "used early": within this long of the customer's first event
)

// Retained says, per customer, 1 when retained, 0 when not and -1 when the
// customer was seen too recently (or never) to tell. first and last are the
// customer's first and last activity (0: none).
func Retained(first, last []int64, asOf int64) []int8 {
	out := make([]int8, len(first))
	for c := range first {
		switch {
		case first[c] == 0 || first[c] > asOf-EligibleAfter:
			out[c] = -1
		case last[c] > asOf-ActiveWithin:
			out[c] = 1
		}
	}
	return out
}

// NPS categories as Adoption reads them.
const (
	NoAnswer  int8 = -1
	Detractor int8 = 0
	Passive   int8 = 1
	Promoter  int8 = 2
)

// Adopted is the adoption of one event (a feature, a page, an action).
type Adopted struct {
	Event uint32
	Users int     // customers who did it at least once
	Share float64 // of the customers with any event
	// MedianDays from a customer's first event to their first use of this one.
	MedianDays float64
	// Retention of the eligible customers who used it early (within
	// EarlyUse of their first event) and of those who did not.
	EarlyUsers, EarlyUsersRetained int
	Others, OthersRetained         int
	RetentionP                     float64 // two-proportion z-test
	// NPS (promoters − detractors, in points) of the users and the
	// non-users who answered a survey, and how many answered.
	UsersNPS, OthersNPS         float64
	UsersAnswered, OthersAnswer int
}

// Adoption measures every event name of the log. retained is from
// Retained; nps per customer is a NPS category or NoAnswer (nil: none).
// The result is ordered by users, most first, then by name id.
func Adoption(l *Log, retained []int8, nps []int8) []Adopted {
	type acc struct {
		users                int
		days                 []float64
		early, earlyRet      int
		npsN, npsPro, npsDet int
		lastCustomer         int32
	}
	by := map[uint32]*acc{}
	active := 0
	eligible, eligibleRet := 0, 0
	answered, pro, det := 0, 0, 0
	for c := 0; c < l.Customers(); c++ {
		lo, hi := l.Of(c)
		if hi == lo {
			continue
		}
		active++
		if retained[c] >= 0 {
			eligible++
			if retained[c] == 1 {
				eligibleRet++
			}
		}
		cat := NoAnswer
		if nps != nil {
			cat = nps[c]
		}
		if cat != NoAnswer {
			answered++
			pro += b2i(cat == Promoter)
			det += b2i(cat == Detractor)
		}
		t0 := l.Time[lo]
		for i := lo; i < hi; i++ {
			a := by[l.Name[i]]
			if a == nil {
				a = &acc{lastCustomer: -1}
				by[l.Name[i]] = a
			}
			if a.lastCustomer == int32(c) {
				continue // counted at this customer's first use
			}
			a.lastCustomer = int32(c)
			a.users++
			a.days = append(a.days, float64(l.Time[i]-t0)/86400)
			if retained[c] >= 0 && l.Time[i]-t0 <= EarlyUse {
				a.early++
				a.earlyRet += int(retained[c])
			}
			if cat != NoAnswer {
				a.npsN++
				a.npsPro += b2i(cat == Promoter)
				a.npsDet += b2i(cat == Detractor)
			}
		}
	}
	out := make([]Adopted, 0, len(by))
	for name, a := range by {
		ad := Adopted{Event: name, Users: a.users, Share: float64(a.users) / float64(active),
			MedianDays: Median(a.days), EarlyUsers: a.early, EarlyUsersRetained: a.earlyRet,
			Others: eligible - a.early, OthersRetained: eligibleRet - a.earlyRet,
			UsersAnswered: a.npsN, OthersAnswer: answered - a.npsN,
			UsersNPS: npsOf(a.npsPro, a.npsDet, a.npsN), OthersNPS: npsOf(pro-a.npsPro, det-a.npsDet, answered-a.npsN)}
		_, ad.RetentionP = TwoProportions(ad.EarlyUsersRetained, ad.EarlyUsers, ad.OthersRetained, ad.Others)
		out = append(out, ad)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Users != out[j].Users {
			return out[i].Users > out[j].Users
		}
		return out[i].Event < out[j].Event
	})
	return out
}

func npsOf(pro, det, n int) float64 {
	if n == 0 {
		return math.NaN()
	}
	return 100 * float64(pro-det) / float64(n)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
