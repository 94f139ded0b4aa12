package kernel

import (
	"fmt"
	"strconv"
	"time"

	"gvisor.dev/gvisor/pkg/waiter"

	"netplay/stack/fs"
	"netplay/stack/linux/errno"
	"netplay/stack/linux/signal"
	"netplay/stack/trace"
	"netplay/stack/vnet"
)

// Task is the calling thread (its scheduling, its clock, its source line)
// with what it shares with the other threads of its process: the
// descriptor table, the working directory and the umask.
type Task struct {
	th   *vnet.Thread
	host *Host
	*procState

	// What the thread's calls did to other descriptors' readiness
	// (cause.go): the call it is making, once something it did changed
	// one, and the last it made.
	pending, lastCall *causeRef
}

// procState is what the threads of a process share (Linux's files_struct
// and fs_struct).
type procState struct {
	fds   *Table
	cwd   *fs.Inode
	umask uint32
	// nofile is RLIMIT_NOFILE's soft limit: descriptors are numbered
	// below it (setrlimit may lower it below descriptors already open,
	// which stay).
	nofile int
	// bindService is CAP_NET_BIND_SERVICE: the process may bind a port
	// below 1024. Programs in Go (tests, built-in servers) have it; the
	// learner's C programs do not (AsLearner).
	bindService bool
}

// Table is a process's file descriptor table.
type Table struct {
	fds []fdEntry // indexed by descriptor; d nil when free
}

type fdEntry struct {
	d       *Desc
	cloexec bool
}

// New returns the task of thread th, the first of its process, as a
// program starts: fds 0, 1 and 2 on the host's terminal, the working
// directory the user's home (a forked child: what its parent had).
// Whatever the program leaves open is closed when it exits, as the
// kernel does.
func New(th *vnet.Thread) *Task {
	h := Of(th.Host())
	if th.Process().Forked() {
		return forked(th, h)
	}
	t := &Task{th: th, host: h, procState: &procState{fds: &Table{}, cwd: h.home, umask: 0o022, nofile: MaxFDs, bindService: true}}
	for fd, stream := range []string{"stdout", "stdout", "stderr"} {
		t.install(fd, &Desc{file: &ttyFile{term: h.term, stream: stream}, flags: O_RDWR}, false)
	}
	th.OnExit(t.closeAll)
	h.addTask(t)
	return t
}

// NewThread returns the task of th, a new thread of t's process: it
// shares t's descriptors, working directory and umask.
func (t *Task) NewThread(th *vnet.Thread) *Task {
	nt := &Task{th: th, host: t.host, procState: t.procState}
	t.host.addTask(nt)
	return nt
}

// Thread returns the thread the task is.
func (t *Task) Thread() *vnet.Thread { return t.th }

// Host returns the kernel of the task's host.
func (t *Task) Host() *Host { return t.host }

// IgnoreSIGPIPE sets the process's SIGPIPE disposition to SIG_IGN (or back
// to SIG_DFL), as signal(SIGPIPE, SIG_IGN) does, for programs written in
// Go: when ignored, writing to a broken connection or pipe returns EPIPE
// instead of ending the program.
func (t *Task) IgnoreSIGPIPE(ignored bool) {
	a := vnet.SigAction{Handler: vnet.SigDefault}
	if ignored {
		a.Handler = vnet.SigIgnore
	}
	t.th.SetSigAction(int(signal.SIGPIPE), a)
}

// get returns the description of fd.
func (t *Task) get(fd int) (*Desc, errno.Errno) {
	if fd < 0 || fd >= len(t.fds.fds) || t.fds.fds[fd].d == nil {
		return nil, errno.EBADF
	}
	return t.fds.fds[fd].d, 0
}

// AsLearner makes t's process run as the learner's C programs run: user
// 1000 without capabilities, so a port below 1024 cannot be bound
// (EACCES, as Linux's default net.ipv4.ip_unprivileged_port_start). It
// returns t.
func (t *Task) AsLearner() *Task {
	t.bindService = false
	return t
}

