package sock_test

import (
	"encoding/binary"
	"net/netip"
	"testing"
	"time"

	"netplay/stack/kernel"
	"netplay/stack/linux/errno"
	"netplay/stack/sock"
	"netplay/stack/vnet"
)

func intOpt(v int) []byte {
	b := make([]byte, 4)
	binary.LittleEndian.PutUint32(b, uint32(v))
	return b
}

func optInt(b []byte) int { return int(int32(binary.LittleEndian.Uint32(b))) }

// TestCallErrnos drives the calls through their error paths on one
// connection and checks each errno against Linux's.
func TestCallErrnos(t *testing.T) {
	w := lan(t, time.Millisecond, "server", "client")
	var got []string
	note := func(what string, err errno.Errno) { got = append(got, what+":"+err.Name()) }
	start(t, w, "server", 0, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		l, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		fds.Bind(l, sa("0.0.0.0:80"))
		fds.Listen(l, 5)
		c, _, _ := fds.Accept(l, 0)
		// An accepted socket inherits TCP_NODELAY from its listener, as on
		// Linux: Nagle on (0), as the listener has it.
		if v, _ := fds.GetSockOpt(c, sock.IPPROTO_TCP, sock.TCP_NODELAY); optInt(v) != 0 {
			t.Errorf("accepted socket: TCP_NODELAY %d, want 0 (Nagle on, as its listener)", optInt(v))
		}
		// The client shuts down writing: we read its data, then EOF.
		buf := make([]byte, 64)
		n, _ := fds.Read(c, buf)
		got = append(got, "read:"+string(buf[:n]))
		n, err := fds.Read(c, buf)
		note("eof", err)
		if n != 0 {
			t.Errorf("read after FIN = %d, want 0", n)
		}
		fds.Write(c, []byte("bye"))
		p.Sleep(100 * time.Millisecond)
		fds.Close(c) // the client has closed: it answers RST to anything further
		return 0
	})
	start(t, w, "client", time.Millisecond, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		_, err := fds.Send(fd, []byte("x"), sock.MSG_NOSIGNAL)
		note("send-unconnected", err)
		_, err = fds.Recv(fd, make([]byte, 1), 0)
		note("recv-unconnected", err)
		_, err = fds.GetPeerName(fd)
		note("getpeername-unconnected", err)
		note("shutdown-unconnected", fds.Shutdown(fd, sock.SHUT_WR))
		note("connect", fds.Connect(fd, sa("10.0.0.1:80")))
		note("connect-again", fds.Connect(fd, sa("10.0.0.1:80")))
		peer, _ := fds.GetPeerName(fd)
		got = append(got, "peer:"+sock.FormatSockaddr(peer))
		fds.Fcntl(fd, sock.F_SETFL, sock.O_NONBLOCK)
		_, err = fds.Recv(fd, make([]byte, 8), 0)
		note("recv-nonblock-empty", err)
		fds.Fcntl(fd, sock.F_SETFL, 0)
		fds.Write(fd, []byte("data"))
		note("shutdown", fds.Shutdown(fd, sock.SHUT_WR))
		_, err = fds.Send(fd, []byte("late"), sock.MSG_NOSIGNAL)
		note("send-after-shutdown", err)
		buf := make([]byte, 8)
		n, _ := fds.Recv(fd, buf, sock.MSG_PEEK)
		got = append(got, "peek:"+string(buf[:n]))
		n, _ = fds.Recv(fd, buf, 0)
		got = append(got, "recv:"+string(buf[:n]))
		v, _ := fds.GetSockOpt(fd, sock.IPPROTO_TCP, sock.TCP_NODELAY)
		fds.SetSockOpt(fd, sock.IPPROTO_TCP, sock.TCP_NODELAY, intOpt(1))
		v2, _ := fds.GetSockOpt(fd, sock.IPPROTO_TCP, sock.TCP_NODELAY)
		if optInt(v) != 0 || optInt(v2) != 1 {
			t.Errorf("TCP_NODELAY %d then %d, want 0 then 1", optInt(v), optInt(v2))
		}
		fds.SetSockOpt(fd, sock.SOL_SOCKET, sock.SO_RCVBUF, intOpt(8192))
		rb, _ := fds.GetSockOpt(fd, sock.SOL_SOCKET, sock.SO_RCVBUF)
		if optInt(rb) != 16384 {
			t.Errorf("SO_RCVBUF 8192 reads back %d, want 16384 (doubled, as Linux)", optInt(rb))
		}
		// Linux's floors (SOCK_MIN_RCVBUF, SOCK_MIN_SNDBUF) and its cap
		// (net.core.rmem_max, wmem_max: 212992), as gcc's program on the
		// kernel reads them back (the course's ch11/sockbuf.c).
		for _, b := range []struct{ name, set, want int }{
			{sock.SO_RCVBUF, 1, 2304}, {sock.SO_SNDBUF, 1, 4608}, {sock.SO_RCVBUF, 1153, 2306},
			{sock.SO_SNDBUF, 1000000, 425984}, {sock.SO_RCVBUF, -5, 425984},
		} {
			fds.SetSockOpt(fd, sock.SOL_SOCKET, b.name, intOpt(b.set))
			if v, _ := fds.GetSockOpt(fd, sock.SOL_SOCKET, b.name); optInt(v) != b.want {
				t.Errorf("option %d set to %d reads back %d, want %d", b.name, b.set, optInt(v), b.want)
			}
		}
		// IPPROTO_IP: IP_TTL reads net.ipv4.ip_default_ttl until set, takes
		// 1..255 or -1 (the default again); TCP keeps IP_TOS's ECN bits.
		for _, o := range []struct {
			name, set int
			err       errno.Errno
			want      int
		}{
			{sock.IP_TTL, 0, errno.EINVAL, 64}, {sock.IP_TTL, 7, 0, 7}, {sock.IP_TTL, 256, errno.EINVAL, 7},
			{sock.IP_TTL, -1, 0, 64}, {sock.IP_TOS, 0xff, 0, 0xfc}, {sock.IP_TOS, 0x10, 0, 0x10},
		} {
			if err := fds.SetSockOpt(fd, sock.IPPROTO_IP, o.name, intOpt(o.set)); err != o.err {
				t.Errorf("IPPROTO_IP option %d set to %d: %v, want %v", o.name, o.set, err, o.err)
			}
			if v, _ := fds.GetSockOpt(fd, sock.IPPROTO_IP, o.name); optInt(v) != o.want {
				t.Errorf("IPPROTO_IP option %d after setting %d reads %d, want %d", o.name, o.set, optInt(v), o.want)
			}
		}
		// The keepalive options: Linux's defaults (net.ipv4.tcp_keepalive_time,
		// _intvl, _probes), what was set, and Linux's bounds.
		for _, k := range []struct{ name, def, set int }{{sock.TCP_KEEPIDLE, 7200, 2}, {sock.TCP_KEEPINTVL, 75, 1}, {sock.TCP_KEEPCNT, 9, 3}} {
			d, _ := fds.GetSockOpt(fd, sock.IPPROTO_TCP, k.name)
			fds.SetSockOpt(fd, sock.IPPROTO_TCP, k.name, intOpt(k.set))
			v, _ := fds.GetSockOpt(fd, sock.IPPROTO_TCP, k.name)
			if optInt(d) != k.def || optInt(v) != k.set {
				t.Errorf("option %d: %d by default, %d once set to %d; want %d, then %d", k.name, optInt(d), optInt(v), k.set, k.def, k.set)
			}
			if err := fds.SetSockOpt(fd, sock.IPPROTO_TCP, k.name, intOpt(0)); err != errno.EINVAL {
				t.Errorf("option %d set to 0: %v, want EINVAL", k.name, err)
			}
		}
		_, err = fds.GetSockOpt(fd, sock.SOL_SOCKET, 999)
		note("getsockopt-unknown", err)
		note("setsockopt-short", fds.SetSockOpt(fd, sock.SOL_SOCKET, sock.SO_REUSEADDR, []byte{1}))
		_, err = fds.Fcntl(99, sock.F_GETFL, 0)
		note("fcntl-badf", err)
		note("close", fds.Close(fd))
		note("close-again", fds.Close(fd))
		_, err = fds.Socket(sock.AF_INET, 99, 0)
		note("socket-badtype", err)
		_, err = fds.Socket(77, sock.SOCK_STREAM, 0)
		note("socket-badfamily", err)
		_, err = fds.Socket(sock.AF_INET, sock.SOCK_STREAM, sock.IPPROTO_UDP)
		note("socket-badproto", err)
		return 0
	})
	evs := run(t, w)
	wantSeq(t, "calls", got, []string{
		"send-unconnected:EPIPE", "recv-unconnected:ENOTCONN", "getpeername-unconnected:ENOTCONN",
		"shutdown-unconnected:ENOTCONN", "connect:", "connect-again:EISCONN", "peer:10.0.0.1:80",
		"recv-nonblock-empty:EAGAIN", "shutdown:", "send-after-shutdown:EPIPE",
		"read:data", "eof:", "peek:bye", "recv:bye", "getsockopt-unknown:ENOPROTOOPT", "setsockopt-short:EINVAL",
		"fcntl-badf:EBADF", "close:", "close-again:EBADF", "socket-badtype:EINVAL", "socket-badfamily:EAFNOSUPPORT",
		"socket-badproto:EPROTONOSUPPORT",
	}, evs)
}

