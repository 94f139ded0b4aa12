package libc

import (
	"fmt"

	"netplay/stack/linux/errno"
)

// Mutexes, condition variables, read-write locks, once controls,
// thread-specific data, spin locks and barriers.

// A mutex as glibc lays out struct __pthread_mutex_s: the lock word, the
// recursion count, the owner's tid, the users, the kind.
const (
	mutexLock   = 0
	mutexCount  = 4
	mutexOwner  = 8
	mutexNusers = 12
	mutexKind   = 16
	mutexSize   = 40

	mutexNormal     = 0 // PTHREAD_MUTEX_NORMAL (TIMED_NP)
	mutexRecursive  = 1
	mutexErrorcheck = 2
	mutexAdaptive   = 3

	mutexAttrFlags  = 0xf0000000 // pthread_mutexattr_t's flag bits (glibc's)
	mutexAttrShared = 0x80000000
	mutexShared     = 128 // PTHREAD_MUTEX_PSHARED_BIT in the mutex's kind
)

// name says which object of the program's memory addr is, for the
// message of a deadlock: its variable's name when the runtime knows it.
func (p *Proc) name(kind string, addr uint64) string {
	if p.Describe != nil {
		if n := p.Describe(addr); n != "" {
			return fmt.Sprintf("%s %s (%#x)", kind, n, addr)
		}
	}
	return fmt.Sprintf("%s %#x", kind, addr)
}

// mutexLock locks the mutex at m: at once or EBUSY (try), else waiting
// until deadline (negative: none; ETIMEDOUT when it passes).
func (p *Proc) mutexLock(m uint64, try bool, deadline int64) errno.Errno {
	typ := int32(p.Mem.L32(m+mutexKind)) & 127
	if typ > mutexAdaptive {
		return errno.EINVAL // destroyed, or a kind netplay does not have (robust, PI)
	}
	self := uint32(p.Sys.Tid())
	free := func() bool { return p.Mem.L32(m+mutexLock) == 0 }
	if !free() && p.Mem.L32(m+mutexOwner) == self {
		switch {
		case typ == mutexRecursive:
			c := p.Mem.L32(m + mutexCount)
			if c == ^uint32(0) {
				return errno.EAGAIN
			}
			p.Mem.S32(m+mutexCount, c+1)
			return 0
		case typ == mutexErrorcheck && !try:
			return errno.EDEADLK
		}
		// A normal mutex locked again by its owner waits for ever, as
		// glibc's does.
	}
	if !free() {
		if try {
			return errno.EBUSY
		}
		what := func() string {
			return fmt.Sprintf("%s, locked by thread %d", p.name("mutex", m), p.Mem.L32(m+mutexOwner))
		}
		if !p.blockOn(m, what, deadline, free) {
			return errno.ETIMEDOUT
		}
	}
	p.Mem.S32(m+mutexLock, 1)
	p.Mem.S32(m+mutexOwner, self)
	if typ == mutexRecursive {
		p.Mem.S32(m+mutexCount, 1)
	}
	p.Mem.S32(m+mutexNusers, p.Mem.L32(m+mutexNusers)+1)
	return 0
}

// mutexUnlock unlocks the mutex at m, with glibc's checks: an error
// checking or recursive mutex only by its owner (EPERM); a normal one by
// anyone.
func (p *Proc) mutexUnlock(m uint64) errno.Errno {
	typ := int32(p.Mem.L32(m+mutexKind)) & 127
	if typ > mutexAdaptive {
		return errno.EINVAL
	}
	self := uint32(p.Sys.Tid())
	owner := p.Mem.L32(m + mutexOwner)
	switch typ {
	case mutexRecursive:
		if owner != self {
			return errno.EPERM
		}
		c := p.Mem.L32(m+mutexCount) - 1
		p.Mem.S32(m+mutexCount, c)
		if c != 0 {
			return 0
		}
	case mutexErrorcheck:
		if p.Mem.L32(m+mutexLock) == 0 || owner != self {
			return errno.EPERM
		}
	}
	p.Mem.S32(m+mutexOwner, 0)
	p.Mem.S32(m+mutexNusers, p.Mem.L32(m+mutexNusers)-1)
	p.Mem.S32(m+mutexLock, 0)
	p.wakeFirst(m)
	return 0
}

