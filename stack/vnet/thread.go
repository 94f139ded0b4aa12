package vnet

import (
	"fmt"
	"net/netip"
	"runtime/debug"
	"slices"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"gvisor.dev/gvisor/pkg/waiter"

	"netplay/stack/linux/signal"
	"netplay/stack/trace"
)

type threadState int

const (
	stateWaiting  threadState = iota // not started yet
	stateRunnable                    // ready to run (started, or yielded at the gate)
	stateRunning                     // has control
	stateBlocked                     // waiting for an event or a deadline
	stateExited
)

// Thread is one thread of a process, the unit the scheduler runs: its own
// goroutine, state and wake-ups. Threads run one at a time, each until it
// blocks, exits or its time slice ends. Its methods other than wake-ups
// are called only from its own goroutine.
type Thread struct {
	p    *Process
	tid  int
	name string        // the start function's name ("main" for the first thread)
	fn   func(*Thread) // what a thread other than the first runs
	line func() int    // the runtime's current source line (SetLineFunc)
	file func() string // the file of that line (SetFileFunc)

	state  threadState
	woken  atomic.Bool
	resume chan struct{}
	parked chan struct{}
	steps  int

	entries []waiter.Entry // Wait's, reused
	// expectInput says the thread's current wait would end on input
	// typed at its host's terminal (ExpectInput).
	expectInput bool
	// spins counts the time slices the thread has used up in a row
	// without blocking (see spinSlices).
	spins int

	// Signals: those the thread blocks, those pending for it alone (and
	// their siginfo), and the runtime's way to run a handler.
	mask        uint64
	pending     uint64
	info        map[int]SigInfo
	handler     func(sig int, info SigInfo, act SigAction)
	handlerName func(handler uint64) string

	// blockedOn says what the thread waits for in Block without a
	// deadline (a mutex, a join), and blockedAt the line: only another
	// thread of its process can end such a wait.
	blockedOn func() string
	blockedAt int
}

// newThread makes a thread of p called name with id tid (not started).
func (p *Process) newThread(name string, fn func(*Thread), tid int) *Thread {
	t := &Thread{p: p, tid: tid, name: name, fn: fn, resume: make(chan struct{}), parked: make(chan struct{}), info: map[int]SigInfo{}}
	p.threads = append(p.threads, t)
	p.live++
	p.w.threads = append(p.w.threads, t)
	return t
}

// Spawn starts a new thread of the calling thread's process running fn,
// ready to run after the caller's slice: pthread_create. name is the
// start function's (the trace and the deadlock message say it).
func (t *Thread) Spawn(name string, fn func(*Thread)) *Thread {
	p := t.p
	p.ids = true
	p.stopJournal("a process that made a thread cannot fork in netplay (its child would replay the program's past, and the threads' interleaving is not recorded)")
	nt := p.newThread(name, fn, p.host.newPid())
	nt.state = stateRunnable
	p.w.rec.Add(p.event(trace.Event{Kind: trace.KindThread, Op: "create", Child: nt.tid, Name: name, Line: t.Line()}, t.tid))
	go nt.main()
	return nt
}

// Tid returns the thread's id (the process's pid for its first thread);
// a forked child replaying its parent's calls is its parent there.
func (t *Thread) Tid() int {
	if j := t.p.journal; j != nil && j.Replaying() {
		return j.tid(t.tid)
	}
	return t.tid
}

// Name returns the thread's start function's name.
func (t *Thread) Name() string { return t.name }

// Process returns the process the thread belongs to.
func (t *Thread) Process() *Process { return t.p }

func (t *Thread) runnable() bool {
	if t.p.sig.stopped && t.p.sig.fatal == 0 && t.p.killReason == "" && !t.p.ending {
		return false // SIGSTOP: none of its threads runs until SIGCONT
	}
	return t.state == stateRunnable || (t.state == stateBlocked && t.woken.Load())
}

// runSlice gives the thread control until it blocks, yields or exits.
// Called by the scheduler, or by a thread of the same process that exits
// (the others unwind).
func (t *Thread) runSlice() {
	t.p.w.cause.set(Cause{Thread: t})
	t.state = stateRunning
	t.resume <- struct{}{}
	<-t.parked
}

