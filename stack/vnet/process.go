package vnet

import (
	"fmt"
	"net/netip"
	"time"

	"gvisor.dev/gvisor/pkg/waiter"

	"netplay/stack/linux/signal"
	"netplay/stack/trace"
)

// Program is a process's main: it runs on the process's first thread and
// returns the exit status (returning ends the whole process, as returning
// from C's main does).
type Program func(t *Thread) int

// Process is a program running on a host: a group of threads that share
// its memory (the runtime's), its descriptors (the kernel's) and its exit.
// Its methods are called from its threads' goroutines or the scheduler's,
// never at once.
type Process struct {
	w    *World
	host *Host
	prog Program
	args []string
	pid  int
	ppid int
	pgid int // its process group: a program the scenario starts leads its own
	sid  int // its session

	main    *Thread   // the first thread (tid == pid)
	threads []*Thread // the threads that have not finished, in the order made
	live    int       // threads that have not finished

	// ids: the trace names the process and thread of each event (pid,
	// tid). Set for programs that may make threads (ShowIDs) and at the
	// first thread they make, so a program that never does keeps its
	// events as they always were.
	ids bool

	// ending: a thread called exit (or the process was killed): the
	// other threads unwind at once, and the process ends with
	// status/reason when the last one has.
	ending     bool
	status     int
	reason     string
	termSig    int    // the signal that ended it (0: it exited)
	killReason string // set by the scheduler (time limit, Stop, end of run)
	done       bool   // every thread has finished
	reaped     bool   // its parent waited for it: its pid is gone

	sig sigState

	// Processes: the parent (nil once it ended, or for a program the
	// scenario started), the children not reaped yet, the queue a wait
	// for them waits on, what a forked child inherited, what a stopped
	// or continued child has yet to report to its parent's wait.
	parent     *Process
	children   []*Process
	childq     waiter.Queue
	inherit    map[any]any
	stopReport int
	contReport bool

	// journal records what reaches the program, for fork (journal.go);
	// noJournal says why a process keeps none and cannot fork.
	journal   *Journal
	noJournal string

	onExit []func()
}

// exitSignal unwinds a thread's goroutine when its process exits or is
// ended; signal is the signal that ended it (0: it exited).
type exitSignal struct {
	status int
	reason string
	signal int
}

// threadExit unwinds a thread that ends alone (pthread_exit).
type threadExit struct{}

// unwindSignal unwinds a thread whose process is ending because another
// of its threads exited.
type unwindSignal struct{}

// IsExit reports whether a value recovered from a panic is the signal that
// ends a thread (its process's exit, the thread's own exit, or the
// unwinding of a process that ends); runtimes that recover panics must
// re-panic it.
func IsExit(r any) bool {
	switch r.(type) {
	case exitSignal, threadExit, unwindSignal:
		return true
	}
	return false
}

// Pids: a host's first program is process firstPid, started by a shell
// whose pid is 1 (so its parent is 1, as for a program started from a
// container's shell); every thread and process made after it takes the
// next number, from one count per host, as Linux numbers pids and tids.
const (
	firstPid = 1000
	shellPid = 1
)

// Start schedules prog to run on host at virtual time at (from now) with
// args as argv[1:]. A host runs at most one program started this way at a
// time: it is started again (a restart, a boot) once the last has exited.
func (w *World) Start(host string, prog Program, at time.Duration, args []string) (*Process, error) {
	h := w.byName[host]
	if h == nil {
		return nil, fmt.Errorf("no host named %q", host)
	}
	if h.proc != nil && !h.proc.done {
		return nil, fmt.Errorf("host %q already runs a program", host)
	}
	if h.down {
		return nil, fmt.Errorf("host %q is crashed (powered off)", host)
	}
	p := w.newProcess(h, prog, args, shellPid)
	h.proc = p
	t := p.main
	hostClock{Clock: w.clock, h: h}.AfterFunc(at, func() {
		if t.state == stateWaiting { // not killed before it started
			t.state = stateRunnable
		}
	})
	go t.main()
	return p, nil
}

// newProcess makes a process on h with its main thread (not started).
func (w *World) newProcess(h *Host, prog Program, args []string, ppid int) *Process {
	p := &Process{w: w, host: h, prog: prog, args: append([]string(nil), args...), pid: h.newPid(), ppid: ppid}
	p.pgid, p.sid = p.pid, shellPid
	p.main = p.newThread("main", nil, p.pid)
	w.procs = append(w.procs, p)
	return p
}

