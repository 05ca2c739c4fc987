package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// testSite writes a small built site into a temporary directory.
func testSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"index.html":                  "<!doctype html><title>Qalb</title>",
		"worker.js":                   "importScripts('wasm_exec.js');",
		"worker.js.br":                "BR-worker",
		"worker.js.gz":                "GZ-worker",
		"app.mjs":                     "export {};",
		"engine.0123456789ab.wasm":    "\x00asm\x01\x00\x00\x00",
		"engine.0123456789ab.wasm.br": "BR-wasm",
		"plain.wasm":                  "\x00asm\x01\x00\x00\x00",
		"demo/index.json":             `{"files":[]}`,
		"demo/orders.csv":             "a,b\n1,2\n",
		"fonts/plex-400.woff2":        "wOF2",
		"fonts/plex-400.woff2.br":     "never served: fonts are not compressible",
		"img/logo.svg":                "<svg xmlns='http://www.w3.org/2000/svg'/>",
		"style.css":                   "body{}",
		"docs/index.html":             "<!doctype html><title>docs</title>",
		"_headers":                    "/*\n  X-Test: 1\n",
		".secret":                     "hidden",
		"range.txt":                   "0123456789",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func testHandler(t *testing.T, api http.Handler) (*siteHandler, string) {
	t.Helper()
	dir := testSite(t)
	h, err := newSiteHandler(dir, serveOptions{API: api})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h, dir
}

type result struct {
	code int
	hd   http.Header
	body string
}

func do(h http.Handler, method, target string, header map[string]string) result {
	req := httptest.NewRequest(method, "http://qalb.test/", nil)
	req.URL.Path = target // set raw, so "..", "%2e" etc. reach the handler as a client could send them
	req.RequestURI = target
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	b, _ := io.ReadAll(rec.Result().Body)
	return result{rec.Code, rec.Result().Header, string(b)}
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	h, _ := testHandler(t, nil)
	for _, p := range []string{"/", "/index.html", "/worker.js", "/r/abc", "/missing.js", "/../x", "/api/reports"} {
		r := do(h, "GET", p, nil)
		want := map[string]string{
			"Content-Security-Policy":      ContentSecurityPolicy,
			"X-Content-Type-Options":       "nosniff",
			"Referrer-Policy":              "no-referrer",
			"Cross-Origin-Opener-Policy":   "same-origin",
			"Cross-Origin-Resource-Policy": "same-origin",
			"Permissions-Policy":           PermissionsPolicy,
		}
		for k, v := range want {
			if got := r.hd.Get(k); got != v {
				t.Errorf("%s: %s = %q, want %q", p, k, got, v)
			}
		}
		for _, feat := range []string{"camera=()", "microphone=()", "geolocation=()"} {
			if !strings.Contains(r.hd.Get("Permissions-Policy"), feat) {
				t.Errorf("%s: Permissions-Policy lacks %s", p, feat)
			}
		}
	}
	csp := ContentSecurityPolicy
	for _, d := range []string{"default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "connect-src 'self'",
		"object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'", "worker-src 'self' blob:"} {
		if !strings.Contains(csp, d) {
			t.Errorf("CSP lacks %q", d)
		}
	}
	if strings.Contains(csp, "unsafe-eval'") && !strings.Contains(csp, "wasm-unsafe-eval") || strings.Contains(csp, "'unsafe-inline'") {
		t.Errorf("CSP allows eval or inline code: %s", csp)
	}
}

func TestMIMETypes(t *testing.T) {
	h, _ := testHandler(t, nil)
	cases := map[string]string{
		"/":                         "text/html; charset=utf-8",
		"/worker.js":                "text/javascript; charset=utf-8",
		"/app.mjs":                  "text/javascript; charset=utf-8",
		"/plain.wasm":               "application/wasm",
		"/engine.0123456789ab.wasm": "application/wasm",
		"/demo/index.json":          "application/json",
		"/demo/orders.csv":          "text/csv; charset=utf-8",
		"/fonts/plex-400.woff2":     "font/woff2",
		"/img/logo.svg":             "image/svg+xml",
		"/style.css":                "text/css; charset=utf-8",
	}
	for p, want := range cases {
		r := do(h, "GET", p, nil)
		if r.code != 200 {
			t.Errorf("%s: status %d", p, r.code)
		}
		if got := r.hd.Get("Content-Type"); got != want {
			t.Errorf("%s: Content-Type %q, want %q", p, got, want)
		}
	}
}

