package c

import (
	"fmt"
	"math"

	"netplay/stack/libc"
	"netplay/stack/linux/signal"
)

// Closure shapes of compiled code. Integer, pointer and aggregate (its
// address) values travel as int64 holding the value normalised to its C
// type (sign- or zero-extended); floating point values as float64 (a float
// is kept rounded to float32).
type (
	ie  func(f *frame) int64
	fe  func(f *frame) float64
	stm func(f *frame) ctl
)

// ctl says how a statement ended.
type ctl uint8

const (
	cNext ctl = iota
	cBreak
	cContinue
	cReturn
	cGoto
)

// frame is one activation of a C function.
type frame struct {
	m       *machine
	slots   []int64 // register-like locals (scalars whose address is never taken)
	bp      uint64  // base of the function's memory frame (arrays, structs, address-taken locals)
	ret     int64   // return value (float64 bits for floating results)
	retAddr uint64  // where a struct result goes
	va      uint64  // first variadic argument slot
	label   int     // target of a pending goto

	sbase, sgen int // where slots starts in machine.slots, of which generation
}

// machine is one running program.
type machine struct {
	prog  *Program
	mem   *libc.Memory
	proc  *libc.Proc
	sys   libc.System
	line  int
	sp    uint64 // top of the C stack
	depth int
	// stackEnd is the end of the thread's C stack: the main thread's is
	// the memory's stack, another thread's a block of the heap.
	stackEnd uint64
	// goFrames counts the Go frames the C calls hold (gostack.go); a call
	// past unwindAt takes the slow path (the limit, or V8's unwind).
	goFrames, unwindAt int

	astack []uint64 // call arguments being evaluated
	asp    int
	slots  []int64
	stop   int
	sgen   int // incremented when slots is reallocated
	frames []*frame

	steps, budget int64
	// gateAt is the step at which the gate calls sys.Gate (the end of the
	// time slice) or faults (budget+1); gated is the step of its last call.
	gateAt, gated int64
	// run is what the program's threads share: the steps they spent of
	// the program's budget. budget is the step of this thread's count at
	// which the program would exceed it, as of the last gate.
	run *runState
}

// runState is the part of the machine a program's threads share.
type runState struct {
	spent, budget int64 // steps passed at the gates of every thread; the program's limit
}

// Limits of one program.
const (
	DefaultBudget = 2_000_000_000
)

// fault ends the program with msg at the current line, as sig would.
func fault(msg string, sig signal.Signal) {
	panic(libc.Fault{Msg: msg, Signal: sig})
}

func fpe() { fault(signal.SIGFPE.Text(), signal.SIGFPE) }

// gate is the one cooperative gate: function entry and loop back-edges.
// It counts the step and calls the system only at the end of a time slice
// (or of the step budget), so it is small enough to be inlined.
func (m *machine) gate() {
	m.steps++
	if m.steps >= m.gateAt {
		m.pass()
	}
}

// pass is the gate's slow path: the budget, then the system's gate.
func (m *machine) pass() {
	r := m.run
	d := m.steps - m.gated
	r.spent += d
	m.gated = m.steps
	if r.spent > r.budget {
		m.overBudget()
	}
	next := int64(m.sys.Gate(int(d)))
	// Other threads may have run meanwhile, and spent steps.
	m.budget = m.steps + r.budget - r.spent
	m.gateAt = min(m.steps+max(next, 1), m.budget+1)
}

// charge counts steps the program spent outside its own code (a system
// call's) against its budget and time slice, as if it had looped.
func (m *machine) charge(steps int) {
	m.steps += int64(steps)
	if m.steps >= m.gateAt {
		m.pass()
	}
}

func (m *machine) overBudget() {
	fault(fmt.Sprintf("step limit exceeded (%d steps): the program ran too long (a loop that never ends?)", m.run.budget), signal.SIGKILL)
}

