package sock_test

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"netplay/stack/kernel"
	"netplay/stack/linux/errno"
	"netplay/stack/sock"
	"netplay/stack/trace"
	"netplay/stack/vnet"
)

// connectOnce returns a client program that connects to addr once and
// records the errno.
func connectOnce(addr string, got *errno.Errno) vnet.Program {
	return func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		*got = fds.Connect(fd, sa(addr))
		fds.Close(fd)
		return 0
	}
}

func TestConnectionRefused(t *testing.T) {
	w := lan(t, time.Millisecond, "server", "client")
	var got errno.Errno
	start(t, w, "client", 0, connectOnce("10.0.0.1:81", &got))
	evs := run(t, w)
	if got != errno.ECONNREFUSED {
		t.Fatalf("connect = %v, want ECONNREFUSED\n%s", got.Name(), dump(evs))
	}
	wantSeq(t, "flags", tcpFlags(evs), []string{"client:S", "server:R."}, evs)
	wantSeq(t, "states", states(evs), []string{"client 3: CLOSED->SYN_SENT", "client 3: SYN_SENT->CLOSED"}, evs)
}

func TestSynNeverAnsweredTimesOut(t *testing.T) {
	w := lan(t, time.Millisecond, "server", "client")
	// A firewall on the server drops every SYN.
	if err := w.AddRule(vnet.Rule{Drop: true, Host: "server", Dir: "in", Flags: "S"}); err != nil {
		t.Fatal(err)
	}
	var got errno.Errno
	start(t, w, "client", 0, connectOnce("10.0.0.1:80", &got))
	evs := run(t, w)
	if got != errno.ETIMEDOUT {
		t.Fatalf("connect = %v, want ETIMEDOUT\n%s", got.Name(), dump(evs))
	}
	var sent []time.Duration
	for _, e := range evs {
		if e.Kind == trace.KindSegment && e.Flags == "S" {
			if !e.Dropped {
				t.Errorf("SYN at %v not dropped", time.Duration(e.T))
			}
			sent = append(sent, time.Duration(e.T))
		}
	}
	// The first SYN leaves after ARP (2ms); the retransmission timer runs
	// from connect: retries at 1,3,7,15,31,63 s, as on Linux.
	c := find(t, evs, func(e trace.Event) bool { return e.Kind == trace.KindSyscall && e.Call == "connect" })
	var offs []string
	for _, s := range sent {
		offs = append(offs, (s - time.Duration(c.Start)).String())
	}
	wantSeq(t, "SYN times", offs, []string{"2ms", "1s", "3s", "7s", "15s", "31s", "1m3s"}, evs)
	if d := time.Duration(c.T - c.Start); d < 127*time.Second || d > 128*time.Second {
		t.Errorf("connect returned after %v, want about 127s", d)
	}
}

