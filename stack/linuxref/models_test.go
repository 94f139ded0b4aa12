//go:build linux

package linuxref

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"netplay/stack/c"
	"netplay/stack/runner"
	"netplay/stack/scenario"
)

// The course's concurrent servers and its signal cases (stack/c/testdata:
// models, signals), on netplay and on the kernel: the same system calls
// with the same results (as multisets: the order threads and processes
// interleave is each scheduler's), the same output (a server's lines as a
// set), the same exit statuses, and the same frames on each connection
// (netstack acknowledging at once where Linux delays: README).

// modelScenario is a server from dir with args, and clients of
// echo_client.c (or client from dir) starting 11, 12… ms in.
func modelScenario(t *testing.T, dir, server string, args []string, clients int, client string, clientArgs []string, start time.Duration) *scenario.Scenario {
	t.Helper()
	read := func(path string) string {
		b, err := os.ReadFile("../c/testdata/" + path)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	sc := &scenario.Scenario{Version: 1, Seed: 1, Limit: scenario.Duration(30 * time.Second)}
	sc.Hosts = append(sc.Hosts, scenario.Host{Name: "server", Addrs: []string{"10.0.0.1/24"}, File: server, Program: read(dir + "/" + server), Args: args})
	names := []string{"server"}
	for i := 1; i <= clients; i++ {
		name := fmt.Sprintf("c%d", i)
		names = append(names, name)
		sc.Hosts = append(sc.Hosts, scenario.Host{Name: name, Addrs: []string{fmt.Sprintf("10.0.0.%d/24", 10+i)}, File: "client.c",
			Program: read(client), Args: clientArgs, Start: scenario.Duration(start + time.Duration(i)*time.Millisecond)})
	}
	sc.Links = []scenario.Link{{Hosts: names, Delay: scenario.Duration(time.Millisecond)}}
	return sc
}

// sameModel runs sc on both sides and reports every difference but pure
// ACKs; the calls loose names are compared without their count.
func sameModel(t *testing.T, sc *scenario.Scenario, limit time.Duration, loose ...string) {
	t.Helper()
	res, err := runner.Run(sc, runner.Options{Compile: c.CompileProgram})
	if err != nil {
		t.Fatal(err)
	}
	np := FromTrace(res.Events)
	lx, err := Run(context.Background(), sc, Options{Limit: limit, Tail: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range lx.Notes {
		t.Logf("Linux run: %s", n)
	}
	for _, d := range Compare(np, lx.Side).Diffs {
		switch d.In {
		case "sent":
			switch {
			case onlyPureACKs(d.Text):
			case onlyResetACK(d.Text):
				// netstack answers data for a connection the program
				// closed with RST,ACK where Linux sends a bare RST.
				t.Logf("RST with ACK here, without on Linux:\n%s", d.Text)
			default:
				t.Errorf("differs from Linux:\n%s", d.Text)
			}
		case "calls", "stdout":
			// Compared below, as sets.
		default:
			t.Errorf("differs from Linux:\n%s", d.Text)
		}
	}
	for name, h := range np.Hosts {
		l := lx.Side.Hosts[name]
		if l == nil {
			t.Errorf("%s did not run on Linux", name)
			continue
		}
		if a, b := once(ProcCalls(h.Calls), loose), once(ProcCalls(l.Calls), loose); strings.Join(a, "\n") != strings.Join(b, "\n") {
			t.Errorf("%s: system calls differ (- netplay, + Linux):\n%s", name, diffLines(a, b))
		}
		if a, b := sortedLines(h.Stdout), sortedLines(l.Stdout); a != b {
			t.Errorf("%s: stdout differs\nnetplay:\n%s\nLinux:\n%s", name, h.Stdout, l.Stdout)
		}
	}
}

// once leaves the calls of loose out of a list of calls: whether and how
// often they happen depends on how the processes interleaved (how many
// times a SIGCHLD handler ran and found the children it reaps already
// reaped, or none ended yet).
func once(calls []string, loose []string) []string {
	var out []string
	for _, c := range calls {
		if !slices.Contains(loose, c) {
			out = append(out, c)
		}
	}
	return out
}

// onlyResetACK reports whether a difference of a connection's frames is
// only netstack's ACK flag on an RST.
func onlyResetACK(diff string) bool {
	var np, lx string
	for _, l := range strings.Split(diff, "\n") {
		l = strings.TrimSpace(l)
		if v, ok := strings.CutPrefix(l, "netplay:"); ok {
			np = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(l, "Linux:"); ok {
			lx = strings.TrimSpace(v)
		}
	}
	return np != "" && np != lx && strings.ReplaceAll(np, "R.", "R") == lx
}

func sortedLines(s string) string {
	l := strings.Split(s, "\n")
	sort.Strings(l)
	return strings.Join(l, "\n")
}

// TestServerModelsOnLinux: a thread per connection, a thread pool, a
// process per connection with a SIGCHLD handler, an event loop with
// worker threads woken through a socketpair, each with 4 clients.
func TestServerModelsOnLinux(t *testing.T) {
	needRoot(t)
	t.Parallel()
	// How many descriptors one epoll_wait finds ready depends on how the
	// workers and the clients interleaved with the loop.
	epollLoose := []string{"epoll_wait() = 1", "epoll_wait() = 2", "epoll_wait() = 3", "epoll_wait() = 4"}
	for _, tc := range []struct {
		server string
		args   []string
		loose  []string
	}{
		{"thread_server.c", []string{"4"}, nil},
		{"pool_server.c", []string{"4", "2"}, nil},
		{"fork_server.c", []string{"4"}, nil},
		{"reactor_server.c", []string{"4", "2"}, epollLoose},
	} {
		t.Run(tc.server, func(t *testing.T) {
			sameModel(t, modelScenario(t, "models", tc.server, tc.args, 4, "models/echo_client.c", []string{"10.0.0.1", "7000"}, 10*time.Millisecond), 8*time.Second,
				append([]string{"wait4() = 0", "wait4() = -1 ECHILD", "pause() = -1 EINTR"}, tc.loose...)...)
		})
	}
}

// TestSignalsOnLinux: SIGPIPE ending a client (141), ignored (EPIPE),
// caught, or kept away with MSG_NOSIGNAL; SIGALRM interrupting accept and
// read (EINTR), or not (SA_RESTART), and select, poll and sleep whatever
// the flag.
func TestSignalsOnLinux(t *testing.T) {
	needRoot(t)
	t.Parallel()
	for _, mode := range []string{"default", "ignore", "handler", "nosignal"} {
		t.Run("sigpipe-"+mode, func(t *testing.T) {
			sameModel(t, modelScenario(t, "signals", "closer.c", nil, 1, "signals/sigpipe.c", []string{"10.0.0.1", "7000", mode}, 9*time.Millisecond), 5*time.Second)
		})
	}
	for _, mode := range []string{"norestart", "restart"} {
		t.Run("eintr-"+mode, func(t *testing.T) {
			sameModel(t, modelScenario(t, "signals", "eintr.c", []string{mode}, 1, "signals/late_client.c", []string{"10.0.0.1", "7000", "2"}, 1499*time.Millisecond), 12*time.Second)
		})
	}
}
