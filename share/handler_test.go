package share

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The table below runs against every deployment of the API: the handler over
// the memory store, over the bbolt store (bolt_test.go), and — when
// QALB_SHARE_URL is set — a running server such as `wrangler dev`
// (scripts/edge-test.sh). Cases that need a fake clock or a rate limiter
// skip remotely and say why.

// fakeClock is a settable clock for Options.Now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2030, 1, 2, 3, 4, 5, 600, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// env is one deployment under test.
type env struct {
	url      string // base URL, no trailing slash
	client   *http.Client
	clock    *fakeClock // nil: remote, real time
	store    Store      // nil: remote
	maxBytes int64
	minTTL   time.Duration
	maxTTL   time.Duration
	defTTL   time.Duration
}

func (e *env) remote() bool { return e.clock == nil }

func (e *env) now() time.Time {
	if e.clock != nil {
		return e.clock.Now()
	}
	return time.Now()
}

// storeFactory makes a fresh empty store for one case.
type storeFactory func(t *testing.T) Store

// newLocalEnv serves NewHandler(store, opts) on a loopback test server.
func newLocalEnv(t *testing.T, mk storeFactory, tweak func(*Options)) *env {
	t.Helper()
	clock := newFakeClock()
	store := mk(t)
	opts := Options{Now: clock.Now, Logf: t.Logf}
	if tweak != nil {
		tweak(&opts)
	}
	srv := httptest.NewServer(NewHandler(store, opts))
	t.Cleanup(srv.Close)
	return &env{
		url: srv.URL, client: srv.Client(), clock: clock, store: store,
		maxBytes: DefaultMaxBytes, minTTL: DefaultMinTTL, maxTTL: DefaultMaxTTL, defTTL: DefaultDefaultTTL,
	}
}

// remoteEnv describes the server at QALB_SHARE_URL, or skips.
func remoteEnv(t *testing.T) *env {
	t.Helper()
	u := strings.TrimRight(os.Getenv("QALB_SHARE_URL"), "/")
	if u == "" {
		t.Skip("QALB_SHARE_URL is not set: point it at a running share API " +
			"(scripts/edge-test.sh starts wrangler dev and sets it) to run this table remotely")
	}
	minTTL := DefaultMinTTL
	if s := os.Getenv("QALB_SHARE_MIN_TTL"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("QALB_SHARE_MIN_TTL=%q: %v", s, err)
		}
		minTTL = time.Duration(n) * time.Second
	}
	return &env{
		url: u, client: &http.Client{Timeout: 60 * time.Second},
		maxBytes: DefaultMaxBytes, minTTL: minTTL, maxTTL: DefaultMaxTTL, defTTL: DefaultDefaultTTL,
	}
}

type response struct {
	code   int
	header http.Header
	body   []byte
}

func (r *response) errorMessage(t *testing.T) string {
	t.Helper()
	var v struct {
		Error string `json:"error"`
	}
	if err := json.Unmarshal(r.body, &v); err != nil || v.Error == "" {
		t.Errorf("error body %q is not {\"error\":…}: %v", r.body, err)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("error Content-Type = %q, want application/json", ct)
	}
	return v.Error
}

var securityHeaders = map[string]string{
	"X-Content-Type-Options":       "nosniff",
	"Referrer-Policy":              "no-referrer",
	"Cache-Control":                "no-store",
	"Content-Security-Policy":      "default-src 'none'; frame-ancestors 'none'",
	"Cross-Origin-Resource-Policy": "same-origin",
}

// checkHeaders asserts the headers every response must carry, and no CORS.
func checkHeaders(t *testing.T, what string, h http.Header) {
	t.Helper()
	for k, want := range securityHeaders {
		if got := h.Get(k); got != want {
			t.Errorf("%s: %s = %q, want %q", what, k, got, want)
		}
	}
	for k := range h {
		if strings.HasPrefix(strings.ToLower(k), "access-control-") {
			t.Errorf("%s: unexpected CORS header %s", what, k)
		}
	}
}

