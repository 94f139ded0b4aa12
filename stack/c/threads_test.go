package c

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"netplay/stack/runner"
	"netplay/stack/scenario"
	"netplay/stack/trace"
	"netplay/stack/vnet"
)

// hostRun is what one host's processes did in a run: what they printed
// (every process of the host), and each process's exit.
type hostRun struct {
	stdout, stderr string
	exits          []trace.Event
}

// hostRuns sorts a run's events by host.
func hostRuns(events []trace.Event) map[string]*hostRun {
	hs := map[string]*hostRun{}
	for _, e := range events {
		h := hs[e.Host]
		if h == nil {
			h = &hostRun{}
			hs[e.Host] = h
		}
		switch e.Kind {
		case trace.KindOutput:
			if e.Stream == "stderr" {
				h.stderr += e.Text
			} else {
				h.stdout += e.Text
			}
		case trace.KindExit:
			h.exits = append(h.exits, e)
		}
	}
	return hs
}

// gccRun builds file with gcc (and -pthread) and runs it as netplay runs
// a program: argv[0] "./name", an empty environment. It skips the test
// when there is no gcc.
func gccRun(t *testing.T, file string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	gcc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("no gcc: only checked that it runs")
	}
	if _, err := exec.LookPath("stdbuf"); err != nil {
		t.Skip("no stdbuf: only checked that it runs")
	}
	name := strings.TrimSuffix(filepath.Base(file), ".c")
	bin := filepath.Join(t.TempDir(), name)
	build := exec.Command(gcc, "-O0", "-w", "-pthread", "-o", bin, filepath.Base(file))
	build.Dir = filepath.Dir(file)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("gcc: %v\n%s", err, out)
	}
	// stdout line buffered, as on the terminal a program has in netplay.
	cmd := exec.Command("stdbuf", append([]string{"-oL", bin}, args...)...)
	cmd.Env = []string{}
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	if err := cmd.Run(); err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatal(err)
		}
		status = exitStatus(ee)
	}
	return o.String(), e.String(), status
}

// hostsAsGlibc runs each program of dir alone on a host, and with gcc on
// this machine: the same output, byte for byte, and status.
func hostsAsGlibc(t *testing.T, dir string) {
	files, _ := filepath.Glob(dir + "/*.c")
	if len(files) == 0 {
		t.Fatal("no programs")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			_, events := runScenario(t, []map[string]any{{"name": "a", "file": filepath.Base(file), "program": readFile(t, file)}})
			h := hostRuns(events)["a"]
			first := h.first()
			if first == nil {
				t.Fatalf("the program did not end: exits %+v", h.exits)
			}
			for _, e := range h.exits {
				if strings.Contains(e.Reason, "internal error") {
					t.Errorf("process %d: %s", e.Pid, e.Reason)
				}
			}
			stdout, stderr, status := gccRun(t, file)
			if h.stdout != stdout || h.stderr != stderr || first.Status != status {
				t.Errorf("netplay: status %d %s\n%s%s\ngcc: status %d\n%s%s", first.Status, first.Reason, h.stdout, h.stderr, status, stdout, stderr)
			}
		})
	}
}

// first returns the exit of the host's first program (the scenario's,
// pid 1000), not of the processes it forked.
func (h *hostRun) first() *trace.Event {
	for i, e := range h.exits {
		if e.Pid == 0 || e.Pid == 1000 {
			return &h.exits[i]
		}
	}
	return nil
}

// TestThreadsAsGlibc runs each program of testdata/threads (POSIX threads:
// creation, joins, mutex kinds and their errors, condition variables,
// once, keys and destructors, read-write locks, barriers, the end of a
// process by its last thread or by exit in any) on a host of its own and
// with gcc on this machine: the same output, byte for byte, and status.
// Their output does not depend on the order threads run in.
func TestThreadsAsGlibc(t *testing.T) { hostsAsGlibc(t, "testdata/threads") }

// A deadlock ends the run at once, naming each thread, where it waits and
// for what (on Linux the program would hang).
func TestThreadDeadlock(t *testing.T) {
	text, events := repeated(t, "testdata/models/deadlock.trace", []map[string]any{{"name": "a", "file": "deadlock.c", "program": readFile(t, "testdata/models/deadlock.c")}})
	h := hostRuns(events)["a"]
	want := "deadlock: no thread of a[1000] can go on: " +
		"thread 1000 (main) at line 27 waits for thread 1001 to end (pthread_join); " +
		"thread 1001 (one) at line 10 waits for mutex b (0x1028), locked by thread 1002; " +
		"thread 1002 (two) at line 18 waits for mutex a (0x1000), locked by thread 1001"
	if len(h.exits) != 1 || h.exits[0].Reason != want || h.exits[0].T != 1e6 {
		t.Fatalf("exits %+v, want the reason %q at 1ms\n%s", h.exits, want, text)
	}
}