func (t *Thread) main() {
	<-t.resume
	p := t.p
	switch {
	case p.ending:
		// The process ended before the thread ran.
	case p.killReason != "":
		p.exitWith(t, p.killSignal())
	default:
		t.call()
	}
	t.finish()
}

// call runs the thread, turning its end (or any panic) into the
// process's exit or the thread's.
func (t *Thread) call() {
	p := t.p
	defer func() {
		switch e := recover().(type) {
		case nil, threadExit, unwindSignal:
		case exitSignal:
			p.exitWith(t, e)
		case OverBudget:
			p.exitWith(t, t.overBudgetExit(e))
		default:
			p.exitWith(t, exitSignal{status: signal.SIGABRT.ExitStatus(), signal: int(signal.SIGABRT),
				reason: fmt.Sprintf("internal error at line %d: %v\n%s", t.Line(), e, debug.Stack())})
		}
	}()
	if t == p.main {
		p.exitWith(t, exitSignal{status: p.prog(t)})
		return
	}
	t.fn(t)
}

// finish ends the thread on its own goroutine and hands control back.
func (t *Thread) finish() {
	p := t.p
	t.state = stateExited
	p.live--
	p.w.dropThread(t)
	// A new slice: exitWith and kill may be ranging over the old one.
	p.threads = slices.DeleteFunc(slices.Clone(p.threads), func(u *Thread) bool { return u == t })
	switch {
	case p.live == 0:
		p.finished()
	case !p.ending:
		p.w.rec.Add(p.event(trace.Event{Kind: trace.KindThread, Op: "exit"}, t.tid))
	}
	t.parked <- struct{}{}
}

// park hands control back to the scheduler and waits to be resumed.
func (t *Thread) park(st threadState) {
	t.state = st
	if st == stateBlocked {
		t.spins = 0
	} else {
		t.spins++
	}
	t.parked <- struct{}{}
	<-t.resume
	p := t.p
	if p.ending {
		panic(unwindSignal{})
	}
	if p.killReason != "" {
		panic(p.killSignal())
	}
	if p.w.stopped.Load() {
		panic(exitSignal{status: stopStatus, reason: "stopped", signal: int(signal.SIGINT)})
	}
	if p.sig.fatal != 0 {
		t.die(p.sig.fatal, p.sig.fatalBy)
	}
}

// wake marks a blocked thread ready to run; safe from any goroutine.
func (t *Thread) wake() {
	t.woken.Store(true)
	t.p.w.bump()
}

// Host returns the host the thread's process runs on.
func (t *Thread) Host() *Host { return t.p.host }

// HostName returns the name of the host the thread's process runs on.
func (t *Thread) HostName() string { return t.p.host.name }

// Args returns argv[1:] as the scenario gives them.
func (t *Thread) Args() []string { return t.p.Args() }

// Now returns the virtual time since the world started.
func (t *Thread) Now() time.Duration { return t.p.w.Now() }

// Clock returns the virtual time as the program reads it (time,
// clock_gettime): a forked child replaying its parent reads the times its
// parent read.
func (t *Thread) Clock() (now time.Duration) {
	if j := t.p.journal; j != nil {
		at := j.Begin("clock")
		if j.Replaying() {
			return j.Replay(t, "clock", at).(time.Duration)
		}
		defer func() { j.Record("clock", at, now) }()
	}
	return t.p.w.Now()
}

// Yield is the cooperative gate: runtimes call it at loop back-edges and
// function entry. It ends the program if the run was stopped, and hands
// control back to the scheduler every SliceSteps calls.
func (t *Thread) Yield() { t.Gate(1) }

// Gate is Yield for a runtime that counts its own steps: steps is how many
// Yield calls it stands for. It returns how many more steps the slice has,
// so that the runtime need call it only then (the C machine, whose gate
// costs one comparison instead of a call): the slice ends at the same
// step either way. Stop is noticed here, at most a slice late.
func (t *Thread) Gate(steps int) (next int) {
	w := t.p.w
	if w.stopped.Load() {
		panic(exitSignal{status: stopStatus, reason: "stopped", signal: int(signal.SIGINT)})
	}
	t.steps += steps
	j := t.p.journal
	if j != nil {
		j.at++ // a safe point: a handler may run here
	}
	if j == nil || !j.Replaying() {
		t.countSteps(steps)
	}
	if t.steps >= w.opts.SliceSteps {
		t.steps = 0
		if j == nil || !j.Replaying() { // a replaying child runs its parent's past at once
			t.park(stateRunnable)
		}
	}
	if t.deliverable() || j != nil && j.Replaying() {
		t.DeliverSignals()
	}
	return w.opts.SliceSteps - t.steps
}

