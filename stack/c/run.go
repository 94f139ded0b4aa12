package c

import (
	"errors"
	"fmt"
	"runtime"
	"strings"

	"netplay/stack/kernel"
	"netplay/stack/libc"
	"netplay/stack/linux/signal"
)

// Options tune a run.
type Options struct {
	Budget int64        // gate passes in the whole run before "step limit exceeded" (0: DefaultBudget)
	Kernel *kernel.Task // the system the program calls (nil: none, pure computation)
}

// Exit is how a run ended, for callers without a vnet.Thread (tests).
type Exit struct {
	Status int
	Fault  string // "" for a normal exit
}

// Run runs the program's main with args (argv[1:]) on sys. It returns the
// exit status; a runtime fault is reported through crash (the vnet adapter
// turns it into Process.Crash) after stdout is left as C leaves it.
func (p *Program) Run(sys libc.System, args []string, opt Options, crash func(status int, msg string)) (status int) {
	mem := libc.NewMemory(p.data)
	m := &machine{prog: p, mem: mem, sys: sys, sp: mem.StackBase, budget: opt.Budget}
	if m.budget <= 0 {
		m.budget = DefaultBudget
	}
	m.slots = make([]int64, 4096)
	m.sgen = 1 // frames start with generation 0: their slots are set on first use
	m.frames = []*frame{{m: m}}
	m.proc = libc.NewProc(mem, sys, opt.Kernel)
	m.proc.Charge = m.charge
	m.proc.File = p.File
	m.proc.Vars = p.libVars
	m.proc.Call = func(fn uint64, a ...uint64) uint64 {
		f := m.fnAt(fn)
		return uint64(m.invoke(f, a, 0))
	}
	sys.SetLineFunc(func() int { _, l := p.where(m.line); return l })
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		var msg string
		sig := signal.SIGABRT
		switch e := r.(type) {
		case libc.Fault:
			msg, sig = e.Msg, e.Signal
		case runtime.Error:
			if strings.Contains(e.Error(), "index out of range") || strings.Contains(e.Error(), "slice bounds") {
				msg, sig = signal.SIGSEGV.Text(), signal.SIGSEGV
			} else if strings.Contains(e.Error(), "stack overflow") || strings.Contains(e.Error(), "stack exceeds") {
				msg, sig = "Stack overflow", signal.SIGSEGV
			} else {
				msg = "internal error: " + e.Error()
			}
		default:
			panic(r) // the process's exit signal, or a foreign panic
		}
		status = sig.ExitStatus()
		file, line := p.where(m.line)
		crash(status, fmt.Sprintf("%s at %s:%d", msg, file, line))
	}()
	// Globals' initializers.
	init := &frame{m: m, slots: make([]int64, p.initSlots+1), bp: m.sp}
	for _, s := range p.inits {
		s(init)
	}
	// argv: strings and the pointer array on the heap.
	argv := append([]string{"./" + strings.TrimSuffix(p.File, ".c")}, args...)
	ptrs := mem.Malloc(uint64(8 * (len(argv) + 1)))
	for i, a := range argv {
		s := mem.Malloc(uint64(len(a) + 1))
		mem.PutCString(s, a)
		mem.S64(ptrs+uint64(8*i), s)
	}
	mem.S64(ptrs+uint64(8*len(argv)), 0)
	margs := []uint64{uint64(len(argv)), ptrs, 0}
	n := len(p.main.params)
	if n > 3 {
		n = 3
	}
	r := m.call(p.main, margs[:n], 0)
	m.proc.Exit(int(int32(r)) & 0xff)
	return int(int32(r)) & 0xff
}

// ErrCompile is matched by errors.Is for compile errors.
var ErrCompile = errors.New("compile error")

// Is lets errors.Is(err, ErrCompile) match a *CompileError.
func (e *CompileError) Is(target error) bool { return target == ErrCompile }
