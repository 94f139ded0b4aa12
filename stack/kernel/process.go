package kernel

import (
	"errors"
	"fmt"
	"strings"

	"netplay/stack/linux/errno"
	"netplay/stack/linux/signal"
	"netplay/stack/trace"
	"netplay/stack/vnet"
)

// The calls that make, wait for and name processes: fork, wait4, execve,
// getpid and the others.

// forkKey keys what a forked child inherits from the kernel (its
// descriptor table, working directory and umask), checkKey what the
// runtime hands the child to check its replay by.
type (
	forkKey  struct{}
	checkKey struct{}
)

// forked returns the task of a forked child's first thread: the
// descriptors its parent had when it forked (their open file descriptions
// shared, counted once more each), its working directory and umask.
func forked(th *vnet.Thread, h *Host) *Task {
	ps := th.Process().Inherited(forkKey{}).(*procState)
	t := &Task{th: th, host: h, procState: ps}
	th.OnExit(t.closeAll)
	h.addTask(t)
	return t
}

// Fork implements fork(2): the child is a process of its own, with a copy
// of the descriptor table pointing at the same open file descriptions (a
// socket closes on the wire only when its last descriptor closes, in
// either process). check is the runtime's, given back to the child when it
// reaches the fork (its replay of the parent is over: inherited, with pid
// 0). A process that made a thread cannot fork (ENOSYS; the fork event
// says why).
func (t *Task) Fork(check any) (pid int, inherited any, err errno.Errno) {
	if jn := t.th.Journal(); jn != nil && jn.AtFork() {
		// The child, at the parent's fork: it is itself from here on.
		at := jn.Begin("fork")
		jn.Born(t.th.Process().Pid())
		jn.Record("fork", at, []any{0, errno.Errno(0)})
		return 0, t.th.Process().Inherited(checkKey{}), 0
	}
	if j, at, rec := t.journal("fork"); j != nil {
		if rec != nil {
			v := rec.([]any)
			return v[0].(int), nil, v[1].(errno.Errno)
		}
		defer func() { j.Record("fork", at, []any{pid, err}) }()
	}
	start := t.th.Now()
	if why := t.th.Process().ForkRefused(); why != "" {
		t.th.Event(trace.Event{Kind: trace.KindFork, Line: t.th.Line(), Reason: why})
		return -1, nil, t.done(start, "fork", -1, "", errno.ENOSYS)
	}
	ps := &procState{fds: &Table{fds: append([]fdEntry(nil), t.fds.fds...)}, cwd: t.cwd, umask: t.umask, nofile: t.nofile, bindService: t.bindService}
	var fds []int
	for fd, e := range ps.fds.fds {
		if e.d != nil {
			e.d.refs++
			fds = append(fds, fd)
		}
	}
	child, ferr := t.th.Fork(map[any]any{forkKey{}: ps, checkKey{}: check})
	if ferr != nil {
		return -1, nil, t.done(start, "fork", -1, "", errno.ENOSYS) // cannot happen: refused above
	}
	t.th.Event(trace.Event{Kind: trace.KindFork, Child: child.Pid(), FDs: fds, Line: t.th.Line()})
	t.syscall(start, "fork", -1, "", int64(child.Pid()), 0)
	return child.Pid(), nil, 0
}

// Wait options wait4 knows.
const waitOptions = vnet.WNOHANG | vnet.WUNTRACED | vnet.WCONTINUED | vnet.WNOWAIT | 0x20000000 | 0x40000000 | 0x80000000

// Wait4 implements wait4(2) (wait, waitpid, wait3): the pid of a child
// that ended (reaped unless WNOWAIT) and its wait status; 0 with WNOHANG
// when none has; ECHILD when there is no such child; EINTR when a signal
// handler interrupted it (it is restarted after one with SA_RESTART).
func (t *Task) Wait4(pid, options int) (r0 int, r1 int, r2 errno.Errno) {
	if j, at, rec := t.journal("wait4"); j != nil {
		if rec != nil {
			v := rec.([]any)
			return v[0].(int), v[1].(int), v[2].(errno.Errno)
		}
		defer func() { j.Record("wait4", at, []any{r0, r1, r2}) }()
	}
	start := t.th.Now()
	shown := func(status string) string {
		return fmt.Sprintf("%d, %s, %s, NULL", pid, status, waitOptionsText(options))
	}
	if options&^waitOptions != 0 {
		return -1, 0, t.done(start, "wait4", -1, shown("NULL"), errno.EINVAL)
	}
	cpid, status, r, err := t.th.WaitChild(pid, options)
	switch {
	case errors.Is(err, vnet.ErrNoChild):
		return -1, 0, t.done(start, "wait4", -1, shown("NULL"), errno.ECHILD)
	case r == vnet.Interrupted:
		return -1, 0, t.done(start, "wait4", -1, shown("NULL"), errno.EINTR)
	case cpid == 0:
		t.syscall(start, "wait4", -1, shown("NULL"), 0, 0)
		return 0, 0, 0
	}
	t.syscall(start, "wait4", -1, shown(WaitStatusText(status)), int64(cpid), 0)
	return cpid, status, 0
}

