package vnet_test

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"netplay/stack/kernel"
	"netplay/stack/linux/signal"
	"netplay/stack/sock"
	"netplay/stack/trace"
	"netplay/stack/vnet"
)

func TestBuildErrors(t *testing.T) {
	w := vnet.New(vnet.Options{})
	defer w.Close()
	if _, err := w.AddHost("a", false); err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		err  error
		want string
	}{
		{func() error { _, err := w.AddHost("a", false); return err }(), "duplicate host name"},
		{func() error { _, err := w.AddLink([]string{"a"}, 0, 0); return err }(), "at least two hosts"},
		{func() error { _, err := w.AddLink([]string{"a", "zz"}, 0, 0); return err }(), `no host named "zz"`},
		{w.Host("a").AddAddress(0, netip.MustParsePrefix("10.0.0.1/24")), "has no NIC 0"},
		{w.Host("a").AddRoute(netip.MustParsePrefix("0.0.0.0/0"), netip.MustParseAddr("10.9.9.9")), "gateway's subnet"},
		{w.AddRule(vnet.Rule{Drop: true, Host: "nobody"}), `no host named "nobody"`},
		{w.AddRule(vnet.Rule{Drop: true, Dir: "sideways"}), "dir must be"},
		{w.AddRule(vnet.Rule{Nth: 1}), "positive delay"},
		{func() error { _, err := w.Start("zz", nil, 0, nil); return err }(), `no host named "zz"`},
	}
	for i, c := range checks {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("check %d: err %v, want one containing %q", i, c.err, c.want)
		}
	}
	if _, err := w.Run(); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Run(); err != vnet.ErrAlreadyRun {
		t.Errorf("second Run: %v", err)
	}
}

// pinger sends n UDP datagrams to 10.0.0.1:7, one every 10ms.
func pinger(n int) vnet.Program {
	return func(p *vnet.Thread) int {
		fds := kernel.New(p)
		fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_DGRAM, 0)
		for i := 0; i < n; i++ {
			fds.SendTo(fd, []byte{byte(i)}, 0, sock.SockaddrInet4(netip.MustParseAddr("10.0.0.1"), 7))
			p.Sleep(10 * time.Millisecond)
		}
		return 0
	}
}

func pair(t *testing.T, seed int64, loss float64) *vnet.World {
	w := vnet.New(vnet.Options{Seed: seed})
	w.AddHost("server", false)
	w.AddHost("client", false)
	if _, err := w.AddLink([]string{"server", "client"}, 5*time.Millisecond, loss); err != nil {
		t.Fatal(err)
	}
	w.Host("server").AddAddress(0, netip.MustParsePrefix("10.0.0.1/24"))
	w.Host("client").AddAddress(0, netip.MustParsePrefix("10.0.0.2/24"))
	return w
}

func udpFates(evs []trace.Event) []string {
	var out []string
	for _, e := range evs {
		if e.Kind == trace.KindUDP {
			s := time.Duration(e.Arrive - e.T).String()
			if e.Dropped {
				s = "dropped:" + e.Fault
			}
			out = append(out, s)
		}
	}
	return out
}

