package vnet_test

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

// script is a vnet.Actor doing fs at their times, one a turn.
type script struct {
	at   []time.Duration
	fs   []func()
	next int
}

func (s *script) Act(now int64) (bool, int64, bool) {
	acted := false
	if s.next < len(s.at) && int64(s.at[s.next]) <= now {
		s.fs[s.next]()
		s.next++
		acted = true
	}
	if s.next < len(s.at) {
		return acted, int64(s.at[s.next]), true
	}
	return acted, 0, false
}

func (s *script) add(at time.Duration, f func()) *script {
	s.at, s.fs = append(s.at, at), append(s.fs, f)
	return s
}

// acceptOnce listens on port 80 and reads what one client sends.
func acceptOnce(p *vnet.Thread) int {
	fds := kernel.New(p)
	fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
	fds.Bind(fd, sock.SockaddrInet4(netip.IPv4Unspecified(), 80))
	fds.Listen(fd, 5)
	c, _, _ := fds.Accept(fd, 0)
	buf := make([]byte, 64)
	for {
		if n, _ := fds.Read(c, buf); n <= 0 {
			return 0
		}
	}
}

// writeEvery connects to 10.0.0.1:80 and writes a byte every 500 ms,
// reporting the errno that ends it.
func writeEvery(got *errno.Errno) vnet.Program {
	return func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		if *got = fds.Connect(fd, sock.SockaddrInet4(netip.MustParseAddr("10.0.0.1"), 80)); *got != 0 {
			return 1
		}
		fds.IgnoreSIGPIPE(true)
		for i := 0; i < 20; i++ {
			if _, *got = fds.Write(fd, []byte{'x'}); *got != 0 {
				return 1
			}
			p.Sleep(500 * time.Millisecond)
		}
		return 0
	}
}

// TestCrashAndBoot: a crashed host sends nothing (no FIN, no RST), frames
// that reach it are lost, its program ends as SIGKILL ends one; booted
// again, its fresh stack answers the peer's old connection with RST.
func TestCrashAndBoot(t *testing.T) {
	w := pair(t, 1, 0)
	server := w.Host("server")
	w.Start("server", acceptOnce, 0, nil)
	var werr errno.Errno
	w.Start("client", writeEvery(&werr), 100*time.Millisecond, nil)
	w.SetActor(new(script).
		add(1200*time.Millisecond, func() { server.Crash("the host crashed") }).
		add(3*time.Second, func() {
			if err := server.Boot(); err != nil {
				t.Error(err)
			}
		}))
	w.Run()
	evs := w.Trace().Events()
	var lost, rst int
	for _, e := range evs {
		if e.T > int64(1200*time.Millisecond) && e.T < int64(3*time.Second) && e.Host == "server" && e.Kind != trace.KindExit {
			t.Errorf("the crashed server did something: %s", trace.TextLine(&e, trace.TextOptions{}))
		}
		if e.Kind == trace.KindSegment && e.Host == "client" && e.Dropped && e.Fault == "lost: server is powered off" {
			lost++
		}
		if e.Kind == trace.KindSegment && e.Host == "server" && e.Flags == "R" && e.T > int64(3*time.Second) {
			rst++
		}
		if e.Kind == trace.KindExit && e.Host == "server" && (e.Status != 137 || e.Reason != "the host crashed" || e.T != int64(1200*time.Millisecond)) {
			t.Errorf("server's exit %+v, want 137 at the crash", e)
		}
	}
	if lost == 0 || rst != 1 || werr != errno.ECONNRESET {
		t.Errorf("%d segments lost while off, %d RST after the boot, client's write %v; want some, 1, ECONNRESET", lost, rst, werr)
	}
	if server.Boots() != 1 || !server.Up() {
		t.Errorf("boots %d, up %v", server.Boots(), server.Up())
	}
}

// TestUnplugAndSet: while a link is unplugged what its hosts send stays in
// the trace, dropped for no carrier, and they forget their neighbours (an
// ARP exchange again after the plug); set changes the delay from then on.
func TestUnplugAndSet(t *testing.T) {
	w := pair(t, 1, 0)
	l := w.Link(0)
	w.Start("client", pinger(10), 0, nil)
	w.SetActor(new(script).
		add(25*time.Millisecond, l.Unplug).
		add(55*time.Millisecond, l.Plug).
		add(75*time.Millisecond, func() { l.Set(20*time.Millisecond, 0) }))
	w.Run()
	var log []string
	for _, e := range w.Trace().Events() {
		if e.Kind != trace.KindARP && e.Kind != trace.KindUDP {
			continue
		}
		s := string(e.Kind) + "@" + time.Duration(e.T).String()
		switch {
		case e.Dropped && strings.HasPrefix(e.Fault, trace.NoCarrier):
			s += " x"
		case e.Dropped:
			t.Errorf("fault %q", e.Fault)
		default:
			s += " " + time.Duration(e.Arrive-e.T).String()
		}
		log = append(log, s)
	}
	// The datagram of 30 ms needs an ARP request again, which finds no
	// carrier; it and the next ones wait for the neighbour, and go out
	// when the next request (1 s later) is answered, on the slower link.
	want := "arp@0s 5ms arp@5ms 5ms udp@10ms 5ms udp@10ms 5ms udp@20ms 5ms arp@30ms x arp@1.03s 20ms arp@1.05s 20ms" +
		" udp@1.07s 20ms udp@1.07s 20ms udp@1.07s 20ms udp@1.07s 20ms udp@1.07s 20ms udp@1.07s 20ms udp@1.07s 20ms"
	if got := strings.Join(log, " "); got != want {
		t.Errorf("frames %s\nwant   %s", got, want)
	}
}

// TestActionsKeepTheWorldRunning: a world whose programs have all exited
// runs on to its last action.
func TestActionsKeepTheWorldRunning(t *testing.T) {
	w := pair(t, 1, 0)
	w.Start("client", pinger(1), 0, nil)
	done := time.Duration(0)
	w.SetActor(new(script).add(20*time.Second, func() { done = w.Now() }))
	end, _ := w.Run()
	if done != 20*time.Second || end != "all programs exited" {
		t.Errorf("the action ran at %v; the run ended %q", done, end)
	}
}
