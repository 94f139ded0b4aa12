package vnet

import (
	"fmt"
	"net/netip"
	"runtime/debug"
	"sync/atomic"
	"time"

	"gvisor.dev/gvisor/pkg/waiter"

	"netplay/stack/linux/signal"
	"netplay/stack/trace"
)

// Program is a program's main: it runs on its own goroutine, one program at
// a time, and returns the exit status.
type Program func(p *Process) int

type procState int

const (
	stateWaiting  procState = iota // not started yet
	stateRunnable                  // ready to run (started, or yielded at the gate)
	stateRunning                   // has control
	stateBlocked                   // waiting for an event or a deadline
	stateExited
)

// Process is one program running on one host. Its methods other than
// Wake-ups are called only from the program's own goroutine.
type Process struct {
	w    *World
	host *Host
	prog Program
	args []string

	state  procState
	woken  atomic.Bool
	resume chan struct{}
	parked chan struct{}
	steps  int

	entries []waiter.Entry // Wait's, reused
	// expectInput says the program's current wait would end on input
	// typed at its terminal (ExpectInput).
	expectInput bool
	// spins counts the time slices the program has used up in a row
	// without blocking (see spinSlices).
	spins int

	killReason string
	lineFn     func() int
	onExit     []func()
}

// exitSignal unwinds a program's goroutine when it exits or is ended.
type exitSignal struct {
	status int
	reason string
}

// IsExit reports whether a value recovered from a panic is the signal that
// ends a program; runtimes that recover panics must re-panic it.
func IsExit(r any) bool {
	_, ok := r.(exitSignal)
	return ok
}

// Start schedules prog to run on host at virtual time at with args as
// argv[1:]. A host runs at most one program.
func (w *World) Start(host string, prog Program, at time.Duration, args []string) (*Process, error) {
	h := w.byName[host]
	if h == nil {
		return nil, fmt.Errorf("no host named %q", host)
	}
	if h.proc != nil {
		return nil, fmt.Errorf("host %q already runs a program", host)
	}
	p := &Process{
		w: w, host: h, prog: prog, args: append([]string(nil), args...),
		resume: make(chan struct{}), parked: make(chan struct{}),
	}
	h.proc = p
	w.procs = append(w.procs, p)
	hostClock{Clock: w.clock, h: h}.AfterFunc(at, func() { p.state = stateRunnable })
	go p.main()
	return p, nil
}

func (p *Process) runnable() bool {
	return p.state == stateRunnable || (p.state == stateBlocked && p.woken.Load())
}

// runSlice gives the process control until it blocks, yields or exits.
// Called by the scheduler only.
func (p *Process) runSlice() {
	p.state = stateRunning
	p.resume <- struct{}{}
	<-p.parked
}

// kill ends a process that has not exited. Called by the scheduler only.
func (p *Process) kill(reason string) {
	p.killReason = reason
	p.runSlice()
}

func (p *Process) main() {
	<-p.resume
	status, reason := 0, ""
	if p.killReason != "" {
		status, reason = p.killStatus(), p.killReason
	} else {
		status, reason = p.call()
	}
	p.w.rec.Add(trace.Event{T: p.w.clock.Nanos(), Host: p.host.name, Kind: trace.KindExit, Status: status, Reason: reason})
	// Like the kernel at exit: close what the program left open.
	for i := len(p.onExit) - 1; i >= 0; i-- {
		p.onExit[i]()
	}
	p.state = stateExited
	p.w.lastExit = p.w.clock.Nanos()
	p.parked <- struct{}{}
}

// killStatus is the exit status of a program the world ends: that of
// SIGINT when the user pressed Stop, of SIGKILL at the time limit or the
// end of the run.
func (p *Process) killStatus() int {
	if p.killReason == "stopped" {
		return stopStatus
	}
	return signal.SIGKILL.ExitStatus()
}

// stopStatus is the exit status of a program the user stopped, as if
// interrupted with ^C.
var stopStatus = signal.SIGINT.ExitStatus()

// call runs the program, turning its exit (or any panic) into a status.
func (p *Process) call() (status int, reason string) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if e, ok := r.(exitSignal); ok {
			status, reason = e.status, e.reason
			return
		}
		status = signal.SIGABRT.ExitStatus()
		reason = fmt.Sprintf("internal error at line %d: %v\n%s", p.Line(), r, debug.Stack())
	}()
	return p.prog(p), ""
}

// park hands control back to the scheduler and waits to be resumed.
func (p *Process) park(st procState) {
	p.state = st
	if st == stateBlocked {
		p.spins = 0
	} else {
		p.spins++
	}
	p.parked <- struct{}{}
	<-p.resume
	if p.killReason != "" {
		panic(exitSignal{status: p.killStatus(), reason: p.killReason})
	}
	if p.w.stopped.Load() {
		panic(exitSignal{status: stopStatus, reason: "stopped"})
	}
}

// wake marks a blocked process ready to run; safe from any goroutine.
func (p *Process) wake() {
	p.woken.Store(true)
	p.w.bump()
}

