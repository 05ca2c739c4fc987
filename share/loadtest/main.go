//go:build !js

// Command loadtest exercises a share API and reports latency per operation.
//
//	go run ./share/loadtest -url http://127.0.0.1:PORT -n 10000 -c 32
//	go run ./share/loadtest -n 10000 -c 32     # self-contained: bbolt on a temp dir
//
// Each of n reports is posted (random bytes, sizes -min..-max), read back and
// compared; a share (-delete) of them is then deleted and checked to be gone.
// Afterwards every report that was kept is read again (verify) and, against
// a remote URL, deleted (cleanup). It prints p50/p99/max latency per
// operation, errors (unexpected status or transport failures) and lost
// reports (acknowledged with 201 but later missing or different), and exits
// non-zero if there were any.
//
// Only loopback targets are accepted (127.0.0.0/8, ::1, localhost): this is a
// load generator, not something to point at other people's servers. The run
// is bounded by -n (at most 1,000,000) and -duration (at most 30 minutes).
// Without -url it serves share.NewHandler (no rate limit) over a bbolt store
// in a temporary directory on 127.0.0.1:0 and removes it afterwards.
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/qalbhq/qalb/share"
)

const (
	maxN        = 1_000_000
	maxC        = 256
	maxDuration = 30 * time.Minute
)

type config struct {
	url              string
	n, c             int
	minSize, maxSize int
	deleteShare      float64
	duration         time.Duration
	ttl              int
	cleanup          bool
	requestTimeout   time.Duration
}