// Wait blocks the thread until ready returns true, re-checking it whenever
// an event in mask fires on one of qs. deadline is an absolute virtual time
// in nanoseconds, or negative for none. A signal handler that runs
// meanwhile (on this thread, before Wait returns) ends the wait as r says
// (Interrupted: the call returns EINTR); a signal that ends the process
// ends it here.
func (t *Thread) Wait(qs []*waiter.Queue, mask waiter.EventMask, deadline int64, r Restart, ready func() bool) WaitResult {
	w := t.p.w
	// The entries are the thread's own: it waits in one Wait at a time.
	if cap(t.entries) < len(qs) {
		t.entries = make([]waiter.Entry, len(qs))
	}
	entries := t.entries[:len(qs)]
	for i, q := range qs {
		entries[i].Init(t, mask)
		q.EventRegister(&entries[i])
	}
	defer func() {
		for i, q := range qs {
			q.EventUnregister(&entries[i])
		}
	}()
	if deadline >= 0 {
		tm := hostClock{Clock: w.clock, h: t.p.host}.AfterFunc(time.Duration(deadline-w.clock.Nanos()), t.wake)
		defer tm.Stop()
	}
	for {
		t.woken.Store(false)
		if ready() {
			return Ready
		}
		if deadline >= 0 && w.clock.Nanos() >= deadline {
			return TimedOut
		}
		if t.deliverable() {
			handled, restart := t.DeliverSignals()
			if handled && (r == NotRestarted || r == Restartable && !restart) {
				return Interrupted
			}
			if handled {
				continue // ready may be true now
			}
		}
		t.park(stateBlocked)
	}
}

// Block is Wait for what only another thread of the process can end: a
// mutex, a condition variable, a join. The thread waits until ready
// reports true, checking it again each time another thread calls Wake on
// it, or until deadline (absolute virtual nanoseconds, negative for none;
// false when it passed first); a signal handler runs meanwhile and the
// wait goes on. what says what it waits for ("mutex 0x4010, locked by
// thread 1002"), asked only for the message: when every thread of a
// process waits so without a deadline, none can go on, and the run ends
// with a message naming each, what it waits for and where.
func (t *Thread) Block(what func() string, deadline int64, ready func() bool) (ok bool) {
	if j := t.p.journal; j != nil {
		at := j.Begin("block")
		if j.Replaying() {
			return j.Replay(t, "block", at).(bool)
		}
		defer func() { j.Record("block", at, ok) }()
	}
	if deadline < 0 {
		t.blockedOn, t.blockedAt = what, t.Line()
		defer func() { t.blockedOn = nil }()
	}
	return t.Wait(nil, 0, deadline, AlwaysRestarted, ready) == Ready
}

// Wake makes a thread waiting in Block check its condition again; called
// by another thread of its process.
func (t *Thread) Wake() { t.wake() }

// deadlock describes the process's threads when every one of them waits
// in Block without a deadline and none was woken: none can ever go on.
func (p *Process) deadlock() string {
	if p.sig.alarm != nil {
		return "" // its SIGALRM may run a handler, or end it
	}
	var waits []string
	for _, t := range p.threads {
		if t.state == stateExited {
			continue
		}
		if t.state != stateBlocked || t.blockedOn == nil || t.woken.Load() {
			return ""
		}
		waits = append(waits, fmt.Sprintf("thread %d (%s) at line %d waits for %s", t.tid, t.name, t.blockedAt, t.blockedOn()))
	}
	if len(waits) == 0 {
		return ""
	}
	return fmt.Sprintf("deadlock: no thread of %s[%d] can go on: %s", p.host.name, p.pid, strings.Join(waits, "; "))
}

// ExpectInput says whether the waits that follow would end on input typed
// at the host's terminal (a read of the terminal, a select or poll that
// watches it). The scheduler ends a run as "waiting for input", or asks
// Options.Input for live input, when nothing else can happen while such a
// thread waits.
func (t *Thread) ExpectInput(on bool) { t.expectInput = on }

