package libc

import (
	"time"

	"netplay/stack/linux/errno"
	"netplay/stack/linux/signal"
	"netplay/stack/vnet"
)

// Signals. The scheduler keeps what the kernel keeps (each signal's
// disposition, each thread's mask, what is pending) and delivers them
// (vnet/signal.go); the library keeps each struct sigaction as the
// program set it, to give it back (sigaction's oldact, signal's result),
// and runs handlers when the scheduler says (RunSignalHandler).

const (
	sigKill = int(signal.SIGKILL)
	sigStop = int(signal.SIGSTOP)
	nSig    = vnet.NSig // _NSIG: signals 1..64

	saSize = 152 // sizeof(struct sigaction)
	// A sigset_t has 128 bytes, but glibc and the kernel read and write
	// only the first 8 (64 signals): the rest is never touched.
	saMask      = 8
	saFlags     = 136
	saRestorer  = 0x04000000
	saInterrupt = 0x20000000
	saOneShot   = vnet.SA_RESETHAND | vnet.SA_NODEFER | saInterrupt // sysv_signal's

	siginfoSize  = 128
	ucontextSize = 968
)

// sigState is the program's struct sigaction of each signal as it set it
// (zero: SIG_DFL).
type sigState struct {
	action [nSig][saSize]byte
}

