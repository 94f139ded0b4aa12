package c

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"netplay/stack/runner"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// runScenario runs a scenario whose hosts' programs are C sources.
func runScenario(t *testing.T, hosts []map[string]any) (string, []trace.Event) {
	t.Helper()
	var names []string
	for _, h := range hosts {
		names = append(names, h["name"].(string))
	}
	sc := map[string]any{
		"version": 1, "title": "test", "seed": 1, "limit": "60s",
		"hosts": hosts,
	}
	if len(names) > 1 {
		sc["links"] = []any{map[string]any{"hosts": names, "delay": "1ms"}}
	}
	data, _ := json.Marshal(sc)
	s, err := scenario.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	res, err := runner.Run(s, runner.Options{Compile: CompileProgram})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	trace.WriteText(&b, res.Events, trace.TextOptions{})
	return b.String(), res.Events
}

// The lecture's make_socket, verbatim: socket and bind succeed; binding
// the same port again fails with EADDRINUSE and exit(EXIT_FAILURE).
func TestLectureMakeSocket(t *testing.T) {
	text, events := runScenario(t, []map[string]any{
		{"name": "server", "addrs": []string{"10.0.0.2/24"}, "program": readFile(t, "testdata/net/make_socket.c")},
		{"name": "peer", "addrs": []string{"10.0.0.3/24"}},
	})
	for _, want := range []string{"bound fd 3", "bind: Address already in use"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
	if strings.Contains(text, "unreachable") {
		t.Errorf("exit(EXIT_FAILURE) did not end the program:\n%s", text)
	}
	for _, e := range events {
		if e.Kind == trace.KindExit && e.Host == "server" && e.Status != 1 {
			t.Errorf("exit status %d, want 1\n%s", e.Status, text)
		}
	}
}

// A server and client in the lecture's style: handshake, echo, close.
func TestEchoServerClient(t *testing.T) {
	text, events := runScenario(t, []map[string]any{
		{"name": "server", "addrs": []string{"10.0.0.2/24"}, "program": readFile(t, "testdata/net/server.c")},
		{"name": "client", "addrs": []string{"10.0.0.1/24"}, "start": "10ms", "args": []string{"server", "12345"},
			"program": readFile(t, "testdata/net/client.c")},
	})
	if testing.Verbose() {
		t.Log(text)
	}
	for _, want := range []string{"connection from 10.0.0.1 (len 16)", "echo: hello", "client closed", "Flags [S]", "Flags [S.]"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
	var lines []int
	for _, e := range events {
		if e.Kind == trace.KindExit && e.Status != 0 {
			t.Errorf("%s exit %d %s\n%s", e.Host, e.Status, e.Reason, text)
		}
		if e.Kind == trace.KindSyscall && e.Host == "server" {
			lines = append(lines, e.Line)
		}
	}
	if len(lines) == 0 || lines[0] != 14 {
		t.Errorf("server syscall lines %v, want the socket() call on line 14 first\n%s", lines, text)
	}
}
