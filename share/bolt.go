//go:build !js

package share

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Buckets of the bbolt file. reports maps id → encoded record; expiry is an
// index whose keys are expires (8 bytes, big-endian Unix nanoseconds) + id,
// so Sweep walks only what has expired.
var (
	bucketReports = []byte("reports")
	bucketExpiry  = []byte("expiry")
)

// batchDelay is how long a write waits for concurrent ones to share its
// transaction (and fsync). It is the extra latency a lone writer pays.
const batchDelay = 2 * time.Millisecond

// sweepBatch bounds the records deleted per write transaction by Sweep.
const sweepBatch = 1000

// BoltStore is a Store in a bbolt file, for self-hosting. Every Put and
// Delete is committed and fsynced before it returns, so an acknowledged
// report survives a crash; concurrent calls share one transaction and one
// fsync (bbolt's Batch, waiting up to batchDelay for company): with 32
// clients that measured 1.3–1.5× the throughput of a transaction each
// (share/loadtest). Expiry is stored with each record, so a restart honours
// it.
//
// The store knows the bytes of its records (Usage) and refuses a Put past
// its quota (SetQuota) with ErrFull. bbolt never gives free pages back to the
// file system, so after a sweep the file is rewritten without them
// (CompactIfSparse) when most of it is free.
type BoltStore struct {
	path string
	// opMu is held shared by every operation and exclusively while the
	// file is compacted, when db is replaced.
	opMu  sync.RWMutex
	db    *bolt.DB
	used  atomic.Int64 // bytes of the encoded records
	quota atomic.Int64 // 0: none

	mu     sync.Mutex
	closed bool
	cancel context.CancelFunc // stops sweepers
	ctx    context.Context
	wg     sync.WaitGroup
}

// OpenBolt opens (creating if needed) the store at path. Only one process
// may hold the file; OpenBolt gives up after 5 s waiting for its lock.
func OpenBolt(path string) (*BoltStore, error) {
	os.Remove(path + compactSuffix) // a compaction that did not finish; the original is intact
	db, used, err := openBoltDB(path)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &BoltStore{path: path, db: db, ctx: ctx, cancel: cancel}
	s.used.Store(used)
	return s, nil
}

// openBoltDB opens the file, creates the buckets and counts the bytes of
// the records.
func openBoltDB(path string) (*bolt.DB, int64, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 5 * time.Second})
	if err != nil {
		return nil, 0, fmt.Errorf("share: open %s: %w", path, err)
	}
	var used int64
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketReports, bucketExpiry} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketReports).ForEach(func(_, v []byte) error {
			used += int64(len(v))
			return nil
		})
	})
	if err != nil {
		db.Close()
		return nil, 0, fmt.Errorf("share: init %s: %w", path, err)
	}
	db.MaxBatchDelay = batchDelay
	return db, used, nil
}

// DB exposes the underlying database (for checks and statistics). It
// changes when the file is compacted.
func (s *BoltStore) DB() *bolt.DB {
	s.opMu.RLock()
	defer s.opMu.RUnlock()
	return s.db
}

// SetQuota sets the most bytes of records the store holds; a Put past it
// fails with ErrFull. 0 means no quota.
func (s *BoltStore) SetQuota(bytes int64) { s.quota.Store(max(bytes, 0)) }

// Usage is the bytes of the records stored (expired ones included until
// swept).
func (s *BoltStore) Usage() int64 { return s.used.Load() }

func expiryKey(expires time.Time, id string) []byte {
	k := make([]byte, 8+len(id))
	binary.BigEndian.PutUint64(k, uint64(expires.UnixNano()))
	copy(k[8:], id)
	return k
}

// Put implements Store.
func (s *BoltStore) Put(ctx context.Context, id string, r Record) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	val := encodeRecord(r)
	if q := s.quota.Load(); q > 0 && s.used.Load()+int64(len(val)) > q {
		return ErrFull
	}
	s.opMu.RLock()
	defer s.opMu.RUnlock()
	var delta int64 // set, not added: Batch may run the function again
	err := s.db.Batch(func(tx *bolt.Tx) error {
		reports, expiry := tx.Bucket(bucketReports), tx.Bucket(bucketExpiry)
		delta = int64(len(val))
		if old := reports.Get([]byte(id)); old != nil {
			delta -= int64(len(old))
			if o, err := decodeRecord(old); err == nil {
				if err := expiry.Delete(expiryKey(o.Expires, id)); err != nil {
					return err
				}
			}
		}
		if err := reports.Put([]byte(id), val); err != nil {
			return err
		}
		return expiry.Put(expiryKey(r.Expires, id), nil)
	})
	if err == nil {
		s.used.Add(delta)
	}
	return err
}

// Get implements Store.
func (s *BoltStore) Get(ctx context.Context, id string) (Record, error) {
	if err := ctx.Err(); err != nil {
		return Record{}, err
	}
	s.opMu.RLock()
	defer s.opMu.RUnlock()
	var r Record
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketReports).Get([]byte(id))
		if v == nil {
			return ErrNotFound
		}
		var err error
		r, err = decodeRecord(v) // copies out of the mmap
		return err
	})
	return r, err
}