// do sends a request and checks the security headers on the answer.
func (e *env) do(t *testing.T, method, path string, body io.Reader, hdr map[string]string) *response {
	t.Helper()
	var payload []byte
	if body != nil {
		var err error
		if payload, err = io.ReadAll(body); err != nil {
			t.Fatal(err)
		}
	}
	for attempt := 0; ; attempt++ {
		var rd io.Reader
		if body != nil {
			rd = bytes.NewReader(payload)
		}
		req, err := http.NewRequest(method, e.url+path, rd)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		res, err := e.client.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		b, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			t.Fatalf("%s %s: reading body: %v", method, path, err)
		}
		// Local workerd (wrangler dev) now and then recycles the worker
		// under a request and answers 503 itself, before our code runs:
		// that is the test bed's, not the handler's, so try again.
		if res.StatusCode == http.StatusServiceUnavailable && bytes.Contains(b, []byte("worker restarted mid-request")) && attempt < 3 {
			t.Logf("%s %s: wrangler dev restarted the worker; retrying", method, path)
			continue
		}
		checkHeaders(t, method+" "+path, res.Header)
		return &response{code: res.StatusCode, header: res.Header, body: b}
	}
}

type created struct {
	ID          string `json:"id"`
	DeleteToken string `json:"deleteToken"`
	Expires     string `json:"expires"`
}

var octet = map[string]string{"Content-Type": "application/octet-stream"}

// post uploads body with the query string q ("" or "?ttl=…").
func (e *env) post(t *testing.T, q string, body []byte) (*response, created) {
	t.Helper()
	r := e.do(t, "POST", ReportsPath+q, bytes.NewReader(body), octet)
	var c created
	if r.code == http.StatusCreated {
		if err := json.Unmarshal(r.body, &c); err != nil {
			t.Fatalf("POST reply %q: %v", r.body, err)
		}
	}
	return r, c
}

// mustPost uploads body and checks the 201 reply's shape.
func (e *env) mustPost(t *testing.T, q string, body []byte) created {
	t.Helper()
	before := e.now()
	r, c := e.post(t, q, body)
	if r.code != http.StatusCreated {
		t.Fatalf("POST %s: %d %s", q, r.code, r.body)
	}
	if !validID(c.ID) {
		t.Errorf("id %q is not 22 base64url characters", c.ID)
	}
	if len(c.DeleteToken) != 43 {
		t.Errorf("deleteToken %q is not 43 characters", c.DeleteToken)
	}
	if loc := r.header.Get("Location"); loc != ReportsPath+"/"+c.ID {
		t.Errorf("Location = %q", loc)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("POST Content-Type = %q", ct)
	}
	exp, err := time.Parse(time.RFC3339, c.Expires)
	if err != nil {
		t.Fatalf("expires %q: %v", c.Expires, err)
	}
	ttl := e.defTTL
	if v := strings.TrimPrefix(q, "?ttl="); v != q {
		n, _ := strconv.Atoi(v)
		ttl = time.Duration(n) * time.Second
	}
	want := before.Add(ttl)
	slack := time.Second
	if e.remote() {
		slack = time.Minute // clocks of two processes
	}
	if d := exp.Sub(want); d > slack || d < -slack {
		t.Errorf("expires = %s, want about %s", exp, want.UTC().Format(time.RFC3339))
	}
	return c
}

func (e *env) get(t *testing.T, id string) *response {
	t.Helper()
	return e.do(t, "GET", ReportsPath+"/"+id, nil, nil)
}

func (e *env) mustGet(t *testing.T, id string, want []byte) {
	t.Helper()
	r := e.get(t, id)
	if r.code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", id, r.code, r.body)
	}
	if !bytes.Equal(r.body, want) {
		t.Fatalf("GET %s: got %d bytes, want %d (content differs)", id, len(r.body), len(want))
	}
	if ct := r.header.Get("Content-Type"); ct != "application/octet-stream" {
		t.Errorf("GET Content-Type = %q", ct)
	}
	if _, err := time.Parse(time.RFC3339, r.header.Get("X-Report-Expires")); err != nil {
		t.Errorf("X-Report-Expires: %v", err)
	}
}

