package share

import (
	"math"
	"net/netip"
	"sync"
	"time"
)

// limiter is a token bucket per client: capacity perMinute tokens, refilled
// at perMinute tokens a minute. The map of buckets is bounded by maxClients.
type limiter struct {
	mu         sync.Mutex
	capacity   float64
	perSecond  float64
	maxClients int
	buckets    map[netip.Prefix]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(perMinute, maxClients int) *limiter {
	return &limiter{
		capacity:   float64(perMinute),
		perSecond:  float64(perMinute) / 60,
		maxClients: maxClients,
		buckets:    make(map[netip.Prefix]*bucket),
	}
}

// clientKey groups addresses: one bucket per IPv4 address and one per IPv6
// /64 (what a single subscriber is usually given).
func clientKey(a netip.Addr) netip.Prefix {
	a = a.Unmap()
	if a.Is4() {
		return netip.PrefixFrom(a, 32)
	}
	p, _ := a.WithZone("").Prefix(64)
	return p
}

// allow takes one token for client at now. When the bucket is empty it
// returns false and how long until a token is available.
func (l *limiter) allow(client netip.Addr, now time.Time) (bool, time.Duration) {
	key := clientKey(client)
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= l.maxClients {
			l.evict(now)
		}
		b = &bucket{tokens: l.capacity, last: now}
		l.buckets[key] = b
	}
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens = math.Min(l.capacity, b.tokens+el*l.perSecond)
		b.last = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) / l.perSecond * float64(time.Second))
	return false, wait
}

// evict makes room in the map: first it drops buckets that have refilled
// completely (they are indistinguishable from new ones), then, if the map is
// still at least 90% full, arbitrary ones (map order is random) until it is
// below 90%. Evicting a busy client only resets its bucket to full, which is
// the price of a bounded map; the 10% headroom keeps the scan amortised.
func (l *limiter) evict(now time.Time) {
	full := time.Duration(l.capacity / l.perSecond * float64(time.Second))
	for k, b := range l.buckets {
		if now.Sub(b.last) >= full {
			delete(l.buckets, k)
		}
	}
	target := l.maxClients * 9 / 10
	for k := range l.buckets {
		if len(l.buckets) <= target {
			break
		}
		delete(l.buckets, k)
	}
}

func (l *limiter) len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}
