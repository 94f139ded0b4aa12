package vnet

import (
	"fmt"
	"time"

	"gvisor.dev/gvisor/pkg/waiter"

	"netplay/stack/linux/signal"
	"netplay/stack/trace"
)

// Signals, as Linux generates and delivers them. A signal sent to a
// process (kill, a child's exit, an alarm) is pending in the process
// until a thread that does not block it takes it; one sent to a thread
// (raise, pthread_kill, SIGPIPE after a write) is pending in that thread.
// A signal whose action ends the process (SIGKILL, or the default action
// of SIGTERM and the others that terminate) ends it as soon as it is sent
// to a thread that does not block it: its threads unwind wherever they
// wait. A handler runs on the receiving thread at its next safe point: the
// gate, or a blocking call, which then returns EINTR unless the handler
// asked SA_RESTART and the call is one Linux restarts.

// SigInfo is what a handler's siginfo_t says of a signal.
type SigInfo struct {
	Signo  int
	Code   int // si_code: SI_USER, SI_TKILL, SI_KERNEL, CLD_EXITED …
	Pid    int // the sender; for SIGCHLD, the child
	Uid    int
	Status int // SIGCHLD: the child's exit status, or the signal that ended it
	Value  uint64
	// Why says for the trace (and the exit reason) why the kernel sent it:
	// "child 1001 exited", "write on a closed connection".
	Why string
}

// si_code values.
const (
	SI_USER      = 0
	SI_KERNEL    = 0x80
	SI_QUEUE     = -1
	SI_TKILL     = -6
	CLD_EXITED   = 1
	CLD_KILLED   = 2
	CLD_DUMPED   = 3
	CLD_STOPPED  = 5
	CLD_CONTINUE = 6
)

// SigAction is a signal's disposition as the scheduler needs it.
type SigAction struct {
	Handler uint64 // SigDefault, SigIgnore, or the runtime's handler (a C function's address)
	Flags   uint64 // SA_ flags
	Mask    uint64 // blocked while the handler runs (bit n-1 for signal n)
}

// Dispositions and sigaction flags, as <signal.h> has them.
const (
	SigDefault = 0
	SigIgnore  = 1

	SA_NOCLDSTOP = 0x1
	SA_NOCLDWAIT = 0x2
	SA_SIGINFO   = 0x4
	SA_RESTART   = 0x10000000
	SA_NODEFER   = 0x40000000
	SA_RESETHAND = 0x80000000
)

// NSig is _NSIG: signals are 1 to 64.
const NSig = 65

// SigBit is a signal's bit in a signal set (sigset_t's first word).
func SigBit(sig int) uint64 { return 1 << (sig - 1) }

// unblockable are the signals no mask blocks.
var unblockable = SigBit(int(signal.SIGKILL)) | SigBit(int(signal.SIGSTOP))

// sigState is a process's signals: its dispositions, what is pending for
// the whole process, the signal that ends it, its alarm.
type sigState struct {
	actions [NSig]SigAction
	pending uint64
	info    map[int]SigInfo
	fatal   int // a signal that ends the process, sent and not blocked
	fatalBy SigInfo
	stopped bool

	alarm    *alarmTimer // the real-time timer (alarm, setitimer), when armed
	alarmAt  int64
	interval time.Duration
}

type alarmTimer struct{ stop func() bool }

// Restart says what a signal handler that runs during a blocking call
// does to the call.
type Restart int

const (
	// Restartable calls (read, write, accept, connect, recv, send, wait)
	// go on waiting after a handler with SA_RESTART, else return EINTR.
	Restartable Restart = iota
	// NotRestarted calls (select, poll, epoll_wait, sleep, pause, a
	// socket call with a timeout) return EINTR after any handler.
	NotRestarted
	// AlwaysRestarted waits (a mutex, a join: futex waits) go on after
	// any handler.
	AlwaysRestarted
)

// WaitResult says how Wait ended.
type WaitResult int

const (
	Ready       WaitResult = iota
	TimedOut               // the deadline passed first
	Interrupted            // a signal handler ran: the call returns EINTR
)

// SetSignalHandler gives the scheduler the runtime's way to run a handler
// on the thread (the C machine calls the function): run calls it with
// the signal, its siginfo and its action; name names a handler, for the
// trace.
func (t *Thread) SetSignalHandler(run func(sig int, info SigInfo, act SigAction), name func(handler uint64) string) {
	t.handler, t.handlerName = run, name
}

