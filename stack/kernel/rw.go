package kernel

import (
	"strconv"
	"strings"
	"time"

	"netplay/stack/linux/errno"
	"netplay/stack/linux/signal"
	"netplay/stack/sock"
)

// Read implements read(2).
func (t *Task) Read(fd int, b []byte) (r0 int, r1 errno.Errno) {
	if j, at, rec := t.journal("read"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].(errno.Errno)
			restore(v[2].([][]byte), b)
			return
		}
		defer func() { j.Record("read", at, []any{r0, r1, saved(b[:max(r0, 0)])}) }()
	}
	return t.read("read", fd, b, strconv.Itoa(len(b)))
}

// Readv implements readv(2): one read, scattered over bufs in order.
func (t *Task) Readv(fd int, bufs [][]byte) (r0 int, r1 errno.Errno) {
	if j, at, rec := t.journal("readv"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].(errno.Errno)
			restore(v[2].([][]byte), bufs...)
			return
		}
		defer func() { j.Record("readv", at, []any{r0, r1, saved(bufs...)}) }()
	}
	b := make([]byte, vecLen(bufs))
	n, err := t.read("readv", fd, b, vecText(bufs, ""))
	scatter(b[:max(n, 0)], bufs)
	return n, err
}

// read is read(2) and readv(2); size is how the trace shows the buffer.
func (t *Task) read(call string, fd int, b []byte, size string) (int, errno.Errno) {
	start := t.th.Now()
	args := strconv.Itoa(fd) + ", " + size
	d, err := t.get(fd)
	if err != 0 {
		return t.rwFail(start, call, fd, args, err)
	}
	if s, ok := d.file.(socketFile); ok {
		n, _, _, err := t.recvOn(start, call, fd, d, s, b, 0, false, args)
		return n, err
	}
	if !d.readable() {
		return t.rwFail(start, call, fd, args, errno.EBADF)
	}
	n, err := d.file.Read(t, d, b)
	if err != 0 {
		n = -1
	}
	t.syscall(start, call, fd, args, int64(n), err)
	return n, err
}

// vecLen is the total length of an I/O vector.
func vecLen(bufs [][]byte) int {
	n := 0
	for _, b := range bufs {
		n += len(b)
	}
	return n
}

// vecText shows an I/O vector in the trace: "[5 bytes, 6 bytes], 2" for
// what is written (unit " bytes"), "[100, 20], 2" for what is read.
func vecText(bufs [][]byte, unit string) string {
	parts := make([]string, len(bufs))
	for i, b := range bufs {
		parts[i] = strconv.Itoa(len(b)) + unit
	}
	return "[" + strings.Join(parts, ", ") + "], " + strconv.Itoa(len(bufs))
}

// scatter copies b over bufs in order.
func scatter(b []byte, bufs [][]byte) {
	for _, v := range bufs {
		if len(b) == 0 {
			return
		}
		b = b[copy(v, b):]
	}
}

// rwFail traces a read or write that failed before reaching a file.
func (t *Task) rwFail(start time.Duration, call string, fd int, args string, err errno.Errno) (int, errno.Errno) {
	t.observe()
	t.syscall(start, call, fd, args, -1, err)
	return -1, err
}

// Write implements write(2). What goes to the terminal is the program's
// output (output events), not traced as a call.
func (t *Task) Write(fd int, b []byte) (r0 int, r1 errno.Errno) {
	if j, at, rec := t.journal("write"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("write", at, []any{r0, r1}) }()
	}
	return t.write("write", fd, b, strconv.Itoa(len(b))+" bytes")
}

// Writev implements writev(2): bufs in order, written as one write (a
// stream socket sends them as one run of bytes).
func (t *Task) Writev(fd int, bufs [][]byte) (r0 int, r1 errno.Errno) {
	if j, at, rec := t.journal("writev"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("writev", at, []any{r0, r1}) }()
	}
	b := make([]byte, 0, vecLen(bufs))
	for _, v := range bufs {
		b = append(b, v...)
	}
	return t.write("writev", fd, b, vecText(bufs, " bytes"))
}

// write is write(2) and writev(2); size is how the trace shows the data.
func (t *Task) write(call string, fd int, b []byte, size string) (int, errno.Errno) {
	start := t.th.Now()
	args := strconv.Itoa(fd) + ", " + size
	d, err := t.get(fd)
	if err != 0 {
		return t.rwFail(start, call, fd, args, err)
	}
	if s, ok := d.file.(socketFile); ok {
		return t.sendOn(start, call, fd, d, s, b, 0, nil, args)
	}
	if _, ok := d.file.(*ttyFile); ok && d.writable() {
		return d.file.Write(t, d, b)
	}
	if !d.writable() {
		return t.rwFail(start, call, fd, args, errno.EBADF)
	}
	n, err := d.file.Write(t, d, b)
	if err != 0 {
		t.syscall(start, call, fd, args, -1, err)
		if err == errno.EPIPE {
			t.sigpipe(call+" on a pipe nobody reads", 0)
		}
		return -1, err
	}
	t.syscall(start, call, fd, args, int64(n), 0)
	return n, 0
}

