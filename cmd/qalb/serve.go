package main

// qalb serve: the built site (site/dist) and the saved-reports API on one
// local address. The site is static: every analysis runs in the visitor's
// browser, so the only thing this server ever receives is an encrypted report
// when someone shares one.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/qalbhq/qalb/share"
)

// ContentSecurityPolicy is sent with every response of the site. It is what
// keeps customer data in the browser: scripts come only from this origin
// ('wasm-unsafe-eval' lets them compile WebAssembly, nothing lets them eval
// JavaScript), and connect-src 'self' means the page can talk to nobody but
// this server, which only ever receives encrypted shared reports.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
	"connect-src 'self'; img-src 'self' data: blob:; style-src 'self'; font-src 'self'; " +
	"worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; " +
	"frame-ancestors 'none'"

// PermissionsPolicy turns off powerful features the site never uses.
const PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), " +
	"serial=(), hid=(), midi=(), display-capture=()"

// serveOptions configure newSiteHandler.
type serveOptions struct {
	// API answers /api/…; nil answers those paths 404.
	API http.Handler
}

// runServe implements `qalb serve`: it runs until SIGINT or SIGTERM, then
// shuts down gracefully.
func runServe(args []string) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second Ctrl-C kills the process the default way
	}()
	return serve(ctx, args, os.Stdout, os.Stderr)
}

// serve is runServe until ctx is done.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintf(fl.Output(), "usage: qalb serve [-addr host:port] [-dir site/dist] [-data qalb-data] [-share-max-bytes N] [-share-quota N] [-trust-proxy]\n\n"+
			"Serves the built site and the saved-reports API (/api/) on one address.\n"+
			"Build the site first with scripts/site-build.sh (make build).\n\n")
		fl.PrintDefaults()
	}
	addr := fl.String("addr", "127.0.0.1:8080", "address to listen on")
	dir := fl.String("dir", "site/dist", "built site directory")
	data := fl.String("data", "qalb-data", "directory of the embedded store for shared reports")
	maxBytes := fl.Int64("share-max-bytes", share.DefaultMaxBytes, "largest shared report accepted, in bytes")
	rate := fl.Int("share-rate", 60, "shared-report API requests per minute per client address (0: unlimited)")
	noShare := fl.Bool("no-share", false, "do not serve the saved-reports API")
	maxConns := fl.Int("max-conns", 256, "most connections open at once (more wait to be accepted)")
	quota := fl.Int64("share-quota", 2<<30, "most bytes of shared reports stored in all (0: no limit); past it, 507")
	clientQuota := fl.Int64("share-client-quota", share.DefaultClientDailyBytes, "most bytes of shared reports one client address stores per day (negative: no limit); past it, 507")
	trustProxy := fl.Bool("trust-proxy", false, "take the client address from X-Forwarded-For / X-Real-IP, set by one reverse proxy in front (only behind such a proxy: clients can set those headers themselves)")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("serve: unexpected argument %q", fl.Arg(0))
	}

	if os.Getenv("GOMEMLIMIT") == "" {
		// A soft limit makes the collector work harder before the heap
		// grows past it: with the share API's memory budget (64 MiB of
		// reports at once), the server stays well under 300 MB.
		debug.SetMemoryLimit(192 << 20)
	}
	h, err := newSiteHandler(*dir, serveOptions{})
	if err != nil {
		return err
	}
	defer h.Close()
	if _, err := h.root.Stat("index.html"); err != nil {
		fmt.Fprintf(stderr, "warning: %s has no index.html; build the site with scripts/site-build.sh (make build)\n", *dir)
	}
	if !*noShare {
		api, closeAPI, err := shareAPI(ctx, *data, *quota, share.Options{MaxBytes: *maxBytes, RateLimit: *rate,
			ClientDailyBytes: *clientQuota, TrustProxy: *trustProxy})
		if err != nil {
			return fmt.Errorf("serve: share API: %w", err)
		}
		defer closeAPI()
		h.api = api
	}

	tcp, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	ln := newLimitListener(tcp, max(*maxConns, 1))
	srv := newServer(h)
	fmt.Fprintf(stdout, "Qalb is running at http://%s/\n", displayAddr(ln.Addr()))

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	fmt.Fprintln(stderr, "shutting down…")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	return nil
}

