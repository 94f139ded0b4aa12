//go:build wasm

package c

import "runtime/debug"

// unwinds: V8's stack is unwound every unwindFrames Go frames (gostack.go).
const (
	unwinds      = true
	unwindFrames = 2_000
)

// pauseGC stops the collector while the front end runs, and returns what
// starts it again. In Go's wasm port the collector's work on an allocating
// goroutine runs on top of V8's stack: measured in node (stack/c's
// TestHostileInWorkerStack), a parse of 80 nested "0 + (" that passes with
// GOGC=off overflowed V8's stack in most runs after the collector had
// work to do. Setting a negative percentage waits for a cycle in progress.
func pauseGC() (resume func()) {
	old := debug.SetGCPercent(-1)
	return func() { debug.SetGCPercent(old) }
}
