//go:build linux

package linuxref

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"netplay/stack/c"
	"netplay/stack/runner"
	"netplay/stack/scenario"
)

// actionCase is a scenario with actions and the differences from Linux it
// is allowed, each pinned as a gallery note pins its own.
type actionCase struct {
	name string
	sc   *scenario.Scenario
	pins []scenario.LinuxPin
}

func msD(n int) scenario.Duration { return scenario.Duration(time.Duration(n) * time.Millisecond) }

// talkScenario is stack/runner's action scenario: a server that serves one
// client (testdata/once_server.c) and a client sending count messages
// every ms apart, then waiting linger ms (talk_client.c).
func talkScenario(t *testing.T, count, every, linger string, actions ...scenario.Action) *scenario.Scenario {
	read := func(name string) string {
		b, err := os.ReadFile("../runner/testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	return &scenario.Scenario{Version: 1, Seed: 1, Limit: scenario.Duration(10 * time.Second),
		Hosts: []scenario.Host{
			{Name: "server", Addrs: []string{"10.0.0.2/24"}, Program: read("once_server.c")},
			{Name: "client", Addrs: []string{"10.0.0.1/24"}, Program: read("talk_client.c"), Start: msD(100), Args: []string{"10.0.0.2", count, every, linger}},
		},
		Links:   []scenario.Link{{Hosts: []string{"server", "client"}, Delay: msD(1)}},
		Actions: actions,
	}
}

func linkN(i int) *int { return &i }

// TestActionsOnLinux: each kind of action done to the same programs in
// netplay and on the kernel (kill(2) to the program, a new process in the
// namespace, its ports down and its sockets destroyed for a crash, a
// link's ports down for unplug, the hub's delay) gives the same frames,
// calls, output and statuses, or differs only where pinned.
func TestActionsOnLinux(t *testing.T) {
	needRoot(t)
	delay := msD(100)
	restartReuse := talkScenario(t, "2", "500", "2000", scenario.Action{At: msD(1000), Host: "server", Do: scenario.DoRestart})
	restartReuse.Hosts[0].Args = []string{"reuse"}
	restartReuse.Hosts = append(restartReuse.Hosts, scenario.Host{Name: "c2", Addrs: []string{"10.0.0.3/24"},
		Program: restartReuse.Hosts[1].Program, Start: msD(1500), Args: []string{"10.0.0.2", "1", "100", "100"}})
	restartReuse.Links[0].Hosts = append(restartReuse.Links[0].Hosts, "c2")
	cases := []actionCase{
		{name: "restart", sc: talkScenario(t, "2", "500", "2000", scenario.Action{At: msD(1000), Host: "server", Do: scenario.DoRestart})},
		{name: "restart-reuse", sc: restartReuse},
		{name: "sigkill", sc: talkScenario(t, "2", "500", "2000", scenario.Action{At: msD(1000), Host: "client", Do: scenario.DoSignal, Signal: "SIGKILL"})},
		{name: "sigint", sc: talkScenario(t, "2", "500", "2000", scenario.Action{At: msD(1000), Host: "client", Do: scenario.DoSignal, Signal: "SIGINT"})},
		{name: "crash-boot", sc: talkScenario(t, "8", "500", "0",
			scenario.Action{At: msD(1200), Host: "server", Do: scenario.DoCrash},
			scenario.Action{At: msD(3000), Host: "server", Do: scenario.DoBoot})},
		// Unplugged, both sides forget the server's address; what the
		// client writes then waits for an ARP answer. netstack queues
		// every retransmission behind that neighbour too and sends them
		// all when the answer comes after the plug; Linux does not
		// retransmit a segment whose copy is still queued in the host
		// (skb_still_in_host_queue), so it sends fewer, and the server
		// acknowledges fewer.
		{name: "unplug", sc: talkScenario(t, "8", "500", "0",
			scenario.Action{At: msD(1200), Link: linkN(0), Do: scenario.DoUnplug},
			scenario.Action{At: msD(3000), Link: linkN(0), Do: scenario.DoPlug}),
			pins: []scenario.LinuxPin{
				{Host: "client", In: "sent", Netplay: "S . P.×9 F. .", Linux: `S \. P\.×[4-8] F\. \.`},
				{Host: "server", In: "sent", Netplay: "S. .×10 F.", Linux: `S\. \.×[4-9] F\.`},
			}},
		{name: "set-delay", sc: talkScenario(t, "3", "500", "0", scenario.Action{At: msD(300), Link: linkN(0), Do: scenario.DoSet, Delay: &delay})},
	}
	for _, k := range cases {
		res, err := runner.Run(k.sc, runner.Options{Compile: c.CompileProgram})
		if err != nil {
			t.Fatalf("%s: %v", k.name, err)
		}
		np := FromTrace(res.Events)
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			var rep *Report
			for try := 1; try <= 3; try++ {
				lx, err := Run(context.Background(), k.sc, Options{Limit: 6 * time.Second, Tail: time.Second})
				if err != nil {
					t.Fatal(err)
				}
				rep = Compare(np, lx.Side)
				if un, _ := rep.Explain(k.pins); len(un) == 0 {
					break
				}
			}
			un, _ := rep.Explain(k.pins)
			for _, d := range un {
				t.Errorf("differs from Linux:\n%s\n  pin: %s", d.Text, PinOf(d))
			}
			t.Logf("%s", rep.Text())
		})
	}
}

// TestActionLossNotComparable: a link set to lose frames at random cannot
// be reproduced on the kernel, as a lossy link cannot.
func TestActionLossNotComparable(t *testing.T) {
	loss := 0.1
	sc := talkScenario(t, "1", "100", "0", scenario.Action{At: msD(300), Link: linkN(0), Do: scenario.DoSet, Loss: &loss})
	var nc *NotComparable
	if err := Comparable(sc); !errors.As(err, &nc) || !strings.Contains(err.Error(), "actions[0] makes link 0 lose frames") {
		t.Errorf("Comparable: %v", err)
	}
	loss = 0
	if err := Comparable(sc); err != nil {
		t.Errorf("no loss: %v", err)
	}
}