// newServer is the HTTP server of `qalb serve`. WriteTimeout ends a
// response to a client that does not read (it held the report it was sent
// until it hung up); with the connection cap and the share handler's memory
// budget it bounds what slow clients can pin.
func newServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

// shareAPI opens the embedded store (dataDir/share.db, bbolt) with a quota
// of quota bytes (0: none) and returns the saved-reports API over it, and a
// function that closes it. Expired reports are never served, and a sweeper
// deletes them from disk every ten minutes, then compacts the file when
// most of it is free.
func shareAPI(ctx context.Context, dataDir string, quota int64, opts share.Options) (http.Handler, func(), error) {
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, nil, err
	}
	store, err := share.OpenBolt(filepath.Join(dataDir, "share.db"))
	if err != nil {
		return nil, nil, err
	}
	store.SetQuota(quota)
	store.StartSweeper(ctx, 10*time.Minute)
	return share.NewHandler(store, opts), func() { store.Close() }, nil
}

// displayAddr is the address to print for a listener: an unspecified host
// (all interfaces) is shown as the loopback address, which always works.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}

// siteHandler serves a built site directory: exact MIME types,
// precompressed siblings (x.br, x.gz), cache headers, the security headers
// on every response, index.html for app routes, and the API under /api/.
type siteHandler struct {
	root *os.Root // refuses every path (.., symlinks) that leaves the directory
	api  http.Handler
}

