package runner

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"netplay/stack/c"
	"netplay/stack/scenario"
	"netplay/stack/vnet"
)

// TestBenchActionsRerun: actions_rerun_ms, the real time of a rerun of a
// scenario with ten recorded actions of every kind (tenActions: a set
// delay, two restarts, an unplug and a plug, a crash and a boot, a set
// loss, two SIGKILLs), native, its programs already built (the page keeps
// built programs between runs): the median of seven runs after one to
// warm up. Run with NETPLAY_BENCH=1 (make bench).
func TestBenchActionsRerun(t *testing.T) {
	if os.Getenv("NETPLAY_BENCH") == "" {
		t.Skip("set NETPLAY_BENCH=1 to measure (make bench)")
	}
	if runtime.GOOS == "js" {
		t.Skip("actions_rerun_ms is a native figure")
	}
	sc := tenActions(t)
	progs := map[string]vnet.Program{}
	for _, h := range sc.Hosts {
		p, _, err := c.CompileProgram(h.MainFile(), h.Files, sc.Files)
		if err != nil {
			t.Fatal(err)
		}
		progs[h.Name] = p
	}
	var times []time.Duration
	for i := 0; i < 8; i++ {
		t0 := time.Now()
		res, err := Run(sc, Options{Programs: progs})
		d := time.Since(t0)
		if err != nil {
			t.Fatal(err)
		}
		if n := countActions(res); n != len(sc.Actions) {
			t.Fatalf("%d action events, want %d", n, len(sc.Actions))
		}
		if i > 0 {
			times = append(times, d)
		}
	}
	slices.Sort(times)
	t.Logf("reruns: %v", times)
	fmt.Printf("BENCH actions_rerun_ms %.1f ms\n", float64(times[len(times)/2].Microseconds())/1000)
}

func countActions(res *Result) int {
	n := 0
	for _, e := range res.Events {
		if e.Kind == "action" {
			n++
		}
	}
	return n
}

// TestBenchSpinHosts: spin_hosts_1250_s, the real time of a scenario of
// 1,250 hosts that each loop forever, built and run until the run-wide
// step budget ends them, native (goal ≤ 30). Run with NETPLAY_BENCH=1
// (make bench).
func TestBenchSpinHosts(t *testing.T) {
	if os.Getenv("NETPLAY_BENCH") == "" {
		t.Skip("set NETPLAY_BENCH=1 to measure (make bench)")
	}
	if runtime.GOOS == "js" {
		t.Skip("spin_hosts_1250_s is a native figure")
	}
	sc := &scenario.Scenario{Version: 1}
	for i := range 1250 {
		sc.Hosts = append(sc.Hosts, scenario.Host{Name: fmt.Sprintf("h%d", i), Program: "int main(void) { for (;;) ; }\n"})
	}
	t0 := time.Now()
	res, err := Run(sc, Options{Compile: c.CompileProgram})
	d := time.Since(t0)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.End, "step limit of the run reached") {
		t.Fatalf("end %q", res.End)
	}
	fmt.Printf("BENCH spin_hosts_1250_s %.1f s\n", d.Seconds())
}
