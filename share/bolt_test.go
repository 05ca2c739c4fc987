//go:build !js

package share

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func openTestBolt(t *testing.T, path string) *BoltStore {
	t.Helper()
	s, err := OpenBolt(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestHandlerBolt(t *testing.T) {
	runHandlerTable(t, func(t *testing.T) Store {
		s := openTestBolt(t, filepath.Join(t.TempDir(), "reports.db"))
		t.Cleanup(func() {
			checkBolt(t, s)
			s.Close()
		})
		return s
	})
}

// checkBolt runs bbolt's consistency check and verifies that the expiry
// index and the reports bucket agree one to one.
func checkBolt(t *testing.T, s *BoltStore) {
	t.Helper()
	err := s.DB().View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			t.Errorf("bbolt check: %v", err)
		}
		reports, expiry := tx.Bucket(bucketReports), tx.Bucket(bucketExpiry)
		n := 0
		err := reports.ForEach(func(k, v []byte) error {
			n++
			r, err := decodeRecord(v)
			if err != nil {
				return fmt.Errorf("record %s: %w", k, err)
			}
			if expiry.Get(expiryKey(r.Expires, string(k))) == nil {
				return fmt.Errorf("record %s has no expiry index entry", k)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if m := expiry.Stats().KeyN; m != n {
			return fmt.Errorf("%d index entries for %d records", m, n)
		}
		return nil
	})
	if err != nil {
		t.Error(err)
	}
}

func TestBoltDurable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "reports.db")
	clock := newFakeClock()
	s := openTestBolt(t, path)
	srv := httptest.NewServer(NewHandler(s, Options{Now: clock.Now}))
	e := &env{url: srv.URL, client: srv.Client(), clock: clock, store: s,
		maxBytes: DefaultMaxBytes, minTTL: DefaultMinTTL, maxTTL: DefaultMaxTTL, defTTL: DefaultDefaultTTL}
	rnd := rand.New(rand.NewPCG(5, 6))
	bodies := map[string][]byte{}
	var short created
	for i := range 50 {
		b := randomBytes(rnd, 1+rnd.IntN(50000))
		c := e.mustPost(t, "", b)
		bodies[c.ID] = b
		if i == 0 {
			short = e.mustPost(t, "?ttl=3600", b)
		}
	}
	srv.Close()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopen: everything is there, and the stored expiry still applies.
	s = openTestBolt(t, path)
	defer s.Close()
	checkBolt(t, s)
	srv = httptest.NewServer(NewHandler(s, Options{Now: clock.Now}))
	defer srv.Close()
	e.url, e.client, e.store = srv.URL, srv.Client(), s
	for id, b := range bodies {
		e.mustGet(t, id, b)
	}
	clock.Advance(time.Hour)
	expectCode(t, "GET expired after restart", e.get(t, short.ID), http.StatusNotFound)
	for id, b := range bodies {
		e.mustGet(t, id, b)
	}
}

