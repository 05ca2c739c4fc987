package share

import (
	"net/netip"
	"sync"
	"time"
)

// memBudget bounds the report bytes the handler holds at once: bodies being
// received and reports being sent. A request that would go past it is
// answered 503 at once rather than queued, so clients that never read, or
// that send headers and then trickle, cannot pin more than the budget.
type memBudget struct {
	mu   sync.Mutex
	used int64
	max  int64
}

func (b *memBudget) take(n int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.used+n > b.max {
		return false
	}
	b.used += n
	return true
}

func (b *memBudget) give(n int64) {
	b.mu.Lock()
	b.used -= n
	b.mu.Unlock()
}

func (b *memBudget) inUse() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.used
}

// dailyQuota counts the bytes each client (clientKey) stored on the current
// UTC day. The table is bounded by maxClients: yesterday's entries go
// first, then arbitrary ones (which only forgives those clients).
type dailyQuota struct {
	mu         sync.Mutex
	perDay     int64
	maxClients int
	day        int64
	used       map[netip.Prefix]int64
}

func newDailyQuota(perDay int64, maxClients int) *dailyQuota {
	return &dailyQuota{perDay: perDay, maxClients: maxClients, used: map[netip.Prefix]int64{}}
}

// add counts n bytes for client on now's day, unless that would pass the
// quota.
func (q *dailyQuota) add(client netip.Addr, n int64, now time.Time) bool {
	key := clientKey(client)
	day := now.UTC().Unix() / 86400
	q.mu.Lock()
	defer q.mu.Unlock()
	if day != q.day {
		clear(q.used)
		q.day = day
	}
	u, ok := q.used[key]
	if u+n > q.perDay {
		return false
	}
	if !ok && len(q.used) >= q.maxClients {
		for k := range q.used {
			delete(q.used, k)
			if len(q.used) < q.maxClients*9/10 {
				break
			}
		}
	}
	q.used[key] = u + n
	return true
}

// refund gives back bytes counted for a report that was not stored.
func (q *dailyQuota) refund(client netip.Addr, n int64) {
	key := clientKey(client)
	q.mu.Lock()
	defer q.mu.Unlock()
	if u, ok := q.used[key]; ok {
		q.used[key] = max(0, u-n)
	}
}