// SetFileLimit sets RLIMIT_NOFILE's soft limit, as setrlimit(2) does
// (the C library checks the value first).
func (t *Task) SetFileLimit(n uint64) { t.nofile = int(min(n, NrOpen)) }

// lowest returns the lowest free descriptor at or above min, EMFILE when
// none is below the process's RLIMIT_NOFILE.
func (t *Task) lowest(min int) (int, errno.Errno) {
	for fd := min; fd < len(t.fds.fds) && fd < t.nofile; fd++ {
		if t.fds.fds[fd].d == nil {
			return fd, 0
		}
	}
	fd := max(min, len(t.fds.fds))
	if fd >= t.nofile {
		return -1, errno.EMFILE
	}
	return fd, 0
}

// install puts d at fd (which must be free), counting the reference.
func (t *Task) install(fd int, d *Desc, cloexec bool) {
	for len(t.fds.fds) <= fd {
		t.fds.fds = append(t.fds.fds, fdEntry{})
	}
	t.fds.fds[fd] = fdEntry{d: d, cloexec: cloexec}
	if d.refs == 0 {
		t.watch(d)
	}
	d.refs++
}

// open gives a new description of f the lowest free descriptor.
func (t *Task) open(f File, flags int) (int, *Desc, errno.Errno) {
	fd, err := t.lowest(0)
	if err != 0 {
		return -1, nil, err
	}
	d := &Desc{file: f, flags: flags &^ (O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC), label: fd}
	t.install(fd, d, flags&O_CLOEXEC != 0)
	return fd, d, 0
}

// drop removes fd from the table and releases its description when it
// was the last reference.
func (t *Task) drop(fd int) {
	d := t.fds.fds[fd].d
	t.fds.fds[fd] = fdEntry{}
	d.refs--
	if d.refs == 0 {
		for len(d.watchers) > 0 {
			w := d.watchers[0]
			w.ep.remove(w)
		}
		d.file.Release(t)
		d.unwatch()
	}
}

func (t *Task) closeAll() {
	t.exited(t.th.Trace().Len() - 1) // its exit event is the last
	for fd := range t.fds.fds {
		if t.fds.fds[fd].d != nil {
			t.drop(fd)
		}
	}
	t.observe()
}

// observe lets the socket layer trace the states its sockets reached
// before a call's result is traced.
func (t *Task) observe() { t.host.inet().Observe() }

// syscall records a call in the trace. start is when it was made.
func (t *Task) syscall(start time.Duration, call string, fd int, args string, ret int64, err errno.Errno) {
	t.record(t.event(start, call, fd, args, ret, err))
}

// record adds a call's event to the trace.
func (t *Task) record(e trace.Event) {
	t.recorded(t.th.Event(e))
}

// event is the trace event of a call that returns now (Thread.Event
// stamps the time, the host and the thread).
func (t *Task) event(start time.Duration, call string, fd int, args string, ret int64, err errno.Errno) trace.Event {
	return trace.Event{
		Start: int64(start), Kind: trace.KindSyscall,
		Call: call, FD: fd, Args: args, Ret: ret, Errno: err.Name(), Line: t.th.Line(), File: t.th.File(),
	}
}

// done traces a call that returns 0 or -1 and returns err.
func (t *Task) done(start time.Duration, call string, fd int, args string, err errno.Errno) errno.Errno {
	ret := int64(0)
	if err != 0 {
		ret = -1
	}
	t.syscall(start, call, fd, args, ret, err)
	return err
}

// wait blocks until ready, re-checking it when f notifies one of mask's
// events, or until deadline (negative: none): EAGAIN when the deadline
// passed first, EINTR when a signal handler interrupted it (see
// vnet.Restart for r).
func (t *Task) wait(f File, mask waiter.EventMask, deadline int64, r vnet.Restart, ready func() bool) errno.Errno {
	return waitErr(t.th.Wait([]*waiter.Queue{f.Queue()}, mask, deadline, r, ready))
}