func registerMutex() {
	register([]named{
		{"pthread_mutex_init", func(p *Proc, a []uint64) uint64 {
			p.Mem.Set(a[0], 0, mutexSize)
			if a[1] != 0 {
				v := p.Mem.L32(a[1])
				kind := v &^ mutexAttrFlags
				if v&mutexAttrShared != 0 {
					kind |= mutexShared
				}
				p.Mem.S32(a[0]+mutexKind, kind)
			}
			return 0
		}},
		{"pthread_mutex_destroy", func(p *Proc, a []uint64) uint64 {
			if p.Mem.L32(a[0]+mutexNusers) != 0 {
				return uint64(errno.EBUSY)
			}
			p.Mem.S32(a[0]+mutexKind, ^uint32(0)) // glibc marks it so: a lock fails with EINVAL
			return 0
		}},
		{"pthread_mutex_lock", func(p *Proc, a []uint64) uint64 { return uint64(p.mutexLock(a[0], false, -1)) }},
		{"pthread_mutex_trylock", func(p *Proc, a []uint64) uint64 { return uint64(p.mutexLock(a[0], true, -1)) }},
		{"pthread_mutex_timedlock", func(p *Proc, a []uint64) uint64 {
			d, e := p.deadline(a[1])
			if e != 0 {
				return uint64(e)
			}
			return uint64(p.mutexLock(a[0], false, d))
		}},
		{"pthread_mutex_unlock", func(p *Proc, a []uint64) uint64 { return uint64(p.mutexUnlock(a[0])) }},
		{"pthread_mutexattr_init", func(p *Proc, a []uint64) uint64 { p.Mem.S32(a[0], mutexNormal); return 0 }},
		{"pthread_mutexattr_destroy", func(p *Proc, a []uint64) uint64 { return 0 }},
		{"pthread_mutexattr_settype", func(p *Proc, a []uint64) uint64 {
			if a[1] > mutexAdaptive {
				return uint64(errno.EINVAL)
			}
			p.Mem.S32(a[0], p.Mem.L32(a[0])&mutexAttrFlags|uint32(a[1]))
			return 0
		}},
		{"pthread_mutexattr_gettype", func(p *Proc, a []uint64) uint64 {
			p.Mem.S32(a[1], p.Mem.L32(a[0])&^mutexAttrFlags)
			return 0
		}},
		{"pthread_mutexattr_setpshared", func(p *Proc, a []uint64) uint64 {
			if a[1] > 1 {
				return uint64(errno.EINVAL)
			}
			v := p.Mem.L32(a[0]) &^ mutexAttrShared
			if a[1] == 1 {
				v |= mutexAttrShared
			}
			p.Mem.S32(a[0], v)
			return 0
		}},
		{"pthread_mutexattr_getpshared", func(p *Proc, a []uint64) uint64 {
			p.Mem.S32(a[1], uint32(b2u(p.Mem.L32(a[0])&mutexAttrShared != 0)))
			return 0
		}},
		// A spin lock is a word: 0 free. Waiting spins, costing its thread
		// steps as a loop would, so the holder gets the processor back at
		// the end of the spinner's time slice.
		{"pthread_spin_init", func(p *Proc, a []uint64) uint64 { p.Mem.S32(a[0], 0); return 0 }},
		{"pthread_spin_destroy", func(p *Proc, a []uint64) uint64 { return 0 }},
		{"pthread_spin_lock", func(p *Proc, a []uint64) uint64 {
			for p.Mem.L32(a[0]) != 0 {
				p.Charge(spinSteps)
			}
			p.Mem.S32(a[0], 1)
			return 0
		}},
		{"pthread_spin_trylock", func(p *Proc, a []uint64) uint64 {
			if p.Mem.L32(a[0]) != 0 {
				return uint64(errno.EBUSY)
			}
			p.Mem.S32(a[0], 1)
			return 0
		}},
		{"pthread_spin_unlock", func(p *Proc, a []uint64) uint64 { p.Mem.S32(a[0], 0); return 0 }},
	})
}

// spinSteps is what one turn of a spin lock's loop costs.
const spinSteps = 1000

