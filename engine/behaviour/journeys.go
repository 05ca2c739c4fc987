package behaviour

import (
	"encoding/binary"
	"sort"
)

// Path is a sequence of event names and the number of sessions that
// followed it. Repeats of one event in a row count as one step.
type Path struct {
	Events   []uint32
	Sessions int
}

// PathsFrom finds the most common paths of up to steps events (the start
// included) that sessions took from their first event named start. A
// session that ends earlier gives a shorter path. limit caps the result
// (most common first, ties in first-seen order).
func PathsFrom(l *Log, sessions []int32, start uint32, steps, limit int) []Path {
	return paths(l, sessions, start, steps, limit, true)
}

// PathsTo finds the most common paths of up to steps events that led, in
// one session, to the session's first event named end (the end included).
func PathsTo(l *Log, sessions []int32, end uint32, steps, limit int) []Path {
	return paths(l, sessions, end, steps, limit, false)
}

func paths(l *Log, sessions []int32, anchor uint32, steps, limit int, forward bool) []Path {
	counts := map[string]int{}
	var order []string
	var buf []uint32
	for k := 0; k+1 < len(sessions); k++ {
		a, b := int(sessions[k]), int(sessions[k+1])
		at := -1
		for i := a; i < b; i++ {
			if l.Name[i] == anchor {
				at = i
				break
			}
		}
		if at < 0 {
			continue
		}
		buf = buf[:0]
		if forward {
			for i := at; i < b && len(buf) < steps; i++ {
				if len(buf) == 0 || buf[len(buf)-1] != l.Name[i] {
					buf = append(buf, l.Name[i])
				}
			}
		} else {
			for i := at; i >= a && len(buf) < steps; i-- {
				if len(buf) == 0 || buf[len(buf)-1] != l.Name[i] {
					buf = append(buf, l.Name[i])
				}
			}
			for x, y := 0, len(buf)-1; x < y; x, y = x+1, y-1 {
				buf[x], buf[y] = buf[y], buf[x]
			}
		}
		key := make([]byte, 4*len(buf))
		for x, v := range buf {
			binary.LittleEndian.PutUint32(key[4*x:], v)
		}
		if counts[string(key)] == 0 {
			order = append(order, string(key))
		}
		counts[string(key)]++
	}
	sort.SliceStable(order, func(i, j int) bool { return counts[order[i]] > counts[order[j]] })
	if limit > 0 && len(order) > limit {
		order = order[:limit]
	}
	out := make([]Path, len(order))
	for i, key := range order {
		ev := make([]uint32, len(key)/4)
		for x := range ev {
			ev[x] = binary.LittleEndian.Uint32([]byte(key[4*x:]))
		}
		out[i] = Path{Events: ev, Sessions: counts[key]}
	}
	return out
}
