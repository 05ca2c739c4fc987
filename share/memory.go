package share

import (
	"context"
	"sync"
)

// MemoryStore is a Store held in memory, for tests and throwaway servers.
// The zero value is ready to use.
type MemoryStore struct {
	mu sync.Mutex
	m  map[string]Record
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore { return &MemoryStore{} }

// Put implements Store.
func (s *MemoryStore) Put(ctx context.Context, id string, r Record) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r.Ciphertext = append([]byte(nil), r.Ciphertext...)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = make(map[string]Record)
	}
	s.m[id] = r
	return nil
}

// Get implements Store.
func (s *MemoryStore) Get(ctx context.Context, id string) (Record, error) {
	if err := ctx.Err(); err != nil {
		return Record{}, err
	}
	s.mu.Lock()
	r, ok := s.m[id]
	s.mu.Unlock()
	if !ok {
		return Record{}, ErrNotFound
	}
	r.Ciphertext = append([]byte(nil), r.Ciphertext...)
	return r, nil
}

// Delete implements Store.
func (s *MemoryStore) Delete(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	delete(s.m, id)
	s.mu.Unlock()
	return nil
}

// Len returns the number of records held, expired or not.
func (s *MemoryStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}
