package libc

import (
	"fmt"

	"netplay/stack/kernel"
	"netplay/stack/linux/errno"
)

// POSIX threads, as glibc gives them on Linux. Threads run one at a time
// (the scheduler's), each on its own C stack and with its own errno; the
// objects they share (mutexes, condition variables, read-write locks,
// once controls) keep their state in the program's memory where glibc
// keeps it, and the threads waiting on each in a list of the library's
// (a futex's queue): unlocking wakes the first, as FUTEX_WAKE of one.

// DefaultStackSize is the C stack a thread gets when its attributes do
// not say: glibc gives RLIMIT_STACK (8 MiB of address space, touched only
// as it is used), which would let a program of netplay's 64 MiB memory
// have seven threads; a quarter MiB holds what socket programs keep on
// their stacks (buffers of a few KiB; scalars live outside it) and lets
// one serve a couple of hundred connections a thread each.
const DefaultStackSize = 256 << 10

// Thread limits, as glibc's.
const (
	stackMin         = 16384 // PTHREAD_STACK_MIN
	keysMax          = 1024  // PTHREAD_KEYS_MAX
	destructorRounds = 4     // PTHREAD_DESTRUCTOR_ITERATIONS
	descSize         = 64    // the thread's descriptor: errno, h_errno
	canceled         = neg1  // PTHREAD_CANCELED
)

// thread is one pthread. pthread_t is the address of its descriptor, a
// block of the program's memory holding its errno (glibc's is its
// struct pthread).
type thread struct {
	desc        uint64
	tid         int
	sys         System
	stack, size uint64 // the C stack it was given (0 for the first thread)
	ownStack    bool   // the library allocated the stack (no pthread_attr_setstack)
	ret         uint64
	exited      bool
	detached    bool
	joiner      *thread
	specific    map[uint32]keyValue
	cleanup     []cleanup // pthread_cleanup_push's handlers, innermost last
	name        string    // pthread_setname_np's

	// Cancellation (cancel.go): its state and type, a cancel pending,
	// whether it is in a cancellation point, and the condition variable
	// it waits on (its mutex is taken again when canceled there).
	cancelDisabled, cancelAsync bool
	cancelPending, inPoint      bool
	condWait                    *condWaiting
	joining                     *thread // the thread it waits for in pthread_join
}

type condWaiting struct {
	cond, mutex uint64
	w           *waiter
}

type keyValue struct {
	seq   uint64 // the key's generation when it was set
	value uint64
}

type cleanup struct{ fn, arg uint64 }

// key is a thread-specific data key: its destructor and generation
// (a deleted and made again key reads NULL in every thread).
type key struct {
	used       bool
	seq        uint64
	destructor uint64
}

// threads is what a program's threads share.
type threads struct {
	all     map[uint64]*thread // by pthread_t
	live    int                // threads that have not ended (the first included)
	keys    [keysMax]key
	waiters map[uint64][]*waiter // threads blocked on an object, by its address
	barrier map[uint64]*barrier
	atfork  [][3]uint64
}

// waiter is a thread blocked on an object; woken says a condition
// variable's signal chose it, writer that it waits to write (a
// read-write lock).
type waiter struct {
	p      *Proc
	woken  bool
	writer bool
}

type barrier struct{ count, arrived, round int }

// current returns the calling thread's descriptor, making the first
// thread's on first use.
func (p *Proc) current() *thread {
	if p.self == nil {
		t := &thread{desc: p.Mem.Malloc(descSize), tid: p.Sys.Tid(), sys: p.Sys, name: "main"}
		if t.desc == 0 {
			Abort("out of memory")
		}
		p.Mem.Set(t.desc, 0, descSize)
		p.threadTable()[t.desc] = t
		p.self = t
	}
	return p.self
}

func (p *Proc) threadTable() map[uint64]*thread {
	ts := &p.threads
	if ts.all == nil {
		ts.all = map[uint64]*thread{}
		ts.live = 1 // the first thread
	}
	return ts.all
}

// thread returns the thread pthread_t id names, or nil.
func (p *Proc) thread(id uint64) *thread {
	p.current()
	return p.threads.all[id]
}

