package share

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"log"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Defaults applied by NewHandler to zero Options fields.
const (
	DefaultMaxBytes   = 5 << 20
	DefaultMinTTL     = time.Hour
	DefaultMaxTTL     = 30 * 24 * time.Hour
	DefaultDefaultTTL = 7 * 24 * time.Hour
	// DefaultMaxClients bounds the rate limiter's table of client buckets.
	DefaultMaxClients = 10000
	// DefaultMaxInFlight bounds the report bytes held at once.
	DefaultMaxInFlight = 64 << 20
	// DefaultClientDailyBytes is what one client may store in a UTC day.
	DefaultClientDailyBytes = 64 << 20
)

// bodyChunk is the most read from a request body at a time.
const bodyChunk = 64 << 10

// Path prefixes served by the handler.
const (
	APIPrefix     = "/api/"
	ReportsPath   = "/api/reports"
	reportsPrefix = ReportsPath + "/"
)

const (
	idBytes    = 16 // 128 bits → 22 base64url characters
	tokenBytes = 32 // 256 bits → 43 base64url characters
	idLen      = 22
	// maxTokenLen bounds what is hashed from a DELETE request.
	maxTokenLen = 256
)

// Options configure NewHandler. Zero fields take the defaults above.
type Options struct {
	MaxBytes   int64         // largest accepted ciphertext; default 5 MiB
	MinTTL     time.Duration // shortest ttl accepted; default 1 hour
	MaxTTL     time.Duration // longest ttl accepted; default 30 days
	DefaultTTL time.Duration // ttl when none is given; default 7 days
	Now        func() time.Time

	// RateLimit is the number of requests per minute allowed per client
	// address (token bucket, burst RateLimit); 0 disables rate limiting.
	RateLimit int
	// MaxClients bounds the rate limiter's table; default 10000.
	MaxClients int
	// TrustProxy takes the client address from the last X-Forwarded-For
	// entry (or X-Real-IP) set by a single reverse proxy in front, instead
	// of the connection's address. Leave it false unless such a proxy
	// overwrites those headers, or clients can pick their own bucket.
	TrustProxy bool

	// MaxInFlight bounds the report bytes held in memory at once, bodies
	// being received and reports being sent together; past it requests are
	// answered 503 with Retry-After. Default 64 MiB.
	MaxInFlight int64
	// ClientDailyBytes is how many bytes of reports one client address
	// (IPv4 address or IPv6 /64) may store per UTC day; past it, 507.
	// Default 64 MiB; negative: no quota. A store may also have a total
	// quota (BoltStore.SetQuota), answered 507 too.
	ClientDailyBytes int64
	// Quota keeps the per-client counts; nil keeps them in memory (with
	// ClientDailyBytes), which is right for one long-running server.
	Quota Quota
	// ClientIPHeader, when set, names a request header that the platform in
	// front of the handler sets to the client's address and clients cannot
	// forge (Cloudflare's CF-Connecting-IP); it is used before TrustProxy's
	// headers and the connection's address.
	ClientIPHeader string

	// Logf reports store failures (answered 500); nil uses log.Printf.
	Logf func(format string, args ...any)
}

type handler struct {
	store Store
	opts  Options
	lim   *limiter
	mem   *memBudget
	quota Quota // nil: no per-client quota
}