// routed builds client 10.0.0.1 — router 10.0.0.254 | 10.0.1.254 — server
// 10.0.1.2, with the client's default route through the router.
func routed(t testing.TB) *vnet.World {
	w := vnet.New(vnet.Options{Seed: 1})
	for _, h := range []struct {
		name string
		fwd  bool
	}{{"client", false}, {"router", true}, {"server", false}} {
		if _, err := w.AddHost(h.name, h.fwd); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.AddLink([]string{"client", "router"}, time.Millisecond, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := w.AddLink([]string{"router", "server"}, time.Millisecond, 0); err != nil {
		t.Fatal(err)
	}
	add := func(h string, nic int, p string) {
		if err := w.Host(h).AddAddress(nic, netip.MustParsePrefix(p)); err != nil {
			t.Fatal(err)
		}
	}
	add("client", 0, "10.0.0.1/24")
	add("router", 0, "10.0.0.254/24")
	add("router", 1, "10.0.1.254/24")
	add("server", 0, "10.0.1.2/24")
	if err := w.Host("client").AddRoute(netip.MustParsePrefix("0.0.0.0/0"), netip.MustParseAddr("10.0.0.254")); err != nil {
		t.Fatal(err)
	}
	if err := w.Host("server").AddRoute(netip.MustParsePrefix("0.0.0.0/0"), netip.MustParseAddr("10.0.1.254")); err != nil {
		t.Fatal(err)
	}
	return w
}

func TestRouterWithNoRouteSendsICMP(t *testing.T) {
	w := routed(t)
	var got errno.Errno
	start(t, w, "client", 0, connectOnce("192.168.9.9:80", &got))
	evs := run(t, w)
	if got != errno.ENETUNREACH {
		t.Fatalf("connect = %v, want ENETUNREACH\n%s", got.Name(), dump(evs))
	}
	icmp := find(t, evs, func(e trace.Event) bool { return e.Kind == trace.KindICMP })
	if icmp.Host != "router" || icmp.Type != 3 || icmp.Code != 0 {
		t.Errorf("ICMP from %s type %d code %d, want router 3/0 (net unreachable)", icmp.Host, icmp.Type, icmp.Code)
	}
}

func TestRoutedHandshake(t *testing.T) {
	w := routed(t)
	start(t, w, "server", 0, echoServer(t, 80, 5, 1))
	var got errno.Errno = -1
	start(t, w, "client", time.Millisecond, connectOnce("10.0.1.2:80", &got))
	evs := run(t, w)
	if got != 0 {
		t.Fatalf("connect = %v\n%s", got.Name(), dump(evs))
	}
	// Each segment crosses both links: the client's, then the router's copy
	// a millisecond later (the client closes right after its ACK).
	wantSeq(t, "flags", tcpFlags(evs)[:7], []string{"client:S", "router:S", "server:S.", "router:S.", "client:.", "client:F.", "router:."}, evs)
}

func TestAddressNobodyOwnsFailsARP(t *testing.T) {
	w := lan(t, time.Millisecond, "server", "client")
	var got errno.Errno
	start(t, w, "client", 0, connectOnce("10.0.0.77:80", &got))
	evs := run(t, w)
	if got != errno.EHOSTUNREACH {
		t.Fatalf("connect = %v, want EHOSTUNREACH\n%s", got.Name(), dump(evs))
	}
	arps := 0
	for _, e := range evs {
		if e.Kind == trace.KindARP {
			arps++
		}
	}
	if arps < 3 || len(tcpFlags(evs)) != 0 {
		t.Errorf("want ≥3 unanswered ARP requests and no TCP segment on the wire, got %d ARP, %v", arps, tcpFlags(evs))
	}
}

func TestWildcardBindAcceptsOnBothNICs(t *testing.T) {
	w := vnet.New(vnet.Options{Seed: 1})
	for _, h := range []string{"server", "c1", "c2"} {
		w.AddHost(h, false)
	}
	w.AddLink([]string{"c1", "server"}, time.Millisecond, 0)
	w.AddLink([]string{"c2", "server"}, time.Millisecond, 0)
	w.Host("server").AddAddress(0, netip.MustParsePrefix("202.61.22.55/24"))
	w.Host("server").AddAddress(1, netip.MustParsePrefix("192.168.1.11/24"))
	w.Host("c1").AddAddress(0, netip.MustParsePrefix("202.61.22.1/24"))
	w.Host("c2").AddAddress(0, netip.MustParsePrefix("192.168.1.1/24"))
	var local []string
	start(t, w, "server", 0, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		must(t, "bind", fds.Bind(fd, sock.SockaddrInet4(netip.IPv4Unspecified(), 8080)))
		must(t, "listen", fds.Listen(fd, 5))
		for i := 0; i < 2; i++ {
			c, _, err := fds.Accept(fd, 0)
			must(t, "accept", err)
			name, _ := fds.GetSockName(c)
			local = append(local, sock.FormatSockaddr(name))
		}
		return 0
	})
	var e1, e2 errno.Errno = -1, -1
	start(t, w, "c1", time.Millisecond, connectOnce("202.61.22.55:8080", &e1))
	start(t, w, "c2", 2*time.Millisecond, connectOnce("192.168.1.11:8080", &e2))
	evs := run(t, w)
	if e1 != 0 || e2 != 0 {
		t.Fatalf("connects = %v, %v\n%s", e1.Name(), e2.Name(), dump(evs))
	}
	wantSeq(t, "accepted on", local, []string{"202.61.22.55:8080", "192.168.1.11:8080"}, evs)
}

func TestBindOneAddressRefusesTheOther(t *testing.T) {
	w := vnet.New(vnet.Options{Seed: 1})
	for _, h := range []string{"server", "c1", "c2"} {
		w.AddHost(h, false)
	}
	w.AddLink([]string{"c1", "server"}, time.Millisecond, 0)
	w.AddLink([]string{"c2", "server"}, time.Millisecond, 0)
	w.Host("server").AddAddress(0, netip.MustParsePrefix("202.61.22.55/24"))
	w.Host("server").AddAddress(1, netip.MustParsePrefix("192.168.1.11/24"))
	w.Host("c1").AddAddress(0, netip.MustParsePrefix("202.61.22.1/24"))
	w.Host("c2").AddAddress(0, netip.MustParsePrefix("192.168.1.1/24"))
	start(t, w, "server", 0, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		must(t, "bind", fds.Bind(fd, sa("192.168.1.11:8080")))
		must(t, "listen", fds.Listen(fd, 5))
		fds.Accept(fd, 0)
		return 0
	})
	var e1, e2 errno.Errno = -1, -1
	start(t, w, "c1", time.Millisecond, connectOnce("202.61.22.55:8080", &e1))
	start(t, w, "c2", 2*time.Millisecond, connectOnce("192.168.1.11:8080", &e2))
	evs := run(t, w)
	if e1 != errno.ECONNREFUSED || e2 != 0 {
		t.Fatalf("connects = %v, %v; want ECONNREFUSED, success\n%s", e1.Name(), e2.Name(), dump(evs))
	}
}

