// Package share is the short-link API of the playground: POST /api/share
// stores a scenario under an id derived from its content, GET
// /api/share/{id} returns it. The same http.Handler runs in `netplay serve`
// (bbolt store on disk, package boltstore) and in the Cloudflare Worker
// (Workers KV, package kvstore); tests use the in-memory MemStore.
package share

import (
	"context"
	"errors"
)

// ErrNotFound is returned by Store.Get for an id that was never stored.
var ErrNotFound = errors.New("share: no scenario with this id")

// ErrCollision is returned by Store.Put when the id already holds different
// data: two scenarios whose SHA-256 agree in the first 64 bits. Nothing is
// overwritten.
var ErrCollision = errors.New("share: id already holds a different scenario")

// Store keeps scenarios by id. Ids are content-derived (scenario.ID of the
// canonical JSON), so a Put of an id that exists with the same data is a
// no-op, and the first data stored under an id is never replaced. There is
// deliberately no List or Delete.
type Store interface {
	// Get returns the data stored under id, or ErrNotFound.
	Get(ctx context.Context, id string) ([]byte, error)
	// Put stores data under id. When it returns nil the data is durable:
	// it survives a crash of this process (for the bbolt store, the
	// transaction is fsynced). Put returns ErrCollision, and changes
	// nothing, if id holds different data.
	Put(ctx context.Context, id string, data []byte) error
}