// NewThread returns the library state of a new thread of p's program,
// running on sys with kernel task k: it shares p's process state. The
// runtime binds its Call, Charge and Spawn.
func (p *Proc) NewThread(sys System, k *kernel.Task) *Proc {
	return &Proc{process: p.process, Sys: sys, Kernel: k}
}

// blockOn waits on the object at addr until ready, or until deadline
// (negative: none); false when the deadline passed first.
func (p *Proc) blockOn(addr uint64, what func() string, deadline int64, ready func() bool) bool {
	ts := &p.threads
	if ts.waiters == nil {
		ts.waiters = map[uint64][]*waiter{}
	}
	w := &waiter{p: p}
	ts.waiters[addr] = append(ts.waiters[addr], w)
	defer p.unwait(addr, w)
	return p.Sys.Block(what, deadline, ready)
}

func (p *Proc) unwait(addr uint64, w *waiter) {
	ws := p.threads.waiters[addr]
	for i, x := range ws {
		if x == w {
			ws = append(ws[:i:i], ws[i+1:]...)
			break
		}
	}
	if len(ws) == 0 {
		delete(p.threads.waiters, addr)
	} else {
		p.threads.waiters[addr] = ws
	}
}

// wakeFirst wakes the first thread waiting on addr (it checks again);
// wakeAll every one.
func (p *Proc) wakeFirst(addr uint64) {
	if ws := p.threads.waiters[addr]; len(ws) > 0 {
		ws[0].p.Sys.Wake()
	}
}

func (p *Proc) wakeAll(addr uint64) {
	for _, w := range p.threads.waiters[addr] {
		w.p.Sys.Wake()
	}
}

// deadline returns the virtual time a struct timespec abstime names (the
// realtime and monotonic clocks both read virtual time), EINVAL when its
// nanoseconds are out of range.
func (p *Proc) deadline(ts uint64) (int64, errno.Errno) {
	sec, nsec := int64(p.Mem.L64(ts)), int64(p.Mem.L64(ts+8))
	if nsec < 0 || nsec >= 1e9 {
		return 0, errno.EINVAL
	}
	if sec < 0 {
		return 0, 0
	}
	return sec*1e9 + nsec, 0
}

func init() {
	register([]named{
		{"pthread_create", func(p *Proc, a []uint64) uint64 { return uint64(p.pthreadCreate(a[0], a[1], a[2], a[3])) }},
		{"pthread_exit", func(p *Proc, a []uint64) uint64 {
			p.exitThread(a[0], true)
			return 0
		}},
		{"pthread_join", func(p *Proc, a []uint64) uint64 { return uint64(p.join(a[0], a[1], false)) }},
		{"pthread_tryjoin_np", func(p *Proc, a []uint64) uint64 { return uint64(p.join(a[0], a[1], true)) }},
		{"pthread_detach", func(p *Proc, a []uint64) uint64 {
			t := p.thread(a[0])
			switch {
			case t == nil:
				return uint64(errno.ESRCH)
			case t.detached:
				return uint64(errno.EINVAL)
			}
			t.detached = true
			if t.exited {
				p.release(t)
			}
			return 0
		}},
		{"pthread_self", func(p *Proc, a []uint64) uint64 { return p.current().desc }},
		{"pthread_equal", func(p *Proc, a []uint64) uint64 { return b2u(a[0] == a[1]) }},
		{"gettid", func(p *Proc, a []uint64) uint64 { return uint64(p.Sys.Tid()) }},
		{"pthread_setname_np", func(p *Proc, a []uint64) uint64 {
			t := p.thread(a[0])
			if t == nil {
				return uint64(errno.ESRCH)
			}
			name := p.Mem.CString(a[1])
			if len(name) > 15 {
				return uint64(errno.ERANGE)
			}
			t.name = name
			return 0
		}},
		{"pthread_getname_np", func(p *Proc, a []uint64) uint64 {
			t := p.thread(a[0])
			if t == nil {
				return uint64(errno.ESRCH)
			}
			name := t.name
			if t.name == "main" || name == "" {
				name = "" // the program's name, as /proc/self/comm has it
				if len(p.File) > 0 {
					name = trimC(p.File)
				}
			}
			if uint64(len(name))+1 > a[2] {
				return uint64(errno.ERANGE)
			}
			p.Mem.PutCString(a[1], name)
			return 0
		}},
		{"pthread_atfork", func(p *Proc, a []uint64) uint64 {
			p.threads.atfork = append(p.threads.atfork, [3]uint64{a[0], a[1], a[2]})
			return 0
		}},
		{"__netplay_cleanup_push", func(p *Proc, a []uint64) uint64 {
			t := p.current()
			t.cleanup = append(t.cleanup, cleanup{a[0], a[1]})
			return 0
		}},
		{"__netplay_cleanup_pop", func(p *Proc, a []uint64) uint64 {
			t := p.current()
			if n := len(t.cleanup); n > 0 {
				c := t.cleanup[n-1]
				t.cleanup = t.cleanup[:n-1]
				if int32(a[0]) != 0 {
					p.Call(c.fn, c.arg)
				}
			}
			return 0
		}},
		{"pthread_cancel", func(p *Proc, a []uint64) uint64 { return uint64(p.cancel(a[0])) }},
		{"pthread_setcancelstate", func(p *Proc, a []uint64) uint64 { return uint64(p.setCancelState(a[0], a[1])) }},
		{"pthread_setcanceltype", func(p *Proc, a []uint64) uint64 { return uint64(p.setCancelType(a[0], a[1])) }},
		// A cancellation point and nothing else (cancellable acts).
		{"pthread_testcancel", func(p *Proc, a []uint64) uint64 { return 0 }},
	})
	registerAttr()
	registerMutex()
	registerCond()
	registerRWLock()
	registerOnceKeys()
}