func TestBindErrors(t *testing.T) {
	w := lan(t, time.Millisecond, "server", "client")
	var errs []string
	start(t, w, "server", 0, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		a, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		b, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		for _, err := range []errno.Errno{
			fds.Bind(a, sa("10.0.0.1:9000")),
			fds.Bind(b, sa("10.0.0.1:9000")),                         // EADDRINUSE
			fds.Bind(b, sa("10.0.0.99:9001")),                        // EADDRNOTAVAIL
			fds.Bind(a, sa("10.0.0.1:9002")),                         // EINVAL: already bound
			fds.Bind(42, sa("10.0.0.1:9003")),                        // EBADF
			fds.Bind(b, []byte{2, 0, 0}),                             // EINVAL: short sockaddr
			fds.Listen(b, 5),                                         // listen without bind: autobinds
			fds.Connect(b, sa("10.0.0.2:1")),                         // EISCONN on a listener
			fds.Bind(1, sa("10.0.0.1:9004")),                         // ENOTSOCK
			fds.Bind(a, sock.SockaddrInet6(netip.IPv6Loopback(), 1)), // EAFNOSUPPORT
		} {
			errs = append(errs, err.Name())
		}
		return 0
	})
	evs := run(t, w)
	wantSeq(t, "errnos", errs, []string{"", "EADDRINUSE", "EADDRNOTAVAIL", "EINVAL", "EBADF", "EINVAL", "", "EISCONN", "ENOTSOCK", "EAFNOSUPPORT"}, evs)
}

