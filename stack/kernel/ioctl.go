package kernel

import (
	"fmt"

	"netplay/stack/linux/errno"
	"netplay/stack/sock"
)

// ioctl requests netplay answers (asm-generic/ioctls.h, linux/sockios.h).
const (
	FIONREAD   = 0x541B
	FIONBIO    = 0x5421
	FIOCLEX    = 0x5451
	FIONCLEX   = 0x5450
	SIOCATMARK = 0x8905
)

// queued is a file that can say how many bytes a read would find now
// (FIONREAD).
type queued interface{ queued() int }

func (f *regFile) queued() int  { return int(max(f.n.Size()-f.off, 0)) }
func (f *pipeEnd) queued() int  { return len(f.p.q.buf) }
func (f *ttyFile) queued() int  { return len(f.term.in) }
func (f *inetFile) queued() int { return f.s.Queued() }
func (s *unixSocket) queued() int {
	if s.typ == sock.SOCK_DGRAM {
		if len(s.dgrams) == 0 {
			return 0
		}
		return len(s.dgrams[0].data) // the next datagram, as Linux says
	}
	return len(s.in.buf)
}

// Ioctl implements ioctl(2) for the requests a socket program makes of
// any descriptor: FIONREAD (the bytes a read would find: the next
// datagram's size on a datagram socket), FIONBIO (O_NONBLOCK on or off),
// FIOCLEX and FIONCLEX, and SIOCATMARK (never at the urgent mark: netplay
// sends no urgent data). arg is the int the request's pointer argument
// points to (FIONBIO's), and the result the int to store back (FIONREAD's,
// SIOCATMARK's). Any other request fails with ENOTTY, as Linux fails a
// request a file does not know.
func (t *Task) Ioctl(fd int, req uint, arg int) (r0 int, r1 errno.Errno) {
	if j, at, rec := t.journal("ioctl"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("ioctl", at, []any{r0, r1}) }()
	}
	start := t.th.Now()
	args := fmt.Sprintf("%d, %s", fd, ioctlName(req))
	if req == FIONBIO {
		args += fmt.Sprintf(", [%d]", arg)
	}
	fail := func(err errno.Errno) (int, errno.Errno) {
		t.syscall(start, "ioctl", fd, args, -1, err)
		return 0, err
	}
	d, err := t.get(fd)
	if err != 0 {
		return fail(err)
	}
	out := 0
	switch req {
	case FIONREAD:
		q, ok := d.file.(queued)
		if !ok {
			return fail(errno.ENOTTY)
		}
		if s, ok := d.file.(socketFile); ok && s.isListening() {
			return fail(errno.EINVAL)
		}
		out = q.queued()
	case FIONBIO:
		if arg != 0 {
			d.flags |= O_NONBLOCK
		} else {
			d.flags &^= O_NONBLOCK
		}
	case FIOCLEX, FIONCLEX:
		t.fds.fds[fd].cloexec = req == FIOCLEX
	case SIOCATMARK:
		if _, ok := d.file.(socketFile); !ok {
			return fail(errno.ENOTTY)
		}
	default:
		return fail(errno.ENOTTY)
	}
	e := t.event(start, "ioctl", fd, args, 0, 0)
	if req == FIONREAD || req == SIOCATMARK {
		e.Args += fmt.Sprintf(", [%d]", out)
	}
	t.record(e)
	return out, 0
}

func ioctlName(req uint) string {
	switch req {
	case FIONREAD:
		return "FIONREAD"
	case FIONBIO:
		return "FIONBIO"
	case FIOCLEX:
		return "FIOCLEX"
	case FIONCLEX:
		return "FIONCLEX"
	case SIOCATMARK:
		return "SIOCATMARK"
	}
	return fmt.Sprintf("%#x", req)
}