// trimC is a program's name as a thread's default name: its file without
// the folder and ".c", at most 15 bytes.
func trimC(file string) string {
	for i := len(file) - 1; i >= 0; i-- {
		if file[i] == '/' {
			file = file[i+1:]
			break
		}
	}
	if len(file) > 2 && file[len(file)-2:] == ".c" {
		file = file[:len(file)-2]
	}
	if len(file) > 15 {
		file = file[:15]
	}
	return file
}

// pthreadCreate is pthread_create(out, attr, fn, arg).
func (p *Proc) pthreadCreate(out, attr, fn, arg uint64) errno.Errno {
	if p.Spawn == nil {
		return errno.EAGAIN // a program run without a system has one thread
	}
	detached := false
	size := uint64(DefaultStackSize)
	var stack uint64
	if attr != 0 {
		fl := p.Mem.L32(attr + attrFlags)
		detached = fl&attrDetached != 0
		if s := p.Mem.L64(attr + attrStackSize); s != 0 {
			size = s
		}
		if fl&attrStackSet != 0 {
			stack = p.Mem.L64(attr+attrStackAddr) - size // glibc keeps the top
		}
	}
	p.current()
	own := stack == 0
	if own {
		if stack = p.Mem.Malloc(size); stack == 0 {
			return errno.EAGAIN // as when mmap finds no room for the stack
		}
	}
	desc := p.Mem.Malloc(descSize)
	if desc == 0 {
		if own {
			p.Mem.Free(stack)
		}
		return errno.EAGAIN
	}
	p.Mem.Set(desc, 0, descSize)
	t := &thread{desc: desc, stack: stack, size: size, ownStack: own, detached: detached}
	tid, ok := p.Spawn(fn, stack, size, func(np *Proc) {
		np.self, t.sys = t, np.Sys
		np.errnoAddr, np.herrnoAddr = desc, desc+8
		np.exitThread(np.Call(fn, arg), false)
	})
	if !ok {
		if own {
			p.Mem.Free(stack)
		}
		p.Mem.Free(desc)
		return errno.EAGAIN
	}
	t.tid = tid
	p.threads.all[desc] = t
	p.threads.live++
	p.Mem.S64(out, desc)
	return 0
}

