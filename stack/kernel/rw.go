package kernel

import (
	"strconv"
	"time"

	"netplay/stack/linux/errno"
	"netplay/stack/linux/signal"
	"netplay/stack/sock"
)

// Read implements read(2).
func (t *Task) Read(fd int, b []byte) (int, errno.Errno) {
	start := t.p.Now()
	d, err := t.get(fd)
	if err != 0 {
		return t.rwFail(start, "read", fd, strconv.Itoa(fd)+", "+strconv.Itoa(len(b)), err)
	}
	if s, ok := d.file.(socketFile); ok {
		n, _, err := t.recvOn(start, "read", fd, d, s, b, 0, false)
		return n, err
	}
	args := strconv.Itoa(fd) + ", " + strconv.Itoa(len(b))
	if !d.readable() {
		return t.rwFail(start, "read", fd, args, errno.EBADF)
	}
	n, err := d.file.Read(t, d, b)
	if err != 0 {
		n = -1
	}
	t.syscall(start, "read", fd, args, int64(n), err)
	return n, err
}

// rwFail traces a read or write that failed before reaching a file.
func (t *Task) rwFail(start time.Duration, call string, fd int, args string, err errno.Errno) (int, errno.Errno) {
	t.observe()
	t.syscall(start, call, fd, args, -1, err)
	return -1, err
}

// Write implements write(2). What goes to the terminal is the program's
// output (output events), not traced as a call.
func (t *Task) Write(fd int, b []byte) (int, errno.Errno) {
	start := t.p.Now()
	d, err := t.get(fd)
	if err != 0 {
		return t.rwFail(start, "write", fd, strconv.Itoa(fd)+", "+strconv.Itoa(len(b))+" bytes", err)
	}
	if s, ok := d.file.(socketFile); ok {
		return t.sendOn(start, "write", fd, d, s, b, 0, nil)
	}
	if _, ok := d.file.(*ttyFile); ok && d.writable() {
		return d.file.Write(t, d, b)
	}
	args := strconv.Itoa(fd) + ", " + strconv.Itoa(len(b)) + " bytes"
	if !d.writable() {
		return t.rwFail(start, "write", fd, args, errno.EBADF)
	}
	n, err := d.file.Write(t, d, b)
	if err != 0 {
		t.syscall(start, "write", fd, args, -1, err)
		if err == errno.EPIPE {
			t.sigpipe("write on a pipe nobody reads (SIGPIPE)", 0)
		}
		return -1, err
	}
	t.syscall(start, "write", fd, args, int64(n), 0)
	return n, 0
}

// sigpipe ends the program as SIGPIPE does, unless it ignores the signal
// or flags has MSG_NOSIGNAL.
func (t *Task) sigpipe(what string, flags int) {
	if flags&sock.MSG_NOSIGNAL == 0 && !t.sigpipeIgnored {
		t.p.Crash(signal.SIGPIPE.ExitStatus(), signal.SIGPIPE.Text()+": "+what)
	}
}

// Send implements send(2).
func (t *Task) Send(fd int, b []byte, flags int) (int, errno.Errno) {
	return t.send("send", fd, b, flags, nil)
}

// SendTo implements sendto(2); addr may be nil.
func (t *Task) SendTo(fd int, b []byte, flags int, addr []byte) (int, errno.Errno) {
	return t.send("sendto", fd, b, flags, addr)
}

// Recv implements recv(2).
func (t *Task) Recv(fd int, b []byte, flags int) (int, errno.Errno) {
	n, _, err := t.recv("recv", fd, b, flags, false)
	return n, err
}

// RecvFrom implements recvfrom(2), returning the sender's sockaddr.
func (t *Task) RecvFrom(fd int, b []byte, flags int) (int, []byte, errno.Errno) {
	return t.recv("recvfrom", fd, b, flags, true)
}

func (t *Task) send(call string, fd int, b []byte, flags int, addr []byte) (int, errno.Errno) {
	start := t.p.Now()
	d, s, err := t.socket(fd)
	if err != 0 {
		args := strconv.Itoa(fd) + ", " + strconv.Itoa(len(b)) + " bytes"
		if addr != nil {
			args += ", " + FormatSockaddr(addr)
		}
		return t.rwFail(start, call, fd, args, err)
	}
	return t.sendOn(start, call, fd, d, s, b, flags, addr)
}

func (t *Task) sendOn(start time.Duration, call string, fd int, d *Desc, s socketFile, b []byte, flags int, addr []byte) (int, errno.Errno) {
	args := strconv.Itoa(fd) + ", " + strconv.Itoa(len(b)) + " bytes"
	if addr != nil {
		args += ", " + FormatSockaddr(addr)
	}
	n, err := s.send(t, d, b, flags, addr)
	t.observe()
	if err != 0 {
		t.syscall(start, call, fd, args, -1, err)
		if err == errno.EPIPE {
			t.sigpipe(call+" on a closed connection (SIGPIPE)", flags)
		}
		return -1, err
	}
	t.syscall(start, call, fd, args, int64(n), 0)
	return n, 0
}

func (t *Task) recv(call string, fd int, b []byte, flags int, from bool) (int, []byte, errno.Errno) {
	start := t.p.Now()
	d, s, err := t.socket(fd)
	if err != 0 {
		n, err := t.rwFail(start, call, fd, strconv.Itoa(fd)+", "+strconv.Itoa(len(b)), err)
		return n, nil, err
	}
	return t.recvOn(start, call, fd, d, s, b, flags, from)
}

func (t *Task) recvOn(start time.Duration, call string, fd int, d *Desc, s socketFile, b []byte, flags int, from bool) (int, []byte, errno.Errno) {
	args := strconv.Itoa(fd) + ", " + strconv.Itoa(len(b))
	n, sa, err := s.recv(t, d, b, flags, from)
	t.observe()
	if err != 0 {
		t.syscall(start, call, fd, args, -1, err)
		return -1, nil, err
	}
	t.syscall(start, call, fd, args, int64(n), 0)
	return n, sa, 0
}