// Delete implements Store.
func (s *BoltStore) Delete(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.opMu.RLock()
	defer s.opMu.RUnlock()
	var freed int64
	err := s.db.Batch(func(tx *bolt.Tx) (err error) {
		freed, err = deleteTx(tx, []byte(id))
		return err
	})
	if err == nil {
		s.used.Add(-freed)
	}
	return err
}

// deleteTx deletes id and returns the bytes its record took.
func deleteTx(tx *bolt.Tx, id []byte) (int64, error) {
	reports := tx.Bucket(bucketReports)
	v := reports.Get(id)
	if v == nil {
		return 0, nil
	}
	n := int64(len(v))
	if r, err := decodeRecord(v); err == nil {
		if err := tx.Bucket(bucketExpiry).Delete(expiryKey(r.Expires, string(id))); err != nil {
			return 0, err
		}
	}
	return n, reports.Delete(id)
}

// Sweep deletes every record that has expired at now and returns how many
// it deleted. It works in batches, so readers and writers are not held up
// for long however much has expired.
func (s *BoltStore) Sweep(now time.Time) (int, error) {
	limit := make([]byte, 8)
	binary.BigEndian.PutUint64(limit, uint64(now.UnixNano()))
	s.opMu.RLock()
	defer s.opMu.RUnlock()
	total := 0
	for {
		n, done := 0, false
		var freed int64
		err := s.db.Update(func(tx *bolt.Tx) error {
			n, freed = 0, 0
			reports, expiry := tx.Bucket(bucketReports), tx.Bucket(bucketExpiry)
			var keys [][]byte
			c := expiry.Cursor()
			for k, _ := c.First(); k != nil && len(keys) < sweepBatch; k, _ = c.Next() {
				if len(k) < 8 || bytes.Compare(k[:8], limit) > 0 {
					break // Expired means !now.Before(expires): expires <= now.
				}
				keys = append(keys, append([]byte(nil), k...))
			}
			for _, k := range keys {
				if err := expiry.Delete(k); err != nil {
					return err
				}
				id := k[8:]
				// Only delete the record if this index entry is its own.
				if v := reports.Get(id); v != nil {
					if r, err := decodeRecord(v); err != nil || r.Expires.UnixNano() == int64(binary.BigEndian.Uint64(k[:8])) {
						size := int64(len(v))
						if err := reports.Delete(id); err != nil {
							return err
						}
						n++
						freed += size
					}
				}
			}
			done = len(keys) < sweepBatch
			return nil
		})
		if err != nil {
			return total, err
		}
		s.used.Add(-freed)
		total += n
		if done {
			return total, nil
		}
	}
}

// StartSweeper runs Sweep(time.Now()) every interval in the background until
// ctx is done or the store is closed. Failures are logged with log.Printf.
func (s *BoltStore) StartSweeper(ctx context.Context, every time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	if every <= 0 {
		every = time.Hour
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-s.ctx.Done():
				return
			case <-t.C:
				if _, err := s.Sweep(time.Now()); err != nil {
					log.Printf("share: sweep: %v", err)
				}
				if _, err := s.CompactIfSparse(); err != nil {
					log.Printf("share: compact: %v", err)
				}
			}
		}
	}()
}

// Close stops the sweepers and closes the file.
func (s *BoltStore) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.mu.Unlock()
	s.cancel()
	s.wg.Wait()
	s.opMu.Lock()
	defer s.opMu.Unlock()
	return s.db.Close()
}

const (
	compactSuffix = ".compact"
	// compactMinSize: smaller files are not worth rewriting.
	compactMinSize = 8 << 20
)

// CompactIfSparse rewrites the file without its free pages when more than
// half of it is free (and it is over compactMinSize), and reports whether
// it did. Operations wait meanwhile. The copy is written and synced beside
// the file and renamed over it, so a crash at any point leaves either the
// old file or the new one, each with every acknowledged record.
func (s *BoltStore) CompactIfSparse() (bool, error) {
	s.opMu.Lock()
	defer s.opMu.Unlock()
	var size int64
	if err := s.db.View(func(tx *bolt.Tx) error { size = tx.Size(); return nil }); err != nil {
		return false, err
	}
	free := int64(s.db.Stats().FreeAlloc)
	if size < compactMinSize || 2*free <= size {
		return false, nil
	}
	tmp := s.path + compactSuffix
	os.Remove(tmp)
	dst, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return false, err
	}
	if err := bolt.Compact(dst, s.db, 16<<20); err != nil {
		dst.Close()
		os.Remove(tmp)
		return false, err
	}
	if err := dst.Sync(); err != nil {
		dst.Close()
		os.Remove(tmp)
		return false, err
	}
	if err := dst.Close(); err != nil {
		os.Remove(tmp)
		return false, err
	}
	if err := s.db.Close(); err != nil {
		os.Remove(tmp)
		return false, err
	}
	renameErr := os.Rename(tmp, s.path)
	if renameErr == nil {
		syncDir(filepath.Dir(s.path))
	} else {
		os.Remove(tmp)
	}
	db, used, err := openBoltDB(s.path)
	if err != nil {
		return false, err // the store is closed; every call fails from now on
	}
	s.db = db
	s.used.Store(used)
	return renameErr == nil, renameErr
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