// NotifyEvent implements waiter.EventListener.
func (t *Thread) NotifyEvent(waiter.EventMask) { t.wake() }

var _ waiter.EventListener = (*Thread)(nil)

// Sleep blocks the thread for d of virtual time. A signal handler cuts it
// short: it returns the time that was left (0 when it slept it all).
func (t *Thread) Sleep(d time.Duration) (left time.Duration) {
	if j := t.p.journal; j != nil {
		at := j.Begin("sleep")
		if j.Replaying() {
			return j.Replay(t, "sleep", at).(time.Duration)
		}
		defer func() { j.Record("sleep", at, left) }()
	}
	if d <= 0 {
		t.Yield()
		return 0
	}
	end := t.p.w.clock.Nanos() + int64(d)
	if t.Wait(nil, 0, end, NotRestarted, func() bool { return false }) == Interrupted {
		return time.Duration(end - t.p.w.clock.Nanos())
	}
	return 0
}

// Exit ends the process now with status, as exit(3) does (every thread).
func (t *Thread) Exit(status int) {
	panic(exitSignal{status: status})
}

// ExitThread ends the calling thread alone, as pthread_exit does; the
// process ends with status 0 when it was the last.
func (t *Thread) ExitThread() {
	panic(threadExit{})
}

// Crash ends the process with status and the reason msg.
func (t *Thread) Crash(status int, msg string) {
	sig := 0
	if status > 128 {
		sig = status - 128 // the runtime's faults end it as their signal would
	}
	panic(exitSignal{status: status, reason: msg, signal: sig})
}

// Output records text the thread wrote to stream ("stdout" or "stderr"),
// one event per maxOutputEvent bytes at most: a single write of 60 MiB is
// many events, which the trace's budget can cut.
func (t *Thread) Output(stream, text string) {
	for text != "" {
		n := len(text)
		if n > maxOutputEvent {
			n = maxOutputEvent
			for n > maxOutputEvent-utf8.UTFMax && !utf8.RuneStart(text[n]) {
				n-- // whole characters in each event
			}
		}
		e := t.p.event(trace.Event{Kind: trace.KindOutput, Stream: stream, Text: text[:n]}, t.tid)
		i := t.p.w.rec.Add(e)
		if t.p.w.out != nil {
			t.p.w.out.Add(i, &e)
		}
		text = text[n:]
	}
}

// maxOutputEvent is the most text one output event holds.
const maxOutputEvent = 64 << 10

// Event adds e to the trace, stamped with the time, the host and (when
// the process shows them) the pid and the thread's tid: the layers above
// record the thread's system calls this way.
func (t *Thread) Event(e trace.Event) int { return t.p.w.rec.Add(t.p.event(e, t.tid)) }

// SetLineFunc lets the runtime report the thread's current source line.
func (t *Thread) SetLineFunc(f func() int) { t.line = f }

// SetFileFunc lets the runtime report the file of the thread's current
// source line: "" for the program's main file.
func (t *Thread) SetFileFunc(f func() string) { t.file = f }

// File returns the file of the thread's current source line, "" when it
// is the program's main file or unknown.
func (t *Thread) File() string {
	if t.file == nil {
		return ""
	}
	return t.file()
}

// Line returns the thread's current source line, 0 when unknown.
func (t *Thread) Line() int {
	if t.line == nil {
		return 0
	}
	return t.line()
}

// OnExit registers f to run when the thread's process ends (see
// Process.OnExit).
func (t *Thread) OnExit(f func()) { t.p.OnExit(f) }

// Trace returns the world's recorder, for the layers above (socket calls).
func (t *Thread) Trace() *trace.Recorder { return t.p.w.rec }

// LookupHost returns the addresses of the host called name (IPv4 first), as
// the scenario's names resolve for getaddrinfo and gethostbyname.
func (t *Thread) LookupHost(name string) []netip.Addr { return t.p.LookupHost(name) }

// Observe registers f to run after scheduler steps that may have changed
// something on the thread's host.
func (t *Thread) Observe(f func()) { t.p.w.observeHost(t.p.host, f) }