func TestResetAndSigpipe(t *testing.T) {
	w := lan(t, time.Millisecond, "server", "client")
	var recvErr, sendErr errno.Errno
	start(t, w, "server", 0, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		l, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		fds.Bind(l, sa("0.0.0.0:80"))
		fds.Listen(l, 5)
		c, _, _ := fds.Accept(l, 0)
		// SO_LINGER with a zero timeout: close sends RST.
		fds.SetSockOpt(c, sock.SOL_SOCKET, sock.SO_LINGER, []byte{1, 0, 0, 0, 0, 0, 0, 0})
		fds.Close(c)
		return 0
	})
	start(t, w, "client", time.Millisecond, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		fds.Connect(fd, sa("10.0.0.1:80"))
		_, recvErr = fds.Read(fd, make([]byte, 8))
		fds.IgnoreSIGPIPE(true)
		_, sendErr = fds.Write(fd, []byte("x"))
		fds.IgnoreSIGPIPE(false)
		fds.Write(fd, []byte("x")) // SIGPIPE ends the program
		t.Error("the program went on after SIGPIPE")
		return 0
	})
	evs := run(t, w)
	if recvErr != errno.ECONNRESET || sendErr != errno.EPIPE {
		t.Fatalf("read after RST = %v, write = %v; want ECONNRESET, EPIPE\n%s", recvErr.Name(), sendErr.Name(), dump(evs))
	}
	last := evs[len(evs)-1]
	for _, e := range evs {
		if e.Kind == "exit" && e.Host == "client" {
			last = e
		}
	}
	if last.Status != 141 {
		t.Fatalf("client exit %+v, want status 141 (SIGPIPE)", last)
	}
}