// waitErr is the errno of a wait's end: 0 ready, EAGAIN when the deadline
// passed first, EINTR when a signal handler interrupted it.
func waitErr(r vnet.WaitResult) errno.Errno {
	switch r {
	case vnet.TimedOut:
		return errno.EAGAIN
	case vnet.Interrupted:
		return errno.EINTR
	}
	return 0
}

// block runs try until it stops saying EAGAIN, waiting on f for mask's
// events in between, unless d is non-blocking; a signal handler
// interrupts it (EINTR) unless SA_RESTART.
func (t *Task) block(d *Desc, mask waiter.EventMask, try func() (int, errno.Errno)) (int, errno.Errno) {
	n, err := try()
	if err != errno.EAGAIN || d.Nonblock() {
		return n, err
	}
	if e := t.wait(d.file, mask|waiter.EventErr|waiter.EventHUp, -1, vnet.Restartable, func() bool {
		n, err = try()
		return err != errno.EAGAIN
	}); e != 0 {
		return -1, e
	}
	return n, err
}

// Close implements close(2).
func (t *Task) Close(fd int) (r0 errno.Errno) {
	if j, at, rec := t.journal("close"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(errno.Errno)
			return
		}
		defer func() { j.Record("close", at, []any{r0}) }()
	}
	start := t.th.Now()
	args := strconv.Itoa(fd)
	d, err := t.get(fd)
	if err != 0 {
		t.observe()
		return t.done(start, "close", fd, args, err)
	}
	t.drop(fd)
	if _, ok := d.file.(*inetFile); ok {
		t.observe()
	}
	return t.done(start, "close", fd, args, 0)
}

// Dup implements dup(2).
func (t *Task) Dup(fd int) (r0 int, r1 errno.Errno) {
	if j, at, rec := t.journal("dup"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("dup", at, []any{r0, r1}) }()
	}
	start := t.th.Now()
	args := strconv.Itoa(fd)
	d, err := t.get(fd)
	nfd := -1
	if err == 0 {
		nfd, err = t.lowest(0)
	}
	if err != 0 {
		t.syscall(start, "dup", fd, args, -1, err)
		return -1, err
	}
	t.install(nfd, d, false)
	t.syscall(start, "dup", fd, args, int64(nfd), 0)
	return nfd, 0
}

// Dup3 implements dup2(2) (flags -1) and dup3(2).
func (t *Task) Dup3(fd, nfd, flags int) (r0 int, r1 errno.Errno) {
	if j, at, rec := t.journal("dup3"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("dup3", at, []any{r0, r1}) }()
	}
	start := t.th.Now()
	call := "dup3"
	args := fmt.Sprintf("%d, %d", fd, nfd)
	if flags < 0 {
		call = "dup2"
	} else {
		args += ", " + openFlags(flags)
	}
	fail := func(err errno.Errno) (int, errno.Errno) {
		t.syscall(start, call, fd, args, -1, err)
		return -1, err
	}
	d, err := t.get(fd)
	switch {
	case err != 0:
		return fail(err)
	case nfd < 0 || nfd >= t.nofile:
		return fail(errno.EBADF)
	case flags > 0 && flags != O_CLOEXEC:
		return fail(errno.EINVAL)
	case fd == nfd && flags >= 0:
		return fail(errno.EINVAL)
	}
	if fd != nfd {
		if nfd < len(t.fds.fds) && t.fds.fds[nfd].d != nil {
			t.drop(nfd)
		}
		t.install(nfd, d, flags == O_CLOEXEC)
	}
	t.syscall(start, call, fd, args, int64(nfd), 0)
	return nfd, 0
}