// SigAction returns the process's disposition of sig.
func (t *Thread) SigAction(sig int) SigAction { return t.p.sig.actions[sig] }

// SetSigAction sets the process's disposition of sig and returns the one
// before. Making a signal ignored discards it where it is pending.
func (t *Thread) SetSigAction(sig int, a SigAction) SigAction {
	p := t.p
	old := p.sig.actions[sig]
	p.sig.actions[sig] = a
	if p.ignored(sig) {
		p.sig.pending &^= SigBit(sig)
		for _, th := range p.threads {
			th.pending &^= SigBit(sig)
		}
	}
	return old
}

// SigMask returns the signals the thread blocks.
func (t *Thread) SigMask() uint64 { return t.mask }

// SetSigMask sets the signals the thread blocks (never SIGKILL or SIGSTOP)
// and returns the set before. A signal it unblocks that is pending is
// delivered at the caller's next DeliverSignals.
func (t *Thread) SetSigMask(m uint64) uint64 {
	old := t.mask
	t.mask = m &^ unblockable
	return old
}

// SigPending returns the signals pending for the thread (its own and its
// process's) that it blocks, as sigpending(2); a forked child replaying
// its parent gets what its parent got.
func (t *Thread) SigPending() (set uint64) {
	if j := t.p.journal; j != nil {
		at := j.Begin("sigpending")
		if j.Replaying() {
			return j.Replay(t, "sigpending", at).(uint64)
		}
		defer func() { j.Record("sigpending", at, set) }()
	}
	return (t.pending | t.p.sig.pending) & t.mask
}

// ignored reports whether the process ignores sig: SIG_IGN, or the
// default action is to ignore it.
func (p *Process) ignored(sig int) bool {
	a := p.sig.actions[sig]
	return a.Handler == SigIgnore || a.Handler == SigDefault && signal.Signal(sig).Default() == signal.Ign
}

// fatal reports whether sig ends the process: SIGKILL, or a default
// action that terminates.
func (p *Process) fatal(sig int) bool {
	if sig == int(signal.SIGKILL) {
		return true
	}
	if p.sig.actions[sig].Handler != SigDefault {
		return false
	}
	d := signal.Signal(sig).Default()
	return d == signal.Term || d == signal.Core
}

// Kill sends sig to the process pid of the thread's host, as kill(2)
// with pid > 0; sig 0 only checks that it exists. It reports false when
// there is no such process (ESRCH): a zombie still counts.
func (t *Thread) Kill(pid, sig int) bool {
	target := t.p.host.process(pid)
	if target == nil {
		return false
	}
	if sig != 0 {
		target.send(sig, SigInfo{Signo: sig, Code: SI_USER, Pid: t.p.pid, Uid: 1000}, nil, t.p.pid)
	}
	return true
}

// KillThread sends sig to thread tid of the calling thread's process, as
// tgkill(2) (raise, pthread_kill); false when it has no such thread.
func (t *Thread) KillThread(tid, sig int) bool {
	for _, th := range t.p.threads {
		if th.tid == tid && th.state != stateExited {
			if sig != 0 {
				t.p.send(sig, SigInfo{Signo: sig, Code: SI_TKILL, Pid: t.p.pid, Uid: 1000}, th, t.p.pid)
			}
			return true
		}
	}
	return false
}

// SignalSelf sends the calling thread a signal of the kernel's (SIGPIPE
// after a write to a broken connection): why says what caused it.
func (t *Thread) SignalSelf(sig int, why string) {
	t.p.send(sig, SigInfo{Signo: sig, Code: SI_USER, Pid: t.p.pid, Uid: 1000, Why: why}, t, 0)
}

// Signal sends the process a signal from outside it (the kernel, or the
// scenario's actions): why says what sent it.
func (p *Process) Signal(sig int, why string) {
	p.send(sig, SigInfo{Signo: sig, Code: SI_KERNEL, Why: why}, nil, 0)
}

// KillGroup sends sig to every process of process group pgid on the
// thread's host (0: the caller's group), as kill(2) with pid 0 or -pgid;
// false when there is none.
func (t *Thread) KillGroup(pgid, sig int) bool {
	if pgid == 0 {
		pgid = t.p.pgid
	}
	found := false
	for _, p := range t.p.w.procs {
		if p.host == t.p.host && p.pgid == pgid && !p.reaped {
			found = true
			if sig != 0 {
				p.send(sig, SigInfo{Signo: sig, Code: SI_USER, Pid: t.p.pid, Uid: 1000}, nil, t.p.pid)
			}
		}
	}
	return found
}