func TestPortZeroAndEphemeralPorts(t *testing.T) {
	w := lan(t, time.Millisecond, "server", "client")
	var bound, cli string
	start(t, w, "server", 0, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		must(t, "bind", fds.Bind(fd, sa("0.0.0.0:0")))
		name, _ := fds.GetSockName(fd)
		bound = sock.FormatSockaddr(name)
		return 0
	})
	start(t, w, "client", 0, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		fds.Connect(fd, sa("10.0.0.1:81"))
		name, _ := fds.GetSockName(fd)
		cli = sock.FormatSockaddr(name)
		return 0
	})
	evs := run(t, w)
	_, ip, port, _ := sock.ParseSockaddr(sa(bound))
	if !ip.IsUnspecified() || port == 0 {
		t.Errorf("bind to port 0 gave %s, want 0.0.0.0 with a chosen port", bound)
	}
	cap := netip.MustParseAddrPort(cli)
	if cap.Addr() != netip.MustParseAddr("10.0.0.2") || cap.Port() == 0 {
		t.Errorf("client without bind is %s, want 10.0.0.2 with an ephemeral port", cli)
	}
	syn := find(t, evs, func(e trace.Event) bool { return e.Kind == trace.KindSegment && e.Flags == "S" })
	if syn.Src != cli {
		t.Errorf("SYN from %s, getsockname says %s", syn.Src, cli)
	}
}

func TestClientBindBeforeConnectAndSamePort(t *testing.T) {
	w := lan(t, time.Millisecond, "server", "client")
	start(t, w, "server", 0, echoServer(t, 80, 5, 1))
	var e1, e2, e3 errno.Errno = -1, -1, -1
	start(t, w, "client", time.Millisecond, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		a, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		b, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		e1 = fds.Bind(a, sa("10.0.0.2:5555"))
		e2 = fds.Bind(b, sa("10.0.0.2:5555"))
		e3 = fds.Connect(a, sa("10.0.0.1:80"))
		return 0
	})
	evs := run(t, w)
	if e1 != 0 || e2 != errno.EADDRINUSE || e3 != 0 {
		t.Fatalf("bind, bind, connect = %v %v %v; want ok, EADDRINUSE, ok\n%s", e1.Name(), e2.Name(), e3.Name(), dump(evs))
	}
	syn := find(t, evs, func(e trace.Event) bool { return e.Kind == trace.KindSegment && e.Flags == "S" })
	if syn.Src != "10.0.0.2:5555" {
		t.Errorf("SYN from %s, want the bound 10.0.0.2:5555", syn.Src)
	}
}

func TestReuseAddrAfterClose(t *testing.T) {
	w := lan(t, time.Millisecond, "server", "client")
	var plain, reuse errno.Errno = -1, -1
	start(t, w, "server", 0, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		l, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		// As Linux, both the old socket (its connections inherit it) and
		// the new one need SO_REUSEADDR to bind over TIME_WAIT.
		fds.SetSockOpt(l, sock.SOL_SOCKET, sock.SO_REUSEADDR, []byte{1, 0, 0, 0})
		fds.Bind(l, sa("0.0.0.0:7000"))
		fds.Listen(l, 5)
		c, _, _ := fds.Accept(l, 0)
		fds.Close(c) // server closes first: its side goes to TIME_WAIT
		fds.Close(l)
		p.Sleep(100 * time.Millisecond)
		a, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		plain = fds.Bind(a, sa("0.0.0.0:7000"))
		b, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		fds.SetSockOpt(b, sock.SOL_SOCKET, sock.SO_REUSEADDR, []byte{1, 0, 0, 0})
		reuse = fds.Bind(b, sa("0.0.0.0:7000"))
		return 0
	})
	start(t, w, "client", time.Millisecond, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		fds.Connect(fd, sa("10.0.0.1:7000"))
		buf := make([]byte, 10)
		fds.Read(fd, buf)
		fds.Close(fd)
		return 0
	})
	evs := run(t, w)
	if plain != errno.EADDRINUSE || reuse != 0 {
		t.Fatalf("bind in TIME_WAIT: plain %v, SO_REUSEADDR %v; want EADDRINUSE, ok\n%s", plain.Name(), reuse.Name(), dump(evs))
	}
}