func TestBoltSweep(t *testing.T) {
	s := openTestBolt(t, filepath.Join(t.TempDir(), "reports.db"))
	defer s.Close()
	ctx := context.Background()
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	expired := 1501 // of 2500 (more than one sweep batch), ids 0..1500 expire at or before now
	var wg sync.WaitGroup
	for w := range 16 { // concurrent Puts share transactions (Batch)
		wg.Go(func() {
			for i := w; i < 2500; i += 16 {
				exp := now.Add(time.Duration(i-1500) * time.Second)
				rec := Record{Ciphertext: []byte{byte(i)}, Created: now.Add(-time.Hour), Expires: exp}
				if err := s.Put(ctx, fmt.Sprintf("id%05d", i), rec); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	// Overwriting moves the index entry: id00000 now expires late.
	if err := s.Put(ctx, "id00000", Record{Ciphertext: []byte("x"), Expires: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	expired--
	checkBolt(t, s)
	n, err := s.Sweep(now)
	if err != nil || n != expired {
		t.Fatalf("Sweep = %d, %v; want %d", n, err, expired)
	}
	checkBolt(t, s)
	for i := range 2500 {
		_, err := s.Get(ctx, fmt.Sprintf("id%05d", i))
		gone := errors.Is(err, ErrNotFound)
		if want := i > 0 && i <= 1500; gone != want {
			t.Fatalf("id%05d: gone=%v want %v (%v)", i, gone, want, err)
		}
	}
	if n, _ := s.Sweep(now); n != 0 {
		t.Errorf("second Sweep deleted %d", n)
	}

	// The background sweeper uses the real clock.
	for i := range 10 {
		s.Put(ctx, fmt.Sprintf("old%d", i), Record{Ciphertext: []byte("o"), Expires: time.Now().Add(-time.Minute)})
	}
	s.StartSweeper(ctx, 10*time.Millisecond)
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, err := s.Get(ctx, "old9")
		if errors.Is(err, ErrNotFound) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("background sweeper did not remove expired records")
		}
		time.Sleep(10 * time.Millisecond)
	}
	done := make(chan error)
	go func() { done <- s.Close() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not stop the sweeper")
	}
}

// crashContent is the ciphertext the crash child writes under id: the parent
// recomputes it to check what it reads back.
func crashContent(id string) []byte {
	seed := sha256.Sum256([]byte(id))
	r := rand.New(rand.NewChaCha8(seed))
	return randomBytes(r, 1+r.IntN(64<<10))
}

const crashEnv = "QALB_SHARE_CRASH_CHILD"

// TestBoltCrash kills a writer with SIGKILL mid-stream, several times, and
// checks that every report it acknowledged (printed after Put returned) is
// readable afterwards and that the file is consistent.
func TestBoltCrash(t *testing.T) {
	if path := os.Getenv(crashEnv); path != "" {
		crashChild(path)
		return
	}
	if testing.Short() {
		t.Skip("short mode: the crash test re-executes the test binary")
	}
	path := filepath.Join(t.TempDir(), "reports.db")
	acked := map[string]bool{}
	for round := range 3 {
		killAfter := 40 + round*40
		cmd := exec.Command(os.Args[0], "-test.run=^TestBoltCrash$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashEnv+"="+path)
		cmd.Stderr = os.Stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		n, killed := 0, false
		timer := time.AfterFunc(60*time.Second, func() { cmd.Process.Kill() })
		for sc.Scan() {
			id, ok := strings.CutPrefix(sc.Text(), "ACK ")
			if !ok {
				continue
			}
			acked[id] = true
			n++
			if n == killAfter && !killed {
				cmd.Process.Kill() // SIGKILL on Unix: no deferred Close, no flush
				killed = true
			}
		}
		timer.Stop()
		err = cmd.Wait()
		if !killed {
			t.Fatalf("round %d: child ended after %d acks without being killed: %v", round, n, err)
		}
		t.Logf("round %d: killed after %d acknowledged writes (%v)", round, n, err)
	}

	s := openTestBolt(t, path)
	defer s.Close()
	checkBolt(t, s)
	ctx := context.Background()
	for id := range acked {
		r, err := s.Get(ctx, id)
		if err != nil {
			t.Fatalf("acknowledged report %s lost: %v", id, err)
		}
		if !bytes.Equal(r.Ciphertext, crashContent(id)) {
			t.Fatalf("acknowledged report %s corrupt", id)
		}
	}
	var total int
	s.DB().View(func(tx *bolt.Tx) error { total = tx.Bucket(bucketReports).Stats().KeyN; return nil })
	t.Logf("%d acknowledged reports all intact; %d in the file", len(acked), total)
	if total < len(acked) {
		t.Errorf("file holds %d reports, fewer than %d acknowledged", total, len(acked))
	}
}

// crashChild writes reports from 4 goroutines and prints "ACK id" after
// each Put returns, until it is killed (or gives up after a minute).
func crashChild(path string) {
	s, err := OpenBolt(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(2)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	deadline := time.Now().Add(time.Minute)
	for range 4 {
		wg.Go(func() {
			for time.Now().Before(deadline) {
				id := randomString(idBytes)
				now := time.Now()
				rec := Record{Ciphertext: crashContent(id), DeleteTokenHash: HashToken(id),
					Created: now, Expires: now.Add(time.Hour)}
				if err := s.Put(context.Background(), id, rec); err != nil {
					fmt.Fprintln(os.Stderr, "child put:", err)
					os.Exit(2)
				}
				mu.Lock()
				os.Stdout.WriteString("ACK " + id + "\n")
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	s.Close()
	os.Exit(0)
}
