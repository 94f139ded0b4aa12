package c

import (
	"strings"
	"testing"

	"netplay/stack/trace"
)

// TestSignalsAsGlibc: handlers (SA_NODEFER, SA_RESETHAND, SA_SIGINFO),
// masks and pending signals, raise and kill to itself, alarm cutting
// sleep, nanosleep and pause short, sigwait, sigsuspend, an ignored
// signal and the default action of SIGTERM, each as with gcc.
func TestSignalsAsGlibc(t *testing.T) {
	_, events := runScenario(t, []map[string]any{{"name": "a", "file": "basics.c", "program": readFile(t, "testdata/signals/basics.c")}})
	h := hostRuns(events)["a"]
	if len(h.exits) != 1 || h.exits[0].Status != 143 || h.exits[0].Reason != "Terminated (SIGTERM): sent by itself" {
		t.Fatalf("exits %+v\n%s", h.exits, h.stdout)
	}
	stdout, stderr, status := gccRun(t, "testdata/signals/basics.c")
	if h.stdout != stdout || h.stderr != stderr || status != 143 {
		t.Errorf("netplay:\n%s%s\ngcc: status %d\n%s%s", h.stdout, h.stderr, status, stdout, stderr)
	}
}

// A write to a connection whose peer closed: EPIPE and SIGPIPE, which
// ends the program (141) unless it is ignored, caught or the call says
// MSG_NOSIGNAL.
func TestSIGPIPE(t *testing.T) {
	for _, tc := range []struct {
		mode   string
		status int
		stdout string
	}{
		{"default", 141, "write 1: 1\n"},
		{"ignore", 0, "write 1: 1\nwrite 2: Broken pipe\nwrite 3: Broken pipe\n"},
		{"handler", 0, "write 1: 1\nhandler: Broken pipe\nwrite 2: Broken pipe\nhandler: Broken pipe\nwrite 3: Broken pipe\n"},
		{"nosignal", 0, "write 1: 1\nwrite 2: Broken pipe\nwrite 3: Broken pipe\n"},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			text, events := repeated(t, "testdata/signals/sigpipe-"+tc.mode+".trace", []map[string]any{
				{"name": "server", "addrs": []string{"10.0.0.1/24"}, "file": "closer.c", "program": readFile(t, "testdata/signals/closer.c")},
				{"name": "client", "addrs": []string{"10.0.0.2/24"}, "file": "sigpipe.c", "start": "10ms",
					"args": []string{"server", "7000", tc.mode}, "program": readFile(t, "testdata/signals/sigpipe.c")},
			})
			h := hostRuns(events)["client"]
			if len(h.exits) != 1 || h.exits[0].Status != tc.status || h.stdout != tc.stdout {
				t.Errorf("exits %+v, stdout %q\n%s", h.exits, h.stdout, text)
			}
		})
	}
}

// TestEINTR: SIGALRM interrupts a blocking accept and read with EINTR
// unless its handler has SA_RESTART; select, poll and sleep return early
// whatever the flag.
func TestEINTR(t *testing.T) {
	for _, tc := range []struct{ mode, stdout string }{
		{"norestart", "accept: Interrupted system call after 1 alarm(s)\naccept again: a client\nread: Interrupted system call after 2 alarm(s)\n" +
			"select: -1 Interrupted system call\npoll: -1 Interrupted system call\nsleep: about 2 s left\n"},
		{"restart", "accept: a client after 1 alarm(s)\nread: 6 bytes after 2 alarm(s)\n" +
			"select: -1 Interrupted system call\npoll: -1 Interrupted system call\nsleep: about 2 s left\n"},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			text, events := repeated(t, "testdata/signals/eintr-"+tc.mode+".trace", eintrHosts(t, tc.mode))
			h := hostRuns(events)["server"]
			if len(h.exits) != 1 || h.exits[0].Status != 0 || h.stdout != tc.stdout {
				t.Errorf("exits %+v, stdout\n%s\n%s", h.exits, h.stdout, text)
			}
			if strings.Count(text, "SIGALRM: handler on_alarm()") != 5 {
				t.Errorf("the handler did not run 5 times:\n%s", text)
			}
		})
	}
}

func eintrHosts(t *testing.T, mode string) []map[string]any {
	return []map[string]any{
		{"name": "server", "addrs": []string{"10.0.0.1/24"}, "file": "eintr.c", "args": []string{mode}, "program": readFile(t, "testdata/signals/eintr.c")},
		{"name": "client", "addrs": []string{"10.0.0.2/24"}, "file": "late_client.c", "start": "1.5s",
			"args": []string{"server", "7000", "2"}, "program": readFile(t, "testdata/signals/late_client.c")},
	}
}

// repeated runs the scenario of hosts 20 times (3 with -short): the same
// trace every time, the golden one at path (the same natively and in
// wasm). It returns the first run.
func repeated(t *testing.T, path string, hosts []map[string]any) (string, []trace.Event) {
	t.Helper()
	runs := 20
	if testing.Short() {
		runs = 3
	}
	run := compiled(t, hosts)
	text, events := run()
	golden(t, path, text)
	for i := 1; i < runs; i++ {
		if again, _ := run(); again != text {
			t.Fatalf("run %d differs from the first:\n%s\nfirst:\n%s", i+1, again, text)
		}
	}
	return text, events
}
