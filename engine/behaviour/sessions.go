package behaviour

// DefaultSessionGap is the inactivity after which a customer's next event
// starts a new session: 30 minutes, the convention of Google Analytics,
// Mixpanel and Amplitude.
const DefaultSessionGap = 30 * 60

// Sessions splits the log into sessions: a session is a run of one
// customer's events with no gap longer than gap seconds between
// neighbours (gap <= 0 means DefaultSessionGap). The result lists the index
// of each session's first event in the log, ascending, and ends with
// l.Len(), so session k is the events First[k] to First[k+1]-1.
func Sessions(l *Log, gap int64) []int32 {
	if gap <= 0 {
		gap = DefaultSessionGap
	}
	first := make([]int32, 0, l.Len()/4+1)
	for c := 0; c < l.Customers(); c++ {
		lo, hi := l.Of(c)
		for i := lo; i < hi; i++ {
			if i == lo || l.Time[i]-l.Time[i-1] > gap {
				first = append(first, int32(i))
			}
		}
	}
	return append(first, int32(l.Len()))
}

// SessionStats summarises sessions: how many, and the medians of their
// events and of their durations in seconds.
type SessionStats struct {
	Sessions       int
	Customers      int // with at least one session
	MedianEvents   float64
	MedianDuration float64
}

// Summarise computes SessionStats for sessions made by Sessions.
func Summarise(l *Log, first []int32) SessionStats {
	st := SessionStats{Sessions: len(first) - 1}
	events := make([]float64, 0, st.Sessions)
	durations := make([]float64, 0, st.Sessions)
	for k := 0; k+1 < len(first); k++ {
		a, b := first[k], first[k+1]
		events = append(events, float64(b-a))
		durations = append(durations, float64(l.Time[b-1]-l.Time[a]))
	}
	for c := 0; c < l.Customers(); c++ {
		if lo, hi := l.Of(c); hi > lo {
			st.Customers++
		}
	}
	st.MedianEvents = Median(events)
	st.MedianDuration = Median(durations)
	return st
}