var signalFuncs = []named{
	{"__libc_current_sigrtmin", func(p *Proc, a []uint64) uint64 { return uint64(signal.RTMin) }},
	{"__libc_current_sigrtmax", func(p *Proc, a []uint64) uint64 { return uint64(signal.RTMax) }},
	{"signal", func(p *Proc, a []uint64) uint64 { return p.signal(a, vnet.SA_RESTART) }},
	{"bsd_signal", func(p *Proc, a []uint64) uint64 { return p.signal(a, vnet.SA_RESTART) }},
	{"sysv_signal", func(p *Proc, a []uint64) uint64 { return p.signal(a, saOneShot) }},
	{"sigaction", func(p *Proc, a []uint64) uint64 {
		sig := int(int32(a[0]))
		// glibc keeps SIGCANCEL and SIGSETXID (32, 33) for itself.
		if sig < 1 || sig >= nSig || sig == sigCancel || sig == sigCancel+1 || (a[1] != 0 && (sig == sigKill || sig == sigStop)) {
			return p.fail(errno.EINVAL)
		}
		st := &p.sig
		if a[2] != 0 {
			copy(p.Mem.Slice(a[2], saSize), st.action[sig][:])
		}
		if a[1] != 0 {
			copy(st.action[sig][:], p.Mem.Slice(a[1], saSize))
			// glibc hands the kernel its own restorer: the flags read
			// back carry SA_RESTORER.
			Store32(st.action[sig][:], saFlags, Load32(st.action[sig][:], saFlags)|saRestorer)
			p.dispositionSet(sig)
		}
		return 0
	}},
	{"siginterrupt", func(p *Proc, a []uint64) uint64 {
		sig := int(int32(a[0]))
		if sig < 1 || sig >= nSig {
			return p.fail(errno.EINVAL)
		}
		// SA_RESTART off when flag is set, on otherwise.
		fl := Load32(p.sig.action[sig][:], saFlags)
		if a[1] != 0 {
			fl &^= vnet.SA_RESTART
		} else {
			fl |= vnet.SA_RESTART
		}
		Store32(p.sig.action[sig][:], saFlags, fl)
		p.dispositionSet(sig)
		return 0
	}},
	{"sigemptyset", func(p *Proc, a []uint64) uint64 { p.Mem.S64(a[0], 0); return 0 }},
	{"sigfillset", func(p *Proc, a []uint64) uint64 {
		// All of the kernel's 64 signals but the two glibc's threads
		// use (32, 33).
		p.Mem.S64(a[0], ^uint64(0)&^(3<<31))
		return 0
	}},
	{"sigaddset", func(p *Proc, a []uint64) uint64 { return p.sigsetBit(a, func(w, b uint64) uint64 { return w | b }) }},
	{"sigdelset", func(p *Proc, a []uint64) uint64 { return p.sigsetBit(a, func(w, b uint64) uint64 { return w &^ b }) }},
	{"sigismember", func(p *Proc, a []uint64) uint64 {
		sig := int(int32(a[1]))
		if sig < 1 || sig >= nSig {
			return p.fail(errno.EINVAL)
		}
		return b2u(p.Mem.L64(a[0])&vnet.SigBit(sig) != 0)
	}},
	{"sigprocmask", func(p *Proc, a []uint64) uint64 {
		if e := p.sigprocmask(int(int32(a[0])), a[1], a[2]); e != 0 {
			return p.fail(e)
		}
		return 0
	}},
	// pthread_sigmask returns the error instead of setting errno.
	{"pthread_sigmask", func(p *Proc, a []uint64) uint64 {
		return uint64(p.sigprocmask(int(int32(a[0])), a[1], a[2]))
	}},
	{"sigpending", func(p *Proc, a []uint64) uint64 {
		p.Mem.S64(a[0], p.Sys.SigPending())
		return 0
	}},
	{"kill", func(p *Proc, a []uint64) uint64 {
		return p.ret(0, p.kernel().Kill(int(int32(a[0])), int(int32(a[1]))))
	}},
	{"killpg", func(p *Proc, a []uint64) uint64 {
		pg := int(int32(a[0]))
		if pg < 0 {
			return p.fail(errno.EINVAL)
		}
		return p.ret(0, p.kernel().Kill(-pg, int(int32(a[1]))))
	}},
	// raise is tgkill to the calling thread, as glibc's.
	{"raise", func(p *Proc, a []uint64) uint64 {
		k := p.kernel()
		return p.ret(0, k.Tgkill(k.Thread().Process().Pid(), p.Sys.Tid(), int(int32(a[0]))))
	}},
	// pthread_kill returns the error instead of setting errno.
	{"pthread_kill", func(p *Proc, a []uint64) uint64 {
		t := p.thread(a[0])
		if t == nil || t.exited {
			return uint64(errno.ESRCH)
		}
		k := p.kernel()
		return uint64(k.Tgkill(k.Thread().Process().Pid(), t.tid, int(int32(a[1]))))
	}},
	{"alarm", func(p *Proc, a []uint64) uint64 { return uint64(p.kernel().Alarm(uint32(a[0]))) }},
	{"setitimer", func(p *Proc, a []uint64) uint64 {
		if int32(a[0]) != 0 { // ITIMER_VIRTUAL and ITIMER_PROF count CPU time: netplay has none
			return p.fail(errno.EINVAL)
		}
		value, e1 := p.timeval(a[1] + 16)
		interval, e2 := p.timeval(a[1])
		if e1 != 0 || e2 != 0 {
			return p.fail(errno.EINVAL)
		}
		ov, oi := p.kernel().SetITimer(value, interval)
		if a[2] != 0 {
			p.putTimeval(a[2], oi)
			p.putTimeval(a[2]+16, ov)
		}
		return 0
	}},
	{"getitimer", func(p *Proc, a []uint64) uint64 {
		if int32(a[0]) != 0 {
			return p.fail(errno.EINVAL)
		}
		v, i := p.kernel().GetITimer()
		p.putTimeval(a[1], i)
		p.putTimeval(a[1]+16, v)
		return 0
	}},
	{"pause", func(p *Proc, a []uint64) uint64 { return p.fail(p.kernel().Pause()) }},
	{"sigsuspend", func(p *Proc, a []uint64) uint64 { return p.fail(p.kernel().SigSuspend(p.Mem.L64(a[0]))) }},
	{"sigwait", func(p *Proc, a []uint64) uint64 {
		sig, _, e := p.kernel().SigTimedWait(p.Mem.L64(a[0]), nil)
		if e != 0 {
			return uint64(e)
		}
		p.Mem.S32(a[1], uint32(sig))
		return 0
	}},
	{"sigwaitinfo", func(p *Proc, a []uint64) uint64 { return p.sigTimedWait(a[0], a[1], 0) }},
	{"sigtimedwait", func(p *Proc, a []uint64) uint64 {
		if a[2] == 0 {
			return p.sigTimedWait(a[0], a[1], 0)
		}
		return p.sigTimedWait(a[0], a[1], a[2])
	}},
	{"psignal", func(p *Proc, a []uint64) uint64 {
		msg := signal.Signal(int32(a[0])).StrSignal()
		if a[1] != 0 {
			if s := p.Mem.CString(a[1]); s != "" {
				msg = s + ": " + msg
			}
		}
		p.fprint(p.std[2], []byte(msg+"\n"))
		return 0
	}},
	{"psiginfo", func(p *Proc, a []uint64) uint64 {
		msg := signal.Signal(int32(p.Mem.L32(a[0]))).StrSignal()
		if a[1] != 0 {
			if s := p.Mem.CString(a[1]); s != "" {
				msg = s + ": " + msg
			}
		}
		p.fprint(p.std[2], []byte(msg+"\n"))
		return 0
	}},
}