// exitThread ends the calling thread with result ret: its cleanup
// handlers (pthread_exit only), its thread-specific data's destructors,
// then, when it was the last thread, the process as exit(0) ends it.
func (p *Proc) exitThread(ret uint64, explicit bool) {
	t := p.current()
	if explicit {
		for n := len(t.cleanup); n > 0; n = len(t.cleanup) {
			c := t.cleanup[n-1]
			t.cleanup = t.cleanup[:n-1]
			p.Call(c.fn, c.arg)
		}
	}
	p.runDestructors(t)
	ts := &p.threads
	if ts.live--; ts.live == 0 {
		p.Exit(0)
	}
	t.ret, t.exited = ret, true
	if t.joiner != nil {
		t.joiner.sys.Wake()
	}
	if t.detached {
		p.release(t)
	}
	p.Sys.ExitThread()
}

// runDestructors calls the destructors of the thread's non-NULL
// thread-specific values, again while some are set, at most
// PTHREAD_DESTRUCTOR_ITERATIONS rounds, as glibc.
func (p *Proc) runDestructors(t *thread) {
	ts := &p.threads
	for round := 0; round < destructorRounds && len(t.specific) > 0; round++ {
		called := false
		for k := uint32(0); k < keysMax; k++ {
			v, ok := t.specific[k]
			if !ok {
				continue
			}
			delete(t.specific, k)
			ky := ts.keys[k]
			if !ky.used || ky.seq != v.seq || v.value == 0 || ky.destructor == 0 {
				continue
			}
			p.Call(ky.destructor, v.value)
			called = true
		}
		if !called {
			break
		}
	}
}

// release frees an ended thread's stack and descriptor (it was joined,
// or it was detached).
func (p *Proc) release(t *thread) {
	if t.ownStack && t.stack != 0 {
		p.Mem.Free(t.stack)
	}
	p.Mem.Free(t.desc)
	delete(p.threads.all, t.desc)
}

// join is pthread_join (pthread_tryjoin_np when try).
func (p *Proc) join(id, retval uint64, try bool) errno.Errno {
	self := p.current()
	t := p.threads.all[id]
	switch {
	case t == nil:
		return errno.ESRCH
	case t == self || self.joiner == t:
		return errno.EDEADLK
	case t.detached || t.joiner != nil:
		return errno.EINVAL
	}
	if !t.exited {
		if try {
			return errno.EBUSY
		}
		t.joiner, self.joining = self, t
		what := func() string { return fmt.Sprintf("thread %d to end (pthread_join)", t.tid) }
		p.Sys.Block(what, -1, func() bool { return t.exited })
		self.joining = nil
	}
	if retval != 0 {
		p.Mem.S64(retval, t.ret)
	}
	p.release(t)
	return 0
}

// Thread attributes, laid out as glibc's struct pthread_attr.
const (
	attrSchedParam  = 0
	attrSchedPolicy = 4
	attrFlags       = 8
	attrGuardSize   = 16
	attrStackAddr   = 24
	attrStackSize   = 32

	attrDetached      = 0x01 // ATTR_FLAG_DETACHSTATE
	attrExplicitSched = 0x02 // ATTR_FLAG_NOTINHERITSCHED
	attrStackSet      = 0x08 // ATTR_FLAG_STACKADDR: pthread_attr_setstack gave the stack
)

