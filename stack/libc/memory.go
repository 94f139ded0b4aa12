package libc

import (
	"math"

	"netplay/stack/linux/signal"
)

// Memory layout of a program (addresses are offsets into Memory.B):
//
//	[0, Guard)            never valid: NULL and small offsets from it fault
//	[Guard, stack)        globals and string literals
//	[stack, stack+Stack)  the C stack (frames grow upwards)
//	[heap, len(B))        the heap (malloc), grown on demand up to Cap
const (
	Guard     = 4096
	StackSize = 2 << 20
	Cap       = 64 << 20 // the memory cap of one program
)

// Fault is the panic value of a runtime fault: the runtime recovers it and
// ends the program with Msg (and the current line) and the exit status of
// Signal, as Linux would end it with that signal.
type Fault struct {
	Msg    string
	Signal signal.Signal
}

// Segv faults with "Segmentation fault".
func Segv() { panic(segv) }

// segv is Segv's panic, made once: a Fault built in Segv (a call to Text
// and a conversion) makes Segv, and so L32, S64 and the other accesses,
// too costly for Go to inline into the C machine's closures.
var segv any = Fault{Msg: signal.SIGSEGV.Text(), Signal: signal.SIGSEGV}

// Abort faults with msg and the status of SIGABRT.
func Abort(msg string) { panic(Fault{Msg: msg, Signal: signal.SIGABRT}) }

// Memory is a program's byte-addressed memory. Every access is checked:
// outside [Guard, len(B)) it faults with "Segmentation fault".
type Memory struct {
	B         []byte
	StackBase uint64 // first byte of the stack
	StackEnd  uint64
	HeapBase  uint64
	heapTop   uint64 // first byte never handed out by malloc
	free      [nClasses]uint64
	big       []uint64 // freed blocks larger than the biggest class
	InUse     int64    // bytes malloc'd and not freed

	// Reserve, when set, takes n more bytes for the heap from a budget
	// shared with other programs (the run's), or says why it cannot: the
	// program then ends, out of memory. reserved is what it took.
	Reserve  func(n int64) error
	reserved int64
}

// Reserved returns the bytes the heap took through Reserve.
func (m *Memory) Reserved() int64 { return m.reserved }

// NewMemory returns a memory holding data (the globals image, placed at
// Guard) followed by the stack; the heap starts empty.
func NewMemory(data []byte) *Memory {
	dataEnd := align(Guard+uint64(len(data)), 16)
	stack := dataEnd
	heap := stack + StackSize
	b := make([]byte, heap, heap+64<<10)
	copy(b[Guard:], data)
	return &Memory{B: b, StackBase: stack, StackEnd: heap, HeapBase: heap, heapTop: heap}
}

func align(n, a uint64) uint64 { return (n + a - 1) &^ (a - 1) }

// Check faults unless [a, a+n) is valid memory.
func (m *Memory) Check(a, n uint64) {
	if a < Guard || a+n > uint64(len(m.B)) || a+n < a {
		Segv()
	}
}

// Valid reports whether [a, a+n) is valid memory (Check would not fault).
func (m *Memory) Valid(a, n uint64) bool {
	return n == 0 || a >= Guard && a+n <= uint64(len(m.B)) && a+n >= a
}

// Slice returns the n bytes at a, after checking them.
func (m *Memory) Slice(a, n uint64) []byte {
	if n == 0 {
		return nil
	}
	m.Check(a, n)
	return m.B[a : a+n : a+n]
}

func (m *Memory) L8(a uint64) uint8 {
	if a-Guard >= uint64(len(m.B))-Guard {
		Segv()
	}
	return m.B[a]
}

func (m *Memory) L16(a uint64) uint16 {
	if a-Guard > uint64(len(m.B))-Guard-2 {
		Segv()
	}
	return load16(m.B, a)
}

func (m *Memory) L32(a uint64) uint32 {
	if a-Guard > uint64(len(m.B))-Guard-4 {
		Segv()
	}
	return load32(m.B, a)
}

func (m *Memory) L64(a uint64) uint64 {
	if a-Guard > uint64(len(m.B))-Guard-8 {
		Segv()
	}
	return load64(m.B, a)
}

func (m *Memory) S8(a uint64, v uint8) {
	if a-Guard >= uint64(len(m.B))-Guard {
		Segv()
	}
	m.B[a] = v
}

func (m *Memory) S16(a uint64, v uint16) {
	if a-Guard > uint64(len(m.B))-Guard-2 {
		Segv()
	}
	store16(m.B, a, v)
}

func (m *Memory) S32(a uint64, v uint32) {
	if a-Guard > uint64(len(m.B))-Guard-4 {
		Segv()
	}
	store32(m.B, a, v)
}

func (m *Memory) S64(a uint64, v uint64) {
	if a-Guard > uint64(len(m.B))-Guard-8 {
		Segv()
	}
	store64(m.B, a, v)
}

func (m *Memory) LF32(a uint64) float64    { return float64(math.Float32frombits(m.L32(a))) }
func (m *Memory) LF64(a uint64) float64    { return math.Float64frombits(m.L64(a)) }
func (m *Memory) SF32(a uint64, v float64) { m.S32(a, math.Float32bits(float32(v))) }
func (m *Memory) SF64(a uint64, v float64) { m.S64(a, math.Float64bits(v)) }

// Move copies n bytes from src to dst (overlap allowed, as memmove).
func (m *Memory) Move(dst, src, n uint64) {
	if n == 0 {
		return
	}
	m.Check(dst, n)
	m.Check(src, n)
	copy(m.B[dst:dst+n], m.B[src:src+n])
}

// Set fills n bytes at a with c.
func (m *Memory) Set(a uint64, c byte, n uint64) {
	b := m.Slice(a, n)
	for i := range b {
		b[i] = c
	}
}

// CString returns the NUL-terminated string at a.
func (m *Memory) CString(a uint64) string {
	return string(m.CBytes(a))
}

// CBytes returns the bytes of the NUL-terminated string at a (aliasing
// memory), without the NUL.
func (m *Memory) CBytes(a uint64) []byte {
	if a < Guard || a >= uint64(len(m.B)) {
		Segv()
	}
	for i := a; i < uint64(len(m.B)); i++ {
		if m.B[i] == 0 {
			return m.B[a:i]
		}
	}
	Segv()
	return nil
}

// StrLen returns strlen(a).
func (m *Memory) StrLen(a uint64) uint64 { return uint64(len(m.CBytes(a))) }

// PutCString writes s and a NUL at a.
func (m *Memory) PutCString(a uint64, s string) {
	b := m.Slice(a, uint64(len(s))+1)
	copy(b, s)
	b[len(s)] = 0
}

// Load32, Load64, Store32 and Store64 access B at a without the checks of
// L32 and the others: for callers that checked [a, a+size) themselves
// (stack/c's fused closures, which must stay small enough to inline them).
func Load32(b []byte, a uint64) uint32     { return load32(b, a) }
func Load64(b []byte, a uint64) uint64     { return load64(b, a) }
func Store32(b []byte, a uint64, v uint32) { store32(b, a, v) }
func Store64(b []byte, a uint64, v uint64) { store64(b, a, v) }
