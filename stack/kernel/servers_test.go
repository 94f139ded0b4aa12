package kernel_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"netplay/stack/runner"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// The course's one-process server models, each with four clients: a
// select loop, a poll loop, epoll level- and edge-triggered, epoll with
// one-shot items re-armed; and an edge-triggered reader that does not
// drain, which waits for ever. servers_linux_test.go runs them on the
// kernel.

// servers are the echo servers of testdata/servers, served to client.c.
var servers = []string{"select", "poll", "epoll_lt", "epoll_et", "oneshot"}

// serverScenario is server.c on 10.0.0.2 and n copies of client on
// 10.0.0.11… (argv[1] its host's name), started 50 ms apart, on one link.
func serverScenario(t *testing.T, server, client string, n int, limit time.Duration) *scenario.Scenario {
	t.Helper()
	sc := &scenario.Scenario{Version: 1, Seed: 1, Limit: scenario.Duration(limit),
		Hosts: []scenario.Host{{Name: "server", Addrs: []string{"10.0.0.2/24"}, Program: readTestdata(t, "servers/"+server+".c")}}}
	names := []string{"server"}
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("c%d", i)
		names = append(names, name)
		sc.Hosts = append(sc.Hosts, scenario.Host{Name: name, Addrs: []string{fmt.Sprintf("10.0.0.%d/24", 10+i)},
			Program: readTestdata(t, "servers/"+client+".c"), Args: []string{name},
			Start: scenario.Duration(100*time.Millisecond + time.Duration(i)*50*time.Millisecond)})
	}
	sc.Links = []scenario.Link{{Hosts: names, Delay: scenario.Duration(time.Millisecond)}}
	return sc
}

