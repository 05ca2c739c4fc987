package share

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"
)

// FuzzHandler sends arbitrary methods, paths, queries, headers and bodies
// (extra is more headers, "Name: value" lines):
// the handler must never panic, never answer 5xx, always send the security
// headers, allocate in proportion to the body actually sent and give its
// memory budget back.
func FuzzHandler(f *testing.F) {
	const knownID, knownToken = "Qk5PV05fUkVQT1JUX0lEXw", "known-token"
	f.Add("POST", "/api/reports", "ttl=3600", "application/octet-stream", "", "", []byte("ciphertext"), int64(-1))
	f.Add("POST", "/api/reports", "ttl=1e9", "application/octet-stream", "", "", []byte("x"), int64(1))
	f.Add("POST", "/api/reports", "", "application/octet-stream", "", "", bytes.Repeat([]byte("x"), 2000), int64(2000))
	f.Add("POST", "/api/reports", "", "text/plain", "", "", []byte{}, int64(0))
	f.Add("POST", "/api/reports", "", "application/octet-stream", "", "", []byte("short"), int64(1000))
	f.Add("GET", "/api/reports/"+knownID, "", "", "", "", []byte{}, int64(0))
	f.Add("DELETE", "/api/reports/"+knownID, "", "", "Bearer "+knownToken, "", []byte{}, int64(0))
	f.Add("DELETE", "/api/reports/"+knownID, "", "", "Bearer wrong", "X-Forwarded-For: 198.51.100.7, ::1\nX-Delete-Token: x", []byte{}, int64(0))
	f.Add("GET", "/api/reports/%2e%2e", "", "", "", "", []byte{}, int64(0))
	f.Add("OPTIONS", "/", "", "", "", "", []byte{}, int64(0))
	f.Add("BREW", "/api/reports/"+knownID+"/x", "a=%zz", "a/b; c", "Bearer", "X-Real-IP: garbage\nContent-Length: 5", []byte{0}, int64(99))

	f.Fuzz(func(t *testing.T, method, path, query, ctype, auth, extra string, body []byte, contentLength int64) {
		clock := newFakeClock()
		store := NewMemoryStore()
		store.Put(context.Background(), knownID, Record{
			Ciphertext: []byte("known"), DeleteTokenHash: HashToken(knownToken),
			Created: clock.Now(), Expires: clock.Now().Add(time.Hour),
		})
		h := NewHandler(store, Options{Now: clock.Now, MaxBytes: 1024, RateLimit: 1000, TrustProxy: true, Logf: t.Logf})
		// ContentLength may lie, as a client can; -1 means unknown.
		if contentLength < -1 {
			contentLength = -1
		}
		req := &http.Request{
			Method:        method,
			URL:           &url.URL{Path: path, RawQuery: query},
			Header:        http.Header{"Content-Type": {ctype}, "Authorization": {auth}},
			Body:          io.NopCloser(bytes.NewReader(body)),
			ContentLength: contentLength,
			RemoteAddr:    "192.0.2.1:1234",
		}
		for _, line := range strings.Split(extra, "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok {
				req.Header.Add(k, strings.TrimSpace(v))
			}
		}
		req = req.WithContext(context.Background())
		w := httptest.NewRecorder()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		h.ServeHTTP(w, req)
		runtime.ReadMemStats(&after)
		// Memory follows the bytes sent, never what Content-Length claims,
		// and the budget is all given back.
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 256<<10+4*uint64(len(body)) {
			t.Fatalf("%d body bytes (Content-Length %d) allocated %d bytes", len(body), contentLength, grew)
		}
		if used := h.(*handler).mem.inUse(); used != 0 {
			t.Fatalf("%d bytes of the memory budget not given back", used)
		}
		if w.Code >= 500 || w.Code < 200 {
			t.Fatalf("%q %q?%q: status %d %q", method, path, query, w.Code, w.Body.Bytes())
		}
		for k, want := range securityHeaders {
			if got := w.Header().Get(k); got != want {
				t.Fatalf("%s = %q", k, got)
			}
		}
	})
}