// Host returns the host the program runs on.
func (p *Process) Host() *Host { return p.host }

// HostName returns the name of the host the program runs on.
func (p *Process) HostName() string { return p.host.name }

// Args returns argv[1:] as the scenario gives them.
func (p *Process) Args() []string { return append([]string(nil), p.args...) }

// Now returns the virtual time since the world started.
func (p *Process) Now() time.Duration { return p.w.Now() }

// Yield is the cooperative gate: runtimes call it at loop back-edges and
// function entry. It ends the program if the run was stopped, and hands
// control back to the scheduler every SliceSteps calls.
func (p *Process) Yield() { p.Gate(1) }

// Gate is Yield for a runtime that counts its own steps: steps is how many
// Yield calls it stands for. It returns how many more steps the slice has,
// so that the runtime need call it only then (the C machine, whose gate
// costs one comparison instead of a call): the slice ends at the same
// step either way. Stop is noticed here, at most a slice late.
func (p *Process) Gate(steps int) (next int) {
	if p.w.stopped.Load() {
		panic(exitSignal{status: stopStatus, reason: "stopped"})
	}
	p.steps += steps
	if p.steps >= p.w.opts.SliceSteps {
		p.steps = 0
		p.park(stateRunnable)
	}
	return p.w.opts.SliceSteps - p.steps
}

// Wait blocks the program until ready returns true, re-checking it whenever
// an event in mask fires on one of qs. deadline is an absolute virtual time
// in nanoseconds, or negative for none. Wait reports false when the deadline
// passed first.
func (p *Process) Wait(qs []*waiter.Queue, mask waiter.EventMask, deadline int64, ready func() bool) bool {
	// The entries are the process's own: it waits in one Wait at a time.
	if cap(p.entries) < len(qs) {
		p.entries = make([]waiter.Entry, len(qs))
	}
	entries := p.entries[:len(qs)]
	for i, q := range qs {
		entries[i].Init(p, mask)
		q.EventRegister(&entries[i])
	}
	defer func() {
		for i, q := range qs {
			q.EventUnregister(&entries[i])
		}
	}()
	if deadline >= 0 {
		t := hostClock{Clock: p.w.clock, h: p.host}.AfterFunc(time.Duration(deadline-p.w.clock.Nanos()), p.wake)
		defer t.Stop()
	}
	for {
		p.woken.Store(false)
		if ready() {
			return true
		}
		if deadline >= 0 && p.w.clock.Nanos() >= deadline {
			return false
		}
		p.park(stateBlocked)
	}
}

// ExpectInput says whether the waits that follow would end on input typed
// at the host's terminal (a read of the terminal, a select or poll that
// watches it). The scheduler ends a run as "waiting for input", or asks
// Options.Input for live input, when nothing else can happen while such a
// program waits.
func (p *Process) ExpectInput(on bool) { p.expectInput = on }

// NotifyEvent implements waiter.EventListener.
func (p *Process) NotifyEvent(waiter.EventMask) { p.wake() }

var _ waiter.EventListener = (*Process)(nil)

// Sleep blocks the program for d of virtual time.
func (p *Process) Sleep(d time.Duration) {
	if d <= 0 {
		p.Yield()
		return
	}
	p.Wait(nil, 0, p.w.clock.Nanos()+int64(d), func() bool { return false })
}

// Exit ends the program now with status, as exit(3) does.
func (p *Process) Exit(status int) {
	panic(exitSignal{status: status})
}

// Crash ends the program with status and the reason msg.
func (p *Process) Crash(status int, msg string) {
	panic(exitSignal{status: status, reason: msg})
}

// Output records text the program wrote to stream ("stdout" or "stderr").
func (p *Process) Output(stream, text string) {
	if text == "" {
		return
	}
	p.w.rec.Add(trace.Event{T: p.w.clock.Nanos(), Host: p.host.name, Kind: trace.KindOutput, Stream: stream, Text: text})
}

// SetLineFunc lets the runtime report the current source line.
func (p *Process) SetLineFunc(f func() int) { p.lineFn = f }

// Line returns the current source line, 0 when unknown.
func (p *Process) Line() int {
	if p.lineFn == nil {
		return 0
	}
	return p.lineFn()
}

// OnExit registers f to run when the program ends, after its exit event,
// last registered first (the socket layer closes open sockets there).
func (p *Process) OnExit(f func()) { p.onExit = append(p.onExit, f) }

// Trace returns the world's recorder, for the layers above (socket calls).
func (p *Process) Trace() *trace.Recorder { return p.w.rec }

// LookupHost returns the addresses of the host called name (IPv4 first), as
// the scenario's names resolve for getaddrinfo and gethostbyname.
func (p *Process) LookupHost(name string) []netip.Addr {
	h := p.w.byName[name]
	if h == nil {
		return nil
	}
	return h.Addrs()
}

// Observe registers f to run after scheduler steps that may have changed
// something on the program's host, once the stacks have settled.
func (p *Process) Observe(f func()) { p.w.observeHost(p.host, f) }