// newPid returns the host's next process or thread id.
func (h *Host) newPid() int {
	if h.lastPid == 0 {
		h.lastPid = firstPid - 1
	}
	h.lastPid++
	return h.lastPid
}

// Pid returns the process id.
func (p *Process) Pid() int { return p.pid }

// Ppid returns the parent's process id.
func (p *Process) Ppid() int { return p.ppid }

// Pgid returns the process's group.
func (p *Process) Pgid() int { return p.pgid }

// Main returns the process's first thread.
func (p *Process) Main() *Thread { return p.main }

// Host returns the host the process runs on.
func (p *Process) Host() *Host { return p.host }

// Args returns argv[1:] as the scenario gives them.
func (p *Process) Args() []string { return append([]string(nil), p.args...) }

// Exited reports whether every thread of the process has finished.
func (p *Process) Exited() bool { return p.done }

// ShowIDs makes the trace name the process and thread of each of its
// events from now on (a runtime calls it at the start of a program that
// may make threads or processes, so that all its events carry them).
func (p *Process) ShowIDs() { p.ids = true }

// OnExit registers f to run when the process ends, after its exit event,
// last registered first (the kernel closes the descriptors left open).
func (p *Process) OnExit(f func()) { p.onExit = append(p.onExit, f) }

// Threads returns the threads of the process that have not finished, in
// the order they were made.
func (p *Process) Threads() []*Thread {
	var ts []*Thread
	for _, t := range p.threads {
		if t.state != stateExited {
			ts = append(ts, t)
		}
	}
	return ts
}

// event stamps e with the time, the host and, when the process shows
// them, its pid and the thread's tid (tid 0: the process's event).
func (p *Process) event(e trace.Event, tid int) trace.Event {
	e.T = p.w.clock.Nanos()
	e.Host = p.host.name
	if p.ids {
		e.Pid, e.Tid = p.pid, tid
	}
	return e
}

// exitWith ends the process with status and reason, on the goroutine of
// one of its threads: the other threads unwind first (each finishes
// before this returns), as exit_group does.
func (p *Process) exitWith(self *Thread, e exitSignal) {
	if p.ending {
		return
	}
	p.ending, p.status, p.reason, p.termSig = true, e.status, e.reason, e.signal
	for _, t := range p.threads {
		if t != self && t.state != stateExited {
			t.runSlice()
		}
	}
}

// kill ends a process that has not exited. Called by the scheduler only.
func (p *Process) kill(reason string) {
	p.killReason = reason
	for _, t := range p.threads {
		if t.state != stateExited {
			t.runSlice() // it ends the others
			return
		}
	}
}

// killSignal is how a program the world ends ends: as SIGINT ends it
// when the user pressed Stop, as SIGKILL at the time limit or the end of
// the run.
func (p *Process) killSignal() exitSignal {
	if p.killReason == "stopped" {
		return exitSignal{status: stopStatus, reason: p.killReason, signal: int(signal.SIGINT)}
	}
	return exitSignal{status: signal.SIGKILL.ExitStatus(), reason: p.killReason, signal: int(signal.SIGKILL)}
}

// stopStatus is the exit status of a program the user stopped, as if
// interrupted with ^C.
var stopStatus = signal.SIGINT.ExitStatus()

// finished is called on the goroutine of the last thread to finish.
func (p *Process) finished() {
	p.done = true
	if p.sig.alarm != nil {
		p.sig.alarm.stop()
		p.sig.alarm = nil
	}
	p.w.rec.Add(p.event(trace.Event{Kind: trace.KindExit, Status: p.status, Reason: p.reason, Zombie: p.staysZombie()}, 0))
	p.exitNotify()
	// Like the kernel at exit: close what the program left open.
	for i := len(p.onExit) - 1; i >= 0; i-- {
		p.onExit[i]()
	}
	p.w.lastExit = p.w.clock.Nanos()
}

// Parent returns the process's parent, nil when it has none (it was
// started by the scenario, or its parent ended).
func (p *Process) Parent() *Process { return p.parent }

// LookupHost returns the addresses of the host called name (IPv4 first), as
// the scenario's names resolve for getaddrinfo and gethostbyname.
func (p *Process) LookupHost(name string) []netip.Addr {
	h := p.w.byName[name]
	if h == nil {
		return nil
	}
	return h.Addrs()
}
