package kernel

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"gvisor.dev/gvisor/pkg/waiter"

	"netplay/stack/linux/errno"
	"netplay/stack/sock"
	"netplay/stack/vnet"
)

// FdSet is a Linux fd_set: 1024 bits in 64-bit words.
type FdSet [sock.FD_SETSIZE / 64]uint64

// Set adds fd to the set.
func (s *FdSet) Set(fd int) { s[fd/64] |= 1 << (uint(fd) % 64) }

// Clear removes fd from the set.
func (s *FdSet) Clear(fd int) { s[fd/64] &^= 1 << (uint(fd) % 64) }

// IsSet reports whether fd is in the set.
func (s *FdSet) IsSet(fd int) bool { return s[fd/64]&(1<<(uint(fd)%64)) != 0 }

// PollFd is a Linux struct pollfd.
type PollFd struct {
	FD      int32
	Events  int16
	Revents int16
}

// Poll's event bits, as <poll.h> has them.
const (
	POLLIN     = 0x1
	POLLPRI    = 0x2
	POLLOUT    = 0x4
	POLLERR    = 0x8
	POLLHUP    = 0x10
	POLLNVAL   = 0x20
	POLLRDNORM = 0x40
	POLLRDBAND = 0x80
	POLLWRNORM = 0x100
	POLLWRBAND = 0x200
	POLLRDHUP  = 0x2000
)

// allEvents is what select and poll ask every file for.
const allEvents = waiter.ReadableEvents | waiter.WritableEvents | waiter.EventErr | waiter.EventHUp | waiter.EventPri | waiter.EventRdHUp

// readiness returns the events ready on d's file in poll's bits: a
// readable file is POLLIN|POLLRDNORM, a writable one POLLOUT|POLLWRNORM
// (and POLLWRBAND for datagram and local sockets), as Linux's files
// report them.
func readiness(d *Desc) int16 {
	m := d.file.Readiness(allEvents)
	var r int16
	if m&waiter.ReadableEvents != 0 {
		r |= POLLIN | POLLRDNORM
	}
	if m&waiter.WritableEvents != 0 {
		r |= POLLOUT | POLLWRNORM
	}
	r |= int16(m & (waiter.EventErr | waiter.EventHUp | waiter.EventPri | waiter.EventRdHUp))
	if s, ok := d.file.(socketFile); ok && r&POLLOUT != 0 && (s.sockType() == sock.SOCK_DGRAM || s.family() == AF_UNIX) {
		r |= POLLWRBAND // datagram and local sockets say so, a TCP socket does not
	}
	return r
}

// Select implements select(2). timeout nil waits forever; the sets are
// rewritten to the ready descriptors, as Linux does.
func (t *Task) Select(nfds int, r, w, e *FdSet, timeout *time.Duration) (r0 int, r1 errno.Errno) {
	if j, at, rec := t.journal("select"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].(errno.Errno)
			restoreSets(v[2].([3]FdSet), r, w, e)
			return
		}
		defer func() { j.Record("select", at, []any{r0, r1, saveSets(r, w, e)}) }()
	}
	return t.selectAs("select", nfds, r, w, e, timeout)
}

// Pselect implements pselect(2) (its system call, pselect6): select with
// a timeout in nanoseconds, blocking the signals of sigmask (nil: the
// thread's own) while it waits.
func (t *Task) Pselect(nfds int, r, w, e *FdSet, timeout *time.Duration, sigmask *uint64) (r0 int, r1 errno.Errno) {
	if j, at, rec := t.journal("pselect"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].(errno.Errno)
			restoreSets(v[2].([3]FdSet), r, w, e)
			return
		}
		defer func() { j.Record("pselect", at, []any{r0, r1, saveSets(r, w, e)}) }()
	}
	defer t.withMask(sigmask)()
	return t.selectAs("pselect6", nfds, r, w, e, timeout)
}

// withMask makes *mask (when not nil) the thread's signal mask until the
// function it returns puts the thread's own back: the calls that take a
// mask (pselect, ppoll, epoll_pwait) wait with it.
func (t *Task) withMask(mask *uint64) func() {
	if mask == nil {
		return func() {}
	}
	old := t.th.SetSigMask(*mask)
	return func() { t.th.SetSigMask(old) }
}

