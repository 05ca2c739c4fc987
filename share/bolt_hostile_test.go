//go:build !js

package share

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The store's quota answers 507 through the handler.
func TestBoltQuota(t *testing.T) {
	b := openTestBolt(t, filepath.Join(t.TempDir(), "q.db"))
	b.SetQuota(3000)
	hb := NewHandler(b, Options{ClientDailyBytes: -1})
	codes := []int{hsPost(hb, 1000), hsPost(hb, 1000), hsPost(hb, 1000)}
	if codes[0] != 201 || codes[1] != 201 || codes[2] != 507 {
		t.Errorf("posts of 1000 bytes into a 3000-byte store: %v, want 201 201 507", codes)
	}
}

// After most records are deleted the file is rewritten smaller, and every
// record left reads back the same; Usage follows puts, deletes and sweeps.
func TestBoltCompacts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	s := openTestBolt(t, path)
	ctx := context.Background()
	now := time.Now()
	body := func(i int) []byte { return bytes.Repeat([]byte{byte(i)}, 1<<20) }
	for i := range 20 {
		if err := s.Put(ctx, fmt.Sprint("id", i), Record{Ciphertext: body(i), Created: now, Expires: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	if u := s.Usage(); u != 20*(1<<20+recordHeaderSize) {
		t.Errorf("usage %d", u)
	}
	if did, err := s.CompactIfSparse(); did || err != nil {
		t.Errorf("a full file compacted: %v %v", did, err)
	}
	for i := range 16 {
		if err := s.Delete(ctx, fmt.Sprint("id", i)); err != nil {
			t.Fatal(err)
		}
	}
	st, _ := os.Stat(path)
	did, err := s.CompactIfSparse()
	if !did || err != nil {
		t.Fatalf("compacted %v, %v", did, err)
	}
	st2, _ := os.Stat(path)
	if st2.Size() > st.Size()/2 {
		t.Errorf("file %d bytes after compaction, %d before", st2.Size(), st.Size())
	}
	for i := 16; i < 20; i++ {
		r, err := s.Get(ctx, fmt.Sprint("id", i))
		if err != nil || !bytes.Equal(r.Ciphertext, body(i)) {
			t.Errorf("record %d after compaction: %v", i, err)
		}
	}
	if u := s.Usage(); u != 4*(1<<20+recordHeaderSize) {
		t.Errorf("usage %d after deletes", u)
	}
	if n, err := s.Sweep(now.Add(2 * time.Hour)); n != 4 || err != nil || s.Usage() != 0 {
		t.Errorf("swept %d (%v), usage %d", n, err, s.Usage())
	}
	// Reopened, the file is whole and its usage recounted.
	s.Put(ctx, "again", Record{Ciphertext: []byte("x"), Created: now, Expires: now.Add(time.Hour)})
	s.Close()
	s2 := openTestBolt(t, path)
	if r, err := s2.Get(ctx, "again"); err != nil || string(r.Ciphertext) != "x" || s2.Usage() != 1+recordHeaderSize {
		t.Errorf("after reopening: %v, usage %d", err, s2.Usage())
	}
	if _, err := os.Stat(path + compactSuffix); !os.IsNotExist(err) {
		t.Errorf("the compaction copy is left: %v", err)
	}
}