func registerAttr() {
	flag := func(bit uint32, max uint64) (set, get Func) {
		set = func(p *Proc, a []uint64) uint64 {
			if a[1] > max {
				return uint64(errno.EINVAL)
			}
			fl := p.Mem.L32(a[0] + attrFlags)
			if a[1] != 0 {
				fl |= bit
			} else {
				fl &^= bit
			}
			p.Mem.S32(a[0]+attrFlags, fl)
			return 0
		}
		get = func(p *Proc, a []uint64) uint64 {
			p.Mem.S32(a[1], uint32(b2u(p.Mem.L32(a[0]+attrFlags)&bit != 0)))
			return 0
		}
		return set, get
	}
	setDetach, getDetach := flag(attrDetached, 1)
	setInherit, getInherit := flag(attrExplicitSched, 1)
	register([]named{
		{"pthread_attr_init", func(p *Proc, a []uint64) uint64 {
			p.Mem.Set(a[0], 0, 56)
			p.Mem.S64(a[0]+attrGuardSize, pageSize)
			return 0
		}},
		{"pthread_attr_destroy", func(p *Proc, a []uint64) uint64 { return 0 }},
		{"pthread_attr_setdetachstate", setDetach},
		{"pthread_attr_getdetachstate", getDetach},
		{"pthread_attr_setinheritsched", setInherit},
		{"pthread_attr_getinheritsched", getInherit},
		{"pthread_attr_setstacksize", func(p *Proc, a []uint64) uint64 {
			if a[1] < stackMin {
				return uint64(errno.EINVAL)
			}
			p.Mem.S64(a[0]+attrStackSize, a[1])
			return 0
		}},
		{"pthread_attr_getstacksize", func(p *Proc, a []uint64) uint64 {
			s := p.Mem.L64(a[0] + attrStackSize)
			if s == 0 {
				s = DefaultStackSize
			}
			p.Mem.S64(a[1], s)
			return 0
		}},
		{"pthread_attr_setstack", func(p *Proc, a []uint64) uint64 {
			if a[2] < stackMin {
				return uint64(errno.EINVAL)
			}
			p.Mem.S64(a[0]+attrStackSize, a[2])
			p.Mem.S64(a[0]+attrStackAddr, a[1]+a[2])
			p.Mem.S32(a[0]+attrFlags, p.Mem.L32(a[0]+attrFlags)|attrStackSet)
			return 0
		}},
		{"pthread_attr_getstack", func(p *Proc, a []uint64) uint64 {
			s := p.Mem.L64(a[0] + attrStackSize)
			top := p.Mem.L64(a[0] + attrStackAddr)
			p.Mem.S64(a[1], top-s)
			p.Mem.S64(a[2], s)
			return 0
		}},
		{"pthread_attr_setguardsize", func(p *Proc, a []uint64) uint64 {
			p.Mem.S64(a[0]+attrGuardSize, a[1])
			return 0
		}},
		{"pthread_attr_getguardsize", func(p *Proc, a []uint64) uint64 {
			p.Mem.S64(a[1], p.Mem.L64(a[0]+attrGuardSize))
			return 0
		}},
		// Every thread is scheduled by the system (the process scope is
		// not there on Linux either).
		{"pthread_attr_setscope", func(p *Proc, a []uint64) uint64 {
			switch a[1] {
			case 0:
				return 0
			case 1:
				return uint64(errno.ENOTSUP)
			}
			return uint64(errno.EINVAL)
		}},
		{"pthread_attr_getscope", func(p *Proc, a []uint64) uint64 { p.Mem.S32(a[1], 0); return 0 }},
		{"pthread_attr_setschedpolicy", func(p *Proc, a []uint64) uint64 {
			if a[1] > 2 { // SCHED_OTHER, SCHED_FIFO, SCHED_RR
				return uint64(errno.EINVAL)
			}
			p.Mem.S32(a[0]+attrSchedPolicy, uint32(a[1]))
			return 0
		}},
		{"pthread_attr_getschedpolicy", func(p *Proc, a []uint64) uint64 {
			p.Mem.S32(a[1], p.Mem.L32(a[0]+attrSchedPolicy))
			return 0
		}},
		{"pthread_attr_setschedparam", func(p *Proc, a []uint64) uint64 {
			prio := int32(p.Mem.L32(a[1]))
			lo, hi := int32(0), int32(0)
			if pol := p.Mem.L32(a[0] + attrSchedPolicy); pol == 1 || pol == 2 {
				lo, hi = 1, 99
			}
			if prio < lo || prio > hi {
				return uint64(errno.EINVAL)
			}
			p.Mem.S32(a[0]+attrSchedParam, uint32(prio))
			return 0
		}},
		{"pthread_attr_getschedparam", func(p *Proc, a []uint64) uint64 {
			p.Mem.S32(a[1], p.Mem.L32(a[0]+attrSchedParam))
			return 0
		}},
	})
}