func (t *Task) selectAs(call string, nfds int, r, w, e *FdSet, timeout *time.Duration) (int, errno.Errno) {
	start := t.th.Now()
	shown := nfds
	if nfds >= 0 {
		// Linux looks at no descriptor beyond its table's size (a larger
		// nfds is no error); an fd_set holds FD_SETSIZE.
		nfds = min(nfds, t.FdTableSize(), sock.FD_SETSIZE)
	}
	args := fmt.Sprintf("%d, %s, %s, %s, %s", shown, setString(r, nfds), setString(w, nfds), setString(e, nfds), timeoutString(timeout))
	fail := func(err errno.Errno) (int, errno.Errno) {
		t.syscall(start, call, -1, args, -1, err)
		return -1, err
	}
	if nfds < 0 {
		return fail(errno.EINVAL)
	}
	if timeout != nil && *timeout < 0 {
		return fail(errno.EINVAL)
	}
	var in [3]FdSet
	sets := []*FdSet{r, w, e}
	var queues []*waiter.Queue
	input := false
	for i, s := range sets {
		if s == nil {
			continue
		}
		in[i] = *s
		for fd := 0; fd < nfds; fd++ {
			if !s.IsSet(fd) {
				continue
			}
			d, err := t.get(fd)
			if err != 0 {
				return fail(errno.EBADF)
			}
			queues = append(queues, d.file.Queue())
			input = input || i == 0 && watchesInput(d.file, waiter.ReadableEvents)
		}
	}
	var out [3]FdSet
	count := 0
	check := func() bool {
		out, count = [3]FdSet{}, 0
		for fd := 0; fd < nfds; fd++ {
			var d *Desc
			for i := range sets {
				if sets[i] == nil || !in[i].IsSet(fd) {
					continue
				}
				if d == nil {
					d, _ = t.get(fd)
				}
				rd := readiness(d)
				var ok bool
				switch i {
				case 0: // readable: data, EOF, a connection to accept, or an error
					ok = rd&(POLLIN|POLLHUP|POLLERR) != 0
				case 1: // writable, or a connect that ended (with or without error)
					s, isSock := d.file.(socketFile)
					ok = rd&(POLLOUT|POLLERR) != 0 || (isSock && rd&POLLHUP != 0 && !s.isListening())
				case 2:
					ok = rd&POLLPRI != 0
				}
				if ok {
					out[i].Set(fd)
					count++
				}
			}
		}
		return count > 0
	}
	deadline := int64(-1)
	if timeout != nil {
		deadline = int64(t.th.Now() + *timeout)
	}
	if !check() && (timeout == nil || *timeout > 0) {
		t.th.ExpectInput(input)
		r := t.th.Wait(queues, allEvents, deadline, vnet.NotRestarted, check)
		t.th.ExpectInput(false)
		if r == vnet.Interrupted {
			// The sets are left as they were, as Linux leaves them.
			t.observe()
			t.syscall(start, call, -1, args, -1, errno.EINTR)
			return -1, errno.EINTR
		}
	}
	for i, s := range sets {
		if s != nil {
			*s = out[i]
		}
	}
	t.observe()
	ev := t.event(start, call, -1, args, int64(count), 0)
	for fd := 0; fd < nfds; fd++ {
		var kinds []string
		var m waiter.EventMask
		for i, k := range []struct {
			name string
			mask waiter.EventMask
		}{{"read", waiter.ReadableEvents | waiter.EventHUp | waiter.EventErr}, {"write", waiter.WritableEvents | waiter.EventErr | waiter.EventHUp}, {"except", waiter.EventPri}} {
			if out[i].IsSet(fd) {
				kinds = append(kinds, k.name)
				m |= k.mask
			}
		}
		if len(kinds) > 0 {
			d, _ := t.get(fd)
			ev.Ready = append(ev.Ready, t.host.readyOf(d, m, fd, strings.Join(kinds, "|")))
		}
	}
	t.record(ev)
	return count, 0
}

// Poll implements poll(2); timeoutMs < 0 waits forever.
func (t *Task) Poll(fds []PollFd, timeoutMs int) (r0 int, r1 errno.Errno) {
	if j, at, rec := t.journal("poll"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].(errno.Errno)
			copy(fds, v[2].([]PollFd))
			return
		}
		defer func() { j.Record("poll", at, []any{r0, r1, append([]PollFd(nil), fds...)}) }()
	}
	var timeout *time.Duration
	if timeoutMs >= 0 {
		d := time.Duration(timeoutMs) * time.Millisecond
		timeout = &d
	}
	return t.pollAs("poll", fds, timeout, strconv.Itoa(timeoutMs))
}

