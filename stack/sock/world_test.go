package sock_test

import (
	"fmt"
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

// lan builds a world with the named hosts on one link, host i getting
// 10.0.0.(i+1)/24 in the order given.
func lan(t testing.TB, delay time.Duration, names ...string) *vnet.World {
	t.Helper()
	w := vnet.New(vnet.Options{Seed: 1})
	for _, n := range names {
		if _, err := w.AddHost(n, false); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.AddLink(names, delay, 0); err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		if err := w.Host(n).AddAddress(0, netip.MustParsePrefix(fmt.Sprintf("10.0.0.%d/24", i+1))); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

func start(t testing.TB, w *vnet.World, host string, at time.Duration, prog vnet.Program) {
	t.Helper()
	if _, err := w.Start(host, prog, at, nil); err != nil {
		t.Fatal(err)
	}
}

func run(t testing.TB, w *vnet.World) []trace.Event {
	t.Helper()
	if _, err := w.Run(); err != nil {
		t.Fatal(err)
	}
	evs := w.Trace().Events()
	checkPcap(t, evs)
	return evs
}

func sa(s string) []byte {
	ap := netip.MustParseAddrPort(s)
	if ap.Addr().Is4() {
		return sock.SockaddrInet4(ap.Addr(), ap.Port())
	}
	return sock.SockaddrInet6(ap.Addr(), ap.Port())
}

// tcpFlags lists "host:flags" of TCP segments on the wire (dropped marked
// with a trailing "x").
func tcpFlags(evs []trace.Event) []string {
	var out []string
	for _, e := range evs {
		if e.Kind == trace.KindSegment {
			s := e.Host + ":" + e.Flags
			if e.Dropped {
				s += "x"
			}
			out = append(out, s)
		}
	}
	return out
}

// states lists "host fd: FROM->TO" state changes in order.
func states(evs []trace.Event) []string {
	var out []string
	for _, e := range evs {
		if e.Kind == trace.KindState {
			out = append(out, fmt.Sprintf("%s %d: %s->%s", e.Host, e.FD, e.From, e.To))
		}
	}
	return out
}

func find(t testing.TB, evs []trace.Event, pred func(trace.Event) bool) trace.Event {
	t.Helper()
	for _, e := range evs {
		if pred(e) {
			return e
		}
	}
	t.Fatalf("no matching event in trace:\n%s", dump(evs))
	return trace.Event{}
}

func dump(evs []trace.Event) string {
	var b strings.Builder
	trace.WriteText(&b, evs, trace.TextOptions{})
	return b.String()
}

func wantSeq(t testing.TB, what string, got, want []string, evs []trace.Event) {
	t.Helper()
	if strings.Join(got, " | ") != strings.Join(want, " | ") {
		t.Fatalf("%s:\n got  %q\n want %q\ntrace:\n%s", what, got, want, dump(evs))
	}
}

// must fails the program's test when a call fails.
func must(t testing.TB, what string, err errno.Errno) {
	if err != 0 {
		t.Errorf("%s: %v (%s)", what, err, err.Name())
	}
}

// server listens on port, accepts n connections and echoes what each sends
// until EOF.
func echoServer(t testing.TB, port uint16, backlog, n int) vnet.Program {
	return func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, err := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		must(t, "socket", err)
		one := []byte{1, 0, 0, 0}
		must(t, "setsockopt", fds.SetSockOpt(fd, sock.SOL_SOCKET, sock.SO_REUSEADDR, one))
		must(t, "bind", fds.Bind(fd, sock.SockaddrInet4(netip.IPv4Unspecified(), port)))
		must(t, "listen", fds.Listen(fd, backlog))
		for i := 0; i < n; i++ {
			c, _, err := fds.Accept(fd, 0)
			must(t, "accept", err)
			buf := make([]byte, 2048)
			for {
				k, err := fds.Read(c, buf)
				if err != 0 || k == 0 {
					break
				}
				if _, err := fds.Write(c, buf[:k]); err != 0 {
					break
				}
			}
			fds.Close(c)
		}
		fds.Close(fd)
		return 0
	}
}