func main() {
	var cfg config
	flag.StringVar(&cfg.url, "url", "", "base URL of the share API (loopback only); empty: start one in-process over bbolt")
	flag.IntVar(&cfg.n, "n", 10000, "reports to post (max 1,000,000)")
	flag.IntVar(&cfg.c, "c", 32, "concurrent clients (max 256)")
	flag.IntVar(&cfg.minSize, "min", 256, "smallest report, bytes")
	flag.IntVar(&cfg.maxSize, "max", 16384, "largest report, bytes (max 5 MiB)")
	flag.Float64Var(&cfg.deleteShare, "delete", 0.25, "share of reports deleted after being read back")
	flag.DurationVar(&cfg.duration, "duration", 5*time.Minute, "stop starting new reports after this long (max 30m)")
	flag.IntVar(&cfg.ttl, "ttl", 3600, "ttl query parameter, seconds")
	flag.BoolVar(&cfg.cleanup, "cleanup", true, "delete the kept reports at the end (remote targets)")
	flag.DurationVar(&cfg.requestTimeout, "timeout", 60*time.Second, "per-request timeout")
	flag.Parse()
	if err := run(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func run(cfg config) error {
	switch {
	case cfg.n < 1 || cfg.n > maxN:
		return fmt.Errorf("-n must be 1..%d", maxN)
	case cfg.c < 1 || cfg.c > maxC:
		return fmt.Errorf("-c must be 1..%d", maxC)
	case cfg.minSize < 1 || cfg.maxSize < cfg.minSize || cfg.maxSize > share.DefaultMaxBytes:
		return fmt.Errorf("need 1 <= -min <= -max <= %d", share.DefaultMaxBytes)
	case cfg.duration <= 0 || cfg.duration > maxDuration:
		return fmt.Errorf("-duration must be in (0, %s]", maxDuration)
	case cfg.deleteShare < 0 || cfg.deleteShare > 1:
		return errors.New("-delete must be in [0, 1]")
	}

	target := cfg.url
	var storePath string
	if target == "" {
		dir, err := os.MkdirTemp("", "qalb-loadtest-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		storePath = filepath.Join(dir, "reports.db")
		store, err := share.OpenBolt(storePath)
		if err != nil {
			return err
		}
		defer store.Close()
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		srv := &http.Server{Handler: share.NewHandler(store, share.Options{}), ReadHeaderTimeout: 10 * time.Second}
		go srv.Serve(ln)
		defer srv.Close()
		target = "http://" + ln.Addr().String()
		fmt.Printf("target: %s (self-contained: share.NewHandler over bbolt at %s, no rate limit)\n", target, storePath)
	} else {
		if err := checkLoopback(target); err != nil {
			return err
		}
		target = strings.TrimRight(target, "/")
		fmt.Printf("target: %s\n", target)
	}
	fmt.Printf("reports: n=%d c=%d sizes %d..%d B, delete share %.2f, ttl %ds, time limit %s\n",
		cfg.n, cfg.c, cfg.minSize, cfg.maxSize, cfg.deleteShare, cfg.ttl, cfg.duration)

	lt := &loadtest{
		cfg:    cfg,
		base:   target,
		client: &http.Client{Timeout: cfg.requestTimeout, Transport: &http.Transport{MaxIdleConnsPerHost: cfg.c, MaxConnsPerHost: cfg.c}},
		stats:  map[string]*opStats{},
	}
	lt.runAll()
	if storePath != "" {
		if fi, err := os.Stat(storePath); err == nil {
			fmt.Printf("bbolt file: %.1f MB\n", float64(fi.Size())/1e6)
		}
	}
	if lt.errors.Load() > 0 || lt.lost.Load() > 0 {
		return fmt.Errorf("%d errors, %d lost reports", lt.errors.Load(), lt.lost.Load())
	}
	return nil
}

// checkLoopback refuses any target that is not on this machine's loopback.
func checkLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("-url: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("-url: scheme must be http or https, not %q", u.Scheme)
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") {
		return nil
	}
	a, err := netip.ParseAddr(host)
	if err != nil || !a.Unmap().IsLoopback() {
		return fmt.Errorf("-url: refusing non-loopback host %q (use 127.0.0.1, ::1 or localhost)", host)
	}
	return nil
}

type opStats struct {
	mu     sync.Mutex
	lat    []time.Duration
	errors int
}

type kept struct {
	id, token string
	sum       [32]byte
	size      int
}

type loadtest struct {
	cfg    config
	base   string
	client *http.Client

	mu    sync.Mutex
	stats map[string]*opStats
	kept  []kept

	errors, lost, bytesUp atomic.Int64
}

func (lt *loadtest) op(name string) *opStats {
	lt.mu.Lock()
	defer lt.mu.Unlock()
	s := lt.stats[name]
	if s == nil {
		s = &opStats{}
		lt.stats[name] = s
	}
	return s
}

// errorf counts an error against op and prints the first few.
func (lt *loadtest) errorf(op string, format string, args ...any) {
	s := lt.op(op)
	s.mu.Lock()
	s.errors++
	s.mu.Unlock()
	if n := lt.errors.Add(1); n <= 10 {
		fmt.Fprintf(os.Stderr, "error: %s: %s\n", op, fmt.Sprintf(format, args...))
	}
}

func (lt *loadtest) lostf(format string, args ...any) {
	if n := lt.lost.Add(1); n <= 10 {
		fmt.Fprintf(os.Stderr, "lost: %s\n", fmt.Sprintf(format, args...))
	}
}

// do performs one request, timing it under op.
func (lt *loadtest) do(ctx context.Context, op, method, path string, body []byte, hdr http.Header) (int, []byte, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, lt.base+path, rd)
	if err != nil {
		return 0, nil, err
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	start := time.Now()
	res, err := lt.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	b, err := io.ReadAll(res.Body)
	res.Body.Close()
	d := time.Since(start)
	if err != nil {
		return res.StatusCode, nil, err
	}
	s := lt.op(op)
	s.mu.Lock()
	s.lat = append(s.lat, d)
	s.mu.Unlock()
	return res.StatusCode, b, nil
}

func (lt *loadtest) runAll() {
	ctx := context.Background()
	deadline := time.Now().Add(lt.cfg.duration)
	start := time.Now()

	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for i := range lt.cfg.n {
			if time.Now().After(deadline) {
				fmt.Fprintf(os.Stderr, "time limit reached after %d reports\n", i)
				return
			}
			jobs <- i
		}
	}()
	var wg sync.WaitGroup
	var done atomic.Int64
	for w := range lt.cfg.c {
		wg.Go(func() {
			rnd := rand.New(rand.NewPCG(uint64(w), uint64(time.Now().UnixNano())))
			for range jobs {
				lt.one(ctx, rnd)
				done.Add(1)
			}
		})
	}
	wg.Wait()
	phase1 := time.Since(start)

	// Verify every kept report, then (remote) clean up.
	verifyStart := time.Now()
	lt.parallel(func(k kept) { lt.verify(ctx, k) })
	verify := time.Since(verifyStart)
	if lt.cfg.cleanup && lt.cfg.url != "" {
		lt.parallel(func(k kept) {
			code, b, err := lt.do(ctx, "cleanup", "DELETE", share.ReportsPath+"/"+k.id, nil, http.Header{"Authorization": {"Bearer " + k.token}})
			if err != nil || code != http.StatusNoContent {
				lt.errorf("cleanup", "%s: %d %v %s", k.id, code, err, trim(b))
			}
		})
	}

	lt.print(int(done.Load()), phase1, verify)
}

func (lt *loadtest) parallel(f func(kept)) {
	ch := make(chan kept)
	var wg sync.WaitGroup
	for range lt.cfg.c {
		wg.Go(func() {
			for k := range ch {
				f(k)
			}
		})
	}
	for _, k := range lt.kept {
		ch <- k
	}
	close(ch)
	wg.Wait()
}

// one posts, reads back and maybe deletes one report.
func (lt *loadtest) one(ctx context.Context, rnd *rand.Rand) {
	size := lt.cfg.minSize + rnd.IntN(lt.cfg.maxSize-lt.cfg.minSize+1)
	body := make([]byte, size)
	for i := 0; i < size; i += 8 {
		v := rnd.Uint64()
		for j := 0; j < 8 && i+j < size; j++ {
			body[i+j] = byte(v >> (8 * j))
		}
	}
	sum := sha256.Sum256(body)

	code, b, err := lt.do(ctx, "post", "POST", fmt.Sprintf("%s?ttl=%d", share.ReportsPath, lt.cfg.ttl), body,
		http.Header{"Content-Type": {"application/octet-stream"}})
	if err != nil || code != http.StatusCreated {
		lt.errorf("post", "%d %v %s", code, err, trim(b))
		return
	}
	lt.bytesUp.Add(int64(size))
	var c struct{ ID, DeleteToken string }
	if err := json.Unmarshal(b, &c); err != nil || c.ID == "" || c.DeleteToken == "" {
		lt.errorf("post", "bad reply %s: %v", trim(b), err)
		return
	}
	k := kept{id: c.ID, token: c.DeleteToken, sum: sum, size: size}

	code, b, err = lt.do(ctx, "get", "GET", share.ReportsPath+"/"+c.ID, nil, nil)
	switch {
	case err != nil:
		lt.errorf("get", "%s: %v", c.ID, err)
	case code == http.StatusNotFound:
		lt.lostf("%s: 404 right after 201", c.ID)
	case code != http.StatusOK:
		lt.errorf("get", "%s: %d %s", c.ID, code, trim(b))
	case sha256.Sum256(b) != sum:
		lt.lostf("%s: read back %d bytes that differ from the %d posted", c.ID, len(b), size)
	}

	if rnd.Float64() >= lt.cfg.deleteShare {
		lt.mu.Lock()
		lt.kept = append(lt.kept, k)
		lt.mu.Unlock()
		return
	}
	code, b, err = lt.do(ctx, "delete", "DELETE", share.ReportsPath+"/"+c.ID, nil, http.Header{"Authorization": {"Bearer " + c.DeleteToken}})
	if err != nil || code != http.StatusNoContent {
		lt.errorf("delete", "%s: %d %v %s", c.ID, code, err, trim(b))
		return
	}
	code, b, err = lt.do(ctx, "get-deleted", "GET", share.ReportsPath+"/"+c.ID, nil, nil)
	if err != nil || code != http.StatusNotFound {
		lt.errorf("get-deleted", "%s: want 404, got %d %v %s", c.ID, code, err, trim(b))
	}
}

func (lt *loadtest) verify(ctx context.Context, k kept) {
	code, b, err := lt.do(ctx, "verify", "GET", share.ReportsPath+"/"+k.id, nil, nil)
	switch {
	case err != nil:
		lt.errorf("verify", "%s: %v", k.id, err)
	case code == http.StatusNotFound:
		lt.lostf("%s: gone at verification", k.id)
	case code != http.StatusOK:
		lt.errorf("verify", "%s: %d %s", k.id, code, trim(b))
	case sha256.Sum256(b) != k.sum:
		lt.lostf("%s: differs at verification", k.id)
	}
}

func (lt *loadtest) print(done int, phase1, verify time.Duration) {
	fmt.Printf("\n%-12s %8s %7s %9s %9s %9s\n", "op", "count", "errors", "p50", "p99", "max")
	for _, name := range []string{"post", "get", "delete", "get-deleted", "verify", "cleanup"} {
		s := lt.stats[name]
		if s == nil {
			continue
		}
		slices.Sort(s.lat)
		fmt.Printf("%-12s %8d %7d %9s %9s %9s\n", name, len(s.lat), s.errors,
			fmtDur(pct(s.lat, 50)), fmtDur(pct(s.lat, 99)), fmtDur(pct(s.lat, 100)))
	}
	ops := 0
	for _, name := range []string{"post", "get", "delete", "get-deleted"} {
		if s := lt.stats[name]; s != nil {
			ops += len(s.lat)
		}
	}
	fmt.Printf("\nreports processed: %d of %d in %s (%.0f requests/s, %.1f MB/s uploaded); verify of %d kept: %s\n",
		done, lt.cfg.n, phase1.Round(time.Millisecond), float64(ops)/phase1.Seconds(),
		float64(lt.bytesUp.Load())/1e6/phase1.Seconds(), len(lt.kept), verify.Round(time.Millisecond))
	fmt.Printf("errors: %d\nlost reports: %d\n", lt.errors.Load(), lt.lost.Load())
}

func pct(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	return sorted[max(0, min(len(sorted)-1, i-1))]
}

func fmtDur(d time.Duration) string {
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.2fs", d.Seconds())
	default:
		return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond))
	}
}

func trim(b []byte) string {
	if len(b) > 120 {
		b = b[:120]
	}
	return strings.TrimSpace(string(b))
}