func TestNonBlockingConnect(t *testing.T) {
	for _, tc := range []struct {
		port    string
		soError string
	}{{"10.0.0.1:80", ""}, {"10.0.0.1:81", "ECONNREFUSED"}} {
		w := lan(t, time.Millisecond, "server", "client")
		start(t, w, "server", 0, echoServer(t, 80, 5, 1))
		var seq []string
		start(t, w, "client", time.Millisecond, func(p *vnet.Thread) int {
			fds := kernel.New(p)
			fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
			fl, _ := fds.Fcntl(fd, sock.F_GETFL, 0)
			fds.Fcntl(fd, sock.F_SETFL, fl|sock.O_NONBLOCK)
			seq = append(seq, "connect:"+fds.Connect(fd, sa(tc.port)).Name())
			seq = append(seq, "again:"+fds.Connect(fd, sa(tc.port)).Name())
			var wset kernel.FdSet
			wset.Set(fd)
			n, _ := fds.Select(fd+1, nil, &wset, nil, nil)
			seq = append(seq, "select:"+strings.Repeat("w", n))
			v, _ := fds.GetSockOpt(fd, sock.SOL_SOCKET, sock.SO_ERROR)
			seq = append(seq, "SO_ERROR:"+errno.Errno(int(v[0])).Name())
			return 0
		})
		evs := run(t, w)
		wantSeq(t, tc.port, seq, []string{"connect:EINPROGRESS", "again:EALREADY", "select:w", "SO_ERROR:" + tc.soError}, evs)
	}
}

func TestEstablishedBeforeAccept(t *testing.T) {
	w := lan(t, time.Millisecond, "server", "client")
	start(t, w, "server", 0, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		fds.Bind(fd, sa("0.0.0.0:80"))
		fds.Listen(fd, 5)
		p.Sleep(time.Second) // not accepting yet
		fds.Accept(fd, 0)
		return 0
	})
	var connected time.Duration
	start(t, w, "client", time.Millisecond, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		must(t, "connect", fds.Connect(fd, sa("10.0.0.1:80")))
		connected = p.Now()
		return 0
	})
	evs := run(t, w)
	est := find(t, evs, func(e trace.Event) bool {
		return e.Kind == trace.KindState && e.Host == "server" && e.To == "ESTABLISHED"
	})
	acc := find(t, evs, func(e trace.Event) bool { return e.Kind == trace.KindSyscall && e.Call == "accept" })
	if connected > 10*time.Millisecond || est.T > int64(10*time.Millisecond) || acc.T < int64(time.Second) {
		t.Fatalf("connect returned at %v, server ESTABLISHED at %v, accept at %v; want the first two long before accept\n%s",
			connected, time.Duration(est.T), time.Duration(acc.T), dump(evs))
	}
	q := find(t, evs, func(e trace.Event) bool { return e.Kind == trace.KindQueue && e.AcceptQ == 1 })
	if q.T > int64(10*time.Millisecond) {
		t.Errorf("accept queue held the connection only at %v", time.Duration(q.T))
	}
}

func TestAcceptQueueFull(t *testing.T) {
	names := []string{"server", "c1", "c2", "c3", "c4"}
	w := lan(t, time.Millisecond, names...)
	start(t, w, "server", 0, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		fds.Bind(fd, sa("0.0.0.0:80"))
		fds.Listen(fd, 1)
		p.Sleep(10 * time.Second) // never accepts in time
		return 0
	})
	errs := make([]errno.Errno, 4)
	for i := range errs {
		i := i
		start(t, w, names[i+1], time.Duration(i+1)*10*time.Millisecond, func(p *vnet.Thread) int {
			fds := kernel.New(p)
			fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
			errs[i] = fds.Connect(fd, sa("10.0.0.1:80"))
			p.Sleep(20 * time.Second)
			return 0
		})
	}
	evs := run(t, w)
	maxQ := 0
	for _, e := range evs {
		if e.Kind == trace.KindQueue && e.AcceptQ > maxQ {
			maxQ = e.AcceptQ
		}
	}
	// As on Linux, the accept queue holds backlog + 1 connections; with it
	// full, further SYNs are dropped and the clients retransmit them.
	if maxQ != 2 {
		t.Errorf("accept queue peaked at %d, want backlog + 1 = 2", maxQ)
	}
	retrans := 0
	for _, e := range evs {
		if e.Kind == trace.KindSegment && e.Flags == "S" && e.Host == "c3" {
			retrans++
		}
	}
	if retrans < 2 {
		t.Errorf("c3 sent %d SYNs, want retransmissions while the queue is full\n%s", retrans, dump(evs))
	}
}

