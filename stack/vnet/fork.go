package vnet

import (
	"errors"
	"fmt"

	"gvisor.dev/gvisor/pkg/waiter"

	"netplay/stack/linux/signal"
)

// Processes make processes: fork, the wait for a child's end, zombies
// (a child that ended, until its parent waits for it), orphans (init,
// pid 1, adopts them and reaps them), SIGCHLD.

// Fork makes a child of the calling thread's process, as fork(2): a new
// process on the same host, pid the host's next, running the same
// program, which replays the parent's journal up to this call (see
// Journal) and then goes on as itself. inherit is what the layers above
// give the child (the kernel's descriptor table, the runtime's check of
// the replay), keyed as they like, read back with Inherited. It is an
// error when the process cannot fork (it made a thread).
func (t *Thread) Fork(inherit map[any]any) (*Process, error) {
	p := t.p
	if why := p.ForkRefused(); why != "" {
		return nil, errors.New(why)
	}
	c := p.w.newProcess(p.host, p.prog, p.args, p.pid)
	c.pgid, c.sid, c.ids, c.parent = p.pgid, p.sid, p.ids, p
	p.children = append(p.children, c)
	c.sig.actions = p.sig.actions
	c.main.mask = t.mask
	c.journal = p.journal.fork()
	c.inherit = inherit
	c.main.state = stateRunnable
	go c.main.main()
	return c, nil
}

// Forked reports whether the process was made by fork.
func (p *Process) Forked() bool { return p.inherit != nil }

// Inherited returns what the layer that keys key gave the process when
// its parent forked it (nil for a process that was not forked).
func (p *Process) Inherited(key any) any { return p.inherit[key] }

// Options of WaitChild, as <sys/wait.h> has them.
const (
	WNOHANG    = 1
	WUNTRACED  = 2
	WCONTINUED = 8
	WNOWAIT    = 0x01000000
)

// ErrNoChild says the process has no child its wait could report (ECHILD).
var ErrNoChild = errors.New("no child")

// WaitChild waits for a child of the calling thread's process to end, as
// wait4(2): pid > 0 that child, -1 any, 0 any of the caller's process
// group, < -1 any of group -pid. It returns the child's pid and its wait
// status, as the W* macros read it, and reaps it (its pid is gone) unless
// options has WNOWAIT. With WNOHANG it returns pid 0 at once when none
// has ended; WUNTRACED and WCONTINUED report a child stopped or continued
// by a signal. A signal handler interrupts the wait unless SA_RESTART (r
// is Interrupted).
func (t *Thread) WaitChild(pid, options int) (cpid, status int, r WaitResult, err error) {
	p := t.p
	matches := func(c *Process) bool {
		switch {
		case pid > 0:
			return c.pid == pid
		case pid == 0:
			return c.pgid == p.pgid
		case pid < -1:
			return c.pgid == -pid
		}
		return true
	}
	found := false
	ready := func() bool {
		found, cpid, status = false, 0, 0
		for _, c := range p.children {
			if c.reaped || !matches(c) {
				continue
			}
			found = true
			switch {
			case c.done:
				cpid, status = c.pid, c.waitStatus()
				if options&WNOWAIT == 0 {
					c.reaped = true
					p.dropChild(c)
				}
				return true
			case options&WUNTRACED != 0 && c.stopReport != 0:
				cpid, status = c.pid, c.stopReport<<8|0x7f
				c.stopReport = 0
				return true
			case options&WCONTINUED != 0 && c.contReport:
				cpid, status = c.pid, 0xffff
				c.contReport = false
				return true
			}
		}
		return !found || options&WNOHANG != 0
	}
	r = t.Wait([]*waiter.Queue{&p.childq}, waiter.EventIn, -1, Restartable, ready)
	if r == Ready && !found {
		return -1, 0, r, ErrNoChild
	}
	if r != Ready {
		return -1, 0, r, nil
	}
	return cpid, status, r, nil
}

// waitStatus is how wait reports an ended process: its exit status, or
// the signal that ended it (no core is ever dumped: RLIMIT_CORE is 0).
func (p *Process) waitStatus() int {
	if p.termSig != 0 {
		return p.termSig & 0x7f
	}
	return (p.status & 0xff) << 8
}