// condWait is pthread_cond_wait (deadline negative) and
// pthread_cond_timedwait: it unlocks m, waits to be signaled (or the
// deadline), and locks m again before it returns.
func (p *Proc) condWait(c, m uint64, deadline int64) errno.Errno {
	ts := &p.threads
	if ts.waiters == nil {
		ts.waiters = map[uint64][]*waiter{}
	}
	w := &waiter{p: p}
	ts.waiters[c] = append(ts.waiters[c], w)
	if e := p.mutexUnlock(m); e != 0 {
		p.unwait(c, w)
		return e
	}
	what := func() string { return p.name("condition variable", c) + " (pthread_cond_wait)" }
	t := p.current()
	t.condWait = &condWaiting{cond: c, mutex: m, w: w}
	ok := p.Sys.Block(what, deadline, func() bool { return w.woken })
	t.condWait = nil
	p.unwait(c, w)
	p.mutexLock(m, false, -1)
	if !ok {
		return errno.ETIMEDOUT
	}
	return 0
}

// condSignal wakes the first thread waiting on c that no signal chose
// yet, or all of them.
func (p *Proc) condSignal(c uint64, all bool) {
	for _, w := range p.threads.waiters[c] {
		if w.woken {
			continue
		}
		w.woken = true
		w.p.Sys.Wake()
		if !all {
			return
		}
	}
}

func registerCond() {
	register([]named{
		{"pthread_cond_init", func(p *Proc, a []uint64) uint64 { p.Mem.Set(a[0], 0, 48); return 0 }},
		{"pthread_cond_destroy", func(p *Proc, a []uint64) uint64 { return 0 }},
		{"pthread_cond_signal", func(p *Proc, a []uint64) uint64 { p.condSignal(a[0], false); return 0 }},
		{"pthread_cond_broadcast", func(p *Proc, a []uint64) uint64 { p.condSignal(a[0], true); return 0 }},
		{"pthread_cond_wait", func(p *Proc, a []uint64) uint64 { return uint64(p.condWait(a[0], a[1], -1)) }},
		{"pthread_cond_timedwait", func(p *Proc, a []uint64) uint64 {
			d, e := p.deadline(a[2])
			if e != 0 {
				return uint64(e)
			}
			return uint64(p.condWait(a[0], a[1], d))
		}},
		// The attribute holds the clock as glibc's does (bit 0 shared,
		// the clock's id above it); both clocks read virtual time.
		{"pthread_condattr_init", func(p *Proc, a []uint64) uint64 { p.Mem.S32(a[0], 0); return 0 }},
		{"pthread_condattr_destroy", func(p *Proc, a []uint64) uint64 { return 0 }},
		{"pthread_condattr_setclock", func(p *Proc, a []uint64) uint64 {
			if a[1] > 1 { // CLOCK_REALTIME or CLOCK_MONOTONIC
				return uint64(errno.EINVAL)
			}
			p.Mem.S32(a[0], p.Mem.L32(a[0])&1|uint32(a[1])<<1)
			return 0
		}},
		{"pthread_condattr_getclock", func(p *Proc, a []uint64) uint64 {
			p.Mem.S32(a[1], p.Mem.L32(a[0])>>1)
			return 0
		}},
		{"pthread_condattr_setpshared", func(p *Proc, a []uint64) uint64 {
			if a[1] > 1 {
				return uint64(errno.EINVAL)
			}
			p.Mem.S32(a[0], p.Mem.L32(a[0])&^1|uint32(a[1]))
			return 0
		}},
		{"pthread_condattr_getpshared", func(p *Proc, a []uint64) uint64 {
			p.Mem.S32(a[1], p.Mem.L32(a[0])&1)
			return 0
		}},
	})
}

// A read-write lock as glibc lays out struct __pthread_rwlock_arch_t: the
// readers, the writer's tid, the kind.
const (
	rwReaders = 0
	rwWriter  = 24
	rwFlags   = 48
	rwSize    = 56

	rwPreferWriter = 2 // PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP
)