func TestPrecompressed(t *testing.T) {
	h, _ := testHandler(t, nil)
	cases := []struct {
		path, ae, enc, body string
	}{
		{"/worker.js", "gzip, deflate, br, zstd", "br", "BR-worker"},
		{"/worker.js", "gzip", "gzip", "GZ-worker"},
		{"/worker.js", "br;q=0, gzip;q=0.5", "gzip", "GZ-worker"},
		{"/worker.js", "*", "br", "BR-worker"},
		{"/worker.js", "br;q=0, *;q=0.1", "gzip", "GZ-worker"},
		{"/worker.js", "", "", "importScripts('wasm_exec.js');"},
		{"/worker.js", "identity", "", "importScripts('wasm_exec.js');"},
		{"/engine.0123456789ab.wasm", "gzip, br", "br", "BR-wasm"},
		{"/engine.0123456789ab.wasm", "gzip", "", "\x00asm\x01\x00\x00\x00"}, // no .gz sibling
		{"/plain.wasm", "br", "", "\x00asm\x01\x00\x00\x00"},
		{"/fonts/plex-400.woff2", "br", "", "wOF2"}, // already compressed: siblings ignored
	}
	for _, c := range cases {
		r := do(h, "GET", c.path, map[string]string{"Accept-Encoding": c.ae})
		if r.code != 200 {
			t.Errorf("%s %q: status %d", c.path, c.ae, r.code)
			continue
		}
		if got := r.hd.Get("Content-Encoding"); got != c.enc {
			t.Errorf("%s %q: Content-Encoding %q, want %q", c.path, c.ae, got, c.enc)
		}
		if r.body != c.body {
			t.Errorf("%s %q: body %q, want %q", c.path, c.ae, r.body, c.body)
		}
		wantType := contentType(c.path)
		if got := r.hd.Get("Content-Type"); got != wantType {
			t.Errorf("%s %q: Content-Type %q, want %q", c.path, c.ae, got, wantType)
		}
		if compressible(wantType) && r.hd.Get("Vary") != "Accept-Encoding" {
			t.Errorf("%s %q: Vary %q", c.path, c.ae, r.hd.Get("Vary"))
		}
	}
	// The encodings have different ETags, so a cache never mixes them up.
	a := do(h, "GET", "/worker.js", map[string]string{"Accept-Encoding": "br"}).hd.Get("ETag")
	b := do(h, "GET", "/worker.js", map[string]string{"Accept-Encoding": "gzip"}).hd.Get("ETag")
	c := do(h, "GET", "/worker.js", nil).hd.Get("ETag")
	if a == "" || a == b || b == c || a == c {
		t.Errorf("ETags not distinct per encoding: %q %q %q", a, b, c)
	}
	// Revalidation answers 304.
	r := do(h, "GET", "/worker.js", map[string]string{"Accept-Encoding": "br", "If-None-Match": a})
	if r.code != http.StatusNotModified {
		t.Errorf("If-None-Match: status %d, want 304", r.code)
	}
}

func TestCacheControl(t *testing.T) {
	h, _ := testHandler(t, nil)
	cases := map[string]string{
		"/":                         "no-cache",
		"/index.html":               "no-cache",
		"/r/abc":                    "no-cache",
		"/worker.js":                "no-cache",
		"/engine.0123456789ab.wasm": "public, max-age=31536000, immutable",
		"/plain.wasm":               "no-cache",
	}
	for p, want := range cases {
		if got := do(h, "GET", p, nil).hd.Get("Cache-Control"); got != want {
			t.Errorf("%s: Cache-Control %q, want %q", p, got, want)
		}
	}
}