func TestDelayAndCountedDropRules(t *testing.T) {
	w := pair(t, 1, 0)
	// Frame 3 is the second datagram (after the ARP request and reply…
	// and the first datagram, which waits for ARP): delay it; drop the
	// first two UDP frames to port 7 after that.
	if err := w.AddRule(vnet.Rule{Nth: 4, By: 100 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	if err := w.AddRule(vnet.Rule{Drop: true, Proto: "udp", Port: 7, Host: "client", Dir: "out", Count: 2}); err != nil {
		t.Fatal(err)
	}
	w.Start("client", pinger(4), 0, nil)
	w.Run()
	got := udpFates(w.Trace().Events())
	want := []string{"dropped:drop host=client dir=out proto=udp port=7 count=2", "dropped:drop host=client dir=out proto=udp port=7 count=2", "5ms", "5ms"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("fates %q, want %q", got, want)
	}
	w2 := pair(t, 1, 0)
	w2.AddRule(vnet.Rule{Nth: 4, By: 100 * time.Millisecond})
	w2.Start("client", pinger(3), 0, nil)
	w2.Run()
	got = udpFates(w2.Trace().Events())
	if len(got) != 3 || got[1] != "105ms" {
		t.Fatalf("fates %q, want the frame 4 (second datagram) delayed to 105ms", got)
	}
}

func TestLossIsSeeded(t *testing.T) {
	fates := func(seed int64) string {
		w := pair(t, seed, 0.5)
		w.Start("client", pinger(40), 0, nil)
		w.Run()
		return strings.Join(udpFates(w.Trace().Events()), ",")
	}
	a, b, c := fates(3), fates(3), fates(4)
	if a != b {
		t.Fatal("the same seed lost different frames")
	}
	if a == c {
		t.Fatal("different seeds lost the same frames")
	}
	lost := strings.Count(a, "dropped")
	if lost < 8 || lost > 32 {
		t.Fatalf("lost %d of 40 at loss 0.5", lost)
	}
}

func TestTimeLimitEndsBlockedPrograms(t *testing.T) {
	w := vnet.New(vnet.Options{Limit: 5 * time.Second})
	w.AddHost("h", false)
	w.Start("h", func(p *vnet.Thread) int {
		p.Sleep(time.Hour)
		return 0
	}, 0, nil)
	end, _ := w.Run()
	evs := w.Trace().Events()
	last := evs[len(evs)-1]
	if end != "time limit 5s reached" || last.Status != signal.SIGKILL.ExitStatus() || last.T != int64(5*time.Second) {
		t.Fatalf("end %q, last %+v", end, last)
	}
}

func TestProgramPanicIsContained(t *testing.T) {
	w := vnet.New(vnet.Options{})
	w.AddHost("a", false)
	w.AddHost("b", false)
	ran := false
	w.Start("a", func(p *vnet.Thread) int {
		var m map[string]int
		//lint:ignore SA5000 the program panics on purpose
		m["x"] = 1
		return 0
	}, 0, nil)
	w.Start("b", func(p *vnet.Thread) int { p.Sleep(time.Second); ran = true; return 3 }, 0, nil)
	w.Run()
	var exits []trace.Event
	for _, e := range w.Trace().Events() {
		if e.Kind == trace.KindExit {
			exits = append(exits, e)
		}
	}
	if len(exits) != 2 || exits[0].Status != signal.SIGABRT.ExitStatus() || !strings.Contains(exits[0].Reason, "internal error") || exits[1].Status != 3 || !ran {
		t.Fatalf("exits %+v, b ran %v", exits, ran)
	}
}

// TestGateSlicesAsYield: a runtime that calls Gate only when the slice it
// returned ends (the C machine) is switched out at the same steps as one
// that calls Yield at every step.
func TestGateSlicesAsYield(t *testing.T) {
	order := func(gated bool) string {
		w := vnet.New(vnet.Options{SliceSteps: 7})
		defer w.Close()
		var log strings.Builder
		spin := func(name string, useGate bool) vnet.Program {
			return func(p *vnet.Thread) int {
				var steps, at, last int
				at = 1
				for i := 0; i < 40; i++ {
					log.WriteString(name)
					if !useGate {
						p.Yield()
						continue
					}
					if steps++; steps >= at {
						at = steps + p.Gate(steps-last)
						last = steps
					}
				}
				return 0
			}
		}
		w.AddHost("a", false)
		w.AddHost("b", false)
		w.Start("a", spin("a", false), 0, nil)
		w.Start("b", spin("b", gated), 0, nil)
		w.Run()
		return log.String()
	}
	yield, gate := order(false), order(true)
	if yield != gate || !strings.Contains(yield, "aaaaaaabbbbbbbaaaaaaa") {
		t.Fatalf("Yield: %s\nGate:  %s", yield, gate)
	}
}
