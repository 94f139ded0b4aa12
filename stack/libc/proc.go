// Package libc is netplay's C library: the system headers (held in memory),
// a program's memory with its heap allocator, and the library functions a
// compiled program calls (stdio, string, stdlib, ctype, time, the socket
// API). The compiler in stack/c binds calls to the functions in Funcs.
package libc

import (
	"net/netip"
	"time"

	"netplay/stack/kernel"
	"netplay/stack/linux/errno"
	"netplay/stack/linux/signal"
	"netplay/stack/vnet"
)

// System is what the C library needs from the process it runs in: the
// cooperative gate, exit, output and the virtual clock. *vnet.Thread
// implements it.
type System interface {
	// Gate is the cooperative gate for a runtime that counts its own
	// steps (loop back-edges, function entries): steps is how many passed
	// since its last call. It returns how many more may pass before the
	// runtime calls it again (the rest of the program's time slice).
	Gate(steps int) (next int)
	Exit(status int)
	Output(stream, text string)
	Args() []string
	HostName() string
	// Clock is the virtual time as the program reads it.
	Clock() time.Duration
	// Sleep waits d of virtual time; a signal handler cuts it short,
	// and it returns the time that was left.
	Sleep(d time.Duration) time.Duration
	LookupHost(name string) []netip.Addr
	SetLineFunc(f func() int)

	// Threads. Tid is the calling thread's id (gettid). Block waits until
	// ready reports true, checking it again each time another thread
	// Wakes this one, or until deadline (absolute virtual nanoseconds,
	// negative for none; false when it passed first); what names what the
	// thread waits for, for the message of a deadlock. ExitThread ends
	// the calling thread alone (pthread_exit).
	Tid() int
	Block(what func() string, deadline int64, ready func() bool) bool
	Wake()
	ExitThread()

	// Signals: the process's disposition of each, the thread's mask and
	// what is pending for it; DeliverSignals delivers what is pending and
	// not blocked (after a call that unblocked one).
	SetSigAction(sig int, a vnet.SigAction) vnet.SigAction
	SigMask() uint64
	SetSigMask(mask uint64) uint64
	SigPending() uint64
	DeliverSignals() (handled, restart bool)
}

// Func is a library function as the compiled program calls it: the
// arguments converted to the parameter types of the header's prototype (and
// promoted for "..."), integers and pointers as their 64-bit patterns,
// floating point values as float64 bits; struct arguments by address. The
// result is returned the same way.
type Func func(p *Proc, a []uint64) uint64

// Funcs maps a C name to its implementation.
var Funcs = map[string]Func{}

// named is a C function by its name. Each part of the library lists its
// functions in a table of these, static data where its functions close
// over nothing: map literals were code that built them as the program
// started, a noticeable part of the page's download.
type named struct {
	name string
	fn   Func
}

func register(fs []named) {
	for _, f := range fs {
		if _, dup := Funcs[f.name]; dup {
			panic("libc: " + f.name + " registered twice")
		}
		Funcs[f.name] = f.fn
	}
}

// Proc is the C library's state in one thread of a running program: the
// thread's own (its system, its kernel task, its errno) and, shared by
// every thread of the program, the process's (embedded).
type Proc struct {
	*process
	Sys    System
	Kernel *kernel.Task // nil: no system calls (pure computation)

	// Call calls the C function whose function pointer is fn with args
	// (for qsort, bsearch, atexit), set by the runtime.
	Call func(fn uint64, args ...uint64) uint64
	// Charge counts steps against the program's budget and its time
	// slice, set by the runtime: every system call costs SyscallSteps.
	Charge func(steps int)
	// Spawn starts a thread of the program (pthread_create), set by the
	// runtime: it runs body on a new thread whose C stack is
	// [stack, stack+size), with the Proc of that thread, and returns its
	// id; fn is the C function the thread starts in (its name names the
	// thread). ok is false when the program runs without threads.
	Spawn func(fn, stack, size uint64, body func(np *Proc)) (tid int, ok bool)
	// Describe names the object of the program at addr ("jobs.lock"), or
	// returns "": the runtime's, for messages.
	Describe func(addr uint64) string
	// ForkCheck, when set (tests), checks fork's replay: the parent calls
	// it with nil as it forks and hands what it returns (its state: the
	// memory, the machine's) to the child, which calls it with that when
	// it reaches the fork: it faults unless the child is in that state.
	ForkCheck func(parent any) any

	errnoAddr  uint64 // errno is the thread's own, as glibc's
	herrnoAddr uint64
	self       *thread // the thread's pthread descriptor, once it needs one
}