func TestSPAFallback(t *testing.T) {
	h, _ := testHandler(t, nil)
	for _, p := range []string{"/r/AbC-123_xyz", "/r/AAAAAAAAAAAAAAAAAAAAAA", "/customers", "/customers/42", "/segments/"} {
		r := do(h, "GET", p, nil)
		if r.code != 200 || !strings.Contains(r.body, "<title>Qalb</title>") {
			t.Errorf("%s: %d %q, want index.html", p, r.code, r.body)
		}
		if r.hd.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("%s: Content-Type %q", p, r.hd.Get("Content-Type"))
		}
	}
	if r := do(h, "GET", "/docs/", nil); !strings.Contains(r.body, "<title>docs</title>") {
		t.Errorf("/docs/: %q, want the directory's index.html", r.body)
	}
	// A relative asset URL resolved under /r/ is not the page.
	for _, p := range []string{"/missing.js", "/vendor/vega.min.js", "/engine.wasm", "/r/app.css", "/r/worker.js", "/r/vendor/vega.min.js"} {
		if r := do(h, "GET", p, nil); r.code != 404 {
			t.Errorf("%s: status %d, want 404", p, r.code)
		}
	}
	if r := do(h, "HEAD", "/r/x", nil); r.code != 200 || r.body != "" {
		t.Errorf("HEAD /r/x: %d %q", r.code, r.body)
	}
	if r := do(h, "POST", "/index.html", nil); r.code != 405 || r.hd.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d Allow=%q", r.code, r.hd.Get("Allow"))
	}
}