func (e *env) del(t *testing.T, id string, hdr map[string]string) *response {
	t.Helper()
	return e.do(t, "DELETE", ReportsPath+"/"+id, nil, hdr)
}

func bearer(tok string) map[string]string { return map[string]string{"Authorization": "Bearer " + tok} }

func expectCode(t *testing.T, what string, r *response, want int) {
	t.Helper()
	if r.code != want {
		t.Errorf("%s: status %d, want %d (body %q)", what, r.code, want, truncate(r.body))
		return
	}
	if want >= 400 {
		r.errorMessage(t)
	}
}

func truncate(b []byte) []byte {
	if len(b) > 200 {
		return b[:200]
	}
	return b
}

func randomBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// A well-formed id that was never issued.
const unknownID = "AAAAAAAAAAAAAAAAAAAAAA"

type handlerCase struct {
	name string
	// local is a reason to skip the case against a remote server (it needs
	// the fake clock or a handler with particular options); "" runs it.
	local string
	run   func(t *testing.T, e *env)
}

var handlerCases = []handlerCase{
	{name: "post_get_delete", run: func(t *testing.T, e *env) {
		rnd := rand.New(rand.NewPCG(1, 2))
		body := randomBytes(rnd, 10000)
		c := e.mustPost(t, "", body)
		e.mustGet(t, c.ID, body)
		e.mustGet(t, c.ID, body) // reads do not consume
		expectCode(t, "DELETE", e.del(t, c.ID, bearer(c.DeleteToken)), http.StatusNoContent)
		expectCode(t, "GET after DELETE", e.get(t, c.ID), http.StatusNotFound)
		expectCode(t, "DELETE again", e.del(t, c.ID, bearer(c.DeleteToken)), http.StatusNotFound)
	}},
	{name: "delete_token_header", run: func(t *testing.T, e *env) {
		c := e.mustPost(t, "", []byte("x"))
		expectCode(t, "DELETE", e.del(t, c.ID, map[string]string{"X-Delete-Token": c.DeleteToken}), http.StatusNoContent)
		expectCode(t, "GET", e.get(t, c.ID), http.StatusNotFound)
	}},
	{name: "wrong_or_missing_token", run: func(t *testing.T, e *env) {
		body := []byte("secret ciphertext")
		c := e.mustPost(t, "", body)
		other := e.mustPost(t, "", []byte("other"))
		expectCode(t, "wrong token", e.del(t, c.ID, bearer(other.DeleteToken)), http.StatusForbidden)
		expectCode(t, "garbage token", e.del(t, c.ID, bearer(strings.Repeat("z", 5000))), http.StatusForbidden)
		expectCode(t, "token of another scheme", e.del(t, c.ID, map[string]string{"Authorization": "Basic " + c.DeleteToken}), http.StatusUnauthorized)
		expectCode(t, "no token", e.del(t, c.ID, nil), http.StatusUnauthorized)
		e.mustGet(t, c.ID, body)
		expectCode(t, "DELETE unknown", e.del(t, unknownID, bearer(c.DeleteToken)), http.StatusNotFound)
		expectCode(t, "DELETE right token", e.del(t, c.ID, bearer(c.DeleteToken)), http.StatusNoContent)
	}},
	{name: "ttl", run: func(t *testing.T, e *env) {
		secs := func(d time.Duration) string { return strconv.Itoa(int(d / time.Second)) }
		for _, q := range []string{"?ttl=" + secs(e.minTTL), "?ttl=" + secs(e.maxTTL), "?ttl=86400"} {
			e.mustPost(t, q, []byte("ttl"))
		}
		for _, v := range []string{secs(e.minTTL - time.Second), secs(e.maxTTL + time.Second), "0", "-3600",
			"abc", "3600.5", "1e4", "", "+3600", "99999999999999999999", " 3600"} {
			r, _ := e.post(t, "?ttl="+url.QueryEscape(v), []byte("ttl"))
			expectCode(t, "ttl="+v, r, http.StatusBadRequest)
		}
	}},
	{name: "binary_safe", run: func(t *testing.T, e *env) {
		all := make([]byte, 0, 1024)
		for i := range 1024 {
			all = append(all, byte(i))
		}
		for _, body := range [][]byte{all, {0}, []byte("<null>"), []byte(kvPrefix), []byte("null"),
			[]byte("\xff\xfe\x00\x00"), []byte("\r\n\r\n")} {
			c := e.mustPost(t, "", body)
			e.mustGet(t, c.ID, body)
		}
	}},
	{name: "too_large", run: func(t *testing.T, e *env) {
		rnd := rand.New(rand.NewPCG(3, 4))
		big := randomBytes(rnd, int(e.maxBytes))
		c := e.mustPost(t, "", big)
		e.mustGet(t, c.ID, big)
		over := append(big, 1)
		r, _ := e.post(t, "", over)
		expectCode(t, "MaxBytes+1 with Content-Length", r, http.StatusRequestEntityTooLarge)
		// Without a Content-Length (chunked), the limit is met while reading.
		r = e.do(t, "POST", ReportsPath, io.MultiReader(bytes.NewReader(over)), octet)
		expectCode(t, "MaxBytes+1 chunked", r, http.StatusRequestEntityTooLarge)
	}},
	{name: "bad_posts", run: func(t *testing.T, e *env) {
		r, _ := e.post(t, "", nil)
		expectCode(t, "empty body", r, http.StatusBadRequest)
		for _, ct := range []string{"", "text/plain", "application/json", "application/octet-stream;;", "multipart/form-data; boundary=x"} {
			r := e.do(t, "POST", ReportsPath, strings.NewReader("data"), map[string]string{"Content-Type": ct})
			expectCode(t, "Content-Type "+ct, r, http.StatusBadRequest)
		}
		r = e.do(t, "POST", ReportsPath, strings.NewReader("data"), map[string]string{"Content-Type": "Application/Octet-Stream; charset=binary"})
		expectCode(t, "Content-Type with parameters", r, http.StatusCreated)
	}},
	{name: "ids", run: func(t *testing.T, e *env) {
		for _, id := range []string{"abc", unknownID + "A", unknownID[:21], "AAAAAAAAAAAAAAAAAAAA*A",
			"AAAAAAAAAAAAAAAAAAAAAB", // non-canonical: the last character carries stray bits
			"AAAAAAAAAAAAAAAAAAAA+A", "AAAAAAAAAAAAAAAAAAAAA=", "%00AAAAAAAAAAAAAAAAAAA"} {
			expectCode(t, "GET "+id, e.get(t, id), http.StatusBadRequest)
			expectCode(t, "DELETE "+id, e.del(t, id, bearer("x")), http.StatusBadRequest)
		}
		expectCode(t, "GET unknown", e.get(t, unknownID), http.StatusNotFound)
		expectCode(t, "DELETE unknown", e.del(t, unknownID, bearer("x")), http.StatusNotFound)
	}},
	{name: "routing", run: func(t *testing.T, e *env) {
		c := e.mustPost(t, "", []byte("r"))
		for _, tc := range []struct {
			method, path string
			code         int
			allow        string
		}{
			{"GET", "/api/", 404, ""},
			{"GET", "/api/nothing", 404, ""},
			{"POST", "/api/report", 404, ""},
			{"GET", "/api/reports/", 404, ""},
			{"GET", "/api/reports/" + c.ID + "/", 404, ""},
			{"GET", "/api/reports/" + c.ID + "/x", 404, ""},
			{"GET", ReportsPath, 405, "POST"},
			{"PUT", ReportsPath, 405, "POST"},
			{"OPTIONS", ReportsPath, 405, "POST"},
			{"PUT", "/api/reports/" + c.ID, 405, "GET, DELETE"},
			{"POST", "/api/reports/" + c.ID, 405, "GET, DELETE"},
			{"PATCH", "/api/reports/" + c.ID, 405, "GET, DELETE"},
		} {
			r := e.do(t, tc.method, tc.path, nil, map[string]string{"Origin": "https://evil.example"})
			expectCode(t, tc.method+" "+tc.path, r, tc.code)
			if tc.allow != "" && r.header.Get("Allow") != tc.allow {
				t.Errorf("%s %s: Allow = %q, want %q", tc.method, tc.path, r.header.Get("Allow"), tc.allow)
			}
		}
	}},
	{name: "expiry", local: "needs the fake clock (TestRemoteExpiry covers real time)", run: func(t *testing.T, e *env) {
		body := []byte("short-lived")
		c := e.mustPost(t, "?ttl=3600", body)
		kept := e.mustPost(t, "?ttl=7200", body)
		e.clock.Advance(3599 * time.Second)
		e.mustGet(t, c.ID, body)
		e.clock.Advance(time.Second)
		expectCode(t, "GET at expiry", e.get(t, c.ID), http.StatusNotFound)
		if _, err := e.store.Get(context.Background(), c.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("expired record still in store after GET: %v", err)
		}
		e.mustGet(t, kept.ID, body)
		e.clock.Advance(3600 * time.Second)
		expectCode(t, "DELETE after expiry", e.del(t, kept.ID, bearer(kept.DeleteToken)), http.StatusNotFound)
		if _, err := e.store.Get(context.Background(), kept.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("expired record still in store after DELETE: %v", err)
		}
	}},
	{name: "default_ttl", local: "needs the fake clock", run: func(t *testing.T, e *env) {
		c := e.mustPost(t, "", []byte("d"))
		e.clock.Advance(DefaultDefaultTTL - time.Second)
		e.mustGet(t, c.ID, []byte("d"))
		e.clock.Advance(time.Second)
		expectCode(t, "GET after default ttl", e.get(t, c.ID), http.StatusNotFound)
	}},
}

