package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"netplay/stack/scenario"
	"netplay/stack/trace"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = dispatch(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestRunText(t *testing.T) {
	code, out, errs := runCLI("run", "testdata/refused.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"client 10.0.0.1.40526 > 10.0.0.2.81: Flags [S], seq 0",
		"server 10.0.0.2.81 > 10.0.0.1.40526: Flags [R.], seq 0, ack 1, win 0, length 0",
		"client connect(3, 10.0.0.2:81) = -1 ECONNREFUSED (Connection refused)",
		"client| connect: Connection refused",
		"client exited with status 1",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("trace lacks %q:\n%s", want, out)
		}
	}
}

func TestRunJSONAndPcap(t *testing.T) {
	pcap := filepath.Join(t.TempDir(), "out.pcap")
	code, out, errs := runCLI("run", "--json", "--pcap", pcap, "testdata/refused.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	evs, err := trace.ReadJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var flags []string
	var connect trace.Event
	for _, e := range evs {
		if e.Kind == trace.KindSegment {
			flags = append(flags, e.Flags)
		}
		if e.Kind == trace.KindSyscall && e.Call == "connect" {
			connect = e
		}
	}
	if strings.Join(flags, " ") != "S R." || connect.Errno != "ECONNREFUSED" || connect.Ret != -1 || connect.Line == 0 {
		t.Fatalf("flags %v, connect %+v", flags, connect)
	}
	if tshark, err := exec.LookPath("tshark"); err == nil {
		out, err := exec.Command(tshark, "-r", pcap, "-Y", "tcp", "-T", "fields", "-e", "tcp.flags.str").Output()
		if err != nil || strings.Count(string(out), "\n") != 2 {
			t.Fatalf("tshark: %v\n%s", err, out)
		}
	} else if _, err := os.Stat(pcap); err != nil {
		t.Fatal(err)
	}
}

func TestRunBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o644)
		return p
	}
	big := write("big.json", `{"version":1,"title":"`+strings.Repeat("x", scenario.MaxSize)+`"}`)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"run"}, "want exactly one SCENARIO.json"},
		{[]string{"run", filepath.Join(dir, "missing.json")}, "no such file"},
		{[]string{"run", write("unknown.json", `{"version":1,"hots":[]}`)}, `"hots"`},
		{[]string{"run", write("v2.json", `{"version":2,"hosts":[{"name":"a"}]}`)}, "version"},
		{[]string{"run", big}, "larger than 1 MiB"},
		{[]string{"run", "testdata/compile-error.json"}, "a.c:2:"},
		{[]string{"run", "testdata/compile-error.json"}, "b.c:2:"},
		{[]string{"run", "--bogus", "x.json"}, "flag provided but not defined"},
		{[]string{"frobnicate"}, "unknown subcommand"},
	} {
		code, out, errs := runCLI(tc.args...)
		if code != 2 || out != "" || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errs, tc.want)
		}
	}
}

// TestRunPrintsWarnings: the compiler's warnings go to stderr as gcc
// prints them, and the run goes on (send(socket, …) passes the function
// socket as the fd: EBADF at run time).
func TestRunPrintsWarnings(t *testing.T) {
	sc := `{"version": 1, "hosts": [{"name": "a", "program":
"#include <stdio.h>\n#include <sys/socket.h>\nint main(void) {\n\tint unused;\n\tif (send(socket, \"x\", 1, 0) < 0)\n\t\tperror(\"send\");\n\treturn 0;\n}\n"}]}`
	path := filepath.Join(t.TempDir(), "w.json")
	if err := os.WriteFile(path, []byte(sc), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI("run", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := "a.c:4:13: warning: unused variable 'unused' [-Wunused-variable]\n" +
		"a.c:5:18: warning: passing argument 1 of 'send' makes integer from pointer without a cast [-Wint-conversion]\n"
	if errs != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", errs, want)
	}
	if !strings.Contains(out, "send: Bad file descriptor") {
		t.Errorf("the program did not run:\n%s", out)
	}
}

// A program that polls its stdin forever without blocking (issue 12: such
// a run never returned and grew to 4.7 GB) ends at its step limit with its
// message, its trace cut to the budget, and the process's memory bounded.
func TestRunSpinningOnStdinEnds(t *testing.T) {
	prog := `#include <unistd.h>
#include <sys/select.h>
int main(void) {
	char buf[100];
	for (;;) {
		fd_set r; FD_ZERO(&r); FD_SET(0, &r);
		select(1, &r, NULL, NULL, NULL);
		read(0, buf, sizeof buf);
	}
}
`
	sc, _ := json.Marshal(map[string]any{"version": 1, "hosts": []any{map[string]any{
		"name": "a", "program": prog, "stdin": []any{map[string]any{"at": "1s", "eof": true}}}}})
	path := filepath.Join(t.TempDir(), "spin.json")
	if err := os.WriteFile(path, sc, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	cmd := netplayCmd(t, "run", path)
	cmd.Stdout, cmd.Stderr = &out, &errb
	t0 := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %s", err, errb.String())
	}
	took := time.Since(t0)
	text := out.String()
	for _, want := range []string{"a killed: step limit exceeded", " cut: the trace is over its budget of 32 MiB"} {
		if !strings.Contains(text, want) {
			t.Errorf("the trace lacks %q", want)
		}
	}
	// wait4's usage of netplay run: the larger of its own and its
	// engine's (the child it supervises) peak resident set.
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Fatal("no rusage")
	}
	t.Logf("ended in %v, peak RSS %d MiB, %d lines", took, ru.Maxrss>>10, strings.Count(text, "\n"))
	if ru.Maxrss > 512<<10 { // kilobytes
		t.Errorf("peak RSS %d MiB, want at most 512", ru.Maxrss>>10)
	}
}