// NewHandler returns the saved-reports API over store. It answers every
// path it is given, so mount it at APIPrefix ("/api/"); see the package
// documentation for the protocol.
func NewHandler(store Store, opts Options) http.Handler {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.MinTTL <= 0 {
		opts.MinTTL = DefaultMinTTL
	}
	if opts.MaxTTL <= 0 {
		opts.MaxTTL = DefaultMaxTTL
	}
	if opts.MaxTTL < opts.MinTTL {
		opts.MaxTTL = opts.MinTTL
	}
	if opts.DefaultTTL <= 0 {
		opts.DefaultTTL = DefaultDefaultTTL
	}
	opts.DefaultTTL = min(max(opts.DefaultTTL, opts.MinTTL), opts.MaxTTL)
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.MaxClients <= 0 {
		opts.MaxClients = DefaultMaxClients
	}
	if opts.Logf == nil {
		opts.Logf = log.Printf
	}
	if opts.MaxInFlight <= 0 {
		opts.MaxInFlight = DefaultMaxInFlight
	}
	opts.MaxInFlight = max(opts.MaxInFlight, opts.MaxBytes+bodyChunk)
	if opts.ClientDailyBytes == 0 {
		opts.ClientDailyBytes = DefaultClientDailyBytes
	}
	h := &handler{store: store, opts: opts, mem: &memBudget{max: opts.MaxInFlight}}
	switch {
	case opts.Quota != nil:
		h.quota = opts.Quota
	case opts.ClientDailyBytes > 0:
		h.quota = newDailyQuota(opts.ClientDailyBytes, opts.MaxClients)
	}
	if opts.RateLimit > 0 {
		h.lim = newLimiter(opts.RateLimit, opts.MaxClients)
	}
	return h
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("Cache-Control", "no-store")
	hd.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
	hd.Set("Cross-Origin-Resource-Policy", "same-origin")

	if h.lim != nil {
		if ip, ok := h.clientIP(r); ok {
			if ok, wait := h.lim.allow(ip, h.opts.Now()); !ok {
				secs := max(1, int((wait+time.Second-1)/time.Second))
				hd.Set("Retry-After", strconv.Itoa(secs))
				writeError(w, http.StatusTooManyRequests, "too many requests")
				return
			}
		}
	}

	path := r.URL.Path
	switch {
	case path == ReportsPath:
		if r.Method != http.MethodPost {
			methodNotAllowed(w, "POST")
			return
		}
		h.create(w, r)
	case strings.HasPrefix(path, reportsPrefix) && len(path) > len(reportsPrefix) &&
		!strings.Contains(path[len(reportsPrefix):], "/"):
		id := path[len(reportsPrefix):]
		switch r.Method {
		case http.MethodGet:
			h.get(w, r, id)
		case http.MethodDelete:
			h.delete(w, r, id)
		default:
			methodNotAllowed(w, "GET, DELETE")
		}
	default:
		writeError(w, http.StatusNotFound, "not found")
	}
}

func (h *handler) create(w http.ResponseWriter, r *http.Request) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/octet-stream" {
		writeError(w, http.StatusBadRequest, "Content-Type must be application/octet-stream")
		return
	}
	ttl := h.opts.DefaultTTL
	if q := r.URL.Query(); q.Has("ttl") {
		ttl, err = h.parseTTL(q.Get("ttl"))
		if err != nil {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
	}
	if r.ContentLength > h.opts.MaxBytes {
		writeError(w, http.StatusRequestEntityTooLarge, tooLarge(h.opts.MaxBytes))
		return
	}
	body, held, err := h.readBody(w, r)
	defer h.mem.give(held)
	if err != nil {
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &mbe):
			writeError(w, http.StatusRequestEntityTooLarge, tooLarge(h.opts.MaxBytes))
		case errors.Is(err, errBusy):
			busy(w)
		default:
			writeError(w, http.StatusBadRequest, "could not read request body")
		}
		return
	}
	if len(body) == 0 {
		writeError(w, http.StatusBadRequest, "empty body")
		return
	}
	client, _ := h.clientIP(r)
	undo := func() {}
	if h.quota != nil {
		u, err := h.quota.Take(r.Context(), clientKey(client), int64(len(body)), h.opts.Now())
		switch {
		case errors.Is(err, ErrQuota):
			writeError(w, http.StatusInsufficientStorage, "daily storage quota of this client reached; try again tomorrow")
			return
		case err != nil:
			h.storeFailed(w, "quota", err)
			return
		}
		undo = u
	}

	id, token := randomString(idBytes), randomString(tokenBytes)
	now := h.opts.Now().UTC()
	rec := Record{
		Ciphertext:      body,
		DeleteTokenHash: HashToken(token),
		Created:         now,
		Expires:         now.Add(ttl).Truncate(time.Second),
	}
	if err := h.store.Put(r.Context(), id, rec); err != nil {
		undo()
		if storeFull(err) {
			writeError(w, http.StatusInsufficientStorage, "storage full")
			return
		}
		h.storeFailed(w, "put", err)
		return
	}
	w.Header().Set("Location", reportsPrefix+id)
	writeJSON(w, http.StatusCreated, struct {
		ID          string `json:"id"`
		DeleteToken string `json:"deleteToken"`
		Expires     string `json:"expires"`
	}{id, token, rec.Expires.Format(time.RFC3339)})
}

