package runner

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"
	"time"

	"netplay/stack/c"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// actionScenario is a server (testdata/once_server.c) and a client
// (testdata/talk_client.c) sending count messages every ms apart, then
// waiting linger ms, on one link with 1 ms of delay, with actions.
func actionScenario(t testing.TB, count, every, linger string, actions ...scenario.Action) *scenario.Scenario {
	t.Helper()
	read := func(name string) string {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	sc := &scenario.Scenario{Version: 1, Seed: 1, Limit: scenario.Duration(30 * time.Second),
		Hosts: []scenario.Host{
			{Name: "server", Addrs: []string{"10.0.0.2/24"}, Program: read("once_server.c")},
			{Name: "client", Addrs: []string{"10.0.0.1/24"}, Program: read("talk_client.c"), Start: ms(100), Args: []string{"10.0.0.2", count, every, linger}},
		},
		Links:   []scenario.Link{{Hosts: []string{"server", "client"}, Delay: ms(1)}},
		Actions: actions,
	}
	return sc
}

func ms(n int) scenario.Duration { return scenario.Duration(time.Duration(n) * time.Millisecond) }

func link(i int) *int { return &i }

// run runs sc and returns its events and text trace.
func runText(t testing.TB, sc *scenario.Scenario, opt Options) (*Result, string) {
	t.Helper()
	opt.Compile = c.CompileProgram
	res, err := Run(sc, opt)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	trace.WriteText(&b, res.Events, trace.TextOptions{})
	return res, b.String()
}

func has(t *testing.T, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("trace lacks %q:\n%s", w, text)
			return
		}
	}
}

// TestActionRestart: a restart kills the running server and starts it
// again on the same host: its old connection holds the port, so bind
// fails without SO_REUSEADDR and succeeds with it (set on both sockets).
func TestActionRestart(t *testing.T) {
	restart := scenario.Action{At: ms(1000), Host: "server", Do: scenario.DoRestart}
	_, text := runText(t, actionScenario(t, "2", "500", "2000", restart), Options{})
	has(t, text,
		"1.000000 server action: restart\n1.000000 server killed: SIGKILL (restart)\n",
		"1.000000 server bind(3, 0.0.0.0:12345) = -1 EADDRINUSE (Address already in use)",
		"3.105000 server fd 4: FIN_WAIT2 -> TIME_WAIT")

	sc := actionScenario(t, "2", "500", "2000", restart)
	sc.Hosts[0].Args = []string{"reuse"}
	sc.Hosts = append(sc.Hosts, scenario.Host{Name: "c2", Addrs: []string{"10.0.0.3/24"}, Program: sc.Hosts[1].Program,
		Start: ms(1500), Args: []string{"10.0.0.2", "1", "100", "100"}})
	sc.Links[0].Hosts = append(sc.Links[0].Hosts, "c2")
	_, text = runText(t, sc, Options{})
	has(t, text, "1.000000 server bind(3, 0.0.0.0:12345) = 0", "server| got hello 1", "1.705000 server exited with status 0")
}

// TestActionCrashBoot: the crashed server says nothing; the client's
// segments are lost until the server boots, its program starts again,
// and its fresh stack resets the old connection.
func TestActionCrashBoot(t *testing.T) {
	sc := actionScenario(t, "8", "500", "0",
		scenario.Action{At: ms(1200), Host: "server", Do: scenario.DoCrash},
		scenario.Action{At: ms(3000), Host: "server", Do: scenario.DoBoot})
	res, text := runText(t, sc, Options{})
	has(t, text, "1.200000 server action: crash (power off)\n1.200000 server killed: the host crashed (power off)\n",
		"[dropped: lost: server is powered off]", "3.000000 server action: boot\n3.000000 server socket(",
		"Flags [R], seq 1", "client write(3, 7 bytes) = -1 ECONNRESET")
	for _, e := range res.Events {
		if e.Host == "server" && e.T > int64(1200*time.Millisecond) && e.T < int64(3*time.Second) {
			t.Errorf("the crashed server: %s", trace.TextLine(&e, trace.TextOptions{}))
		}
	}
}

// TestActionUnplug: while the link is unplugged the client's frames are
// not sent; plugged again, what it wrote arrives.
func TestActionUnplug(t *testing.T) {
	sc := actionScenario(t, "8", "500", "0",
		scenario.Action{At: ms(1200), Link: link(0), Do: scenario.DoUnplug},
		scenario.Action{At: ms(3000), Link: link(0), Do: scenario.DoPlug})
	_, text := runText(t, sc, Options{})
	has(t, text, "1.200000 link 0 action: unplug (no carrier)", "[dropped: no carrier: link 0 is unplugged]",
		"3.000000 link 0 action: plug", "hello 8\n", "server| the client closed")
}