func TestThirdAckLostThenData(t *testing.T) {
	w := lan(t, time.Millisecond, "server", "client")
	// Frames: ARP request, ARP reply, SYN, SYN-ACK, ACK (5th).
	if err := w.AddRule(vnet.Rule{Drop: true, Nth: 5}); err != nil {
		t.Fatal(err)
	}
	var reply string
	start(t, w, "server", 0, echoServer(t, 80, 5, 1))
	start(t, w, "client", time.Millisecond, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		must(t, "connect", fds.Connect(fd, sa("10.0.0.1:80")))
		fds.Write(fd, []byte("hi"))
		buf := make([]byte, 8)
		n, _ := fds.Read(fd, buf)
		reply = string(buf[:max(n, 0)])
		return 0
	})
	evs := run(t, w)
	wantSeq(t, "flags", tcpFlags(evs)[:5], []string{"client:S", "server:S.", "client:.x", "client:P.", "server:."}, evs)
	if reply != "hi" {
		t.Errorf("echo = %q: the data segment's ACK should complete the server's handshake\n%s", reply, dump(evs))
	}
}

func TestDeterminism(t *testing.T) {
	build := func() string {
		w := lan(t, time.Millisecond, "server", "c1", "c2")
		start(t, w, "server", 0, echoServer(t, 80, 5, 2))
		for i, c := range []string{"c1", "c2"} {
			start(t, w, c, time.Duration(i)*time.Microsecond, func(p *vnet.Thread) int {
				fds := kernel.New(p)
				fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
				fds.Connect(fd, sa("10.0.0.1:80"))
				fds.Write(fd, []byte("ping from "+c))
				buf := make([]byte, 64)
				fds.Read(fd, buf)
				fds.Close(fd)
				return 0
			})
		}
		if _, err := w.Run(); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		trace.WriteJSON(&b, w.Trace().Events())
		return b.String()
	}
	first := build()
	for i := 1; i < 20; i++ {
		if got := build(); got != first {
			t.Fatalf("run %d differs from run 0:\n%s\n---\n%s", i, got, first)
		}
	}
}

func TestListenerClosedWithConnectionsInQueue(t *testing.T) {
	w := lan(t, time.Millisecond, "server", "client")
	start(t, w, "server", 0, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		fds.Bind(fd, sa("0.0.0.0:80"))
		fds.Listen(fd, 5)
		p.Sleep(100 * time.Millisecond)
		fds.Close(fd) // the connection in the accept queue is reset
		p.Sleep(100 * time.Millisecond)
		return 0
	})
	var readErr errno.Errno
	start(t, w, "client", time.Millisecond, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		must(t, "connect", fds.Connect(fd, sa("10.0.0.1:80")))
		_, readErr = fds.Read(fd, make([]byte, 4))
		return 0
	})
	evs := run(t, w)
	if readErr != errno.ECONNRESET {
		t.Errorf("client read = %v, want ECONNRESET", readErr.Name())
	}
	st := states(evs)
	wantSeq(t, "server states", filter(st, "server"), []string{"server 3: CLOSED->LISTEN", "server -1: LISTEN->SYN_RECV", "server -1: SYN_RECV->ESTABLISHED", "server 3: LISTEN->CLOSED", "server -1: ESTABLISHED->CLOSED"}, evs)
	q := evs[0]
	for _, e := range evs {
		if e.Kind == trace.KindQueue {
			q = e
		}
	}
	if q.AcceptQ != 1 {
		t.Errorf("last queue event %+v", q)
	}
}

func filter(s []string, prefix string) []string {
	var out []string
	for _, v := range s {
		if strings.HasPrefix(v, prefix) {
			out = append(out, v)
		}
	}
	return out
}
