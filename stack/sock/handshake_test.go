package sock_test

import (
	"testing"
	"time"

	"netplay/stack/kernel"
	"netplay/stack/sock"
	"netplay/stack/trace"
	"netplay/stack/vnet"
)

func TestHandshakeAndEcho(t *testing.T) {
	w := lan(t, time.Millisecond, "server", "client")
	start(t, w, "server", 0, echoServer(t, 12345, 5, 1))
	var reply string
	start(t, w, "client", 10*time.Millisecond, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		must(t, "connect", fds.Connect(fd, sa("10.0.0.1:12345")))
		fds.Write(fd, []byte("hello"))
		buf := make([]byte, 16)
		n, err := fds.Read(fd, buf)
		must(t, "read", err)
		reply = string(buf[:n])
		fds.Close(fd)
		return 0
	})
	evs := run(t, w)
	if reply != "hello" {
		t.Fatalf("echo = %q\n%s", reply, dump(evs))
	}
	flags := tcpFlags(evs)
	wantSeq(t, "handshake", flags[:3], []string{"client:S", "server:S.", "client:."}, evs)
	st := states(evs)
	for _, want := range []string{"server 3: CLOSED->LISTEN", "client 3: CLOSED->SYN_SENT", "server -1: LISTEN->SYN_RECV", "client 3: SYN_SENT->ESTABLISHED", "server -1: SYN_RECV->ESTABLISHED"} {
		found := false
		for _, s := range st {
			if s == want {
				found = true
			}
		}
		if !found {
			t.Errorf("missing state change %q in %q", want, st)
		}
	}
	c := find(t, evs, func(e trace.Event) bool { return e.Kind == trace.KindSyscall && e.Call == "connect" })
	if c.Ret != 0 || c.Errno != "" || c.T-c.Start != int64(4*time.Millisecond) {
		t.Errorf("connect: ret %d errno %q took %v, want 0 after the ARP and SYN round trips (4ms)", c.Ret, c.Errno, time.Duration(c.T-c.Start))
	}
}

func TestPrintTrace(t *testing.T) {
	w := lan(t, time.Millisecond, "server", "client")
	start(t, w, "server", 0, echoServer(t, 12345, 5, 1))
	start(t, w, "client", 10*time.Millisecond, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		fds.Connect(fd, sa("10.0.0.1:12345"))
		fds.Write(fd, []byte("hello"))
		buf := make([]byte, 16)
		fds.Read(fd, buf)
		fds.Close(fd)
		return 0
	})
	t.Log("\n" + dump(run(t, w)))
}