// KillAll sends sig to every process of the thread's host but its own, as
// kill(2) with pid -1; false when there is none.
func (t *Thread) KillAll(sig int) bool {
	found := false
	for _, p := range t.p.w.procs {
		if p.host == t.p.host && p != t.p && !p.reaped {
			found = true
			if sig != 0 {
				p.send(sig, SigInfo{Signo: sig, Code: SI_USER, Pid: t.p.pid, Uid: 1000}, nil, t.p.pid)
			}
		}
	}
	return found
}

// process returns the process pid of the host, or nil.
func (h *Host) process(pid int) *Process {
	for _, p := range h.w.procs {
		if p.host == h && p.pid == pid && !p.reaped {
			return p
		}
	}
	return nil
}

// send generates sig for the process (to thread to, or any of its threads
// when to is nil), sent by process sender (0: the kernel). It is called on
// the sender's goroutine or the scheduler's; the receiving threads act on
// it when they run next.
func (p *Process) send(sig int, info SigInfo, to *Thread, sender int) {
	if p.done || p.ending {
		return
	}
	s := signal.Signal(sig)
	switch s {
	case signal.SIGCONT:
		if p.sig.stopped {
			p.sig.stopped = false
			if par := p.parent; par != nil && !par.done {
				p.stopReport, p.contReport = 0, true
				if act := par.sig.actions[signal.SIGCHLD]; act.Flags&SA_NOCLDSTOP == 0 {
					par.send(int(signal.SIGCHLD), SigInfo{Signo: int(signal.SIGCHLD), Code: CLD_CONTINUE, Pid: p.pid, Uid: 1000,
						Status: int(signal.SIGCONT), Why: fmt.Sprintf("child %d continued", p.pid)}, nil, 0)
				}
				par.childq.Notify(waiter.EventIn)
			}
		}
		p.clearPending(stopSignals)
	case signal.SIGSTOP, signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU:
		p.clearPending(SigBit(int(signal.SIGCONT)))
	}
	// A signal the process ignores is discarded now, unless it is blocked
	// (it stays pending: the disposition may change before it is taken).
	blocker := to
	if blocker == nil {
		blocker = p.main
	}
	blocked := blocker.mask&SigBit(sig) != 0 && sig != int(signal.SIGKILL)
	if p.ignored(sig) && !blocked {
		if p.sig.actions[sig].Handler == SigIgnore {
			p.traceSignal(trace.Event{Op: "send", Signal: s.Name(), Sender: sender, Reason: info.Why}, to)
			p.traceSignal(trace.Event{Op: "deliver", Signal: s.Name(), Action: "ignore"}, to)
		}
		return
	}
	p.traceSignal(trace.Event{Op: "send", Signal: s.Name(), Sender: sender, Reason: info.Why}, to)
	if p.sig.info == nil {
		p.sig.info = map[int]SigInfo{}
	}
	if to != nil {
		if to.pending&SigBit(sig) == 0 {
			to.pending |= SigBit(sig)
			to.info[sig] = info
		}
	} else if p.sig.pending&SigBit(sig) == 0 {
		p.sig.pending |= SigBit(sig)
		p.sig.info[sig] = info
	}
	// Who takes it: the thread it was sent to, else the first thread
	// (main) when it does not block it, else the first that does not.
	chosen := to
	if chosen == nil {
		for _, th := range append([]*Thread{p.main}, p.threads...) {
			if th.state != stateExited && th.mask&SigBit(sig) == 0 {
				chosen = th
				break
			}
		}
	} else if blocked {
		chosen = nil
	}
	if chosen == nil {
		return
	}
	if p.fatal(sig) {
		// It ends the whole process: every thread unwinds where it is.
		if p.sig.fatal == 0 {
			p.sig.fatal, p.sig.fatalBy = sig, info
		}
		for _, th := range p.threads {
			th.wake()
		}
		return
	}
	chosen.wake()
}

var stopSignals = SigBit(int(signal.SIGSTOP)) | SigBit(int(signal.SIGTSTP)) | SigBit(int(signal.SIGTTIN)) | SigBit(int(signal.SIGTTOU))

func (p *Process) clearPending(set uint64) {
	p.sig.pending &^= set
	for _, th := range p.threads {
		th.pending &^= set
	}
}

// traceSignal records a signal event of the process (of thread to when it
// concerns one).
func (p *Process) traceSignal(e trace.Event, to *Thread) {
	e.Kind = trace.KindSignal
	tid := 0
	if to != nil {
		tid = to.tid
	}
	p.w.rec.Add(p.event(e, tid))
}

