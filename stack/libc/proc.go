// Package libc is netplay's C library: the system headers (held in memory),
// a program's memory with its heap allocator, and the library functions a
// compiled program calls (stdio, string, stdlib, ctype, time, the socket
// API). The compiler in stack/c binds calls to the functions in Funcs.
package libc

import (
	"net/netip"
	"netplay/stack/linux/errno"
	"netplay/stack/sock"
	"strings"
	"time"
)

// System is what the C library needs from the process it runs in: the
// cooperative gate, exit, output and the virtual clock. *vnet.Process
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
	Now() time.Duration
	Sleep(d time.Duration)
	LookupHost(name string) []netip.Addr
	SetLineFunc(f func() int)
}

// Func is a library function as the compiled program calls it: the
// arguments converted to the parameter types of the header's prototype (and
// promoted for "..."), integers and pointers as their 64-bit patterns,
// floating point values as float64 bits; struct arguments by address. The
// result is returned the same way.
type Func func(p *Proc, a []uint64) uint64

// Funcs maps a C name to its implementation.
var Funcs = map[string]Func{}

func register(fs map[string]Func) {
	for k, v := range fs {
		if _, dup := Funcs[k]; dup {
			panic("libc: " + k + " registered twice")
		}
		Funcs[k] = v
	}
}

// Proc is the C library's state in one running program.
type Proc struct {
	Mem  *Memory
	Sys  System
	Sock *sock.Table // nil: no socket layer (pure computation)
	File string      // source file name, for assert messages

	// Call calls the C function whose function pointer is fn with args
	// (for qsort, bsearch, atexit), set by the runtime.
	Call func(fn uint64, args ...uint64) uint64
	// Vars are the addresses of the library variables (Vars) the
	// compiler placed in the program's data, set by the runtime.
	Vars map[string]uint64

	errnoAddr  uint64
	herrnoAddr uint64
	streams    [3]uint64 // FILE* of stdin, stdout, stderr
	out        [3]strings.Builder
	statics    map[string]uint64 // static result buffers (inet_ntoa, strerror...)
	strtok     uint64
	atexit     []uint64
	rand       *glibcRand
	exiting    bool
	started    time.Duration
	sig        sigState
	nice       int
	umask      uint32
	rlimits    [rlimNLimits]rlimit
	logIdent   string // openlog's
	logOpt     int
	logMask    int
	getoptSt   getoptState
	drand      [3]uint16 // drand48's state
	drandA     [3]uint16
	drandC     uint16
	protoNext  int // getprotoent's and getservent's places
	servNext   int
}

// NewProc prepares the library state of a program using mem and sys.
func NewProc(mem *Memory, sys System, tab *sock.Table) *Proc {
	p := &Proc{Mem: mem, Sys: sys, Sock: tab, statics: map[string]uint64{}, umask: 0o022, rlimits: defaultRlimits, logMask: 0xff}
	p.drandA, p.drandC = [3]uint16{0xe66d, 0xdeec, 0x5}, 0xb // drand48 before srand48: x = 0
	p.errnoAddr = p.static("errno", 8)
	p.herrnoAddr = p.static("h_errno", 8)
	for i := range p.streams {
		p.streams[i] = mem.Malloc(16)
		mem.S32(p.streams[i], uint32(i))
	}
	if sys != nil {
		p.started = sys.Now()
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

// write appends text to stream fd (1 stdout, 2 stderr): stdout is line
// buffered, as on a terminal, so the trace shows each line when the program
// prints it; stderr is unbuffered.
func (p *Proc) write(fd int, b []byte) {
	switch fd {
	case 1:
		o := &p.out[1]
		o.Write(b)
		if i := strings.LastIndexByte(o.String(), '\n'); i >= 0 {
			s := o.String()
			p.emit("stdout", s[:i+1])
			rest := s[i+1:]
			o.Reset()
			o.WriteString(rest)
		}
	case 2:
		p.emit("stderr", string(b))
	}
}

func (p *Proc) emit(stream, text string) {
	if p.Sys != nil {
		p.Sys.Output(stream, text)
	}
}

// Flush writes out buffered stdout.
func (p *Proc) Flush() {
	if s := p.out[1].String(); s != "" {
		p.out[1].Reset()
		p.emit("stdout", s)
	}
}

// Exit runs the atexit handlers, flushes stdio and ends the program.
func (p *Proc) Exit(status int) {
	if !p.exiting {
		p.exiting = true
		for i := len(p.atexit) - 1; i >= 0; i-- {
			p.Call(p.atexit[i])
		}
	}
	p.Flush()
	p.Sys.Exit(status)
}

// streamFd returns the fd behind a FILE*, faulting on a bad one.
func (p *Proc) streamFd(f uint64) int {
	for i, a := range p.streams {
		if a == f {
			return i
		}
	}
	if f == 0 {
		Segv()
	}
	Abort("invalid FILE* (netplay has only stdin, stdout and stderr)")
	return -1
}