func init() { register(signalFuncs) }

// signal is signal(2) with flags: glibc's signal and bsd_signal keep the
// handler, block the signal while it runs and restart calls (SA_RESTART);
// sysv_signal's runs once and interrupts (SA_RESETHAND|SA_NODEFER). It
// returns the previous handler.
func (p *Proc) signal(a []uint64, flags uint32) uint64 {
	sig := int(int32(a[0]))
	if sig < 1 || sig >= nSig || sig == sigKill || sig == sigStop {
		p.SetErrno(errno.EINVAL)
		return neg1 // SIG_ERR
	}
	st := &p.sig
	old := Load64(st.action[sig][:], 0)
	st.action[sig] = [saSize]byte{}
	Store64(st.action[sig][:], 0, a[1])
	if flags&vnet.SA_NODEFER == 0 {
		Store64(st.action[sig][:], saMask, vnet.SigBit(sig))
	}
	Store32(st.action[sig][:], saFlags, flags|saRestorer)
	p.dispositionSet(sig)
	return old
}

// dispositionSet tells the scheduler the disposition the program set for
// sig.
func (p *Proc) dispositionSet(sig int) {
	a := p.sig.action[sig][:]
	p.Sys.SetSigAction(sig, vnet.SigAction{Handler: Load64(a, 0), Flags: uint64(Load32(a, saFlags)), Mask: Load64(a, saMask)})
}

func (p *Proc) sigsetBit(a []uint64, op func(w, b uint64) uint64) uint64 {
	sig := int(int32(a[1]))
	if sig < 1 || sig >= nSig {
		return p.fail(errno.EINVAL)
	}
	p.Mem.S64(a[0], op(p.Mem.L64(a[0]), vnet.SigBit(sig)))
	return 0
}

// sigprocmask changes the calling thread's blocked set (SIGKILL and
// SIGSTOP stay unblocked); a pending signal it unblocks is delivered
// before it returns.
func (p *Proc) sigprocmask(how int, set, old uint64) errno.Errno {
	if set != 0 && (how < 0 || how > 2) {
		return errno.EINVAL
	}
	mask := p.Sys.SigMask()
	if old != 0 {
		p.Mem.S64(old, mask)
	}
	if set != 0 {
		s := p.Mem.L64(set)
		switch how {
		case 0: // SIG_BLOCK
			mask |= s
		case 1: // SIG_UNBLOCK
			mask &^= s
		case 2: // SIG_SETMASK
			mask = s
		}
		// glibc never lets a program block SIGCANCEL or SIGSETXID.
		p.Sys.SetSigMask(mask &^ (vnet.SigBit(sigKill) | vnet.SigBit(sigStop) | vnet.SigBit(sigCancel) | vnet.SigBit(sigCancel+1)))
		p.Sys.DeliverSignals()
	}
	return 0
}

