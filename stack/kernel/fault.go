package kernel

import (
	"fmt"

	"netplay/stack/linux/errno"
	"netplay/stack/sock"
)

// Memory a program passes to a system call that is not the program's (a
// NULL buffer, a length past the end of its memory) is no crash in the
// kernel: the call fails with EFAULT, as Linux fails it, where Linux looks
// at the memory. The C library finds such memory before it calls; these
// record the call's failure as the kernel would decide it.

// BadAddress records call failing with EFAULT on fd's memory. fdFirst
// says the call looks its descriptor up before it touches the memory, so
// a descriptor that is not open is EBADF (not a socket: ENOTSOCK for the
// socket calls; not connected: ENOTCONN for getpeername); select and poll
// have no descriptor (fd < 0). args is the call's arguments as the trace
// shows them.
func (t *Task) BadAddress(call string, fd int, args string, fdFirst bool) (r0 errno.Errno) {
	return t.BadArgument(call, fd, args, errno.EFAULT, fdFirst)
}

// BadArgument is BadAddress for a call failing with err, an argument the
// C library found bad before it called (a length out of range: EINVAL).
func (t *Task) BadArgument(call string, fd int, args string, err errno.Errno, fdFirst bool) (r0 errno.Errno) {
	if j, at, rec := t.journal(call); j != nil {
		if rec != nil {
			return rec.([]any)[0].(errno.Errno)
		}
		defer func() { j.Record(call, at, []any{r0}) }()
	}
	start := t.th.Now()
	if fdFirst && fd >= 0 {
		var e errno.Errno
		switch call {
		case "send", "sendto", "recv", "recvfrom", "getsockopt", "sendmsg", "recvmsg", "bind", "getsockname", "accept":
			_, _, e = t.socket(fd)
		case "getpeername":
			var s socketFile
			if _, s, e = t.socket(fd); e == 0 {
				_, e = s.sockName(t, true)
			}
		default:
			_, e = t.get(fd)
		}
		if e != 0 {
			err = e
		}
	}
	t.syscall(start, call, fd, args, -1, err)
	return err
}

// SetSockOptFault implements setsockopt(2) whose option value (optlen
// bytes) is not the program's memory. As Linux: the descriptor is looked
// up first; at SOL_SOCKET every option reads an int before it is told
// apart (EINVAL when optlen is shorter, then EFAULT); at another level
// an option the socket does not know is ENOPROTOOPT before its value is
// read, one it knows EFAULT.
func (t *Task) SetSockOptFault(fd, level, name, optlen int) (r0 errno.Errno) {
	if j, at, rec := t.journal("setsockopt"); j != nil {
		if rec != nil {
			return rec.([]any)[0].(errno.Errno)
		}
		defer func() { j.Record("setsockopt", at, []any{r0}) }()
	}
	start := t.th.Now()
	args := fmt.Sprintf("%d, %d, %d, bad address, %d", fd, level, name, optlen)
	_, s, err := t.socket(fd)
	switch {
	case err != 0:
	case optlen < 0:
		err = errno.EINVAL
	case level == solSocket && optlen < 4:
		err = errno.EINVAL
	case level == solSocket:
		err = errno.EFAULT
	default:
		// A nil value is refused by every option the socket knows, and
		// an unknown one is refused before its value is looked at.
		if err = s.setOpt(t, level, name, nil); err != errno.ENOPROTOOPT {
			err = errno.EFAULT
		}
	}
	return t.done(start, "setsockopt", fd, args, err)
}

// FdTableSize is the size of the process's descriptor table as Linux 6
// allocates it (fdt->max_fds): 64 descriptors, then, for slots wanted
// (the highest descriptor ever open + 1), 128 × roundup_pow_of_two(slots
// / 128 + 1) (alloc_fdtable); it never shrinks. select looks at no
// descriptor beyond it.
func (t *Task) FdTableSize() int {
	slots := len(t.fds.fds) // the highest descriptor ever installed, + 1
	if slots <= 64 {
		return 64
	}
	const per = 128 // 1024 / sizeof(struct file *)
	k := 1
	for k < slots/per+1 {
		k *= 2
	}
	return k * per
}

// SockaddrSize is the size of the address fd's socket gives back
// (getsockname, accept): sockaddr_in's, sockaddr_in6's, or sockaddr_un's
// at most; 0 when fd is not a socket.
func (t *Task) SockaddrSize(fd int) int {
	_, s, err := t.socket(fd)
	if err != 0 {
		return 0
	}
	switch s.family() {
	case sock.AF_INET:
		return 16
	case sock.AF_INET6:
		return 28
	}
	return 110
}

// Datagram reports whether fd is a socket that sends messages whole
// (datagrams, SOCK_SEQPACKET): a buffer of a vector that is not the
// program's memory fails the whole call there, where a stream sends the
// buffers before it.
func (t *Task) Datagram(fd int) bool {
	_, s, err := t.socket(fd)
	return err == 0 && s.sockType() != sock.SOCK_STREAM
}
