//go:build js && wasm

// Package kvstore is the share.Store of the Cloudflare Worker: Workers KV
// through github.com/syumai/workers. Keys are "share/" + id.
//
// KV is eventually consistent across Cloudflare's locations (a share is
// readable at once where it was written, elsewhere within about a minute)
// and a KV put is durable once the promise resolves. The free plan allows
// 1,000 writes a day, so Put reads first and skips re-posts of a scenario
// that is already stored.
package kvstore

import (
	"context"
	"fmt"

	"github.com/syumai/workers/cloudflare/kv"

	"netplay/app/share"
)

// keyPrefix leaves the namespace free for other kinds of keys later.
const keyPrefix = "share/"

// kvMiss is what syumai/workers returns for a missing key: the JS value
// null converted with js.Value.String, not an error.
const kvMiss = "<null>"

// Store is a share.Store on a Workers KV namespace.
type Store struct {
	ns *kv.Namespace
}

var _ share.Store = (*Store)(nil)

// Open returns the store on the KV namespace bound as binding in
// wrangler.jsonc. It must be called while a request is being handled (the
// bindings live in the request's runtime context).
func Open(binding string) (*Store, error) {
	ns, err := kv.NewNamespace(binding)
	if err != nil {
		return nil, fmt.Errorf("KV binding %s: %w (is it in wrangler.jsonc's kv_namespaces?)", binding, err)
	}
	return &Store{ns: ns}, nil
}

// Get implements share.Store.Get.
func (s *Store) Get(ctx context.Context, id string) ([]byte, error) {
	v, err := s.ns.GetString(keyPrefix+id, nil)
	if err != nil {
		return nil, fmt.Errorf("KV get: %w", err)
	}
	if v == kvMiss {
		return nil, share.ErrNotFound
	}
	return []byte(v), nil
}

// Put implements share.Store.Put.
func (s *Store) Put(ctx context.Context, id string, data []byte) error {
	old, err := s.Get(ctx, id)
	switch {
	case err == nil && string(old) == string(data):
		return nil
	case err == nil:
		return share.ErrCollision
	case err != share.ErrNotFound:
		return err
	}
	if err := s.ns.PutString(keyPrefix+id, string(data), nil); err != nil {
		return fmt.Errorf("KV put: %w", err)
	}
	return nil
}