func newSiteHandler(dir string, opts serveOptions) (*siteHandler, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("serve: site directory: %w (build it with scripts/site-build.sh)", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("serve: %s is not a directory", dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	return &siteHandler{root: root, api: opts.API}, nil
}

// Close releases the site directory.
func (h *siteHandler) Close() error { return h.root.Close() }

// setPageHeaders sets the security headers every response carries.
func setPageHeaders(hd http.Header) {
	hd.Set("Content-Security-Policy", ContentSecurityPolicy)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("Cross-Origin-Opener-Policy", "same-origin")
	hd.Set("Cross-Origin-Resource-Policy", "same-origin")
	hd.Set("Permissions-Policy", PermissionsPolicy)
	hd.Set("X-Frame-Options", "DENY")
}

func (h *siteHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setPageHeaders(w.Header())
	p := r.URL.Path
	if p == "/api" || strings.HasPrefix(p, "/api/") {
		if h.api == nil {
			w.Header().Set("Cache-Control", "no-store")
			http.Error(w, `{"error":"not found"}`, http.StatusNotFound)
			return
		}
		h.api.ServeHTTP(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		httpError(w, http.StatusMethodNotAllowed)
		return
	}
	name, ok := siteName(p)
	if !ok {
		httpError(w, http.StatusBadRequest)
		return
	}
	if name == "" {
		name = "index.html"
	}
	if h.serveFile(w, r, name) {
		return
	}
	// A directory with an index.html of its own.
	if fi, err := h.root.Stat(name); err == nil && fi.IsDir() && h.serveFile(w, r, name+"/index.html") {
		return
	}
	// App routes (/r/<id>, the shared-report viewer, and any other path
	// without an extension) are the single page's: they get index.html.
	// Anything that looks like a file and is not there is a real 404, so a
	// missing script fails loudly instead of arriving as HTML. (Pages under
	// /r/ must therefore load their assets by absolute path, "/app.css".)
	if path.Ext(name) == "" {
		if h.serveFile(w, r, "index.html") {
			return
		}
	}
	httpError(w, http.StatusNotFound)
}

// siteName turns a URL path into a name inside the site directory, or
// reports false for a path that must not be served: one with "..", a
// backslash, a NUL or a hidden (dot) segment, or one naming the deployment's
// control files.
func siteName(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	var segs []string
	for _, s := range strings.Split(p[1:], "/") {
		switch {
		case s == "" || s == ".":
			continue
		case strings.HasPrefix(s, "."): // "..", ".git", ".env", …
			return "", false
		}
		segs = append(segs, s)
	}
	name := strings.Join(segs, "/")
	if name == "_headers" || name == "_redirects" {
		return "", false
	}
	return name, true
}

// serveFile serves name (or a precompressed sibling of it) and reports
// whether it existed as a regular file.
func (h *siteHandler) serveFile(w http.ResponseWriter, r *http.Request, name string) bool {
	f, fi, ok := h.open(name)
	if !ok {
		return false
	}
	defer f.Close()
	hd := w.Header()
	ctype := contentType(name)
	hd.Set("Content-Type", ctype)
	hd.Set("Cache-Control", cacheControl(name))

	enc := ""
	if compressible(ctype) {
		hd.Add("Vary", "Accept-Encoding")
		for _, e := range acceptedEncodings(r.Header.Get("Accept-Encoding")) {
			if cf, cfi, ok := h.open(name + encodingSuffix[e]); ok {
				f.Close()
				f, fi, enc = cf, cfi, e
				defer cf.Close()
				break
			}
		}
	}
	if enc != "" {
		hd.Set("Content-Encoding", enc)
	}
	etag := `"` + strconv.FormatInt(fi.Size(), 36) + "-" + strconv.FormatInt(fi.ModTime().UnixNano(), 36)
	if enc != "" {
		etag += "-" + enc
	}
	hd.Set("ETag", etag+`"`)
	http.ServeContent(w, r, name, fi.ModTime(), f)
	return true
}

// open opens a regular file inside the site directory.
func (h *siteHandler) open(name string) (*os.File, fs.FileInfo, bool) {
	f, err := h.root.Open(name)
	if err != nil {
		return nil, nil, false
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, false
	}
	return f, fi, true
}

var encodingSuffix = map[string]string{"br": ".br", "gzip": ".gz"}

// acceptedEncodings lists the precompressed encodings an Accept-Encoding
// header allows, best first: br, then gzip.
func acceptedEncodings(header string) []string {
	q := map[string]float64{}
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding == "" {
			continue
		}
		v := 1.0
		for _, prm := range strings.Split(params, ";") {
			k, val, ok := strings.Cut(strings.TrimSpace(prm), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				f, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
				if err != nil {
					f = 0
				}
				v = f
			}
		}
		if coding == "x-gzip" {
			coding = "gzip"
		}
		q[coding] = v
	}
	var out []string
	for _, e := range []string{"br", "gzip"} {
		v, ok := q[e]
		if !ok {
			v, ok = q["*"]
		}
		if ok && v > 0 {
			out = append(out, e)
		}
	}
	return out
}

// contentTypes are the types the site needs, exact and independent of the
// host's mime.types.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".webmanifest": "application/manifest+json",
	".wasm":        "application/wasm",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".webp":        "image/webp",
	".ico":         "image/x-icon",
	".txt":         "text/plain; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".ndjson":      "application/x-ndjson",
	".xlsx":        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// compressible reports whether files of this type may have .br/.gz siblings.
func compressible(ctype string) bool {
	t, _, _ := strings.Cut(ctype, ";")
	switch {
	case strings.HasPrefix(t, "text/"), t == "application/json", t == "application/wasm",
		t == "image/svg+xml", t == "application/manifest+json", t == "application/x-ndjson":
		return true
	}
	return false
}

// hashedName matches file names that carry a content hash, e.g.
// engine.3f9c2a1b4d5e.wasm: their content never changes under that name.
var hashedName = regexp.MustCompile(`[.-][0-9a-f]{8,64}\.[A-Za-z0-9]+$`)

// cacheControl: a name with a content hash is immutable; anything else
// (index.html, worker.js, fixed-name vendor files) is revalidated on every
// use with its ETag, which costs a 304 and never serves a stale page.
func cacheControl(name string) string {
	if hashedName.MatchString(path.Base(name)) {
		return "public, max-age=31536000, immutable"
	}
	return "no-cache"
}

func httpError(w http.ResponseWriter, code int) {
	hd := w.Header()
	hd.Del("ETag")
	hd.Del("Content-Encoding")
	hd.Set("Cache-Control", "no-store")
	http.Error(w, strconv.Itoa(code)+" "+http.StatusText(code), code)
}

var _ io.Closer = (*siteHandler)(nil)