func (h *handler) get(w http.ResponseWriter, r *http.Request, id string) {
	// The store copies the report out: take room for the largest one
	// before, and keep the report's own size while it is sent (a client
	// that does not read holds it until the server's write timeout).
	if !h.mem.take(h.opts.MaxBytes) {
		busy(w)
		return
	}
	held := h.opts.MaxBytes
	defer func() { h.mem.give(held) }()
	rec, ok := h.lookup(w, r, id)
	if !ok {
		return
	}
	n := int64(len(rec.Ciphertext))
	h.mem.give(held - n)
	held = n
	hd := w.Header()
	hd.Set("Content-Type", "application/octet-stream")
	hd.Set("Content-Length", strconv.Itoa(len(rec.Ciphertext)))
	hd.Set("X-Report-Expires", rec.Expires.UTC().Format(time.RFC3339))
	w.WriteHeader(http.StatusOK)
	w.Write(rec.Ciphertext)
}

func (h *handler) delete(w http.ResponseWriter, r *http.Request, id string) {
	token, ok := deleteToken(r)
	if !validID(id) {
		writeError(w, http.StatusBadRequest, "malformed report id")
		return
	}
	if !ok {
		w.Header().Set("WWW-Authenticate", `Bearer realm="qalb"`)
		writeError(w, http.StatusUnauthorized, "delete token required")
		return
	}
	rec, found := h.lookup(w, r, id)
	if !found {
		return
	}
	sum := HashToken(token)
	if subtle.ConstantTimeCompare(sum[:], rec.DeleteTokenHash[:]) != 1 {
		writeError(w, http.StatusForbidden, "wrong delete token")
		return
	}
	if err := h.store.Delete(r.Context(), id); err != nil {
		h.storeFailed(w, "delete", err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// lookup validates id and fetches its live record, answering 400, 404 or
// 500 itself when there is none. Expired records are deleted.
func (h *handler) lookup(w http.ResponseWriter, r *http.Request, id string) (Record, bool) {
	if !validID(id) {
		writeError(w, http.StatusBadRequest, "malformed report id")
		return Record{}, false
	}
	rec, err := h.store.Get(r.Context(), id)
	if errors.Is(err, ErrNotFound) {
		writeError(w, http.StatusNotFound, "report not found or expired")
		return Record{}, false
	}
	if err != nil {
		h.storeFailed(w, "get", err)
		return Record{}, false
	}
	if rec.Expired(h.opts.Now()) {
		// Detach from the request so a client hanging up does not leave
		// the expired record behind.
		if err := h.store.Delete(context.WithoutCancel(r.Context()), id); err != nil {
			h.opts.Logf("share: deleting expired report: %v", err)
		}
		writeError(w, http.StatusNotFound, "report not found or expired")
		return Record{}, false
	}
	return rec, true
}

func (h *handler) storeFailed(w http.ResponseWriter, op string, err error) {
	h.opts.Logf("share: store %s: %v", op, err)
	writeError(w, http.StatusInternalServerError, "storage unavailable")
}

// parseTTL accepts a decimal number of seconds within [MinTTL, MaxTTL].
func (h *handler) parseTTL(s string) (time.Duration, error) {
	bad := errors.New("ttl must be whole seconds between " +
		strconv.FormatInt(int64(h.opts.MinTTL/time.Second), 10) + " and " +
		strconv.FormatInt(int64(h.opts.MaxTTL/time.Second), 10))
	if s == "" || len(s) > 12 {
		return 0, bad
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, bad
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, bad
	}
	ttl := time.Duration(n) * time.Second
	if ttl < h.opts.MinTTL || ttl > h.opts.MaxTTL {
		return 0, bad
	}
	return ttl, nil
}

// clientIP is the address rate limiting is keyed on.
func (h *handler) clientIP(r *http.Request) (netip.Addr, bool) {
	if name := h.opts.ClientIPHeader; name != "" {
		if a, err := netip.ParseAddr(strings.TrimSpace(r.Header.Get(name))); err == nil {
			return a, true
		}
	}
	if h.opts.TrustProxy {
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			last := xff[len(xff)-1]
			if i := strings.LastIndexByte(last, ','); i >= 0 {
				last = last[i+1:]
			}
			if a, err := netip.ParseAddr(strings.TrimSpace(last)); err == nil {
				return a, true
			}
		}
		if a, err := netip.ParseAddr(strings.TrimSpace(r.Header.Get("X-Real-IP"))); err == nil {
			return a, true
		}
	}
	host := r.RemoteAddr
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		// Unknown transport (tests, in-process calls): one shared bucket.
		return netip.IPv4Unspecified(), true
	}
	return a, true
}

// deleteToken takes the token from "Authorization: Bearer" or X-Delete-Token.
func deleteToken(r *http.Request) (string, bool) {
	tok := ""
	if a := r.Header.Get("Authorization"); len(a) > 7 && strings.EqualFold(a[:7], "bearer ") {
		tok = strings.TrimSpace(a[7:])
	} else {
		tok = strings.TrimSpace(r.Header.Get("X-Delete-Token"))
	}
	if tok == "" {
		return "", false
	}
	if len(tok) > maxTokenLen {
		tok = tok[:maxTokenLen] // still hashed, so still wrong
	}
	return tok, true
}

// validID accepts exactly the ids randomString(idBytes) produces.
func validID(id string) bool {
	if len(id) != idLen {
		return false
	}
	var buf [idBytes]byte
	n, err := base64.RawURLEncoding.Strict().Decode(buf[:], []byte(id))
	return err == nil && n == idBytes
}

func randomString(n int) string {
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand panics instead)
	return base64.RawURLEncoding.EncodeToString(b)
}

