package c

import (
	"fmt"

	"netplay/stack/kernel"
	"netplay/stack/libc"
	"netplay/stack/linux/signal"
	"netplay/stack/vnet"
)

// spawn starts a thread of the program (libc.Proc.Spawn): a thread of the
// process in the world, with a machine of its own (frames, slots, the C
// stack [stack, stack+size), the current line) over the program's memory,
// and its own library state, on which body runs. A fault in the thread
// ends the whole program, as a signal would.
func (m *machine) spawn(fn, stack, size uint64, body func(np *libc.Proc)) (int, bool) {
	th, ok := m.sys.(*vnet.Thread)
	if !ok {
		return 0, false
	}
	name := m.fnAt(fn).name
	k := m.proc.Kernel
	parent := m.proc
	nt := th.Spawn(name, func(nt *vnet.Thread) {
		nm := m.prog.newMachine(m.mem, nt, stack, stack+size, m.run, 512)
		var nk *kernel.Task
		if k != nil {
			nk = k.NewThread(nt)
		}
		nm.proc = parent.NewThread(nt, nk)
		nm.bind()
		defer func() { nm.fault(recover(), nt.Crash) }()
		body(nm.proc)
	})
	return nt.Tid(), true
}

// describe names the program's object at addr for messages: the global
// variable it is or lies in ("lock", "pool.lock", "locks[2]"), "" when it
// is none (the heap, a stack).
func (p *Program) describe(addr uint64) string {
	for _, g := range p.globals {
		if addr < g.addr || addr >= g.addr+g.size {
			continue
		}
		if addr == g.addr {
			return g.name
		}
		return fmt.Sprintf("%s+%d", g.name, addr-g.addr)
	}
	return ""
}

// checkForks makes every fork check that the child's replay brought it to
// its parent's state at the fork (tests set it: it copies the memory).
var checkForks bool

// forkState is what the child of a fork must match when it reaches it.
type forkState struct {
	mem                []byte
	sp                 uint64
	depth, line        int
	steps, gated       int64
	inUse              int64
	asp, stop, nframes int
}

func (m *machine) forkState() *forkState {
	return &forkState{mem: append([]byte(nil), m.mem.B...), sp: m.sp, depth: m.depth, line: m.line,
		steps: m.steps, gated: m.gated, inUse: m.mem.InUse, asp: m.asp, stop: m.stop, nframes: len(m.frames)}
}

// forkCheck is libc.Proc.ForkCheck: the parent's state as it forks, and
// in the child (parent set) a fault unless it is in that state.
func (m *machine) forkCheck(parent any) any {
	if parent == nil {
		return m.forkState()
	}
	want, got := parent.(*forkState), m.forkState()
	diff := ""
	switch {
	case len(got.mem) != len(want.mem):
		diff = fmt.Sprintf("memory of %d bytes, the parent's %d", len(got.mem), len(want.mem))
	case string(got.mem) != string(want.mem):
		for i := range got.mem {
			if got.mem[i] != want.mem[i] {
				diff = fmt.Sprintf("memory differs at %#x", i)
				break
			}
		}
	default:
		g, w := *got, *want
		g.mem, w.mem = nil, nil
		if fmt.Sprint(g) != fmt.Sprint(w) {
			diff = fmt.Sprintf("machine %+v, the parent's %+v", g, w)
		}
	}
	if diff != "" {
		fault("internal error: fork: the child's replay did not bring it to its parent's state: "+diff, signal.SIGABRT)
	}
	return nil
}