// rateLimitCase needs a handler with RateLimit set, so it builds its own.
func runRateLimit(t *testing.T, mk storeFactory) {
	e := newLocalEnv(t, mk, func(o *Options) { o.RateLimit = 5; o.TrustProxy = true })
	from := func(ip string) map[string]string { return map[string]string{"X-Forwarded-For": "203.0.113.9, " + ip} }
	for i := range 5 {
		expectCode(t, fmt.Sprint("request ", i), e.do(t, "GET", "/api/reports/"+unknownID, nil, from("198.51.100.1")), http.StatusNotFound)
	}
	r := e.do(t, "POST", ReportsPath, strings.NewReader("x"), map[string]string{"Content-Type": "application/octet-stream", "X-Forwarded-For": "198.51.100.1"})
	expectCode(t, "6th request", r, http.StatusTooManyRequests)
	if ra, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || ra < 1 || ra > 12 {
		t.Errorf("Retry-After = %q, want 1..12 s", r.header.Get("Retry-After"))
	}
	// Another client has its own bucket; IPv6 clients share one per /64.
	expectCode(t, "other client", e.do(t, "GET", "/api/reports/"+unknownID, nil, from("198.51.100.2")), http.StatusNotFound)
	for i := range 5 {
		expectCode(t, "v6", e.do(t, "GET", "/api/reports/"+unknownID, nil, from(fmt.Sprintf("2001:db8::%x", i+1))), http.StatusNotFound)
	}
	expectCode(t, "v6 same /64", e.do(t, "GET", "/api/reports/"+unknownID, nil, from("2001:db8::ffff")), http.StatusTooManyRequests)
	// Refill: 5 a minute is one every 12 s.
	e.clock.Advance(12 * time.Second)
	expectCode(t, "after refill", e.do(t, "GET", "/api/reports/"+unknownID, nil, from("198.51.100.1")), http.StatusNotFound)
	expectCode(t, "refill is one token", e.do(t, "GET", "/api/reports/"+unknownID, nil, from("198.51.100.1")), http.StatusTooManyRequests)

	// Without TrustProxy the header is ignored: everything here is 127.0.0.1.
	e2 := newLocalEnv(t, mk, func(o *Options) { o.RateLimit = 2 })
	for i := range 2 {
		expectCode(t, "direct", e2.do(t, "GET", "/api/reports/"+unknownID, nil, from(fmt.Sprint("192.0.2.", i))), http.StatusNotFound)
	}
	expectCode(t, "spoofed XFF ignored", e2.do(t, "GET", "/api/reports/"+unknownID, nil, from("192.0.2.99")), http.StatusTooManyRequests)
}

