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

// TestBenchOpenSockets: open_sockets_10k_s, the real time of a run that
// opens 10,000 TCP connections and keeps them open for a second of virtual
// time before the programs exit: ten servers each accept 1,000 from a
// client of their own (a process stays under RLIMIT_NOFILE's 1,024), all
// on one link, native (goal ≤ 10). The socket layer observes each host
// after every step that touched it: what it costs must grow with what
// changed, not with what is open. Run with NETPLAY_BENCH=1 (make bench).
func TestBenchOpenSockets(t *testing.T) {
	if os.Getenv("NETPLAY_BENCH") == "" {
		t.Skip("set NETPLAY_BENCH=1 to measure (make bench)")
	}
	if runtime.GOOS == "js" {
		t.Skip("open_sockets_10k_s is a native figure")
	}
	const server = `#include <stdio.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>
int main(void) {
	int l = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {AF_INET, htons(7000)};
	if (bind(l, (struct sockaddr *)&a, sizeof a) < 0 || listen(l, 128) < 0) { perror("listen"); return 1; }
	for (int i = 0; i < 1000; i++)
		if (accept(l, 0, 0) < 0) { perror("accept"); return 1; }
	printf("accepted 1000\n");
	sleep(2);
	return 0;
}
`
	const client = `#include <stdio.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>
int main(int argc, char **argv) {
	struct sockaddr_in a = {AF_INET, htons(7000)};
	inet_pton(AF_INET, argv[1], &a.sin_addr);
	for (int i = 0; i < 1000; i++)
		if (connect(socket(AF_INET, SOCK_STREAM, 0), (struct sockaddr *)&a, sizeof a) < 0) { perror("connect"); return 1; }
	printf("connected 1000\n");
	sleep(1);
	return 0;
}
`
	sc := &scenario.Scenario{Version: 1}
	var names []string
	for i := range 10 {
		srv := fmt.Sprintf("10.0.1.%d", i+1)
		sc.Hosts = append(sc.Hosts,
			scenario.Host{Name: fmt.Sprintf("s%d", i), Addrs: []string{srv + "/16"}, Program: server},
			scenario.Host{Name: fmt.Sprintf("c%d", i), Addrs: []string{fmt.Sprintf("10.0.2.%d/16", i+1)}, Program: client,
				Start: scenario.Duration(10 * time.Millisecond), Args: []string{srv}})
		names = append(names, fmt.Sprintf("s%d", i), fmt.Sprintf("c%d", i))
	}
	sc.Links = []scenario.Link{{Hosts: names}}
	t0 := time.Now()
	res, err := Run(sc, Options{Compile: c.CompileProgram})
	d := time.Since(t0)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Events {
		if e.Kind == "exit" && e.Status != 0 {
			t.Fatalf("%s exited %d %s", e.Host, e.Status, e.Reason)
		}
	}
	fmt.Printf("BENCH open_sockets_10k_s %.1f s\n", d.Seconds())
}
