package share

import (
	"bytes"
	"context"
	"sync"
)

// MemStore is a Store in memory, for tests. The zero value is not usable;
// call NewMemStore.
type MemStore struct {
	mu sync.RWMutex
	m  map[string][]byte
}

var _ Store = (*MemStore)(nil)

// NewMemStore returns an empty in-memory store.
func NewMemStore() *MemStore {
	return &MemStore{m: make(map[string][]byte)}
}

// Get implements Store.Get.
func (s *MemStore) Get(ctx context.Context, id string) ([]byte, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, ok := s.m[id]
	if !ok {
		return nil, ErrNotFound
	}
	return bytes.Clone(b), nil
}

// Put implements Store.Put.
func (s *MemStore) Put(ctx context.Context, id string, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.m[id]; ok {
		if !bytes.Equal(old, data) {
			return ErrCollision
		}
		return nil
	}
	s.m[id] = bytes.Clone(data)
	return nil
}

// Len returns the number of stored scenarios.
func (s *MemStore) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.m)
}
