//go:build !wasm

package c

// unwinds: only Go's wasm port runs Go calls on a stack of its own (gostack.go).
const (
	unwinds      = false
	unwindFrames = maxGoFrames
)

// pauseGC: natively the collector's work does not use the stack a deep
// parse does (see unwind_wasm.go).
func pauseGC() (resume func()) { return func() {} }
