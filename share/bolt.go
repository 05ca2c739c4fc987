//go:build !js

package share

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"log"
	"sync"
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
type BoltStore struct {
	db *bolt.DB

	mu     sync.Mutex
	closed bool
	cancel context.CancelFunc // stops sweepers
	ctx    context.Context
	wg     sync.WaitGroup
}

// OpenBolt opens (creating if needed) the store at path. Only one process
// may hold the file; OpenBolt gives up after 5 s waiting for its lock.
func OpenBolt(path string) (*BoltStore, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 5 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("share: open %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketReports, bucketExpiry} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("share: init %s: %w", path, err)
	}
	db.MaxBatchDelay = batchDelay
	ctx, cancel := context.WithCancel(context.Background())
	return &BoltStore{db: db, ctx: ctx, cancel: cancel}, nil
}

// DB exposes the underlying database (for checks and statistics).
func (s *BoltStore) DB() *bolt.DB { return s.db }

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
	return s.db.Batch(func(tx *bolt.Tx) error {
		reports, expiry := tx.Bucket(bucketReports), tx.Bucket(bucketExpiry)
		if old := reports.Get([]byte(id)); old != nil {
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
}

// Get implements Store.
func (s *BoltStore) Get(ctx context.Context, id string) (Record, error) {
	if err := ctx.Err(); err != nil {
		return Record{}, err
	}
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
	return s.db.Batch(func(tx *bolt.Tx) error { return deleteTx(tx, []byte(id)) })
}

func deleteTx(tx *bolt.Tx, id []byte) error {
	reports := tx.Bucket(bucketReports)
	v := reports.Get(id)
	if v == nil {
		return nil
	}
	if r, err := decodeRecord(v); err == nil {
		if err := tx.Bucket(bucketExpiry).Delete(expiryKey(r.Expires, string(id))); err != nil {
			return err
		}
	}
	return reports.Delete(id)
}

// Sweep deletes every record that has expired at now and returns how many
// it deleted. It works in batches, so readers and writers are not held up
// for long however much has expired.
func (s *BoltStore) Sweep(now time.Time) (int, error) {
	limit := make([]byte, 8)
	binary.BigEndian.PutUint64(limit, uint64(now.UnixNano()))
	total := 0
	for {
		n, done := 0, false
		err := s.db.Update(func(tx *bolt.Tx) error {
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
						if err := reports.Delete(id); err != nil {
							return err
						}
						n++
					}
				}
			}
			done = len(keys) < sweepBatch
			return nil
		})
		if err != nil {
			return total, err
		}
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
	return s.db.Close()
}
