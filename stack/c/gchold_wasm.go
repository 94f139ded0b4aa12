//go:build wasm

package c

// holdGC: in Go's wasm port the collector already waits while the front
// end runs (pauseGC, for V8's stack), and the memory a page grows to is
// never given back to the browser: a build keeps the page's setting.
func holdGC() (release func()) { return func() {} }
