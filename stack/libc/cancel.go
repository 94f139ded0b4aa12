package libc

import (
	"netplay/stack/linux/errno"
	"netplay/stack/vnet"
)

// Thread cancellation, as glibc (2.34 and later) does it: pthread_cancel
// marks the thread and sends it SIGCANCEL (signal 32, which glibc keeps
// for itself); with cancellation enabled the thread ends, as by
// pthread_exit(PTHREAD_CANCELED) (its cleanup handlers, then its
// thread-specific data's destructors), at a cancellation point: on
// entering one with the cancel pending, or when the signal finds it
// blocked in one. Asynchronous cancellation ends it wherever the signal
// finds it (in netplay, at the next safe point). A thread canceled in
// pthread_cond_wait holds the mutex again before its cleanup handlers
// run, as POSIX asks; one canceled in pthread_join leaves the thread it
// waited for joinable.

// sigCancel is glibc's SIGCANCEL (__SIGRTMIN).
const sigCancel = 32

// cancelHandler is the disposition glibc installs for SIGCANCEL: no C
// function (RunSignalHandler knows it), neither SIG_DFL nor SIG_IGN.
const cancelHandler = 2

// cancelPoints are the functions of the library that are cancellation
// points (POSIX's list, of those netplay has).
var cancelPoints = map[string]bool{
	"accept": true, "accept4": true, "close": true, "connect": true, "creat": true, "fsync": true,
	"nanosleep": true, "clock_nanosleep": true, "open": true, "openat": true, "pause": true, "poll": true, "ppoll": true,
	"pselect": true, "pthread_cond_timedwait": true, "pthread_cond_wait": true, "pthread_join": true,
	"pthread_testcancel": true, "read": true, "readv": true, "recv": true, "recvfrom": true, "recvmsg": true,
	"select": true, "send": true, "sendmsg": true, "sendto": true, "sigsuspend": true, "sigwait": true,
	"sigtimedwait": true, "sigwaitinfo": true, "sleep": true, "usleep": true, "system": true, "wait": true,
	"waitid": true, "waitpid": true, "wait3": true, "wait4": true, "write": true, "writev": true,
	"epoll_wait": true, "epoll_pwait": true, "fdatasync": true, "lockf": true, "tcdrain": true,
}

// cancellable makes f, a cancellation point, act on a pending cancel as
// it is entered and while it blocks.
func cancellable(f Func) Func {
	return func(p *Proc, a []uint64) uint64 {
		t := p.self // nil: no thread of the process was ever named
		if t == nil {
			return f(p, a)
		}
		if t.cancelPending && !t.cancelDisabled {
			p.cancelNow(t)
		}
		was := t.inPoint
		t.inPoint = true
		r := f(p, a)
		t.inPoint = was
		return r
	}
}

// cancel is pthread_cancel(id).
func (p *Proc) cancel(id uint64) errno.Errno {
	t := p.thread(id)
	switch {
	case t == nil:
		return errno.ESRCH
	case t.exited:
		return 0 // glibc 2.34: a thread that ended but is not joined
	}
	t.cancelPending = true
	if t.cancelDisabled {
		return 0
	}
	if t == p.current() {
		if t.cancelAsync {
			p.cancelNow(t)
		}
		return 0
	}
	p.Sys.SetSigAction(sigCancel, vnet.SigAction{Handler: cancelHandler, Flags: vnet.SA_SIGINFO | vnet.SA_RESTART})
	k := p.kernel()
	return k.Tgkill(k.Thread().Process().Pid(), t.tid, sigCancel)
}

// cancelSignal is SIGCANCEL's handler on the thread it was sent to.
func (p *Proc) cancelSignal() {
	t := p.self
	if t == nil || !t.cancelPending || t.cancelDisabled {
		return
	}
	if t.cancelAsync || t.inPoint {
		p.cancelNow(t)
	}
}

// cancelNow ends the calling thread t as canceled.
func (p *Proc) cancelNow(t *thread) {
	t.cancelDisabled = true       // no second cancel while it unwinds
	if j := t.joining; j != nil { // the join is undone: another may join j
		j.joiner, t.joining = nil, nil
	}
	if c := t.condWait; c != nil {
		t.condWait = nil
		p.unwait(c.cond, c.w)
		p.mutexLock(c.mutex, false, -1)
	}
	p.exitThread(canceled, true)
}

// setCancelState is pthread_setcancelstate; a pending cancel acts at once
// when asynchronous.
func (p *Proc) setCancelState(state, old uint64) errno.Errno {
	if state > 1 {
		return errno.EINVAL
	}
	t := p.current()
	if old != 0 {
		p.Mem.S32(old, uint32(b2u(t.cancelDisabled)))
	}
	t.cancelDisabled = state == 1
	if t.cancelPending && !t.cancelDisabled && t.cancelAsync {
		p.cancelNow(t)
	}
	return 0
}

// setCancelType is pthread_setcanceltype (0 deferred, 1 asynchronous).
func (p *Proc) setCancelType(typ, old uint64) errno.Errno {
	if typ > 1 {
		return errno.EINVAL
	}
	t := p.current()
	if old != 0 {
		p.Mem.S32(old, uint32(b2u(t.cancelAsync)))
	}
	t.cancelAsync = typ == 1
	if t.cancelPending && !t.cancelDisabled && t.cancelAsync {
		p.cancelNow(t)
	}
	return 0
}