// errBusy: the memory budget cannot hold another body now.
var errBusy = errors.New("share: busy")

// readBody reads at most MaxBytes, failing with *http.MaxBytesError beyond
// that. The buffer grows with the bytes that actually arrive, by at most
// bodyChunk at a time, never from Content-Length (which a client can send
// without a body); each growth is taken from the memory budget first, and
// held is what the caller must give back once done with the body.
func (h *handler) readBody(w http.ResponseWriter, r *http.Request) (body []byte, held int64, err error) {
	if r.Body == nil {
		return nil, 0, nil
	}
	rd := http.MaxBytesReader(w, r.Body, h.opts.MaxBytes)
	defer rd.Close()
	for {
		if len(body) == cap(body) {
			grow := min(max(int64(cap(body)), bodyChunk), h.opts.MaxBytes+1-int64(cap(body)))
			grow = max(grow, 1)
			if !h.mem.take(grow) {
				return body, held, errBusy
			}
			held += grow
			nb := make([]byte, len(body), int64(cap(body))+grow)
			copy(nb, body)
			body = nb
		}
		n, err := rd.Read(body[len(body):min(cap(body), len(body)+bodyChunk)])
		body = body[:len(body)+n]
		if err == io.EOF {
			return body, held, nil
		}
		if err != nil {
			return body, held, err
		}
	}
}

func busy(w http.ResponseWriter) {
	w.Header().Set("Retry-After", "5")
	writeError(w, http.StatusServiceUnavailable, "server busy; try again shortly")
}

// storeFull reports a store out of room: its quota (ErrFull) or the disk.
func storeFull(err error) bool {
	return errors.Is(err, ErrFull) || errors.Is(err, syscall.ENOSPC) ||
		strings.Contains(err.Error(), "no space left on device")
}

func tooLarge(limit int64) string {
	return "report larger than " + strconv.FormatInt(limit, 10) + " bytes"
}

func methodNotAllowed(w http.ResponseWriter, allow string) {
	w.Header().Set("Allow", allow)
	writeError(w, http.StatusMethodNotAllowed, "method not allowed")
}

func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, struct {
		Error string `json:"error"`
	}{msg})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	b, _ := json.Marshal(v)
	b = append(b, '\n')
	hd := w.Header()
	hd.Set("Content-Type", "application/json; charset=utf-8")
	hd.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(code)
	w.Write(b)
}
