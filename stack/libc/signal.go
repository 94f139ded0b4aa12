package libc

import (
	"netplay/stack/linux/errno"
	"netplay/stack/linux/signal"
)

// Signal sets and dispositions. No signal is delivered to a program yet
// (kill, raise and alarm are NotYet): what a program sets is kept and read
// back exactly, and SIGPIPE's disposition reaches the socket layer, which
// raises SIGPIPE itself on a write to a broken connection.

const (
	sigKill = int(signal.SIGKILL)
	sigPipe = int(signal.SIGPIPE)
	sigStop = int(signal.SIGSTOP)
	nSig    = 65 // _NSIG: signals 1..64

	saSize = 152 // sizeof(struct sigaction)
	// A sigset_t has 128 bytes, but glibc and the kernel read and write
	// only the first 8 (64 signals): the rest is never touched.
	saRestart  = 0x10000000
	saRestorer = 0x04000000
)

// sigState is a process's signal dispositions and mask.
type sigState struct {
	action [nSig][saSize]byte // struct sigaction of each signal as set (zero: SIG_DFL)
	mask   uint64             // blocked signals, bit n-1 for signal n
}

func init() {
	register(map[string]Func{
		"__libc_current_sigrtmin": func(p *Proc, a []uint64) uint64 { return uint64(signal.RTMin) },
		"__libc_current_sigrtmax": func(p *Proc, a []uint64) uint64 { return uint64(signal.RTMax) },
		"signal":                  sigSignal,
		"bsd_signal":              sigSignal,
		"sysv_signal":             sigSignal,
		"sigaction": func(p *Proc, a []uint64) uint64 {
			sig := int(int32(a[0]))
			if sig < 1 || sig >= nSig || (a[1] != 0 && (sig == sigKill || sig == sigStop)) {
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
				Store32(st.action[sig][:], 136, Load32(st.action[sig][:], 136)|saRestorer)
				p.dispositionSet(sig)
			}
			return 0
		},
		"siginterrupt": func(p *Proc, a []uint64) uint64 {
			sig := int(int32(a[0]))
			if sig < 1 || sig >= nSig {
				return p.fail(errno.EINVAL)
			}
			// SA_RESTART off when flag is set, on otherwise.
			fl := Load32(p.sig.action[sig][:], 136)
			if a[1] != 0 {
				fl &^= saRestart
			} else {
				fl |= saRestart
			}
			Store32(p.sig.action[sig][:], 136, fl)
			return 0
		},
		"sigemptyset": func(p *Proc, a []uint64) uint64 { p.Mem.S64(a[0], 0); return 0 },
		"sigfillset": func(p *Proc, a []uint64) uint64 {
			// All of the kernel's 64 signals but the two glibc's threads
			// use (32, 33).
			p.Mem.S64(a[0], ^uint64(0)&^(3<<31))
			return 0
		},
		"sigaddset": func(p *Proc, a []uint64) uint64 { return p.sigsetBit(a, func(w, b uint64) uint64 { return w | b }) },
		"sigdelset": func(p *Proc, a []uint64) uint64 { return p.sigsetBit(a, func(w, b uint64) uint64 { return w &^ b }) },
		"sigismember": func(p *Proc, a []uint64) uint64 {
			sig := int(int32(a[1]))
			if sig < 1 || sig >= nSig {
				return p.fail(errno.EINVAL)
			}
			return b2u(p.Mem.L64(a[0])&(1<<(sig-1)) != 0)
		},
		"sigprocmask": func(p *Proc, a []uint64) uint64 {
			if e := p.sigprocmask(int(int32(a[0])), a[1], a[2]); e != 0 {
				return p.fail(e)
			}
			return 0
		},
		// pthread_sigmask returns the error instead of setting errno.
		"pthread_sigmask": func(p *Proc, a []uint64) uint64 {
			return uint64(p.sigprocmask(int(int32(a[0])), a[1], a[2]))
		},
		"sigpending": func(p *Proc, a []uint64) uint64 {
			p.Mem.S64(a[0], 0) // nothing is ever pending: no signal is sent
			return 0
		},
		"psignal": func(p *Proc, a []uint64) uint64 {
			msg := signal.Signal(int32(a[0])).StrSignal()
			if a[1] != 0 {
				if s := p.Mem.CString(a[1]); s != "" {
					msg = s + ": " + msg
				}
			}
			p.fprint(p.std[2], []byte(msg+"\n"))
			return 0
		},
		"psiginfo": func(p *Proc, a []uint64) uint64 {
			msg := signal.Signal(int32(p.Mem.L32(a[0]))).StrSignal()
			if a[1] != 0 {
				if s := p.Mem.CString(a[1]); s != "" {
					msg = s + ": " + msg
				}
			}
			p.fprint(p.std[2], []byte(msg+"\n"))
			return 0
		},
	})
}

// sigSignal is signal(2) as glibc gives it (BSD semantics: the handler
// stays, SA_RESTART): it returns the previous handler.
func sigSignal(p *Proc, a []uint64) uint64 {
	sig := int(int32(a[0]))
	if sig < 1 || sig >= nSig || sig == sigKill || sig == sigStop {
		p.SetErrno(errno.EINVAL)
		return neg1 // SIG_ERR
	}
	st := &p.sig
	old := Load64(st.action[sig][:], 0)
	st.action[sig] = [saSize]byte{}
	Store64(st.action[sig][:], 0, a[1])
	Store32(st.action[sig][:], 136, saRestart|saRestorer)
	p.dispositionSet(sig)
	return old
}

// dispositionSet tells the socket layer when SIGPIPE is no longer SIG_DFL:
// writing to a broken connection then returns EPIPE instead of ending the
// program (handlers are not run yet: no signal is delivered).
func (p *Proc) dispositionSet(sig int) {
	if sig == sigPipe && p.Kernel != nil {
		p.Kernel.IgnoreSIGPIPE(Load64(p.sig.action[sig][:], 0) != 0)
	}
}

func (p *Proc) sigsetBit(a []uint64, op func(w, b uint64) uint64) uint64 {
	sig := int(int32(a[1]))
	if sig < 1 || sig >= nSig {
		return p.fail(errno.EINVAL)
	}
	p.Mem.S64(a[0], op(p.Mem.L64(a[0]), 1<<(sig-1)))
	return 0
}

// sigprocmask changes the blocked set; SIGKILL and SIGSTOP stay unblocked.
func (p *Proc) sigprocmask(how int, set, old uint64) errno.Errno {
	if set != 0 && (how < 0 || how > 2) {
		return errno.EINVAL
	}
	st := &p.sig
	if old != 0 {
		p.Mem.S64(old, st.mask)
	}
	if set != 0 {
		s := p.Mem.L64(set)
		switch how {
		case 0: // SIG_BLOCK
			st.mask |= s
		case 1: // SIG_UNBLOCK
			st.mask &^= s
		case 2: // SIG_SETMASK
			st.mask = s
		}
		st.mask &^= 1<<(sigKill-1) | 1<<(sigStop-1)
	}
	return 0
}