// sigmaskArg reads the signal mask argument of pselect, ppoll and
// epoll_pwait: nil when it is NULL.
func (p *Proc) sigmaskArg(a uint64) *uint64 {
	if a == 0 {
		return nil
	}
	m := p.Mem.L64(a)
	return &m
}

// sigTimedWait is sigwaitinfo (ts 0) and sigtimedwait: the signal taken,
// its siginfo written to info (unless NULL).
func (p *Proc) sigTimedWait(set, info, ts uint64) uint64 {
	var timeout *time.Duration
	if ts != 0 {
		sec, nsec := int64(p.Mem.L64(ts)), int64(p.Mem.L64(ts+8))
		if sec < 0 || nsec < 0 || nsec > 999999999 {
			return p.fail(errno.EINVAL)
		}
		d := time.Duration(sec)*time.Second + time.Duration(nsec)
		timeout = &d
	}
	sig, si, e := p.kernel().SigTimedWait(p.Mem.L64(set), timeout)
	if e != 0 {
		return p.fail(e)
	}
	if info != 0 {
		p.putSiginfo(info, si)
	}
	return uint64(sig)
}

// putSiginfo writes a siginfo_t as Linux fills it.
func (p *Proc) putSiginfo(at uint64, si vnet.SigInfo) {
	p.Mem.Set(at, 0, siginfoSize)
	p.Mem.S32(at, uint32(si.Signo))
	p.Mem.S32(at+8, uint32(int32(si.Code)))
	p.Mem.S32(at+16, uint32(si.Pid))
	p.Mem.S32(at+20, uint32(si.Uid))
	switch {
	case si.Signo == int(signal.SIGCHLD):
		p.Mem.S32(at+24, uint32(si.Status))
	case si.Code == vnet.SI_QUEUE:
		p.Mem.S64(at+24, si.Value)
	}
}

// RunSignalHandler runs the C handler of act for sig on the calling
// thread (the scheduler calls it at a safe point): handler(sig), or
// handler(sig, &info, &context) with SA_SIGINFO, with a siginfo_t and a
// zeroed ucontext_t of the handler's own, freed when it returns.
func (p *Proc) RunSignalHandler(sig int, info vnet.SigInfo, act vnet.SigAction) {
	if sig == sigCancel && act.Handler == cancelHandler {
		p.cancelSignal()
		return
	}
	if act.Flags&vnet.SA_RESETHAND != 0 {
		p.sig.action[sig] = [saSize]byte{} // the scheduler reset its own: SIG_DFL
	}
	if act.Flags&vnet.SA_SIGINFO == 0 {
		p.Call(act.Handler, uint64(sig))
		return
	}
	si := p.Mem.Malloc(siginfoSize)
	uc := p.Mem.Malloc(ucontextSize)
	if si == 0 || uc == 0 {
		Abort("out of memory")
	}
	p.putSiginfo(si, info)
	p.Mem.Set(uc, 0, ucontextSize)
	p.Call(act.Handler, uint64(sig), si, uc)
	p.Mem.Free(uc)
	p.Mem.Free(si)
}

// timeval reads a struct timeval as a duration; EINVAL when its
// microseconds are out of range.
func (p *Proc) timeval(at uint64) (time.Duration, errno.Errno) {
	sec, usec := int64(p.Mem.L64(at)), int64(p.Mem.L64(at+8))
	if sec < 0 || usec < 0 || usec > 999999 {
		return 0, errno.EINVAL
	}
	return time.Duration(sec)*time.Second + time.Duration(usec)*time.Microsecond, 0
}

func (p *Proc) putTimeval(at uint64, d time.Duration) {
	p.Mem.S64(at, uint64(d/time.Second))
	p.Mem.S64(at+8, uint64(d%time.Second/time.Microsecond))
}