// rwLock takes the lock at rw for reading or writing: at once or EBUSY
// (try), else waiting until deadline. Readers go first unless the lock
// prefers writers (glibc's default prefers readers).
func (p *Proc) rwLock(rw uint64, write, try bool, deadline int64) errno.Errno {
	self := uint32(p.Sys.Tid())
	if p.Mem.L32(rw+rwWriter) == self && !try {
		return errno.EDEADLK
	}
	writersWaiting := func() bool {
		for _, w := range p.threads.waiters[rw] {
			if w.writer {
				return true
			}
		}
		return false
	}
	can := func() bool {
		if p.Mem.L32(rw+rwWriter) != 0 {
			return false
		}
		if write {
			return p.Mem.L32(rw+rwReaders) == 0
		}
		return p.Mem.L32(rw+rwFlags) != rwPreferWriter || !writersWaiting()
	}
	if !can() {
		if try {
			return errno.EBUSY
		}
		ts := &p.threads
		if ts.waiters == nil {
			ts.waiters = map[uint64][]*waiter{}
		}
		w := &waiter{p: p, writer: write}
		ts.waiters[rw] = append(ts.waiters[rw], w)
		what := func() string {
			if wr := p.Mem.L32(rw + rwWriter); wr != 0 {
				return fmt.Sprintf("%s, locked for writing by thread %d", p.name("rwlock", rw), wr)
			}
			return fmt.Sprintf("%s, locked for reading by %d threads", p.name("rwlock", rw), p.Mem.L32(rw+rwReaders))
		}
		ok := p.Sys.Block(what, deadline, can)
		p.unwait(rw, w)
		if !ok {
			return errno.ETIMEDOUT
		}
	}
	if write {
		p.Mem.S32(rw+rwWriter, self)
	} else {
		p.Mem.S32(rw+rwReaders, p.Mem.L32(rw+rwReaders)+1)
	}
	return 0
}

func (p *Proc) rwUnlock(rw uint64) errno.Errno {
	switch {
	case p.Mem.L32(rw+rwWriter) == uint32(p.Sys.Tid()):
		p.Mem.S32(rw+rwWriter, 0)
	case p.Mem.L32(rw+rwReaders) > 0:
		p.Mem.S32(rw+rwReaders, p.Mem.L32(rw+rwReaders)-1)
	default:
		return errno.EPERM
	}
	p.wakeAll(rw)
	return 0
}

func registerRWLock() {
	timed := func(write bool) Func {
		return func(p *Proc, a []uint64) uint64 {
			d, e := p.deadline(a[1])
			if e != 0 {
				return uint64(e)
			}
			return uint64(p.rwLock(a[0], write, false, d))
		}
	}
	register([]named{
		{"pthread_rwlock_init", func(p *Proc, a []uint64) uint64 {
			p.Mem.Set(a[0], 0, rwSize)
			if a[1] != 0 {
				p.Mem.S32(a[0]+rwFlags, p.Mem.L32(a[1]))
			}
			return 0
		}},
		{"pthread_rwlock_destroy", func(p *Proc, a []uint64) uint64 { return 0 }},
		{"pthread_rwlock_rdlock", func(p *Proc, a []uint64) uint64 { return uint64(p.rwLock(a[0], false, false, -1)) }},
		{"pthread_rwlock_tryrdlock", func(p *Proc, a []uint64) uint64 { return uint64(p.rwLock(a[0], false, true, -1)) }},
		{"pthread_rwlock_timedrdlock", timed(false)},
		{"pthread_rwlock_wrlock", func(p *Proc, a []uint64) uint64 { return uint64(p.rwLock(a[0], true, false, -1)) }},
		{"pthread_rwlock_trywrlock", func(p *Proc, a []uint64) uint64 { return uint64(p.rwLock(a[0], true, true, -1)) }},
		{"pthread_rwlock_timedwrlock", timed(true)},
		{"pthread_rwlock_unlock", func(p *Proc, a []uint64) uint64 { return uint64(p.rwUnlock(a[0])) }},
		{"pthread_rwlockattr_init", func(p *Proc, a []uint64) uint64 { p.Mem.S64(a[0], 0); return 0 }},
		{"pthread_rwlockattr_destroy", func(p *Proc, a []uint64) uint64 { return 0 }},
		{"pthread_rwlockattr_setkind_np", func(p *Proc, a []uint64) uint64 {
			if a[1] > rwPreferWriter {
				return uint64(errno.EINVAL)
			}
			p.Mem.S32(a[0], uint32(a[1]))
			return 0
		}},
		{"pthread_rwlockattr_getkind_np", func(p *Proc, a []uint64) uint64 {
			p.Mem.S32(a[1], p.Mem.L32(a[0]))
			return 0
		}},
		{"pthread_rwlockattr_setpshared", func(p *Proc, a []uint64) uint64 {
			if a[1] > 1 {
				return uint64(errno.EINVAL)
			}
			p.Mem.S32(a[0]+4, uint32(a[1]))
			return 0
		}},
		{"pthread_rwlockattr_getpshared", func(p *Proc, a []uint64) uint64 {
			p.Mem.S32(a[1], p.Mem.L32(a[0]+4))
			return 0
		}},
	})
}

