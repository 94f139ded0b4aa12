package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"netplay/app/engineapi"
	"netplay/app/gallery"
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
		var res *engineapi.Result
		go func() {
			defer close(done)
			res, err = run(sc, engineapi.Live{})
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

// TestCompiledReuse: a program from the compile cache gives the same trace
// as a fresh compile (a compiled program keeps no state between runs).
func TestCompiledReuse(t *testing.T) {
	var traces []string
	for i := 0; i < 3; i++ {
		sc, err := gallery.Load("handshake")
		if err != nil {
			t.Fatal(err)
		}
		res, err := run(sc, engineapi.Live{})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, e := range res.Events {
			fmt.Fprintf(&b, "%d %s %s %s %d %s %s\n", e.T, e.Host, e.Kind, e.Call, e.Ret, e.To, e.Text)
		}
		traces = append(traces, b.String())
	}
	if traces[0] != traces[1] || traces[1] != traces[2] {
		t.Errorf("runs with cached programs differ:\n%s\n---\n%s", traces[0], traces[2])
	}
	compiled.Lock()
	n := len(compiled.m)
	compiled.Unlock()
	if n < 2 {
		t.Errorf("compile cache holds %d programs", n)
	}
}

// A runaway program on the page ends by itself at the page's wall-clock
// limit, with its message and what it did before.
func TestRunWallLimit(t *testing.T) {
	defer func(d time.Duration) { wallLimit = d }(wallLimit)
	wallLimit = 200 * time.Millisecond
	sc, err := gallery.Load("handshake")
	if err != nil {
		t.Fatal(err)
	}
	sc.Hosts[0].Program = "#include <stdio.h>\nint main(void)\n{\n    printf(\"hello\\n\");\n    fflush(stdout);\n    for (;;)\n        ;\n}\n"
	res, err := run(sc, engineapi.Live{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.End, "wall-clock limit 200ms reached") {
		t.Errorf("end %q", res.End)
	}
	var exits, hello int
	for _, e := range res.Events {
		switch {
		case e.Kind == "exit" && e.Host == "server" && strings.Contains(e.Reason, "wall-clock limit"):
			exits++
		case e.Kind == "output" && e.Host == "server" && e.Text == "hello\n":
			hello++
		}
	}
	if exits != 1 || hello != 1 {
		t.Errorf("the server's exit at the limit: %d; its output kept: %d", exits, hello)
	}
}
