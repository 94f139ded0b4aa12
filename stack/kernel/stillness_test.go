package kernel_test

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"netplay/stack/runner"
	"netplay/stack/trace"
)

// A run waiting for the learner stands still at once: each line typed
// live lands when the last thing before the wait has happened (at most the
// link's 1 ms after the last event traced: the last frame's arrival); the
// neighbour cache going stale, TIME_WAIT's end and the retransmission
// timers gVisor leaves behind once data is acknowledged do not move the
// clock. The recorded run replays to the same trace, the same natively and
// in wasm (testdata/standstill.golden.txt).
func TestWaitStandsStill(t *testing.T) {
	w := newWorld(t).host("server", "10.0.0.2/24", stdinProgram(t, "echo_server.c")).host("client", "10.0.0.1/24", stdinProgram(t, "echo_client.c"))
	var last []int64 // the time of the trace's last event at each wait
	res, tr := w.runTyping("client", []string{"one\n", "two\n", "three\n"}, func(events []trace.Event) {
		last = append(last, events[len(events)-1].T)
	})
	if res.End != "all programs exited" {
		t.Fatalf("end %q\n%s", res.End, tr)
	}
	got := res.Stdin["client"]
	if len(got) != len(last) {
		t.Fatalf("recorded %+v for %d waits\n%s", got, len(last), tr)
	}
	for i, in := range got {
		if d := time.Duration(int64(in.At) - last[i]); d < 0 || d > time.Millisecond {
			t.Errorf("line %d typed at %v, the last event before the wait at %v: time moved while the run waited\n%s",
				i+1, time.Duration(in.At), time.Duration(last[i]), tr)
		}
		t.Logf("wait %d at %v", i+1, time.Duration(in.At))
	}
	sc := w.scenario()
	for _, in := range got {
		sc.Hosts[1].AddInput(in)
	}
	replay, err := runner.Run(sc, runner.Options{Compile: compile})
	if err != nil {
		t.Fatal(err)
	}
	if r := text(replay.Events); r != tr {
		t.Errorf("the replay differs:\n%s\n--- live ---\n%s", r, tr)
	}
	const golden = "testdata/standstill.golden.txt"
	if *update {
		if err := os.WriteFile(golden, []byte(tr), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want, err := os.ReadFile(golden); err != nil {
		t.Fatal(err)
	} else if tr != string(want) {
		t.Errorf("the trace differs from %s (go test -run TestWaitStandsStill -update rewrites it):\n%s", golden, tr)
	}
}

var update = flag.Bool("update", false, "rewrite testdata/standstill.golden.txt")

// A segment due to be resent keeps time running while the run waits for
// input, as it does on Linux while the learner types: the client's first
// line is lost on the wire, the run goes on to its retransmission (and
// the server's reading it) before it waits for the second line.
func TestWaitAfterRetransmission(t *testing.T) {
	w := newWorld(t).host("server", "10.0.0.2/24", stdinProgram(t, "line_server.c")).host("client", "10.0.0.1/24", stdinProgram(t, "send_client.c")).
		fault(map[string]any{"drop": map[string]any{"host": "client", "dir": "out", "flags": "P.", "count": 1}})
	var waits [][]trace.Event
	res, tr := w.runTyping("client", []string{"one\n"}, func(events []trace.Event) { waits = append(waits, events) })
	if res.End != "all programs exited" || len(waits) != 2 {
		t.Fatalf("end %q after %d waits\n%s", res.End, len(waits), tr)
	}
	sent := 0
	for _, e := range waits[1] {
		if e.Kind == trace.KindSegment && e.Host == "client" && strings.Contains(trace.TextLine(&e, trace.TextOptions{}), "Flags [P.], seq 1:5,") {
			sent++
		}
	}
	if sent != 2 {
		t.Errorf("the line went out %d times before the second wait, want 2 (lost, resent)\n%s", sent, tr)
	}
	if got := output(waits[1], "server"); got != "got one\n" {
		t.Errorf("the server printed %q before the second wait\n%s", got, tr)
	}
	at, last := res.Stdin["client"][1].At, waits[1][len(waits[1])-1].T
	if d := time.Duration(int64(at) - last); d < 0 || d > time.Millisecond {
		t.Errorf("the end of input typed at %v, the last event before the wait at %v\n%s", time.Duration(at), time.Duration(last), tr)
	}
}

// TIME_WAIT's end is housekeeping too: a client that closed its
// connection and then waits for the learner waits at once, not after the
// 60 s a TIME_WAIT socket lingers (the socket is still there when the
// line comes, as on Linux when the learner types within the minute).
func TestWaitInTimeWait(t *testing.T) {
	client := stdinProgram(t, "timewait_client.c")
	w := newWorld(t).host("server", "10.0.0.2/24", stdinProgram(t, "line_server.c")).host("client", "10.0.0.1/24", client)
	w.limit = "300s" // TIME_WAIT ends well within it
	res, tr := w.run(runner.Options{})
	if res.End != "waiting for input" {
		t.Fatalf("end %q\n%s", res.End, tr)
	}
	if !strings.Contains(tr, "FIN_WAIT2 -> TIME_WAIT") {
		t.Fatalf("the client's socket never reached TIME_WAIT\n%s", tr)
	}
	if e := exitOf(t, res.Events, "client"); e.T > int64(time.Second) {
		t.Errorf("the run waited at %v, want at once (TIME_WAIT's end is not the learner's)\n%s", time.Duration(e.T), tr)
	}
}

// A keepalive timer armed for later than the limit (SO_KEEPALIVE's first
// probe after Linux's 2 hours idle) does not hold the wait; one due
// within it (TCP_KEEPIDLE 1 s) does: its probes go out while the learner
// would type, until the next is due past the limit.
func TestWaitWithKeepalive(t *testing.T) {
	client := func(idle int) string {
		return strings.Replace(stdinProgram(t, "keepalive_client.c"), "#define KEEPIDLE 0", fmt.Sprint("#define KEEPIDLE ", idle), 1)
	}
	res, tr := newWorld(t).host("server", "10.0.0.2/24", stdinProgram(t, "line_server.c")).host("client", "10.0.0.1/24", client(0)).run(runner.Options{})
	if e := exitOf(t, res.Events, "client"); res.End != "waiting for input" || e.T > int64(time.Second) {
		t.Errorf("default keepalive: end %q at %v, want waiting for input at once\n%s", res.End, time.Duration(e.T), tr)
	}
	res, tr = newWorld(t).host("server", "10.0.0.2/24", stdinProgram(t, "line_server.c")).host("client", "10.0.0.1/24", client(1)).run(runner.Options{})
	probes := 0
	for _, e := range res.Events {
		if e.Kind == trace.KindSegment && e.Host == "client" && e.T > int64(time.Second) && strings.Contains(trace.TextLine(&e, trace.TextOptions{}), "Flags [.], ack 1,") {
			probes++
		}
	}
	// gVisor probes again a keepalive idle after each answer (Linux after
	// TCP_KEEPINTVL): one a second until the next would be past the limit.
	if e := exitOf(t, res.Events, "client"); res.End != "waiting for input" || probes < 50 || e.T < int64(59*time.Second) {
		t.Errorf("TCP_KEEPIDLE 1: end %q at %v after %d probes, want the probes until the next is past the limit\n%s",
			res.End, time.Duration(e.T), probes, tr[max(0, len(tr)-3000):])
	}
}