// TestActionSignal: SIGKILL ends the client as the kernel does, closing
// its socket; a signal to a program that has exited finds nothing; SIGINT
// ends a program that does not catch it (status 130), and interrupts the
// blocking call of one that does (EINTR, without SA_RESTART).
func TestActionSignal(t *testing.T) {
	sc := actionScenario(t, "2", "500", "2000",
		scenario.Action{At: ms(1000), Host: "client", Do: scenario.DoSignal, Signal: "SIGKILL"},
		scenario.Action{At: ms(2000), Host: "client", Do: scenario.DoSignal, Signal: "SIGKILL"})
	_, text := runText(t, sc, Options{})
	has(t, text, "1.000000 client action: signal SIGKILL\n", "1.000000 client killed: Killed (SIGKILL)",
		"server| the client closed", "2.000000 client action: signal SIGKILL: no program is running")

	sc.Actions = sc.Actions[:1]
	sc.Actions[0].Signal = "SIGINT"
	_, text = runText(t, sc, Options{})
	has(t, text, "1.000000 client action: signal SIGINT\n", "1.000000 client killed: Interrupt (SIGINT)", "server| the client closed")

	sc = actionScenario(t, "1", "100", "0", scenario.Action{At: ms(1000), Host: "server", Do: scenario.DoSignal, Signal: "SIGINT"})
	sc.Hosts[0].Program = catcher
	res, text := runText(t, sc, Options{})
	has(t, text, "1.000000 server action: signal SIGINT\n", "accept(3", "EINTR", "server| caught SIGINT, bye\n")
	for _, e := range res.Events {
		if e.Kind == trace.KindExit && e.Host == "server" && e.Status != 0 {
			t.Errorf("server exit %+v, want 0", e)
		}
	}
}

// catcher waits in accept until ^C, which it catches.
const catcher = `#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
static volatile sig_atomic_t got;
static void on_int(int sig) { got = sig; }
int main(void) {
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_int;
	sigaction(SIGINT, &sa, NULL);
	int l = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons(7000);
	bind(l, (struct sockaddr *)&a, sizeof a);
	listen(l, 5);
	for (;;) {
		int c = accept(l, NULL, NULL);
		if (c < 0 && got) {
			printf("caught SIGINT, bye\n");
			return 0;
		}
		if (c >= 0)
			close(c);
	}
}
`

// tenActions is a scenario with ten actions of every kind.
func tenActions(t testing.TB) *scenario.Scenario {
	d := scenario.Duration(20 * time.Millisecond)
	loss := 0.0
	sc := actionScenario(t, "12", "400", "0",
		scenario.Action{At: ms(700), Link: link(0), Do: scenario.DoSet, Delay: &d},
		scenario.Action{At: ms(900), Host: "server", Do: scenario.DoRestart},
		scenario.Action{At: ms(1300), Link: link(0), Do: scenario.DoUnplug},
		scenario.Action{At: ms(1800), Link: link(0), Do: scenario.DoPlug},
		scenario.Action{At: ms(2000), Host: "server", Do: scenario.DoCrash},
		scenario.Action{At: ms(2500), Host: "server", Do: scenario.DoBoot},
		scenario.Action{At: ms(2600), Link: link(0), Do: scenario.DoSet, Loss: &loss},
		scenario.Action{At: ms(3000), Host: "server", Do: scenario.DoSignal, Signal: "SIGKILL"},
		scenario.Action{At: ms(3500), Host: "server", Do: scenario.DoRestart},
		scenario.Action{At: ms(4000), Host: "client", Do: scenario.DoSignal, Signal: "SIGKILL"})
	sc.Hosts[0].Args = []string{"reuse"}
	return sc
}

var update = flag.Bool("update", false, "rewrite testdata/actions.golden.jsonl")

// TestActionsDeterministic: a run with actions of every kind gives the
// same trace every time, and the same natively and in wasm (the golden
// trace).
func TestActionsDeterministic(t *testing.T) {
	var first []byte
	for i := 0; i < 20; i++ {
		res, _ := runText(t, tenActions(t), Options{})
		var b bytes.Buffer
		trace.WriteJSON(&b, res.Events)
		if i == 0 {
			first = b.Bytes()
			if n := bytes.Count(first, []byte(`"kind":"action"`)); n != 10 {
				t.Fatalf("%d action events, want 10", n)
			}
			const golden = "testdata/actions.golden.jsonl"
			if *update {
				if err := os.WriteFile(golden, first, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first, want) {
				t.Fatalf("the trace differs from %s (go test -update if that is meant)", golden)
			}
			continue
		}
		if !bytes.Equal(b.Bytes(), first) {
			t.Fatalf("run %d differs from the first", i+1)
		}
	}
}

// TestLiveActionsReplay: actions done while the run goes on are done
// where the world is next idle and recorded with their times; added to
// the scenario they replay the run. One that cannot be done then is
// dropped.
func TestLiveActionsReplay(t *testing.T) {
	live := make(chan scenario.Action, 4)
	steps := 0
	pause := func() {
		switch steps++; steps {
		case 40:
			live <- scenario.Action{Host: "server", Do: scenario.DoBoot} // it runs: dropped
			live <- scenario.Action{Link: link(0), Do: scenario.DoUnplug}
		case 50:
			live <- scenario.Action{Link: link(0), Do: scenario.DoPlug}
		case 60:
			live <- scenario.Action{Host: "server", Do: scenario.DoRestart}
			close(live)
		}
	}
	res, liveText := runText(t, actionScenario(t, "8", "300", "0"), Options{Actions: live, Pause: pause})
	if len(res.Actions) != 3 || res.Actions[0].Do != scenario.DoUnplug || res.Actions[2].Do != scenario.DoRestart {
		t.Fatalf("recorded %+v\n%s", res.Actions, liveText)
	}
	sc := actionScenario(t, "8", "300", "0")
	for _, a := range res.Actions {
		sc.AddAction(a)
	}
	if err := sc.Validate(); err != nil {
		t.Fatal(err)
	}
	_, replay := runText(t, sc, Options{})
	if replay != liveText {
		t.Errorf("the replay differs:\n%s\n--- live ---\n%s", replay, liveText)
	}
}
