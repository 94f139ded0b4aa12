package kernel_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"netplay/internal/tier"
	"netplay/stack/runner"
	"netplay/stack/trace"
)

// SpinProgram never blocks: it selects on stdin, which is readable for
// good once input has ended, and never looks at read's 0 (issue 12: such
// programs ran forever and grew without bound).
const SpinProgram = `#include <unistd.h>
#include <sys/select.h>
int main(void) {
	char buf[100];
	for (;;) {
		fd_set r; FD_ZERO(&r); FD_SET(0, &r);
		select(1, &r, NULL, NULL, NULL);
		if (FD_ISSET(0, &r)) read(0, buf, sizeof buf);
	}
}
`

// A program that calls the system in a loop without ever blocking meets
// the step limit (each call costs libc.SyscallSteps), and the trace keeps
// its head and tail within the budget and says what it cut.
func TestSpinOnStdinEnds(t *testing.T) {
	t0 := time.Now()
	res, _ := newWorld(t).host("a", "", SpinProgram, "1s", "x\n", "2s", "EOF").run(runner.Options{})
	took := time.Since(t0)
	e := exitOf(t, res.Events, "a")
	if e.Status != 137 || !strings.Contains(e.Reason, "step limit exceeded") || !strings.Contains(e.Reason, "at a.c:") {
		t.Errorf("exit %+v", e)
	}
	var cut *trace.Event
	for i := range res.Events {
		if res.Events[i].Kind == trace.KindCut {
			cut = &res.Events[i]
		}
	}
	if cut == nil || cut.CutEvents == 0 {
		t.Fatalf("no cut event in %d events", len(res.Events))
	}
	if len(res.Events) > trace.DefaultBudget/400 {
		t.Errorf("%d events kept: more than the budget holds", len(res.Events))
	}
	t.Logf("ended after %v of real time, %d events kept, %d cut", took, len(res.Events), cut.CutEvents)
}

// TestBenchStdinSpin prints stdin_spin_stop_ms: the real time until the
// never-blocking loop is ended, native (issue 12: at most 2,000 ms).
func TestBenchStdinSpin(t *testing.T) {
	tier.Need(t, tier.Bench)
	if runtime.GOOS == "js" {
		t.Skip("stdin_spin_stop_ms is a native figure")
	}
	w := newWorld(t).host("a", "", SpinProgram, "0s", "EOF")
	best := time.Duration(1 << 62)
	for i := 0; i < 3; i++ {
		t0 := time.Now()
		w.run(runner.Options{})
		best = min(best, time.Since(t0))
	}
	fmt.Printf("BENCH stdin_spin_stop_ms %.1f ms\n", float64(best.Microseconds())/1000)
}

// A program polling a non-blocking socket in a loop sees the data that
// arrives meanwhile: while every program that can run only spins, virtual
// time passes as it computes (vnet's spinSlices, sliceTime).
func TestPollingLoopSeesData(t *testing.T) {
	client := stdinProgram(t, "polling_client.c")
	res, tr := newWorld(t).host("server", "10.0.0.2/24", stdinProgram(t, "echo_server.c")).host("client", "10.0.0.1/24", client).run(runner.Options{})
	if got := output(res.Events, "client"); got != "got 3 bytes after many tries\n" {
		t.Errorf("client printed %q\n%s", got, tr)
	}
	if e := exitOf(t, res.Events, "client"); e.Status != 0 {
		t.Errorf("client %+v", e)
	}
}