// modelHosts is a server model and n echo clients, each starting 1 ms
// after the one before.
func modelHosts(t *testing.T, server string, args []string, n int) []map[string]any {
	hosts := []map[string]any{{"name": "server", "addrs": []string{"10.0.0.1/24"}, "file": server, "args": args, "program": readFile(t, "testdata/models/"+server)}}
	client := readFile(t, "testdata/models/echo_client.c")
	for i := 1; i <= n; i++ {
		hosts = append(hosts, map[string]any{"name": fmt.Sprintf("c%d", i), "addrs": []string{fmt.Sprintf("10.0.0.%d/24", 10+i)},
			"file": "echo_client.c", "start": fmt.Sprintf("%dms", 10+i),
			"args": []string{"server", "7000"}, "program": client})
	}
	return hosts
}

// compiled returns a function that runs the scenario of hosts (as
// runScenario does) with each program compiled once, for tests that run
// a scenario many times.
func compiled(t *testing.T, hosts []map[string]any) func() (string, []trace.Event) {
	t.Helper()
	var names []string
	for _, h := range hosts {
		names = append(names, h["name"].(string))
	}
	sc := map[string]any{"version": 1, "title": "test", "seed": 1, "limit": "60s", "hosts": hosts}
	if len(names) > 1 {
		sc["links"] = []any{map[string]any{"hosts": names, "delay": "1ms"}}
	}
	data, _ := json.Marshal(sc)
	s, err := scenario.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	progs := map[string]vnet.Program{}
	for _, h := range s.Hosts {
		p, err := Build(h.MainFile(), h.Files, s.Files)
		if err != nil {
			t.Fatal(err)
		}
		progs[h.Name] = p.Program()
	}
	return func() (string, []trace.Event) {
		t.Helper()
		res, err := runner.Run(s, runner.Options{Programs: progs})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		trace.WriteText(&b, res.Events, trace.TextOptions{})
		return b.String(), res.Events
	}
}

// golden compares a run's text trace with the file at path, the same
// natively and in wasm (-update rewrites it).
func golden(t *testing.T, path, text string) {
	t.Helper()
	if *updateTraces {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if text != string(want) {
		t.Fatalf("the trace differs from %s (go test -update if that is meant):\n%s", path, text)
	}
}

var updateTraces = flag.Bool("update", false, "rewrite the golden traces of testdata/models")

// lines returns the lines of s, sorted: output whose order depends on
// how threads or processes are scheduled is compared as a set.
func lines(s string) []string {
	l := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	sort.Strings(l)
	return l
}

// TestServerModels: the course's concurrent servers (a thread per
// connection, a thread pool fed through a mutex and condition variables,
// a process per connection reaped by a SIGCHLD handler) serve their
// clients, every one echoed; the same scenario gives the same trace every
// time, natively and in wasm.
func TestServerModels(t *testing.T) {
	runs := 20
	if testing.Short() {
		runs = 3
	}
	for _, tc := range []struct {
		server  string
		args    []string
		clients int
		stdout  string // the server's, sorted
	}{
		{"thread_server.c", []string{"4"}, 4, "client done: 34 bytes\nclient done: 34 bytes\nclient done: 34 bytes\nclient done: 34 bytes\nserved 4 clients, 136 bytes\n"},
		{"pool_server.c", []string{"5", "3"}, 5, "3 workers served 5 clients\n"},
		{"fork_server.c", []string{"4"}, 4, "child done: 34 bytes\nchild done: 34 bytes\nchild done: 34 bytes\nchild done: 34 bytes\nserved 4 clients, 0 failed\n"},
		{"reactor_server.c", []string{"4", "2"}, 4, "2 workers served 4 clients from one event loop\n"},
	} {
		t.Run(tc.server, func(t *testing.T) {
			run := compiled(t, modelHosts(t, tc.server, tc.args, tc.clients))
			first := ""
			for i := 0; i < runs; i++ {
				text, events := run()
				if i > 0 {
					if text != first {
						t.Fatalf("run %d differs from the first:\n%s\nfirst:\n%s", i+1, text, first)
					}
					continue
				}
				first = text
				golden(t, "testdata/models/"+strings.TrimSuffix(tc.server, ".c")+".trace", text)
				hs := hostRuns(events)
				for name, h := range hs {
					for _, e := range h.exits {
						if e.Status != 0 || h.stderr != "" {
							t.Errorf("%s: exit %+v, stderr %q", name, e, h.stderr)
						}
					}
					if h.first() == nil {
						t.Errorf("%s did not end", name)
					}
				}
				if got := strings.Join(lines(hs["server"].stdout), "\n") + "\n"; got != tc.stdout {
					t.Errorf("server printed\n%s\nwant (sorted)\n%s", hs["server"].stdout, tc.stdout)
				}
				for c := 1; c <= tc.clients; c++ {
					name, addr := fmt.Sprintf("c%d", c), fmt.Sprintf("10.0.0.%d", 10+c)
					if want := fmt.Sprintf("echo: %s says 1\necho: %s says 2\n", addr, addr); hs[name].stdout != want {
						t.Errorf("%s printed %q", name, hs[name].stdout)
					}
				}
				if testing.Verbose() {
					t.Log(text)
				}
			}
		})
	}
}
