package c

import (
	"fmt"

	"netplay/stack/kernel"
	"netplay/stack/libc"
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