func runHandlerTable(t *testing.T, mk storeFactory) {
	for _, tc := range handlerCases {
		t.Run(tc.name, func(t *testing.T) {
			tc.run(t, newLocalEnv(t, mk, nil))
		})
	}
	t.Run("rate_limit", func(t *testing.T) { runRateLimit(t, mk) })
}

func TestHandlerMemory(t *testing.T) {
	runHandlerTable(t, func(*testing.T) Store { return NewMemoryStore() })
}

// TestRemote runs the table against QALB_SHARE_URL (e.g. wrangler dev).
func TestRemote(t *testing.T) {
	e := remoteEnv(t)
	for _, tc := range handlerCases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.local != "" {
				t.Skip("local only: " + tc.local)
			}
			tc.run(t, e)
		})
	}
	t.Run("rate_limit", func(t *testing.T) {
		t.Skip("local only: the edge worker runs without a rate limiter (a fresh Go instance per request keeps no buckets)")
	})
}

// TestRemoteExpiry checks against QALB_SHARE_URL that a report posted with
// the smallest ttl the server allows is readable, then gone once it has
// expired. It waits out that ttl (60 s when the edge worker runs with
// SHARE_MIN_TTL_SECONDS=60, KV's minimum), so it also needs
// QALB_SHARE_EXPIRY=1.
func TestRemoteExpiry(t *testing.T) {
	t.Parallel() // mostly waiting: overlap it with the table
	e := remoteEnv(t)
	if os.Getenv("QALB_SHARE_EXPIRY") != "1" {
		t.Skip("QALB_SHARE_EXPIRY is not 1: this test waits out the server's minimum ttl")
	}
	if e.minTTL > 2*time.Minute {
		t.Skipf("minimum ttl %s is too long to wait for; start the server with a minimum of 60 s "+
			"(SHARE_MIN_TTL_SECONDS=60) and set QALB_SHARE_MIN_TTL=60", e.minTTL)
	}
	body := []byte("expires soon")
	q := "?ttl=" + strconv.Itoa(int(e.minTTL/time.Second))
	c := e.mustPost(t, q, body)
	long := e.mustPost(t, "?ttl=3600", body)
	e.mustGet(t, c.ID, body)
	exp, _ := time.Parse(time.RFC3339, c.Expires)
	wait := time.Until(exp) + 2*time.Second
	t.Logf("waiting %s for %s to expire at %s", wait.Round(time.Second), c.ID, c.Expires)
	time.Sleep(wait)
	expectCode(t, "GET after expiry", e.get(t, c.ID), http.StatusNotFound)
	expectCode(t, "DELETE after expiry", e.del(t, c.ID, bearer(c.DeleteToken)), http.StatusNotFound)
	e.mustGet(t, long.ID, body)
	expectCode(t, "DELETE", e.del(t, long.ID, bearer(long.DeleteToken)), http.StatusNoContent)
}

func TestLimiterBounded(t *testing.T) {
	l := newLimiter(10, 100)
	now := time.Unix(0, 0)
	for i := range 5000 {
		ip := netipFrom4(byte(i>>16), byte(i>>8), byte(i))
		if ok, _ := l.allow(ip, now); !ok {
			t.Fatalf("fresh client %v refused", ip)
		}
		if n := l.len(); n > 100 {
			t.Fatalf("limiter holds %d clients, max 100", n)
		}
	}
	// Idle buckets (full again) are dropped first.
	later := now.Add(time.Hour)
	l.allow(netipFrom4(9, 9, 9), later)
	if n := l.len(); n != 1 {
		t.Errorf("after an hour, %d buckets remain, want 1", n)
	}
}