func TestPathTraversalRefused(t *testing.T) {
	h, dir := testHandler(t, nil)
	outside := filepath.Join(filepath.Dir(dir), "outside-secret.txt")
	if err := os.WriteFile(outside, []byte("SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(outside) })
	if err := os.Symlink(outside, filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Dir(dir), filepath.Join(dir, "up")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{
		"/../outside-secret.txt", "/demo/../../outside-secret.txt", "/..", "/..\\outside-secret.txt",
		"/link.txt", "/up/outside-secret.txt", "/.secret", "/demo/.hidden", "/_headers",
		"/index.html\x00.js", "/%2e%2e/outside-secret.txt",
	} {
		r := do(h, "GET", p, nil)
		if strings.Contains(r.body, "SECRET") || strings.Contains(r.body, "hidden") || strings.Contains(r.body, "X-Test") {
			t.Errorf("%q served a file outside the site: %d %q", p, r.code, r.body)
		}
		if r.code == 200 && !strings.Contains(r.body, "<title>Qalb</title>") {
			t.Errorf("%q: status 200 with %q", p, r.body)
		}
	}
	for p, want := range map[string]bool{"/a/b.js": true, "/": true, "/a/../b": false, "/.git/config": false, "/a\\b": false, "x": false} {
		if _, ok := siteName(p); ok != want {
			t.Errorf("siteName(%q) ok=%v, want %v", p, ok, want)
		}
	}
}

func TestRange(t *testing.T) {
	h, _ := testHandler(t, nil)
	r := do(h, "GET", "/range.txt", map[string]string{"Range": "bytes=2-4"})
	if r.code != http.StatusPartialContent || r.body != "234" {
		t.Errorf("range: %d %q", r.code, r.body)
	}
}

func TestAPIMount(t *testing.T) {
	h, _ := testHandler(t, nil)
	r := do(h, "GET", "/api/reports/x", nil)
	if r.code != 404 || strings.Contains(r.body, "Qalb") {
		t.Errorf("no API: %d %q", r.code, r.body)
	}
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'none'")
		io.WriteString(w, "api:"+r.Method+" "+r.URL.Path)
	})
	h2, _ := testHandler(t, api)
	r = do(h2, "POST", "/api/reports", nil)
	if r.body != "api:POST /api/reports" {
		t.Errorf("API not mounted: %d %q", r.code, r.body)
	}
	if r.hd.Get("Content-Security-Policy") != "default-src 'none'" {
		t.Errorf("API could not tighten its CSP: %q", r.hd.Get("Content-Security-Policy"))
	}
}

func TestAcceptedEncodings(t *testing.T) {
	cases := map[string][]string{
		"":                     nil,
		"gzip, deflate, br":    {"br", "gzip"},
		"GZIP;Q=0.8, BR;q=0.1": {"br", "gzip"},
		"br;q=0":               nil,
		"x-gzip":               {"gzip"},
		"*;q=0":                nil,
		"deflate, zstd":        nil,
		"gzip;q=bogus, br":     {"br"},
	}
	for in, want := range cases {
		if got := acceptedEncodings(in); !reflect.DeepEqual(got, want) {
			t.Errorf("acceptedEncodings(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestDisplayAddr(t *testing.T) {
	for in, want := range map[string]string{"127.0.0.1:8080": "127.0.0.1:8080", "[::]:80": "127.0.0.1:80", "0.0.0.0:9": "127.0.0.1:9", "[::1]:8080": "[::1]:8080"} {
		a, err := netResolve(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := displayAddr(a); got != want {
			t.Errorf("displayAddr(%s) = %s, want %s", in, got, want)
		}
	}
}

func netResolve(s string) (net.Addr, error) { return net.ResolveTCPAddr("tcp", s) }

// TestPathTraversalOverTheWire sends raw request lines, as a hostile client
// would, through a real server (which decodes %2e and friends first).
func TestPathTraversalOverTheWire(t *testing.T) {
	h, dir := testHandler(t, nil)
	outside := filepath.Join(filepath.Dir(dir), "outside-secret.txt")
	if err := os.WriteFile(outside, []byte("SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(outside) })
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, target := range []string{
		"/../outside-secret.txt", "/%2e%2e/outside-secret.txt", "/demo/%2E%2E/%2e%2e/outside-secret.txt",
		"/..%2foutside-secret.txt", "/..%5coutside-secret.txt", "//../outside-secret.txt",
	} {
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
		b, _ := io.ReadAll(conn)
		conn.Close()
		if strings.Contains(string(b), "SECRET") {
			t.Errorf("%s served a file outside the site:\n%s", target, b)
		}
	}
}

// TestServe runs the whole command on a free port: the site, the share API
// over the embedded store, and a graceful shutdown.
func TestServe(t *testing.T) {
	dir := testSite(t)
	data := filepath.Join(t.TempDir(), "data")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, []string{"-addr", "127.0.0.1:0", "-dir", dir, "-data", data}, outW, io.Discard)
		outW.Close()
	}()
	line, err := bufio.NewReader(outR).ReadString('\n')
	if err != nil {
		t.Fatalf("no start line: %v", err)
	}
	go io.Copy(io.Discard, outR)
	base, ok := strings.CutPrefix(strings.TrimSpace(line), "Qalb is running at ")
	if !ok || !strings.HasPrefix(base, "http://127.0.0.1:") || !strings.HasSuffix(base, "/") {
		t.Fatalf("start line %q", line)
	}

	resp, err := http.Get(base + "r/some-report")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "<title>Qalb</title>") {
		t.Errorf("/r/…: %d %q", resp.StatusCode, b)
	}

	// Share API round trip, over the bbolt store in -data.
	resp, err = http.Post(base+"api/reports?ttl=3600", "application/octet-stream", strings.NewReader("ciphertext"))
	if err != nil {
		t.Fatal(err)
	}
	var created struct{ ID, DeleteToken string }
	json.NewDecoder(resp.Body).Decode(&created)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || created.ID == "" {
		t.Fatalf("POST /api/reports: %d %+v", resp.StatusCode, created)
	}
	resp, err = http.Get(base + "api/reports/" + created.ID)
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(b) != "ciphertext" {
		t.Errorf("GET report: %d %q", resp.StatusCode, b)
	}
	if _, err := os.Stat(filepath.Join(data, "share.db")); err != nil {
		t.Errorf("no embedded store: %v", err)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("no shutdown")
	}
}

func TestServeFlags(t *testing.T) {
	if err := serve(context.Background(), []string{"-dir", filepath.Join(t.TempDir(), "nope"), "-data", filepath.Join(t.TempDir(), "d")}, io.Discard, io.Discard); err == nil {
		t.Error("a missing site directory is not an error")
	}
	if err := serve(context.Background(), []string{"extra"}, io.Discard, io.Discard); err == nil {
		t.Error("an extra argument is not an error")
	}
}