func (p *Process) dropChild(c *Process) {
	for i, x := range p.children {
		if x == c {
			p.children = append(p.children[:i:i], p.children[i+1:]...)
			return
		}
	}
}

// staysZombie reports whether the process, as it ends, stays a zombie
// until its parent waits for it.
func (p *Process) staysZombie() bool {
	par := p.parent
	if par == nil || par.done {
		return false
	}
	act := par.sig.actions[signal.SIGCHLD]
	return act.Handler != SigIgnore && act.Flags&SA_NOCLDWAIT == 0
}

// exitNotify tells the process's parent that it ended (SIGCHLD, its
// waiters) or lets it be reaped at once (a parent that ignores SIGCHLD or
// set SA_NOCLDWAIT, the shell that started it, init); its children go to
// init.
func (p *Process) exitNotify() {
	for _, c := range p.children {
		c.parent, c.ppid = nil, 1
		if c.done {
			c.reaped = true // init reaps it
		}
	}
	p.children = nil
	par := p.parent
	if par == nil || par.done {
		p.reaped = true
		return
	}
	act := par.sig.actions[signal.SIGCHLD]
	if act.Handler == SigIgnore || act.Flags&SA_NOCLDWAIT != 0 {
		p.reaped = true
		par.dropChild(p)
	}
	if act.Handler != SigIgnore {
		info := SigInfo{Signo: int(signal.SIGCHLD), Code: CLD_EXITED, Pid: p.pid, Uid: 1000, Status: p.status,
			Why: fmt.Sprintf("child %d exited with status %d", p.pid, p.status)}
		if p.termSig != 0 {
			s := signal.Signal(p.termSig)
			info.Code, info.Status, info.Why = CLD_KILLED, p.termSig, fmt.Sprintf("child %d was killed by %s", p.pid, s.Name())
		}
		par.send(int(signal.SIGCHLD), info, nil, 0)
	}
	par.childq.Notify(waiter.EventIn)
}

// Pid returns the calling thread's process id (getpid).
func (t *Thread) Pid() int { return t.p.pid }

// Process groups and sessions: a program the scenario starts leads a
// group of its own in the session of the shell that started it (sid 1);
// a child is in its parent's group and session.

// Sid returns the process's session.
func (p *Process) Sid() int { return p.sid }

// SetPgid moves process pid (0: the caller's) of the caller's session
// into group pgid (0: pid's own), as setpgid(2): ESRCH when pid is neither
// the caller nor a child of it, EPERM when it leads a session or pgid is
// a group of another session.
func (t *Thread) SetPgid(pid, pgid int) error {
	p := t.p
	target := p
	if pid != 0 && pid != p.pid {
		target = nil
		for _, c := range p.children {
			if c.pid == pid && !c.reaped {
				target = c
			}
		}
		if target == nil {
			return ErrNoProcess
		}
	}
	if pgid == 0 {
		pgid = target.pid
	}
	if target.sid == target.pid || target.sid != p.sid {
		return ErrNotPermitted
	}
	if pgid != target.pid {
		found := false
		for _, q := range p.w.procs {
			if q.host == p.host && q.pgid == pgid && q.sid == p.sid && !q.reaped {
				found = true
			}
		}
		if !found {
			return ErrNotPermitted
		}
	}
	target.pgid = pgid
	return nil
}

// SetSid makes the calling process lead a new session and group, as
// setsid(2): EPERM when it leads a group already.
func (t *Thread) SetSid() error {
	p := t.p
	if p.pgid == p.pid {
		return ErrNotPermitted
	}
	p.sid, p.pgid = p.pid, p.pid
	return nil
}

// ProcessOf returns the process pid of the thread's host (zombies
// included), or nil.
func (t *Thread) ProcessOf(pid int) *Process { return t.p.host.process(pid) }

// Errors of the process calls (ESRCH, EPERM).
var (
	ErrNoProcess    = errors.New("no such process")
	ErrNotPermitted = errors.New("operation not permitted")
)
