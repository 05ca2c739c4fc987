package share

import (
	"context"
	"errors"
	"net/netip"
	"strconv"
	"strings"
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

// ErrQuota is returned by a Quota's Take when the client has stored its
// allowance for the day.
var ErrQuota = errors.New("share: daily storage quota reached")

// A Quota counts the report bytes each client stores per UTC day. The
// handler keeps one in memory by default; the edge worker, where every
// request may run in a fresh instance, keeps its counts in KV (KVQuota).
type Quota interface {
	// Take counts n bytes stored by client at now, or fails with ErrQuota
	// when that would pass the client's daily allowance (or with another
	// error when the counts cannot be read: the handler then refuses the
	// report rather than storing it uncounted). undo gives the bytes back
	// when the report is not stored after all.
	Take(ctx context.Context, client netip.Prefix, n int64, now time.Time) (undo func(), err error)
}

// dailyQuota is the in-memory Quota: it counts the bytes each client
// (clientKey) stored on the current UTC day. The table is bounded by maxClients: yesterday's entries go
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

// Take implements Quota.
func (q *dailyQuota) Take(_ context.Context, client netip.Prefix, n int64, now time.Time) (func(), error) {
	if !q.add(client, n, now) {
		return nil, ErrQuota
	}
	return func() { q.refund(client, n) }, nil
}

// add counts n bytes for client on now's day, unless that would pass the
// quota.
func (q *dailyQuota) add(key netip.Prefix, n int64, now time.Time) bool {
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
func (q *dailyQuota) refund(key netip.Prefix, n int64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if u, ok := q.used[key]; ok {
		q.used[key] = max(0, u-n)
	}
}

// keyQuota is a Quota kept in a key-value store (the edge worker's KV):
// one key per stored report, "quota:<UTC day>:<client>:<bytes>:<nonce>",
// so a client's day is summed from one listing of its prefix, without
// read-modify-write on a shared counter (which KV neither makes atomic nor
// allows more than once a second per key). Keys outlive their day by one,
// so a listing never misses one. KV listings are eventually consistent (up
// to about a minute between locations): a burst from one client can pass
// the allowance by what it stores before its keys show. A client is also
// held to maxQuotaKeys reports a day, one listing page.
type keyQuota struct {
	keys   quotaKeys
	perDay int64
}

// quotaKeys is what keyQuota needs of a key-value store.
type quotaKeys interface {
	// List returns up to limit keys under prefix, and whether that was all.
	List(prefix string, limit int) (keys []string, complete bool, err error)
	Add(key string, ttl time.Duration) error
	Remove(key string)
}

const maxQuotaKeys = 1000

// Take implements Quota.
func (q *keyQuota) Take(ctx context.Context, client netip.Prefix, n int64, now time.Time) (func(), error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	prefix := "quota:" + strconv.FormatInt(now.UTC().Unix()/86400, 10) + ":" + client.String() + ":"
	keys, complete, err := q.keys.List(prefix, maxQuotaKeys)
	if err != nil {
		return nil, err
	}
	var used int64
	for _, k := range keys {
		size, _, _ := strings.Cut(strings.TrimPrefix(k, prefix), ":")
		if v, err := strconv.ParseInt(size, 10, 64); err == nil && v > 0 {
			used += v
		}
	}
	if !complete || len(keys) >= maxQuotaKeys || used+n > q.perDay {
		return nil, ErrQuota
	}
	key := prefix + strconv.FormatInt(n, 10) + ":" + randomString(8)
	if err := q.keys.Add(key, 48*time.Hour); err != nil {
		return nil, err
	}
	return func() { q.keys.Remove(key) }, nil
}
