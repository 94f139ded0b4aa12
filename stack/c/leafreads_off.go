//go:build !wasm && !netplay_leafreads

package c

// leafReads: see leafreads_on.go.
const leafReads = false