// Ppoll implements ppoll(2): poll with a timeout in nanoseconds (nil:
// forever), blocking the signals of sigmask (nil: the thread's own) while
// it waits.
func (t *Task) Ppoll(fds []PollFd, timeout *time.Duration, sigmask *uint64) (r0 int, r1 errno.Errno) {
	if j, at, rec := t.journal("ppoll"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].(errno.Errno)
			copy(fds, v[2].([]PollFd))
			return
		}
		defer func() { j.Record("ppoll", at, []any{r0, r1, append([]PollFd(nil), fds...)}) }()
	}
	defer t.withMask(sigmask)()
	return t.pollAs("ppoll", fds, timeout, timeoutString(timeout))
}

func (t *Task) pollAs(call string, fds []PollFd, timeout *time.Duration, shown string) (int, errno.Errno) {
	start := t.th.Now()
	var parts []string
	var queues []*waiter.Queue
	input := false
	for _, p := range fds {
		parts = append(parts, fmt.Sprintf("{%d, %s}", p.FD, pollEvents(p.Events)))
		if d, err := t.get(int(p.FD)); err == 0 {
			queues = append(queues, d.file.Queue())
			input = input || p.Events&(POLLIN|POLLRDNORM) != 0 && watchesInput(d.file, waiter.ReadableEvents)
		}
	}
	args := fmt.Sprintf("[%s], %s", strings.Join(parts, " "), shown)
	count := 0
	check := func() bool {
		count = 0
		for i := range fds {
			p := &fds[i]
			p.Revents = 0
			if p.FD < 0 {
				continue
			}
			d, err := t.get(int(p.FD))
			if err != 0 {
				p.Revents = POLLNVAL
			} else {
				p.Revents = readiness(d) & (p.Events | POLLERR | POLLHUP)
			}
			if p.Revents != 0 {
				count++
			}
		}
		return count > 0
	}
	deadline := int64(-1)
	if timeout != nil {
		deadline = int64(t.th.Now() + *timeout)
	}
	if !check() && (timeout == nil || *timeout > 0) {
		t.th.ExpectInput(input)
		r := t.th.Wait(queues, allEvents, deadline, vnet.NotRestarted, check)
		t.th.ExpectInput(false)
		if r == vnet.Interrupted {
			t.observe()
			t.syscall(start, call, -1, args, -1, errno.EINTR)
			return -1, errno.EINTR
		}
	}
	t.observe()
	e := t.event(start, call, -1, args, int64(count), 0)
	for _, p := range fds {
		if p.Revents != 0 && p.Revents&POLLNVAL == 0 {
			d, _ := t.get(int(p.FD))
			e.Ready = append(e.Ready, t.host.readyOf(d, waiter.EventMask(uint16(p.Revents)), int(p.FD), pollEvents(p.Revents)))
		}
	}
	t.record(e)
	return count, 0
}

func setString(s *FdSet, nfds int) string {
	if s == nil {
		return "NULL"
	}
	var fds []string
	for fd := 0; fd < nfds; fd++ {
		if s.IsSet(fd) {
			fds = append(fds, fmt.Sprint(fd))
		}
	}
	return "[" + strings.Join(fds, " ") + "]"
}

func timeoutString(d *time.Duration) string {
	if d == nil {
		return "NULL"
	}
	return d.String()
}

func pollEvents(ev int16) string {
	var s []string
	for _, b := range []struct {
		bit  int16
		name string
	}{{POLLIN, "POLLIN"}, {POLLPRI, "POLLPRI"}, {POLLOUT, "POLLOUT"}, {POLLERR, "POLLERR"}, {POLLHUP, "POLLHUP"},
		{POLLRDNORM, "POLLRDNORM"}, {POLLRDBAND, "POLLRDBAND"}, {POLLWRNORM, "POLLWRNORM"}, {POLLWRBAND, "POLLWRBAND"},
		{POLLRDHUP, "POLLRDHUP"}} {
		if ev&b.bit != 0 {
			s = append(s, b.name)
		}
	}
	if len(s) == 0 {
		return "0"
	}
	return strings.Join(s, "|")
}
