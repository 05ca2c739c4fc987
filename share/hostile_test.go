package share

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// The hostile clients of issue 23, scaled down: each test fails on the
// handler that sized buffers from Content-Length and held reports for
// clients that never read.

func hsPost(h http.Handler, n int) int {
	req := httptest.NewRequest("POST", "/api/reports", bytes.NewReader(make([]byte, n)))
	req.Header.Set("Content-Type", "application/octet-stream")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w.Code
}

// hsServer runs h behind a counter of requests that reached it.
func hsServer(t *testing.T, h http.Handler) (*httptest.Server, *atomic.Int64) {
	var entered atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered.Add(1)
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &entered
}

func heapInuse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); !ok(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// Connections that send only headers announcing a 5 MiB body allocate
// nothing for it: the body is read as it arrives.
func TestHeaderOnlyUploadsHoldNothing(t *testing.T) {
	const conns = 40
	h := NewHandler(NewMemoryStore(), Options{})
	srv, entered := hsServer(t, h)
	before := heapInuse()
	for range conns {
		c, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprintf(c, "POST /api/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: %d\r\n\r\n", 5<<20)
	}
	waitFor(t, "the requests", func() bool { return entered.Load() == conns })
	time.Sleep(50 * time.Millisecond) // into readBody
	grew := int64(heapInuse()) - int64(before)
	if grew > 16<<20 {
		t.Errorf("%d header-only uploads of 5 MiB grew the heap by %d MB", conns, grew>>20)
	}
	if used := h.(*handler).mem.inUse(); used > conns*bodyChunk {
		t.Errorf("%d bytes of the budget held for bodies not sent", used)
	}
}

// Clients that GET a report and never read hold at most the memory budget
// (until the server's write timeout); the others are told to come back
// (503).
func TestSlowReadersBounded(t *testing.T) {
	const conns, size = 40, 5 << 20
	h := NewHandler(NewMemoryStore(), Options{MaxInFlight: 16 << 20})
	srv, entered := hsServer(t, h)
	resp, err := http.Post(srv.URL+"/api/reports", "application/octet-stream", bytes.NewReader(bytes.Repeat([]byte{7}, size)))
	if err != nil {
		t.Fatal(err)
	}
	var id string
	fmt.Sscanf(resp.Header.Get("Location"), "/api/reports/%s", &id)
	resp.Body.Close()
	before := heapInuse()
	var cs []net.Conn
	for range conns {
		c, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		c.(*net.TCPConn).SetReadBuffer(4096)
		defer c.Close()
		fmt.Fprintf(c, "GET /api/reports/%s HTTP/1.1\r\nHost: x\r\n\r\n", id)
		cs = append(cs, c)
	}
	waitFor(t, "the requests", func() bool { return entered.Load() == conns+1 })
	time.Sleep(100 * time.Millisecond)
	grew := int64(heapInuse()) - int64(before)
	if grew > 40<<20 {
		t.Errorf("%d clients that do not read a 5 MiB report grew the heap by %d MB", conns, grew>>20)
	}
	if used := h.(*handler).mem.inUse(); used > 16<<20 {
		t.Errorf("%d bytes held, budget 16 MiB", used)
	}
	// The ones turned away were told so.
	busy := 0
	for _, c := range cs {
		c.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
		buf := make([]byte, 64)
		n, _ := io.ReadFull(c, buf)
		if bytes.HasPrefix(buf[:n], []byte("HTTP/1.1 503")) {
			busy++
		}
	}
	if busy < conns/2 {
		t.Errorf("%d of %d answered 503, want at least %d", busy, conns, conns/2)
	}
}

// One client stores at most ClientDailyBytes a day; the store's quota and a
// full disk answer 507; nothing is kept for a refused report.
func TestQuotas(t *testing.T) {
	clock := newFakeClock()
	mem := NewMemoryStore()
	h := NewHandler(mem, Options{ClientDailyBytes: 1000, Now: clock.Now})
	for i, c := range []struct{ n, code int }{{600, 201}, {600, 507}, {400, 201}, {1, 507}} {
		if got := hsPost(h, c.n); got != c.code {
			t.Errorf("post %d of %d bytes: %d, want %d", i, c.n, got, c.code)
		}
	}
	clock.Advance(24 * time.Hour)
	if got := hsPost(h, 600); got != 201 {
		t.Errorf("the next day: %d, want 201", got)
	}
	if mem.Len() != 3 {
		t.Errorf("%d records stored, want 3", mem.Len())
	}

	full := NewHandler(&fullStore{}, Options{})
	if got := hsPost(full, 10); got != 507 {
		t.Errorf("a full disk: %d, want 507", got)
	}
}

type fullStore struct{ MemoryStore }

func (*fullStore) Put(context.Context, string, Record) error {
	return &os.PathError{Op: "write", Path: "share.db", Err: syscall.ENOSPC}
}

// mapKeys is an in-memory quotaKeys, standing in for the edge's KV.
type mapKeys struct {
	keys     map[string]bool
	failList bool
}

func (m *mapKeys) List(prefix string, limit int) ([]string, bool, error) {
	if m.failList {
		return nil, false, errors.New("KV unavailable")
	}
	var out []string
	for k := range m.keys {
		if strings.HasPrefix(k, prefix) {
			if len(out) == limit {
				return out, false, nil
			}
			out = append(out, k)
		}
	}
	return out, true, nil
}
func (m *mapKeys) Add(key string, _ time.Duration) error { m.keys[key] = true; return nil }
func (m *mapKeys) Remove(key string)                     { delete(m.keys, key) }

// The edge's quota lives in its key-value store, so it holds across fresh
// instances (a new handler per request, as on Workers); clients are told
// apart by the platform's client-address header, not by what they claim
// in X-Forwarded-For; a report the store refuses gives its bytes back.
func TestKeyQuotaAcrossInstances(t *testing.T) {
	clock := newFakeClock()
	keys := &mapKeys{keys: map[string]bool{}}
	store := NewMemoryStore()
	post := func(st Store, ip string, n int) int {
		h := NewHandler(st, Options{Now: clock.Now, ClientIPHeader: "CF-Connecting-IP",
			Quota: &keyQuota{keys: keys, perDay: 1000}})
		req := httptest.NewRequest("POST", "/api/reports", bytes.NewReader(make([]byte, n)))
		req.Header.Set("Content-Type", "application/octet-stream")
		req.Header.Set("CF-Connecting-IP", ip)
		req.Header.Set("X-Forwarded-For", "198.51.100."+strconv.Itoa(n%250))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w.Code
	}
	for i, c := range []struct {
		ip      string
		n, code int
	}{
		{"203.0.113.7", 600, 201}, {"203.0.113.7", 600, 507}, {"203.0.113.7", 400, 201}, {"203.0.113.7", 1, 507},
		{"203.0.113.8", 900, 201},          // another client
		{"2001:db8:1:2::1", 700, 201},      // an IPv6 /64 is one client
		{"2001:db8:1:2:ffff::9", 400, 507}, // … the same /64
		{"2001:db8:1:3::1", 400, 201},      // another /64
	} {
		if got := post(store, c.ip, c.n); got != c.code {
			t.Errorf("post %d (%s, %d bytes): %d, want %d", i, c.ip, c.n, got, c.code)
		}
	}
	if got := post(&fullStore{}, "203.0.113.9", 500); got != 507 {
		t.Errorf("a full store: %d, want 507", got)
	}
	if got := post(store, "203.0.113.9", 1000); got != 201 {
		t.Errorf("after a refused report its bytes are given back: %d, want 201", got)
	}
	clock.Advance(24 * time.Hour)
	if got := post(store, "203.0.113.7", 1000); got != 201 {
		t.Errorf("the next day: %d, want 201", got)
	}
	keys.failList = true
	if got := post(store, "203.0.113.10", 10); got != 500 {
		t.Errorf("quota store unavailable: %d, want 500 (not stored uncounted)", got)
	}
	if store.Len() != 7 {
		t.Errorf("%d records stored, want 7", store.Len())
	}
}

// A client may store at most maxQuotaKeys reports a day, however small.
func TestKeyQuotaCountsReports(t *testing.T) {
	keys := &mapKeys{keys: map[string]bool{}}
	q := &keyQuota{keys: keys, perDay: 1 << 40}
	client := netip.MustParsePrefix("203.0.113.7/32")
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	for i := 0; i < maxQuotaKeys; i++ {
		if _, err := q.Take(context.Background(), client, 1, now); err != nil {
			t.Fatalf("report %d: %v", i, err)
		}
	}
	if _, err := q.Take(context.Background(), client, 1, now); !errors.Is(err, ErrQuota) {
		t.Errorf("report %d: %v, want ErrQuota", maxQuotaKeys+1, err)
	}
}