func TestPollAndSelectTimeouts(t *testing.T) {
	w := lan(t, time.Millisecond, "server", "client")
	start(t, w, "server", 0, echoServer(t, 80, 5, 1))
	var seq []string
	start(t, w, "client", time.Millisecond, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		fds.Connect(fd, sa("10.0.0.1:80"))
		t0 := p.Now()
		pf := []kernel.PollFd{{FD: int32(fd), Events: sock.POLLIN}, {FD: 42, Events: sock.POLLIN}, {FD: -1}}
		n, _ := fds.Poll(pf, 500)
		if n != 1 || pf[0].Revents != 0 || pf[1].Revents != sock.POLLNVAL {
			t.Errorf("poll = %d %+v, want only fd 42 POLLNVAL", n, pf)
		}
		pf = pf[:1]
		n, _ = fds.Poll(pf, 500)
		seq = append(seq, "poll-timeout", (p.Now() - t0).String())
		if n != 0 {
			t.Errorf("poll on a quiet socket = %d", n)
		}
		fds.Write(fd, []byte("ping"))
		n, _ = fds.Poll(pf, -1)
		if n != 1 || pf[0].Revents&sock.POLLIN == 0 {
			t.Errorf("poll for the echo = %d %+v", n, pf)
		}
		fds.Read(fd, make([]byte, 8))
		var r kernel.FdSet
		r.Set(fd)
		d := 250 * time.Millisecond
		t1 := p.Now()
		n, _ = fds.Select(fd+1, &r, nil, nil, &d)
		seq = append(seq, "select-timeout", (p.Now() - t1).String())
		if n != 0 || r.IsSet(fd) {
			t.Errorf("select on a quiet socket = %d", n)
		}
		var bad kernel.FdSet
		bad.Set(50)
		_, err := fds.Select(51, &bad, nil, nil, &d)
		seq = append(seq, "select-badf", err.Name())
		fds.SetSockOpt(fd, sock.SOL_SOCKET, sock.SO_RCVTIMEO, append(binary.LittleEndian.AppendUint64(nil, 2), make([]byte, 8)...))
		t2 := p.Now()
		_, err = fds.Read(fd, make([]byte, 8))
		seq = append(seq, "rcvtimeo", err.Name(), (p.Now() - t2).String())
		return 0
	})
	evs := run(t, w)
	wantSeq(t, "timeouts", seq, []string{"poll-timeout", "500ms", "select-timeout", "250ms", "select-badf", "EBADF", "rcvtimeo", "EAGAIN", "2s"}, evs)
}