// process is the C library's state that a program's threads share.
type process struct {
	Mem  *Memory
	File string // source file name, for assert messages
	// Vars are the addresses of the library variables (Vars) the
	// compiler placed in the program's data, set by the runtime.
	Vars map[string]uint64

	std       [3]*stream            // stdin, stdout, stderr
	files     map[uint64]*stream    // every open FILE by its address
	dirs      map[uint64]*dirStream // every open DIR by its address
	order     []*stream             // the open FILEs in the order they were opened
	statics   map[string]uint64     // static result buffers (inet_ntoa, strerror...)
	strtok    uint64
	atexit    []uint64
	rand      *glibcRand
	exiting   bool
	started   time.Duration
	sig       sigState
	nice      int
	rlimits   [rlimNLimits]rlimit
	logIdent  string // openlog's
	logOpt    int
	logMask   int
	getoptSt  getoptState
	drand     [3]uint16 // drand48's state
	drandA    [3]uint16
	drandC    uint16
	protoNext int // getprotoent's and getservent's places
	servNext  int

	threads threads // pthreads: the program's threads and what they share
}

// SyscallSteps is what a system call costs a program's step budget and
// time slice (a loop iteration costs one): a program that calls the
// system in a loop without ever blocking (polling a ready descriptor,
// retrying EAGAIN) meets the step limit and yields to the others as a
// computing loop does, and sooner, as a system call costs more.
const SyscallSteps = 10_000

// TerminalWriteSteps is what a write to the terminal costs instead: a
// line printed is the cheapest thing a program asks of the system (the
// engine appends it to the output; nothing waits, nothing else changes)
// and the one a working program makes by the hundred thousand: a
// learner's program printing 200,000 lines runs to its end within a fifth
// of the budget. A loop that prints forever still meets the step limit,
// after about a million lines (docs/limits.md).
const TerminalWriteSteps = 2_000

// NewProc prepares the library state of a program using mem and sys; k
// makes its system calls (nil: none).
func NewProc(mem *Memory, sys System, k *kernel.Task) *Proc {
	p := &Proc{Sys: sys, Kernel: k, process: &process{Mem: mem, statics: map[string]uint64{}, rlimits: defaultRlimits, logMask: 0xff}}
	p.drandA, p.drandC = [3]uint16{0xe66d, 0xdeec, 0x5}, 0xb // drand48 before srand48: x = 0
	p.errnoAddr = p.static("errno", 8)
	p.herrnoAddr = p.static("h_errno", 8)
	p.std[0] = p.newStream(0, true, false)
	p.std[1] = p.newStream(1, false, true)
	p.std[2] = p.newStream(2, false, true)
	if sys != nil {
		p.started = sys.Clock()
	}
	return p
}

// static returns the address of the library's static buffer called name.
func (p *Proc) static(name string, size uint64) uint64 {
	if a, ok := p.statics[name]; ok {
		return a
	}
	a := p.Mem.Malloc(size)
	if a == 0 {
		Abort("out of memory")
	}
	p.Mem.Set(a, 0, size)
	p.statics[name] = a
	return a
}

// SetErrno sets errno.
func (p *Proc) SetErrno(e errno.Errno) { p.Mem.S32(p.errnoAddr, uint32(e)) }

// Errno returns errno.
func (p *Proc) Errno() errno.Errno { return errno.Errno(int32(p.Mem.L32(p.errnoAddr))) }

// fail sets errno to e and returns -1 as a C result.
func (p *Proc) fail(e errno.Errno) uint64 {
	p.SetErrno(e)
	return neg1
}

const neg1 = ^uint64(0)

// kernel returns the task that makes the program's system calls, having
// charged the call's steps; it ends the program when there is none.
func (p *Proc) kernel() *kernel.Task {
	if p.Kernel == nil {
		panic(Fault{Msg: "system calls are not available here (the program runs without a system)", Signal: signal.SIGABRT})
	}
	p.chargeCall()
	return p.Kernel
}

// chargeCall charges a system call's steps (SyscallSteps): every call
// into the system, those that need no kernel task too (sleeps, yields),
// so that a loop of them meets the step limit as soon as a loop of
// reads does.
func (p *Proc) chargeCall() {
	if p.Charge != nil {
		p.Charge(SyscallSteps)
	}
}

// writer returns the task that makes a write to fd, having charged the
// write's steps: TerminalWriteSteps to the terminal, else SyscallSteps.
func (p *Proc) writer(fd int) *kernel.Task {
	if p.Kernel == nil || !p.Kernel.WritesToTerminal(fd) {
		return p.kernel()
	}
	if p.Charge != nil {
		p.Charge(TerminalWriteSteps)
	}
	return p.Kernel
}

// write writes text to stdout or stderr (fd 1 or 2) through its stream.
func (p *Proc) write(fd int, b []byte) {
	p.put(p.std[fd], b)
}

func (p *Proc) emit(stream, text string) {
	if p.Sys != nil {
		p.Sys.Output(stream, text)
	}
}

// Flush writes out stdout's pending output (before the program sleeps or
// waits, so that what it printed shows).
func (p *Proc) Flush() {
	if s := p.std[1]; s != nil && !s.closed && len(s.wbuf) > 0 {
		p.flush(s)
	}
}

// Exit runs the atexit handlers, flushes every stream and ends the
// program.
func (p *Proc) Exit(status int) {
	if !p.exiting {
		p.exiting = true
		for i := len(p.atexit) - 1; i >= 0; i-- {
			p.Call(p.atexit[i])
		}
	}
	p.FlushAll()
	p.Sys.Exit(status)
}
