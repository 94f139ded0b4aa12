package c

import (
	"runtime"

	"netplay/stack/linux/signal"
)

// The C machine runs a C call as nested Go calls (the call closure, then
// the closures of the statements and expressions it is in), so a C
// program's recursion is the Go stack's. Its depth is bounded in Go
// frames, counted the same way in both ports, so that a program faults
// with "Stack overflow" at the same call natively and in the page:
//
//   - each function's activation counts the deepest nesting of closures
//     its body can hold (compiler.nest: the compiler's own recursion over
//     statements and expressions, which the closures follow) plus the
//     call's own frames; a C function called back by the C library (a
//     qsort comparator) counts the library's frames too;
//   - maxGoFrames bounds their sum: f(n) { return n ? f(n-1)+1 : 0; }
//     (8 frames) recurses 24,990 deep, and the Go stack stays within a few
//     tens of MiB (16 MiB for the deepest expressions nesting.go allows),
//     far under the limit debug.SetMaxStack sets (GoStackLimit), whose
//     overflow is a fatal error no recover catches.
//
// In Go's wasm port Go calls are also wasm calls on V8's own stack (about
// 1 MB in a worker), which holds only a few thousand C calls. Go's port
// keeps return addresses on the Go stack and unwinds V8's whenever the
// goroutine is switched, so every unwindFrames Go frames deeper the call
// yields (runtime.Gosched), and V8's stack starts afresh from there.
const (
	maxGoFrames    = 200_000
	callFrames     = 2  // the call closure and m.call
	libcCallFrames = 64 // a library function calling back into C (qsort's sort)
	// GoStackLimit is the Go stack a program's goroutine may reach,
	// with room to spare over maxGoFrames' (set by the engine).
	GoStackLimit = 256 << 20
)

// enterFrames counts a call's frames; past the unwind point (wasm) or the
// limit it takes the slow path.
func (m *machine) enterFrames(n int) {
	m.goFrames += n
	if m.goFrames > m.unwindAt {
		m.deepCall()
	}
}

// leaveFrames uncounts a call's frames on return. In wasm, the frames
// returned through are off V8's stack, so the next unwind comes earlier.
func (m *machine) leaveFrames(n int) {
	m.goFrames -= n
	if unwinds {
		m.unwindAt = min(m.unwindAt, m.goFrames+unwindFrames)
	}
}

// deepCall faults past maxGoFrames, else unwinds V8's stack (wasm).
func (m *machine) deepCall() {
	if m.goFrames > maxGoFrames {
		fault("Stack overflow", signal.SIGSEGV)
	}
	if unwinds {
		runtime.Gosched()
		m.unwindAt = min(m.goFrames+unwindFrames, maxGoFrames)
	}
}

// resetFrames starts the count for a new run.
func (m *machine) resetFrames() {
	m.goFrames = 0
	m.unwindAt = maxGoFrames
	if unwinds {
		m.unwindAt = unwindFrames
	}
}

// enter counts one level of the compiler's recursion; the function it
// returns leaves it.
func (c *compiler) enter() func() {
	c.nest++
	c.maxNest = max(c.maxNest, c.nest)
	return c.leave
}

func (c *compiler) leave() { c.nest-- }