// sigpipe sends the calling thread SIGPIPE, after a write to a pipe or
// connection nobody reads (EPIPE), unless flags has MSG_NOSIGNAL: by
// default it ends the program (status 141); ignored, the write just
// returns EPIPE; caught, the handler runs before it returns.
func (t *Task) sigpipe(what string, flags int) {
	if flags&sock.MSG_NOSIGNAL == 0 {
		t.th.SignalSelf(int(signal.SIGPIPE), what)
		t.th.DeliverSignals()
	}
}

// Send implements send(2).
func (t *Task) Send(fd int, b []byte, flags int) (r0 int, r1 errno.Errno) {
	if j, at, rec := t.journal("send"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("send", at, []any{r0, r1}) }()
	}
	return t.send("send", fd, b, flags, nil)
}

// SendTo implements sendto(2); addr may be nil.
func (t *Task) SendTo(fd int, b []byte, flags int, addr []byte) (r0 int, r1 errno.Errno) {
	if j, at, rec := t.journal("sendto"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("sendto", at, []any{r0, r1}) }()
	}
	return t.send("sendto", fd, b, flags, addr)
}

// Recv implements recv(2).
func (t *Task) Recv(fd int, b []byte, flags int) (r0 int, r1 errno.Errno) {
	if j, at, rec := t.journal("recv"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].(errno.Errno)
			restore(v[2].([][]byte), b)
			return
		}
		defer func() { j.Record("recv", at, []any{r0, r1, saved(b[:max(r0, 0)])}) }()
	}
	n, _, _, err := t.recv("recv", fd, b, flags, false, strconv.Itoa(len(b)))
	return n, err
}

// RecvFrom implements recvfrom(2), returning the sender's sockaddr.
func (t *Task) RecvFrom(fd int, b []byte, flags int) (r0 int, r1 []byte, r2 errno.Errno) {
	if j, at, rec := t.journal("recvfrom"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].([]byte)
			r2 = v[2].(errno.Errno)
			restore(v[3].([][]byte), b)
			return
		}
		defer func() { j.Record("recvfrom", at, []any{r0, r1, r2, saved(b[:max(r0, 0)])}) }()
	}
	n, sa, _, err := t.recv("recvfrom", fd, b, flags, true, strconv.Itoa(len(b)))
	return n, sa, err
}

// RecvFromFault is recvfrom(2) whose address buffer or its length is not
// the program's memory: as on Linux, what there is to receive is received
// (and gone) and the call fails with fault (EFAULT; EINVAL for a negative
// length); with nothing to receive it fails as recvfrom fails (EAGAIN).
func (t *Task) RecvFromFault(fd int, b []byte, flags int, fault errno.Errno) (r0 errno.Errno) {
	if j, at, rec := t.journal("recvfrom"); j != nil {
		if rec != nil {
			return rec.([]any)[0].(errno.Errno)
		}
		defer func() { j.Record("recvfrom", at, []any{r0}) }()
	}
	start := t.th.Now()
	args := strconv.Itoa(fd) + ", " + strconv.Itoa(len(b))
	d, s, err := t.socket(fd)
	if err == 0 {
		if _, _, err = s.recv(t, d, b, flags, true); err == 0 {
			err = fault
		}
	}
	_, err = t.rwFail(start, "recvfrom", fd, args, err)
	return err
}

// RecvMsgFault is recvmsg(2) whose name buffer is not the program's
// memory: as RecvFromFault, the message is received (and gone) and the
// call fails with fault; with nothing to receive it fails as recvmsg does.
func (t *Task) RecvMsgFault(fd int, bufs [][]byte, flags int, fault errno.Errno) (r0 errno.Errno) {
	if j, at, rec := t.journal("recvmsg"); j != nil {
		if rec != nil {
			return rec.([]any)[0].(errno.Errno)
		}
		defer func() { j.Record("recvmsg", at, []any{r0}) }()
	}
	start := t.th.Now()
	args := strconv.Itoa(fd) + ", " + vecText(bufs, "")
	d, s, err := t.socket(fd)
	if err == 0 {
		if _, _, err = s.recv(t, d, make([]byte, vecLen(bufs)), flags, true); err == 0 {
			err = fault
		}
	}
	_, err = t.rwFail(start, "recvmsg", fd, args, err)
	return err
}

// Cmsg is a control message of sendmsg: its level and type (netplay
// passes no data with one).
type Cmsg struct{ Level, Type int }

// Control message levels and types sendmsg looks at.
const (
	solSocket      = 1
	scmRights      = 1
	scmCredentials = 2
)