// pthread_once's control word, as glibc's: 0 not run, 1 running, 2 done.
const (
	onceRunning = 1
	onceDone    = 2
)

func registerOnceKeys() {
	register([]named{
		{"pthread_once", func(p *Proc, a []uint64) uint64 {
			ctl := a[0]
			switch p.Mem.L32(ctl) {
			case onceDone:
				return 0
			case onceRunning:
				what := func() string { return p.name("pthread_once", ctl) + " to finish" }
				p.blockOn(ctl, what, -1, func() bool { return p.Mem.L32(ctl) == onceDone })
				return 0
			}
			p.Mem.S32(ctl, onceRunning)
			p.Call(a[1])
			p.Mem.S32(ctl, onceDone)
			p.wakeAll(ctl)
			return 0
		}},
		{"pthread_key_create", func(p *Proc, a []uint64) uint64 {
			ts := &p.threads
			for k := range ts.keys {
				if !ts.keys[k].used {
					ts.keys[k].used = true
					ts.keys[k].seq++
					ts.keys[k].destructor = a[1]
					p.Mem.S32(a[0], uint32(k))
					return 0
				}
			}
			return uint64(errno.EAGAIN)
		}},
		{"pthread_key_delete", func(p *Proc, a []uint64) uint64 {
			k := uint32(a[0])
			if k >= keysMax || !p.threads.keys[k].used {
				return uint64(errno.EINVAL)
			}
			p.threads.keys[k].used = false
			return 0
		}},
		{"pthread_getspecific", func(p *Proc, a []uint64) uint64 {
			k := uint32(a[0])
			if k >= keysMax {
				return 0
			}
			v, ok := p.current().specific[k]
			if !ok || !p.threads.keys[k].used || v.seq != p.threads.keys[k].seq {
				return 0
			}
			return v.value
		}},
		{"pthread_setspecific", func(p *Proc, a []uint64) uint64 {
			k := uint32(a[0])
			if k >= keysMax || !p.threads.keys[k].used {
				return uint64(errno.EINVAL)
			}
			t := p.current()
			if t.specific == nil {
				t.specific = map[uint32]keyValue{}
			}
			t.specific[k] = keyValue{seq: p.threads.keys[k].seq, value: a[1]}
			return 0
		}},
		{"pthread_barrier_init", func(p *Proc, a []uint64) uint64 {
			if uint32(a[2]) == 0 {
				return uint64(errno.EINVAL)
			}
			ts := &p.threads
			if ts.barrier == nil {
				ts.barrier = map[uint64]*barrier{}
			}
			ts.barrier[a[0]] = &barrier{count: int(uint32(a[2]))}
			return 0
		}},
		{"pthread_barrier_destroy", func(p *Proc, a []uint64) uint64 {
			b := p.threads.barrier[a[0]]
			switch {
			case b == nil:
				return uint64(errno.EINVAL)
			case b.arrived > 0:
				return uint64(errno.EBUSY)
			}
			delete(p.threads.barrier, a[0])
			return 0
		}},
		// The last thread to arrive goes on at once with
		// PTHREAD_BARRIER_SERIAL_THREAD; the others when it has come.
		{"pthread_barrier_wait", func(p *Proc, a []uint64) uint64 {
			b := p.threads.barrier[a[0]]
			if b == nil {
				return uint64(errno.EINVAL)
			}
			if b.arrived++; b.arrived == b.count {
				b.arrived = 0
				b.round++
				p.wakeAll(a[0])
				return neg1
			}
			round := b.round
			what := func() string {
				return fmt.Sprintf("%s (%d of %d threads there)", p.name("barrier", a[0]), b.arrived, b.count)
			}
			p.blockOn(a[0], what, -1, func() bool { return b.round != round })
			return 0
		}},
	})
}