// take removes and returns the lowest signal pending for the thread that
// it does not block: its own first, then its process's.
func (t *Thread) take() (int, SigInfo) {
	for _, own := range []bool{true, false} {
		set := t.p.sig.pending
		if own {
			set = t.pending
		}
		set &^= t.mask
		if set == 0 {
			continue
		}
		sig := 1
		for set&1 == 0 {
			set >>= 1
			sig++
		}
		if own {
			t.pending &^= SigBit(sig)
			return sig, t.info[sig]
		}
		t.p.sig.pending &^= SigBit(sig)
		return sig, t.p.sig.info[sig]
	}
	return 0, SigInfo{}
}

// deliverable reports whether a signal can be delivered to the thread now.
func (t *Thread) deliverable() bool {
	return t.p.sig.fatal != 0 || (t.pending|t.p.sig.pending)&^t.mask != 0
}

// DeliverSignals delivers the signals pending for the calling thread that
// it does not block (a safe point: the return of a call that sent one or
// unblocked one). It reports whether a handler ran, and whether each that
// ran asked SA_RESTART. A forked child replaying its parent runs the
// handlers its parent ran here instead; its own signals wait for its fork
// point (but one that ends it ends it now).
func (t *Thread) DeliverSignals() (handled, restart bool) {
	restart = true
	j := t.p.journal
	if j != nil && j.Replaying() {
		if t.p.sig.fatal != 0 {
			t.die(t.p.sig.fatal, t.p.sig.fatalBy)
		}
		j.replaySignals(t, j.at)
		return false, true
	}
	for t.deliverable() {
		p := t.p
		if p.sig.fatal != 0 {
			t.die(p.sig.fatal, p.sig.fatalBy)
		}
		sig, info := t.take()
		if sig == 0 {
			break
		}
		s := signal.Signal(sig)
		act := p.sig.actions[sig]
		if act.Handler == SigIgnore {
			p.traceSignal(trace.Event{Op: "deliver", Signal: s.Name(), Action: "ignore"}, t)
			continue
		}
		if act.Handler == SigDefault || t.handler == nil {
			switch s.Default() {
			case signal.Term, signal.Core:
				t.die(sig, info)
			case signal.Stop:
				p.traceSignal(trace.Event{Op: "deliver", Signal: s.Name(), Action: "stop"}, t)
				p.stop(sig)
				t.park(stateRunnable) // until SIGCONT (runnable says)
			}
			continue
		}
		if j != nil {
			j.Record("signal", j.at, handledSignal{sig, info, act})
		}
		t.runHandler(sig, info, act, true)
		handled = true
		if act.Flags&SA_RESTART == 0 {
			restart = false
		}
	}
	return handled, restart
}

// runHandler runs act's handler for sig on the thread, with the signals
// of act's mask (and sig, unless SA_NODEFER) blocked meanwhile; show
// traces it (a replaying child's handlers are not traced).
func (t *Thread) runHandler(sig int, info SigInfo, act SigAction, show bool) {
	p := t.p
	if show {
		name := ""
		if t.handlerName != nil {
			name = t.handlerName(act.Handler)
		}
		p.traceSignal(trace.Event{Op: "deliver", Signal: signal.Signal(sig).Name(), Action: "handler", Name: name}, t)
	}
	if act.Flags&SA_RESETHAND != 0 {
		p.sig.actions[sig] = SigAction{}
	}
	old := t.mask
	t.mask |= act.Mask
	if act.Flags&SA_NODEFER == 0 {
		t.mask |= SigBit(sig)
	}
	t.mask &^= unblockable
	t.handler(sig, info, act)
	t.mask = old
}

// stop stops the process (a stop signal's default action): no thread of
// it runs until SIGCONT; its parent's wait may report it (WUNTRACED) and
// the parent gets SIGCHLD unless it set SA_NOCLDSTOP.
func (p *Process) stop(sig int) {
	p.sig.stopped = true
	par := p.parent
	if par == nil || par.done {
		return
	}
	p.stopReport = sig
	if act := par.sig.actions[signal.SIGCHLD]; act.Flags&SA_NOCLDSTOP == 0 {
		par.send(int(signal.SIGCHLD), SigInfo{Signo: int(signal.SIGCHLD), Code: CLD_STOPPED, Pid: p.pid, Uid: 1000, Status: sig,
			Why: fmt.Sprintf("child %d was stopped by %s", p.pid, signal.Signal(sig).Name())}, nil, 0)
	}
	par.childq.Notify(waiter.EventIn)
}

