package main

import (
	"strings"
	"testing"
	"time"

	"netplay/app/gallery"
	"netplay/stack/runner"
	"netplay/stack/scenario"
)

// TestRunRetransmission runs the page's runner (with the browser's breathe
// pause under GOOS=js) on the handshake with its SYN,ACK dropped: TCP must
// recover by retransmission, in virtual time, without hanging.
func TestRunRetransmission(t *testing.T) {
	for _, f := range []scenario.Fault{
		{Drop: &scenario.Match{Nth: 4}},
		{Drop: &scenario.Match{Host: "server", Dir: "out", Proto: "tcp", Flags: "S."}},
	} {
		sc, err := gallery.Load("handshake")
		if err != nil {
			t.Fatal(err)
		}
		sc.Faults = []scenario.Fault{f}
		done := make(chan struct{})
		var res *runner.Result
		go func() {
			defer close(done)
			res, err = run(sc, nil)
		}()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Fatalf("run with %+v did not finish in 30s", *f.Drop)
		}
		if err != nil {
			t.Fatal(err)
		}
		var text []string
		for _, e := range res.Events {
			if e.Call != "" {
				text = append(text, e.Call+" "+e.Errno)
			}
		}
		t.Logf("%+v: %d events, end %q, calls %v", *f.Drop, len(res.Events), res.End, text)
		if f.Drop.Nth == 0 && !strings.Contains(strings.Join(text, ","), "connect ETIMEDOUT") {
			t.Errorf("dropping every SYN,ACK: connect did not time out: %v", text)
		}
	}
}