// Fcntl implements fcntl(2): F_GETFL/F_SETFL (O_NONBLOCK and O_APPEND
// can change), F_GETFD/F_SETFD (FD_CLOEXEC), F_DUPFD and F_DUPFD_CLOEXEC.
func (t *Task) Fcntl(fd, cmd, arg int) (r0 int, r1 errno.Errno) {
	if j, at, rec := t.journal("fcntl"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("fcntl", at, []any{r0, r1}) }()
	}
	start := t.th.Now()
	args := fmt.Sprintf("%d, %s", fd, fcntlName(cmd))
	switch cmd {
	case F_SETFL:
		args += ", " + openFlags(arg)
	case F_SETFD:
		if arg&FD_CLOEXEC != 0 {
			args += ", FD_CLOEXEC"
		} else {
			args += fmt.Sprintf(", %d", arg)
		}
	case F_DUPFD, F_DUPFD_CLOEXEC:
		args += fmt.Sprintf(", %d", arg)
	}
	ret, err := t.fcntl(fd, cmd, arg)
	e := t.event(start, "fcntl", fd, args, int64(ret), err)
	if err == 0 {
		// strace decodes the flags F_GETFL and F_GETFD return.
		switch cmd {
		case F_GETFL:
			e.RetText = fmt.Sprintf("%#x (flags %s)", ret, openFlags(ret))
		case F_GETFD:
			if ret&FD_CLOEXEC != 0 {
				e.RetText = fmt.Sprintf("%#x (flags FD_CLOEXEC)", ret)
			}
		}
	}
	t.record(e)
	return ret, err
}

func (t *Task) fcntl(fd, cmd, arg int) (int, errno.Errno) {
	d, err := t.get(fd)
	if err != 0 {
		return -1, err
	}
	switch cmd {
	case F_GETFL:
		return d.flags, 0
	case F_SETFL:
		const settable = O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME
		d.flags = d.flags&^settable | arg&settable
		return 0, 0
	case F_GETFD:
		if t.fds.fds[fd].cloexec {
			return FD_CLOEXEC, 0
		}
		return 0, 0
	case F_SETFD:
		t.fds.fds[fd].cloexec = arg&FD_CLOEXEC != 0
		return 0, 0
	case F_DUPFD, F_DUPFD_CLOEXEC:
		if arg < 0 || arg >= t.nofile {
			return -1, errno.EINVAL
		}
		nfd, err := t.lowest(arg)
		if err != 0 {
			return -1, err
		}
		t.install(nfd, d, cmd == F_DUPFD_CLOEXEC)
		return nfd, 0
	}
	return -1, errno.EINVAL
}

func fcntlName(cmd int) string {
	switch cmd {
	case F_DUPFD:
		return "F_DUPFD"
	case F_GETFD:
		return "F_GETFD"
	case F_SETFD:
		return "F_SETFD"
	case F_GETFL:
		return "F_GETFL"
	case F_SETFL:
		return "F_SETFL"
	case F_DUPFD_CLOEXEC:
		return "F_DUPFD_CLOEXEC"
	}
	return strconv.Itoa(cmd)
}

// openFlags shows open(2) flags as strace does: the access mode, then
// the other flags by name ("O_WRONLY|O_CREAT|O_TRUNC").
func openFlags(fl int) string {
	s := [...]string{"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"}[fl&O_ACCMODE]
	fl &^= O_ACCMODE
	for _, f := range []struct {
		bit  int
		name string
	}{{O_CREAT, "O_CREAT"}, {O_EXCL, "O_EXCL"}, {O_NOCTTY, "O_NOCTTY"}, {O_TRUNC, "O_TRUNC"},
		{O_APPEND, "O_APPEND"}, {O_NONBLOCK, "O_NONBLOCK"}, {O_SYNC, "O_SYNC"}, {O_DSYNC, "O_DSYNC"},
		{O_ASYNC, "O_ASYNC"}, {O_DIRECT, "O_DIRECT"}, {O_LARGEFILE, "O_LARGEFILE"},
		{O_DIRECTORY, "O_DIRECTORY"}, {O_NOFOLLOW, "O_NOFOLLOW"}, {O_NOATIME, "O_NOATIME"},
		{O_CLOEXEC, "O_CLOEXEC"}, {O_PATH, "O_PATH"}} {
		if fl&f.bit == f.bit {
			s += "|" + f.name
			fl &^= f.bit
		}
	}
	if fl != 0 {
		s += fmt.Sprintf("|%#o", fl)
	}
	return s
}
