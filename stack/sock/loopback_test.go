package sock_test

import (
	"fmt"
	"testing"
	"time"

	"netplay/stack/kernel"
	"netplay/stack/sock"
	"netplay/stack/trace"
	"netplay/stack/vnet"
)

// TestLoopbackStates: a connection over 127.0.0.1 within one host shows
// every state of both ends and of the listener's child, also after the
// program closed its sockets (no frame crosses a link to tell the
// scheduler something changed).
func TestLoopbackStates(t *testing.T) {
	w := lan(t, time.Millisecond, "h", "other")
	start(t, w, "h", 0, func(p *vnet.Thread) int {
		fds := kernel.New(p)
		l, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		must(t, "bind", fds.Bind(l, sa("127.0.0.1:80")))
		must(t, "listen", fds.Listen(l, 4))
		c, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
		must(t, "connect", fds.Connect(c, sa("127.0.0.1:80")))
		p.Sleep(time.Millisecond)
		s, _, err := fds.Accept(l, 0)
		must(t, "accept", err)
		fds.Write(c, []byte("hi"))
		buf := make([]byte, 8)
		fds.Read(s, buf)
		must(t, "close", fds.Close(c))
		p.Sleep(time.Millisecond)
		fds.Read(s, buf) // EOF
		must(t, "close", fds.Close(s))
		p.Sleep(time.Millisecond)
		return 0
	})
	evs := run(t, w)
	var got []string
	for _, e := range evs {
		if e.Kind == trace.KindState {
			got = append(got, fmt.Sprintf("%.3f %d: %s->%s", float64(e.T)/1e9, e.FD, e.From, e.To))
		}
	}
	wantSeq(t, "states", got, []string{
		"0.000 3: CLOSED->LISTEN",
		"0.000 4: CLOSED->SYN_SENT",
		"0.000 4: SYN_SENT->ESTABLISHED",
		"0.000 -1: LISTEN->ESTABLISHED",
		"0.001 4: ESTABLISHED->FIN_WAIT1",
		"0.001 5: ESTABLISHED->CLOSE_WAIT",
		"0.001 4: FIN_WAIT1->FIN_WAIT2",
		"0.002 5: CLOSE_WAIT->LAST_ACK",
		"0.002 4: FIN_WAIT2->TIME_WAIT",
		"0.002 5: LAST_ACK->CLOSED",
		"0.003 3: LISTEN->CLOSED",
	}, evs)
}
