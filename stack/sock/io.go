package sock

import (
	"bytes"
	"strconv"

	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/waiter"

	"netplay/stack/linux/errno"
	"netplay/stack/linux/signal"
)

// Read implements read(2): descriptor 0 is at end of file; sockets read
// as recv with no flags.
func (t *Table) Read(fd int, b []byte) (int, errno.Errno) {
	f, err := t.get(fd)
	if err == 0 && f.kind != kindSocket {
		if f.kind == kindStdin {
			return 0, 0
		}
		return -1, errno.EBADF
	}
	n, _, err := t.recv("read", fd, b, 0, false)
	return n, err
}

// Write implements write(2): descriptors 1 and 2 are the program's output.
func (t *Table) Write(fd int, b []byte) (int, errno.Errno) {
	f, err := t.get(fd)
	if err == 0 && f.kind != kindSocket {
		switch f.kind {
		case kindStdout:
			t.p.Output("stdout", string(b))
		case kindStderr:
			t.p.Output("stderr", string(b))
		default:
			return -1, errno.EBADF
		}
		return len(b), 0
	}
	return t.send("write", fd, b, 0, nil)
}

// Send implements send(2).
func (t *Table) Send(fd int, b []byte, flags int) (int, errno.Errno) {
	return t.send("send", fd, b, flags, nil)
}

// SendTo implements sendto(2); addr may be nil.
func (t *Table) SendTo(fd int, b []byte, flags int, addr []byte) (int, errno.Errno) {
	return t.send("sendto", fd, b, flags, addr)
}

// Recv implements recv(2).
func (t *Table) Recv(fd int, b []byte, flags int) (int, errno.Errno) {
	n, _, err := t.recv("recv", fd, b, flags, false)
	return n, err
}

// RecvFrom implements recvfrom(2), returning the sender's sockaddr.
func (t *Table) RecvFrom(fd int, b []byte, flags int) (int, []byte, errno.Errno) {
	return t.recv("recvfrom", fd, b, flags, true)
}

func (t *Table) send(call string, fd int, b []byte, flags int, addr []byte) (int, errno.Errno) {
	start := t.p.Now()
	args := strconv.Itoa(fd) + ", " + strconv.Itoa(len(b)) + " bytes"
	if addr != nil {
		args += ", " + FormatSockaddr(addr)
	}
	fail := func(e errno.Errno) (int, errno.Errno) {
		t.observe()
		t.syscall(start, call, fd, args, -1, e)
		if e == errno.EPIPE && flags&MSG_NOSIGNAL == 0 && !t.sigpipeIgnored {
			t.p.Crash(signal.SIGPIPE.ExitStatus(), signal.SIGPIPE.Text()+": "+call+" on a closed connection (SIGPIPE)")
		}
		return -1, e
	}
	f, err := t.socket(fd)
	if err != 0 {
		return fail(err)
	}
	if flags&^(MSG_DONTWAIT|MSG_NOSIGNAL) != 0 {
		return fail(errno.EOPNOTSUPP)
	}
	var opts tcpip.WriteOptions
	if addr != nil && f.typ == SOCK_DGRAM {
		fa, err := f.fullAddr(addr)
		if err != 0 {
			return fail(err)
		}
		opts.To = &fa
	}
	nonblock := f.nonblock || flags&MSG_DONTWAIT != 0
	sent := 0
	for {
		var r bytes.Reader
		r.Reset(b[sent:])
		n, terr := f.ep.Write(&r, opts)
		sent += int(n)
		if terr == nil && (sent == len(b) || f.typ != SOCK_STREAM) {
			break
		}
		if terr == nil {
			continue
		}
		if _, again := terr.(*tcpip.ErrWouldBlock); !again {
			if sent > 0 {
				break // report what went out; the error comes next call
			}
			return fail(errnoOf(terr))
		}
		if nonblock {
			if sent > 0 {
				break
			}
			return fail(errno.EAGAIN)
		}
		ok := t.p.Wait([]*waiter.Queue{f.wq}, waiter.WritableEvents|waiter.EventHUp|waiter.EventErr, t.deadline(f.sndTimeo), func() bool {
			return f.ep.Readiness(waiter.WritableEvents|waiter.EventHUp|waiter.EventErr) != 0
		})
		if !ok {
			if sent > 0 {
				break
			}
			return fail(errno.EAGAIN)
		}
	}
	t.observe()
	t.syscall(start, call, fd, args, int64(sent), 0)
	return sent, 0
}

func (t *Table) recv(call string, fd int, b []byte, flags int, from bool) (int, []byte, errno.Errno) {
	start := t.p.Now()
	args := strconv.Itoa(fd) + ", " + strconv.Itoa(len(b))
	fail := func(e errno.Errno) (int, []byte, errno.Errno) {
		t.observe()
		t.syscall(start, call, fd, args, -1, e)
		return -1, nil, e
	}
	f, err := t.socket(fd)
	if err != 0 {
		return fail(err)
	}
	if flags&^(MSG_PEEK|MSG_DONTWAIT|MSG_WAITALL) != 0 {
		return fail(errno.EOPNOTSUPP)
	}
	if f.listening {
		return fail(errno.ENOTCONN)
	}
	nonblock := f.nonblock || flags&MSG_DONTWAIT != 0
	waitAll := flags&MSG_WAITALL != 0 && flags&MSG_PEEK == 0 && f.typ == SOCK_STREAM
	got := 0
	var sender tcpip.FullAddress
	for {
		w := tcpip.SliceWriter(b[got:])
		res, terr := f.ep.Read(&w, tcpip.ReadOptions{Peek: flags&MSG_PEEK != 0, NeedRemoteAddr: from})
		if terr == nil {
			got += res.Count
			if from {
				sender = res.RemoteAddr
			}
			if res.Count == 0 || !waitAll || got == len(b) || len(b) == 0 {
				break
			}
			continue
		}
		switch terr.(type) {
		case *tcpip.ErrClosedForReceive:
			// End of stream: the peer sent FIN (or we shut down reading).
		case *tcpip.ErrWouldBlock:
			if nonblock {
				if got > 0 {
					break
				}
				return fail(errno.EAGAIN)
			}
			ok := t.p.Wait([]*waiter.Queue{f.wq}, waiter.ReadableEvents|waiter.EventHUp|waiter.EventErr, t.deadline(f.rcvTimeo), func() bool {
				return f.ep.Readiness(waiter.ReadableEvents|waiter.EventHUp|waiter.EventErr) != 0
			})
			if !ok {
				if got > 0 {
					break
				}
				return fail(errno.EAGAIN)
			}
			continue
		default:
			if got > 0 {
				break
			}
			return fail(errnoOf(terr))
		}
		break
	}
	var sa []byte
	if from && f.typ == SOCK_DGRAM {
		sa = Sockaddr(f.family, fromTCPIP(sender.Addr, f.family), sender.Port)
	} else if from {
		if a, terr := f.ep.GetRemoteAddress(); terr == nil {
			sa = Sockaddr(f.family, fromTCPIP(a.Addr, f.family), a.Port)
		}
	}
	t.observe()
	t.syscall(start, call, fd, args, int64(got), 0)
	return got, sa, 0
}