// WaitStatusText shows a wait status as strace does:
// "[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]".
func WaitStatusText(s int) string {
	switch {
	case s&0x7f == 0:
		return fmt.Sprintf("[{WIFEXITED(s) && WEXITSTATUS(s) == %d}]", s>>8&0xff)
	case s&0xff == 0x7f:
		return fmt.Sprintf("[{WIFSTOPPED(s) && WSTOPSIG(s) == %s}]", signal.Signal(s>>8&0xff).Name())
	case s == 0xffff:
		return "[{WIFCONTINUED(s)}]"
	}
	return fmt.Sprintf("[{WIFSIGNALED(s) && WTERMSIG(s) == %s}]", signal.Signal(s&0x7f).Name())
}

func waitOptionsText(o int) string {
	var names []string
	for _, f := range []struct {
		bit  int
		name string
	}{{vnet.WNOHANG, "WNOHANG"}, {vnet.WUNTRACED, "WSTOPPED"}, {vnet.WCONTINUED, "WCONTINUED"}, {vnet.WNOWAIT, "WNOWAIT"}} {
		if o&f.bit != 0 {
			names = append(names, f.name)
			o &^= f.bit
		}
	}
	if o != 0 || len(names) == 0 {
		names = append(names, fmt.Sprint(o))
	}
	return strings.Join(names, "|")
}

// Execve implements execve(2), which fails in netplay as Linux fails it
// when path names no program: ENOENT when there is no such file (nor
// folder on the way: ENOTDIR), EACCES when it is not an executable file
// (no file of a host is executable: a folder, a source, a device).
func (t *Task) Execve(path string, argv []string) (r0 errno.Errno) {
	if j, at, rec := t.journal("execve"); j != nil {
		if rec != nil {
			return rec.([]any)[0].(errno.Errno)
		}
		defer func() { j.Record("execve", at, []any{r0}) }()
	}
	start := t.th.Now()
	quoted := make([]string, len(argv))
	for i, a := range argv {
		quoted[i] = quote(a)
	}
	args := fmt.Sprintf("%s, [%s], /* 0 vars */", quote(path), strings.Join(quoted, ", "))
	err := errno.EACCES
	if path == "" {
		err = errno.ENOENT
	} else if _, lerr := t.host.fs.Lookup(t.cwd, path, User); lerr != 0 {
		err = lerr
	}
	return t.done(start, "execve", -1, args, err)
}

// Getpid implements getpid(2); a forked child replaying gets its parent's.
func (t *Task) Getpid() (r0 int) {
	if j, at, rec := t.journal("getpid"); j != nil {
		if rec != nil {
			return rec.([]any)[0].(int)
		}
		defer func() { j.Record("getpid", at, []any{r0}) }()
	}
	return t.th.Process().Pid()
}

// Getppid implements getppid(2): 1 (init) once the parent has ended, and
// for a program the scenario started (its shell's).
func (t *Task) Getppid() (r0 int) {
	if j, at, rec := t.journal("getppid"); j != nil {
		if rec != nil {
			return rec.([]any)[0].(int)
		}
		defer func() { j.Record("getppid", at, []any{r0}) }()
	}
	return t.th.Process().Ppid()
}

// Getpgid implements getpgid(2) (getpgrp: pid 0): the group of the caller
// or of another process of its host.
func (t *Task) Getpgid(pid int) (r0 int, r1 errno.Errno) {
	if j, at, rec := t.journal("getpgid"); j != nil {
		if rec != nil {
			v := rec.([]any)
			return v[0].(int), v[1].(errno.Errno)
		}
		defer func() { j.Record("getpgid", at, []any{r0, r1}) }()
	}
	p := t.th.Process()
	if pid != 0 && pid != p.Pid() {
		if p = t.th.ProcessOf(pid); p == nil {
			return -1, errno.ESRCH
		}
	}
	return p.Pgid(), 0
}

// Getsid implements getsid(2).
func (t *Task) Getsid(pid int) (r0 int, r1 errno.Errno) {
	if j, at, rec := t.journal("getsid"); j != nil {
		if rec != nil {
			v := rec.([]any)
			return v[0].(int), v[1].(errno.Errno)
		}
		defer func() { j.Record("getsid", at, []any{r0, r1}) }()
	}
	p := t.th.Process()
	if pid != 0 && pid != p.Pid() {
		if p = t.th.ProcessOf(pid); p == nil {
			return -1, errno.ESRCH
		}
	}
	return p.Sid(), 0
}

// Setpgid implements setpgid(2).
func (t *Task) Setpgid(pid, pgid int) (r0 errno.Errno) {
	if j, at, rec := t.journal("setpgid"); j != nil {
		if rec != nil {
			return rec.([]any)[0].(errno.Errno)
		}
		defer func() { j.Record("setpgid", at, []any{r0}) }()
	}
	if pid < 0 || pgid < 0 {
		return errno.EINVAL
	}
	return processErrno(t.th.SetPgid(pid, pgid))
}

// Setsid implements setsid(2).
func (t *Task) Setsid() (r0 int, r1 errno.Errno) {
	if j, at, rec := t.journal("setsid"); j != nil {
		if rec != nil {
			v := rec.([]any)
			return v[0].(int), v[1].(errno.Errno)
		}
		defer func() { j.Record("setsid", at, []any{r0, r1}) }()
	}
	if err := t.th.SetSid(); err != nil {
		return -1, processErrno(err)
	}
	return t.th.Process().Pid(), 0
}

func processErrno(err error) errno.Errno {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, vnet.ErrNoProcess):
		return errno.ESRCH
	}
	return errno.EPERM
}