// SendMsg implements sendmsg(2): bufs in order as one message, to addr
// when it is not nil. Of control messages, an Internet socket ignores
// descriptors and credentials as Linux does; a local socket cannot pass
// them here (EOPNOTSUPP), and IP options are not supported (EOPNOTSUPP).
func (t *Task) SendMsg(fd int, bufs [][]byte, flags int, addr []byte, control []Cmsg) (r0 int, r1 errno.Errno) {
	if j, at, rec := t.journal("sendmsg"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("sendmsg", at, []any{r0, r1}) }()
	}
	b := make([]byte, 0, vecLen(bufs))
	for _, v := range bufs {
		b = append(b, v...)
	}
	size := vecText(bufs, " bytes")
	if len(control) > 0 {
		start := t.th.Now()
		args := strconv.Itoa(fd) + ", " + size + ", control"
		_, s, err := t.socket(fd)
		for _, c := range control {
			if err != 0 {
				break
			}
			switch {
			case c.Level == solSocket && (c.Type == scmRights || c.Type == scmCredentials):
				if s.family() == AF_UNIX {
					err = errno.EOPNOTSUPP // passing descriptors: not in netplay
				}
			case c.Level == solSocket:
				err = errno.EINVAL
			case s.family() != AF_UNIX && s.sockType() == sock.SOCK_DGRAM:
				err = errno.EOPNOTSUPP // IP_PKTINFO, IP_TTL ...: not in netplay
			}
		}
		if err != 0 {
			return t.rwFail(start, "sendmsg", fd, args, err)
		}
	}
	return t.sendv("sendmsg", fd, b, flags, addr, size)
}

// RecvMsg implements recvmsg(2) without control messages: one receive
// scattered over bufs; it returns the sender's sockaddr and msg_flags
// (MSG_TRUNC when a datagram was longer than the buffers).
func (t *Task) RecvMsg(fd int, bufs [][]byte, flags int) (r0 int, r1 []byte, r2 int, r3 errno.Errno) {
	if j, at, rec := t.journal("recvmsg"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].([]byte)
			r2 = v[2].(int)
			r3 = v[3].(errno.Errno)
			restore(v[4].([][]byte), bufs...)
			return
		}
		defer func() { j.Record("recvmsg", at, []any{r0, r1, r2, r3, saved(bufs...)}) }()
	}
	b := make([]byte, vecLen(bufs))
	n, sa, trunc, err := t.recv("recvmsg", fd, b, flags, true, vecText(bufs, ""))
	scatter(b[:max(n, 0)], bufs)
	msgFlags := 0
	if trunc {
		msgFlags = sock.MSG_TRUNC
	}
	return n, sa, msgFlags, err
}

func (t *Task) send(call string, fd int, b []byte, flags int, addr []byte) (int, errno.Errno) {
	return t.sendv(call, fd, b, flags, addr, strconv.Itoa(len(b))+" bytes")
}

// sendv is the send family; size is how the trace shows the data.
func (t *Task) sendv(call string, fd int, b []byte, flags int, addr []byte, size string) (int, errno.Errno) {
	start := t.th.Now()
	args := strconv.Itoa(fd) + ", " + size
	if addr != nil {
		args += ", " + FormatSockaddr(addr)
	}
	d, s, err := t.socket(fd)
	if err != 0 {
		return t.rwFail(start, call, fd, args, err)
	}
	return t.sendOn(start, call, fd, d, s, b, flags, addr, args)
}

func (t *Task) sendOn(start time.Duration, call string, fd int, d *Desc, s socketFile, b []byte, flags int, addr []byte, args string) (int, errno.Errno) {
	n, err := s.send(t, d, b, flags, addr)
	t.observe()
	if err != 0 {
		t.syscall(start, call, fd, args, -1, err)
		if err == errno.EPIPE {
			t.sigpipe(call+" on a closed connection", flags)
		}
		return -1, err
	}
	t.syscall(start, call, fd, args, int64(n), 0)
	return n, 0
}

// recv is the recv family; size is how the trace shows the buffer. trunc
// says a datagram was longer than b (recvmsg's MSG_TRUNC).
func (t *Task) recv(call string, fd int, b []byte, flags int, from bool, size string) (int, []byte, bool, errno.Errno) {
	start := t.th.Now()
	args := strconv.Itoa(fd) + ", " + size
	d, s, err := t.socket(fd)
	if err != 0 {
		n, err := t.rwFail(start, call, fd, args, err)
		return n, nil, false, err
	}
	return t.recvOn(start, call, fd, d, s, b, flags, from, args)
}

func (t *Task) recvOn(start time.Duration, call string, fd int, d *Desc, s socketFile, b []byte, flags int, from bool, args string) (int, []byte, bool, errno.Errno) {
	// A datagram socket tells the datagram's whole length (MSG_TRUNC),
	// so that recvmsg can say it was cut.
	whole := call == "recvmsg" && flags&sock.MSG_TRUNC == 0 && s.sockType() == sock.SOCK_DGRAM
	rflags := flags
	if whole {
		rflags |= sock.MSG_TRUNC
	}
	n, sa, err := s.recv(t, d, b, rflags, from)
	t.observe()
	if err != 0 {
		t.syscall(start, call, fd, args, -1, err)
		return -1, nil, false, err
	}
	trunc := false
	if whole && n > len(b) {
		n, trunc = len(b), true
	}
	t.syscall(start, call, fd, args, int64(n), 0)
	return n, sa, trunc, 0
}