func TestIPv6Handshake(t *testing.T) {
	w := vnet.New(vnet.Options{Seed: 1})
	w.AddHost("server", false)
	w.AddHost("client", false)
	w.AddLink([]string{"server", "client"}, time.Millisecond, 0)
	w.Host("server").AddAddress(0, netip.MustParsePrefix("fd00::1/64"))
	w.Host("client").AddAddress(0, netip.MustParsePrefix("fd00::2/64"))
	var peer string
	start(t, w, "server", 0, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		l, _ := fds.Socket(sock.AF_INET6, sock.SOCK_STREAM, 0)
		must(t, "bind", fds.Bind(l, sock.SockaddrInet6(netip.IPv6Unspecified(), 80)))
		fds.Listen(l, 5)
		_, a, err := fds.Accept(l, 0)
		must(t, "accept", err)
		peer = sock.FormatSockaddr(a)
		return 0
	})
	var err errno.Errno = -1
	start(t, w, "client", time.Millisecond, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, _ := fds.Socket(sock.AF_INET6, sock.SOCK_STREAM, 0)
		err = fds.Connect(fd, sa("[fd00::1]:80"))
		return 0
	})
	evs := run(t, w)
	if err != 0 || netip.MustParseAddrPort(peer).Addr() != netip.MustParseAddr("fd00::2") {
		t.Fatalf("connect %v, accepted peer %q\n%s", err.Name(), peer, dump(evs))
	}
	wantSeq(t, "flags", tcpFlags(evs)[:3], []string{"client:S", "server:S.", "client:."}, evs)
}

func TestUDPEcho(t *testing.T) {
	w := lan(t, time.Millisecond, "server", "client")
	var reply, from string
	start(t, w, "server", 0, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_DGRAM, 0)
		fds.Bind(fd, sa("0.0.0.0:53"))
		buf := make([]byte, 64)
		n, a, err := fds.RecvFrom(fd, buf, 0)
		must(t, "recvfrom", err)
		fds.SendTo(fd, buf[:n], 0, a)
		return 0
	})
	start(t, w, "client", time.Millisecond, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_DGRAM, 0)
		_, err := fds.SendTo(fd, []byte("query"), 0, sa("10.0.0.1:53"))
		must(t, "sendto", err)
		buf := make([]byte, 64)
		n, a, _ := fds.RecvFrom(fd, buf, 0)
		reply, from = string(buf[:n]), sock.FormatSockaddr(a)
		return 0
	})
	evs := run(t, w)
	if reply != "query" || from != "10.0.0.1:53" {
		t.Fatalf("reply %q from %s\n%s", reply, from, dump(evs))
	}
}
