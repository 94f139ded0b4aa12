package c

import (
	"errors"
	"fmt"
	"runtime"
	"strings"

	"netplay/stack/kernel"
	"netplay/stack/libc"
	"netplay/stack/linux/signal"
	"netplay/stack/vnet"
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
// turns it into Thread.Crash) after stdout is left as C leaves it.
func (p *Program) Run(sys libc.System, args []string, opt Options, crash func(status int, msg string)) (status int) {
	mem := libc.NewMemory(p.data)
	run := &runState{budget: opt.Budget}
	if run.budget <= 0 {
		run.budget = DefaultBudget
	}
	if th, ok := sys.(*vnet.Thread); ok {
		// The heap grows within the run's memory budget, and gives
		// it back when the program ends.
		w := th.Host().World()
		mem.Reserve = w.ReserveMemory
		th.OnExit(func() { w.ReleaseMemory(mem.Reserved()) })
		if p.concurrent {
			th.Process().ShowIDs()
		}
		if p.forks {
			th.Process().Keep() // from its first call on: fork replays it all
		}
	}
	m := p.newMachine(mem, sys, mem.StackBase, mem.StackEnd, run, 4096)
	m.proc = libc.NewProc(mem, sys, opt.Kernel)
	m.proc.File = p.File
	m.proc.Vars = p.libVars
	m.bind()
	defer func() {
		if st, ok := m.fault(recover(), crash); ok {
			status = st
		}
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

// newMachine returns a machine for a thread of the program running on sys
// with its C stack at [sp, stackEnd), sharing run with the program's other
// threads; slots is the size of its first slot array.
func (p *Program) newMachine(mem *libc.Memory, sys libc.System, sp, stackEnd uint64, run *runState, slots int) *machine {
	m := &machine{prog: p, mem: mem, sys: sys, sp: sp, stackEnd: stackEnd, run: run, budget: run.budget - run.spent}
	m.resetFrames()
	m.slots = make([]int64, slots)
	m.sgen = 1 // frames start with generation 0: their slots are set on first use
	m.frames = []*frame{{m: m}}
	return m
}

// bind gives the machine's library state (m.proc) the runtime's hooks:
// calls into C, step charges, threads, the current line.
func (m *machine) bind() {
	p := m.prog
	m.proc.Charge = m.charge
	m.proc.Call = func(fn uint64, a ...uint64) uint64 {
		// The line stays the caller's: a signal handler runs in the midst
		// of a statement, or of a call that has yet to trace its line.
		line := m.line
		f := m.fnAt(fn)
		m.enterFrames(libcCallFrames)
		r := uint64(m.invoke(f, a, 0))
		m.leaveFrames(libcCallFrames)
		m.line = line
		return r
	}
	m.proc.Spawn = m.spawn
	m.proc.Describe = p.describe
	if checkForks {
		m.proc.ForkCheck = m.forkCheck
	}
	m.sys.SetLineFunc(func() int { _, l := p.where(m.line); return l })
	if th, ok := m.sys.(*vnet.Thread); ok {
		th.SetSignalHandler(m.proc.RunSignalHandler, m.funcName)
		th.SetFileFunc(func() string {
			if f, _ := p.where(m.line); f != p.File {
				return f
			}
			return ""
		})
	}
}

// funcName names the C function at address fn ("" when there is none).
func (m *machine) funcName(fn uint64) string {
	i := (fn - fnBase) / 16
	if fn < fnBase || (fn-fnBase)%16 != 0 || i >= uint64(len(m.prog.funcs)) {
		return ""
	}
	return m.prog.funcs[i].name
}

// fault turns what a thread's goroutine recovered into the end of the
// program: a runtime fault (libc.Fault, a Go runtime error the C program
// caused) ends it through crash with the signal's status and the place,
// and returns that status when crash returns (ok); anything else (the
// thread's or program's exit) goes on unwinding.
func (m *machine) fault(r any, crash func(status int, msg string)) (status int, ok bool) {
	if r == nil {
		return 0, false
	}
	var msg string
	sig := signal.SIGABRT
	switch e := r.(type) {
	case libc.Fault:
		msg, sig = e.Msg, e.Signal
	case vnet.OverBudget:
		msg, sig = e.Msg, signal.SIGKILL
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
	file, line := m.prog.where(m.line)
	crash(sig.ExitStatus(), fmt.Sprintf("%s at %s:%d", msg, file, line))
	return sig.ExitStatus(), true
}

// ErrCompile is matched by errors.Is for compile errors.
var ErrCompile = errors.New("compile error")

// Is lets errors.Is(err, ErrCompile) match a *CompileError.
func (e *CompileError) Is(target error) bool { return target == ErrCompile }