// die ends the process as signal sig does, on the calling thread.
func (t *Thread) die(sig int, info SigInfo) {
	s := signal.Signal(sig)
	p := t.p
	p.traceSignal(trace.Event{Op: "deliver", Signal: s.Name(), Action: "terminate"}, t)
	why := info.Why
	switch {
	case why != "":
	case info.Pid != 0 && info.Pid != p.pid:
		why = fmt.Sprintf("sent by %d", info.Pid)
	case info.Pid == p.pid:
		why = "sent by itself"
	}
	reason := s.Text() + " (" + s.Name() + ")"
	if why != "" {
		reason += ": " + why
	}
	panic(exitSignal{status: s.ExitStatus(), reason: reason, signal: sig})
}

// SetITimer arms the process's real-time timer (alarm, setitimer with
// ITIMER_REAL): SIGALRM after value of virtual time, then every interval
// (0: once); value 0 disarms it. It returns the timer as it was.
func (t *Thread) SetITimer(value, interval time.Duration) (oldValue, oldInterval time.Duration) {
	p := t.p
	oldValue, oldInterval = t.ITimer()
	if p.sig.alarm != nil {
		p.sig.alarm.stop()
		p.sig.alarm = nil
	}
	p.sig.interval = interval
	if value > 0 {
		p.armAlarm(value)
	}
	return oldValue, oldInterval
}

// armAlarm sends SIGALRM after d, and again every interval after that.
func (p *Process) armAlarm(d time.Duration) {
	p.sig.alarmAt = p.w.clock.Nanos() + int64(d)
	tm := hostClock{Clock: p.w.clock, h: p.host}.AfterFunc(d, func() {
		p.sig.alarm = nil
		if p.done {
			return
		}
		if p.sig.interval > 0 {
			p.armAlarm(p.sig.interval)
		}
		p.send(int(signal.SIGALRM), SigInfo{Signo: int(signal.SIGALRM), Code: SI_KERNEL, Why: "the alarm went off"}, nil, 0)
	})
	p.sig.alarm = &alarmTimer{stop: tm.Stop}
}

// ITimer returns the time the process's real-time timer has left (0:
// disarmed) and its interval.
func (t *Thread) ITimer() (value, interval time.Duration) {
	p := t.p
	if p.sig.alarm != nil {
		value = time.Duration(p.sig.alarmAt - p.w.clock.Nanos())
	}
	return value, p.sig.interval
}

// Pause waits until a signal handler has run on the thread (pause(2));
// with mask non-nil the thread blocks *mask meanwhile (sigsuspend(2)).
func (t *Thread) Pause(mask *uint64) {
	if mask != nil {
		old := t.SetSigMask(*mask)
		defer func() { t.mask = old }()
	}
	t.Wait(nil, 0, -1, NotRestarted, func() bool { return false })
}

// SigWait waits until one of set is pending for the thread and takes it
// without running a handler (sigwait, sigtimedwait), or until deadline
// (negative: none). A handler of another signal interrupts it.
func (t *Thread) SigWait(set uint64, deadline int64) (sig int, info SigInfo, r WaitResult) {
	taken := func() bool {
		avail := (t.pending | t.p.sig.pending) & set
		if avail == 0 {
			return false
		}
		old := t.mask
		t.mask = ^avail
		sig, info = t.take()
		t.mask = old
		return true
	}
	r = t.Wait(nil, 0, deadline, NotRestarted, taken)
	return sig, info, r
}

// SignalAt sends sig, at virtual time at, to the process group of the
// program the scenario started on host (what a terminal's ^C does with
// SIGINT: every process the program forked gets it too), as the kernel
// sends it: why says what sent it ("^C typed at the terminal"). The
// scheduler delivers it as any signal; nothing happens when the program
// has ended.
func (w *World) SignalAt(host string, at time.Duration, sig int, why string) error {
	h := w.byName[host]
	if h == nil {
		return fmt.Errorf("no host named %q", host)
	}
	if sig < 1 || sig >= NSig {
		return fmt.Errorf("no signal %d", sig)
	}
	hostClock{Clock: w.clock, h: h}.AfterFunc(at-w.Now(), func() {
		if h.proc == nil {
			return
		}
		for _, p := range w.procs {
			if p.host == h && p.pgid == h.proc.pgid {
				p.Signal(sig, why)
			}
		}
	})
	return nil
}
