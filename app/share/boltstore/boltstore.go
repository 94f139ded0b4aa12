// Package boltstore is the share.Store of `netplay serve`: one bbolt file,
// shares.db, in the --data directory. A Put returns only after its
// transaction is committed and fsynced, so an acknowledged share (201)
// survives a crash of the server.
package boltstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"netplay/app/share"
)

// FileName is the store's file inside the data directory.
const FileName = "shares.db"

var bucket = []byte("shares")

// Store is a share.Store in a bbolt file.
type Store struct {
	db *bolt.DB
}

var _ share.Store = (*Store)(nil)

// Open opens (creating if needed) the store in dir. Only one process can
// have it open; a second gets an error after one second.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("share store: %w", err)
	}
	path := filepath.Join(dir, FileName)
	_, statErr := os.Stat(path)
	// InitialMmapSize: growing the mapping waits for every reader and
	// blocks new ones; 64 MiB of address space (not disk) postpones that
	// to ~100,000 shares.
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: time.Second, InitialMmapSize: 64 << 20})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("share store %s is in use by another process (is another `netplay serve` running with the same --data?)", path)
	}
	if err != nil {
		return nil, fmt.Errorf("share store %s: %w", path, err)
	}
	// Concurrent shares are committed together: one fsync for all the
	// writers that arrive within MaxBatchDelay, each still answered only
	// after that commit. The default 10 ms would add 10 ms to a lone share.
	db.MaxBatchDelay = 2 * time.Millisecond
	if err := db.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bucket)
		return err
	}); err != nil {
		db.Close()
		return nil, fmt.Errorf("share store %s: %w", path, err)
	}
	if os.IsNotExist(statErr) {
		// A new file: make its directory entry durable too.
		if err := syncDir(dir); err != nil {
			db.Close()
			return nil, fmt.Errorf("share store: %w", err)
		}
	}
	return &Store{db: db}, nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the store's file.
func (s *Store) Path() string { return s.db.Path() }

// Get implements share.Store.Get.
func (s *Store) Get(ctx context.Context, id string) ([]byte, error) {
	var data []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucket).Get([]byte(id)); v != nil {
			data = bytes.Clone(v) // v is valid only inside the transaction
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if data == nil {
		return nil, share.ErrNotFound
	}
	return data, nil
}

// Put implements share.Store.Put. It returns after the commit (with fsync)
// that holds data, or at once if id already holds the same data.
func (s *Store) Put(ctx context.Context, id string, data []byte) error {
	key := []byte(id)
	var exists, same bool
	if err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucket).Get(key)
		exists, same = v != nil, bytes.Equal(v, data)
		return nil
	}); err != nil {
		return err
	}
	if exists {
		if !same {
			return share.ErrCollision
		}
		return nil
	}
	var collision bool
	err := s.db.Batch(func(tx *bolt.Tx) error {
		// Batch may run this more than once: keep it idempotent.
		collision = false
		b := tx.Bucket(bucket)
		if v := b.Get(key); v != nil {
			collision = !bytes.Equal(v, data)
			return nil
		}
		return b.Put(key, bytes.Clone(data))
	})
	if err != nil {
		return err
	}
	if collision {
		return share.ErrCollision
	}
	return nil
}