// call runs fn with args (already converted to its parameter types).
func (m *machine) call(fn *function, args []uint64, retAddr uint64) int64 {
	m.enterFrames(fn.frames)
	m.gate()
	m.depth++
	if m.depth >= len(m.frames) {
		m.frames = append(m.frames, &frame{m: m})
	}
	nf := m.frames[m.depth]
	oldSP, oldStop := m.sp, m.stop
	if m.stop+fn.nslots+slotRoom > len(m.slots) {
		m.growSlots(fn.nslots + slotRoom)
	}
	if nf.sbase != m.stop || nf.sgen != m.sgen {
		// A frame's slots run to the end of m.slots (the compiled code
		// indexes only its nslots), so that a frame called again at the same
		// depth keeps its slice: no pointer write, which is dear in wasm
		// while the collector marks (no preemption lets it finish).
		nf.slots, nf.sbase, nf.sgen = m.slots[m.stop:], m.stop, m.sgen
	}
	slots := nf.slots[:fn.nslots]
	m.stop += fn.nslots
	nf.bp = m.sp
	size := fn.frameSize
	nvar := 0
	if len(args) > len(fn.params) {
		nvar = len(args) - len(fn.params)
	}
	if m.sp+uint64(size)+uint64(8*nvar) > m.stackEnd {
		fault("Stack overflow", signal.SIGSEGV)
	}
	m.sp += uint64(size)
	if size > 0 {
		clear(m.mem.B[nf.bp:m.sp]) // fresh frames read as zero (deterministic)
	}
	nf.retAddr = retAddr
	nf.ret = 0
	if fn.slotParams {
		// Parameter i is slot i: copy them, zero the other locals.
		n := min(len(args), len(fn.params))
		for i, a := range args[:n] {
			slots[i] = int64(a)
		}
		clear(slots[n:])
	} else {
		clear(slots)
		for i, p := range fn.params {
			if i >= len(args) {
				break
			}
			a := args[i]
			switch {
			case p.slot >= 0:
				slots[p.slot] = int64(a)
			default:
				p.store(nf, nf.bp+uint64(p.off), a)
			}
		}
	}
	if fn.variadic {
		nf.va = m.sp
		for i := len(fn.params); i < len(args); i++ {
			m.mem.S64(m.sp, args[i])
			m.sp += 8
		}
	}
	r := cNext
	if fn.body != nil {
		r = fn.body(nf)
	} else {
		for i := range fn.items {
			it := &fn.items[i]
			if it.e != nil {
				m.line = it.ln
				it.e(nf)
				continue
			}
			if r = it.s(nf); r != cNext {
				break
			}
		}
	}
	if r != cReturn {
		if r == cGoto {
			fault("internal error: unresolved goto", signal.SIGABRT)
		}
		if fn.isMain {
			nf.ret = 0 // C99: reaching the end of main returns 0
		}
	}
	m.sp, m.stop = oldSP, oldStop
	m.depth--
	m.leaveFrames(fn.frames)
	return nf.ret
}

// slotRoom is how many slots past its own a frame's slice always has: the
// fused closures read slot 0 of any frame (masked off when unused), and a
// call writes its first four argument slots whatever the callee's count.
const slotRoom = 4

// growSlots gives the frames from the current top a new slot array with
// room for n; older frames keep their own slices of the old one.
func (m *machine) growSlots(n int) {
	m.slots = make([]int64, 2*len(m.slots)+n)
	m.stop = 0
	m.sgen++
}

// pushArgs reserves n argument cells and returns their base index.
func (m *machine) pushArgs(n int) int {
	b := m.asp
	m.asp += n
	if m.asp > len(m.astack) {
		na := make([]uint64, 2*m.asp+16)
		copy(na, m.astack)
		m.astack = na
	}
	return b
}

func f64(v int64) float64 { return math.Float64frombits(uint64(v)) }
func i64(v float64) int64 { return int64(math.Float64bits(v)) }