func runScenario(t testing.TB, sc *scenario.Scenario) *runner.Result {
	t.Helper()
	res, err := runner.Run(sc, runner.Options{Compile: compile})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestServers: every model serves its four clients (each gets its three
// echoes), ends by itself, and a run repeats its trace exactly.
func TestServers(t *testing.T) {
	for _, server := range servers {
		t.Run(server, func(t *testing.T) {
			sc := serverScenario(t, server, "client", 4, 20*time.Second)
			res := runScenario(t, sc)
			tr := text(res.Events)
			for i := 1; i <= 4; i++ {
				c := fmt.Sprintf("c%d", i)
				want := fmt.Sprintf("%s: echo %s line 1\n%s: echo %s line 2\n%s: echo %s line 3\n", c, c, c, c, c, c)
				if got := output(res.Events, c); got != want {
					t.Errorf("%s printed %q, want %q\n%s", c, got, want, tr)
				}
				if e := exitOf(t, res.Events, c); e.Status != 0 {
					t.Errorf("%s exited %d %s", c, e.Status, e.Reason)
				}
			}
			out := output(res.Events, "server")
			if !strings.Contains(out, "served 4 clients") || exitOf(t, res.Events, "server").Status != 0 {
				t.Errorf("server printed %q\n%s", out, tr)
			}
			sameTraces(t, sc, res.Events, runs(server))
		})
	}
}

// runs is how many runs must give one trace: 20, but in wasm (node runs
// a world about five times slower) 20 only for the edge-triggered models.
func runs(server string) int {
	if runtime.GOOS == "js" && server != "epoll_et" && server != "et_stuck" {
		return 2
	}
	return 20
}

// sameTraces runs sc n-1 more times: every trace must be first's.
func sameTraces(t *testing.T, sc *scenario.Scenario, first []trace.Event, n int) {
	t.Helper()
	want := jsonOf(t, first)
	for i := 1; i < n; i++ {
		if got := jsonOf(t, runScenario(t, sc).Events); got != want {
			t.Fatalf("run %d's trace differs from the first's:\n%s", i+1, firstDiff(want, got))
		}
	}
}

func jsonOf(t *testing.T, evs []trace.Event) string {
	t.Helper()
	var b strings.Builder
	if err := trace.WriteJSON(&b, evs); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n  %s\n  %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines, then %d", len(al), len(bl))
}

// TestEdgeTriggeredStuck: a reader of an edge-triggered item that takes
// 4 of the 10 bytes a report announced is not told of the 6 left: it and
// its client wait until the run's time limit ends them.
func TestEdgeTriggeredStuck(t *testing.T) {
	sc := serverScenario(t, "et_stuck", "stuck_client", 1, 10*time.Second)
	res := runScenario(t, sc)
	tr := text(res.Events)
	if got := output(res.Events, "server"); got != "report 1: read 4 bytes\n" {
		t.Errorf("server printed %q\n%s", got, tr)
	}
	if got := output(res.Events, "c1"); got != "got 4 of 10\n" {
		t.Errorf("client printed %q\n%s", got, tr)
	}
	for _, h := range []string{"server", "c1"} {
		if e := exitOf(t, res.Events, h); e.Status != 137 || !strings.Contains(e.Reason, "time limit") {
			t.Errorf("%s ended %d %q, want the time limit", h, e.Status, e.Reason)
		}
	}
	contains(t, tr, tr, "epoll_ctl(5, EPOLL_CTL_ADD, 4, {events=EPOLLIN|EPOLLET, data={u32=4, u64=4}}) = 0",
		"epoll_wait(5, [{events=EPOLLIN, data={u32=4, u64=4}}], 1, -1) = 1")
	sameTraces(t, sc, res.Events, runs("et_stuck"))
}

// TestReadyCauses: select, poll and epoll_wait say, for each descriptor
// they return, the event of the trace that made it ready: the frame that
// brought a client's data or connection, a local message, the input typed,
// the other end's close.
func TestReadyCauses(t *testing.T) {
	res := runScenario(t, serverScenario(t, "epoll_lt", "client", 2, 20*time.Second))
	evs := res.Events
	n := 0
	for _, e := range evs {
		if e.Kind != trace.KindSyscall || e.Call != "epoll_wait" {
			continue
		}
		for _, r := range e.Ready {
			n++
			if r.By != "frame" || r.Ev < 0 || r.Ev >= len(evs) {
				t.Fatalf("%s: fd %d ready by %q (ev %d)", trace.TextLine(&e, trace.TextOptions{}), r.FD, r.By, r.Ev)
			}
			f := evs[r.Ev]
			if f.Frame != r.Frame || f.Receiver != "server" || f.Kind != trace.KindSegment || f.Arrive > e.T {
				t.Errorf("%s: fd %d ready by event %d, %s", trace.TextLine(&e, trace.TextOptions{}), r.FD, r.Ev, trace.TextLine(&f, trace.TextOptions{}))
			}
		}
	}
	if n == 0 {
		t.Fatal("no epoll_wait returned a descriptor")
	}

	res, tr := newWorld(t).host("a", "", `#include <poll.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/select.h>
#include <sys/socket.h>
int main(void) {
	int p[2], s[2];
	pipe(p);
	socketpair(AF_UNIX, SOCK_STREAM, 0, s);
	write(p[1], "x", 1);
	struct pollfd f[2] = {{p[0], POLLIN, 0}, {s[0], POLLIN, 0}};
	poll(f, 2, -1);
	close(s[1]);
	poll(f + 1, 1, -1);
	fd_set r;
	FD_ZERO(&r);
	FD_SET(0, &r);
	select(1, &r, NULL, NULL, NULL);
	return 0;
}
`, "1s", "hello\n").run(runner.Options{})
	var got []string
	for _, e := range res.Events {
		if len(e.Ready) > 0 {
			for _, r := range e.Ready {
				c := evs0(res.Events, r.Ev)
				got = append(got, fmt.Sprintf("%s fd %d %s by %s %s", e.Call, r.FD, r.Events, r.By, c))
			}
		}
	}
	want := []string{
		"poll fd 3 POLLIN by local local fd 4 > fd 3: pipe, length 1",
		"poll fd 5 POLLIN|POLLHUP by call syscall close(6) = 0",
		"select fd 0 read by input input hello\n",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), tr)
	}
	contains(t, tr, tr, "poll([{3, POLLIN} {5, POLLIN}], -1) = 1 [ready: fd 3 by local message 1]", "select(1, [0], NULL, NULL, NULL) = 1 [ready: fd 0 by input]")
}

// evs0 describes event i of a trace: its kind and text line.
func evs0(evs []trace.Event, i int) string {
	if i < 0 || i >= len(evs) {
		return fmt.Sprintf("(no event %d)", i)
	}
	return string(evs[i].Kind) + " " + trace.TextLine(&evs[i], trace.TextOptions{})
}
