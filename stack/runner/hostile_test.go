package runner

import (
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"netplay/stack/c"
	"netplay/stack/output"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// The hostile suite's run-wide cases: programs that would run a whole run
// out of time or memory. Each run ends with a message that names the limit
// (at the program's line), and the well-behaved host beside them keeps its
// output. Budgets are set low where the defaults would only make the test
// longer (the defaults themselves: TestDefaultBudgets, and the benches).

// quiet is the well-behaved host of each case.
const quiet = `#include <stdio.h>
int main(void) { printf("quiet\n"); return 0; }
`

// hostileRun runs the programs, one host each (h0, h1, … in order), on
// one link, with opt's budgets.
func hostileRun(t *testing.T, opt Options, progs ...string) *Result {
	t.Helper()
	type host struct {
		Name    string   `json:"name"`
		Addrs   []string `json:"addrs,omitempty"`
		Program string   `json:"program"`
	}
	sc := map[string]any{"version": 1, "seed": 1}
	var hosts []host
	var names []string
	for i, p := range progs {
		name := fmt.Sprintf("h%d", i)
		hosts = append(hosts, host{Name: name, Addrs: []string{fmt.Sprintf("10.0.%d.%d/16", (i+1)/250, (i+1)%250+1)}, Program: p})
		names = append(names, name)
	}
	sc["hosts"] = hosts
	sc["links"] = []map[string]any{{"hosts": names}}
	data, err := json.Marshal(sc)
	if err != nil {
		t.Fatal(err)
	}
	s, err := scenario.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	opt.Compile = c.CompileProgram
	res, err := Run(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// exits returns each host's exit event.
func exits(res *Result) map[string]trace.Event {
	out := map[string]trace.Event{}
	for _, e := range res.Events {
		if e.Kind == trace.KindExit {
			out[e.Host] = e
		}
	}
	return out
}

// traceOutput returns what host printed, in the events kept.
func traceOutput(res *Result, host string) string {
	var b strings.Builder
	for _, e := range res.Events {
		if e.Kind == trace.KindOutput && e.Host == host {
			b.WriteString(e.Text)
		}
	}
	return b.String()
}

func wantExit(t *testing.T, res *Result, host string, status int, reason string) {
	t.Helper()
	e, ok := exits(res)[host]
	if !ok {
		t.Fatalf("%s did not exit; end %q", host, res.End)
	}
	if e.Status != status || !strings.Contains(e.Reason, reason) {
		t.Fatalf("%s: status %d reason %q, want %d and %q", host, e.Status, e.Reason, status, reason)
	}
}

func wantQuiet(t *testing.T, res *Result, host string) {
	t.Helper()
	if got := traceOutput(res, host); got != "quiet\n" {
		t.Fatalf("%s printed %q, want its output kept", host, got)
	}
	wantExit(t, res, host, 0, "")
}

// TestHostileRunSteps: loops that print, open and close sockets, poll a
// socket that never has data, or sleep for no time end at the run's step
// limit, with the message at the loop's line; the other programs are ended
// too, their output kept, and the trace is cut with its message where the
// loop printed more than its budget.
func TestHostileRunSteps(t *testing.T) {
	loops := []struct {
		name, src string
		line      int // the loop's
	}{
		{"puts", "#include <stdio.h>\nint main(void) {\n\tfor (;;) puts(\"x\");\n}\n", 3},
		{"socket close", "#include <sys/socket.h>\n#include <unistd.h>\nint main(void) {\n\tfor (;;) close(socket(AF_INET, SOCK_STREAM, 0));\n}\n", 4},
		{"nonblocking recv", "#include <sys/socket.h>\n#include <netinet/in.h>\n#include <fcntl.h>\nint main(void) {\n\tint s = socket(AF_INET, SOCK_DGRAM, 0); char b[16]; struct sockaddr_in a = {AF_INET, htons(9000)};\n\tbind(s, (struct sockaddr *)&a, sizeof a); fcntl(s, F_SETFL, O_NONBLOCK);\n\tfor (;;) recv(s, b, sizeof b, 0);\n}\n", 7},
		{"usleep(0)", "#include <unistd.h>\nint main(void) {\n\tfor (;;) usleep(0);\n}\n", 3},
		{"sched_yield", "#include <sched.h>\nint main(void) {\n\tfor (;;) sched_yield();\n}\n", 3},
	}
	for _, l := range loops {
		t.Run(l.name, func(t *testing.T) {
			res := hostileRun(t, Options{RunSteps: 20_000_000}, quiet, l.src, "int main(void) { for (;;) ; }\n")
			if want := "step limit of the run reached (20000000 steps for all its programs together)"; res.End != want {
				t.Fatalf("end %q, want %q", res.End, want)
			}
			wantQuiet(t, res, "h0")
			// The loop and the spinning host share the steps: the one
			// that takes the last ends at its line, the other at the end
			// of the run.
			ex := exits(res)
			over, ended := 0, 0
			for _, h := range []string{"h1", "h2"} {
				switch e := ex[h]; {
				case e.Status == 137 && strings.HasPrefix(e.Reason, "step limit exceeded (20000000 steps for all the run's programs together)") && strings.HasSuffix(e.Reason, fmt.Sprintf(" at %s.c:%d", h, map[string]int{"h1": l.line, "h2": 1}[h])):
					over++
				case e.Status == 137 && e.Reason == "end of run: "+res.End:
					ended++
				default:
					t.Fatalf("%s: status %d reason %q", h, e.Status, e.Reason)
				}
			}
			if over != 1 || ended != 1 {
				t.Fatalf("%d over the limit, %d ended by it; want one each", over, ended)
			}
		})
	}
}

// TestPrintsToItsEnd: a learner's program that prints 200,000 lines runs
// to its end within the default budgets, as gcc's does (a line printed
// costs libc.TerminalWriteSteps, a fifth of the budget for all of them),
// while the loops above that print forever still meet the limit.
func TestPrintsToItsEnd(t *testing.T) {
	const lines = `#include <stdio.h>
int main(void) {
	for (int i = 0; i < 200000; i++)
		printf("line %d\n", i);
	return 0;
}
`
	res := hostileRun(t, Options{}, quiet, lines)
	wantQuiet(t, res, "h0")
	wantExit(t, res, "h1", 0, "")
	if out := traceOutput(res, "h1"); !strings.HasPrefix(out, "line 0\nline 1\n") || !strings.HasSuffix(out, "line 199998\nline 199999\n") {
		t.Fatalf("the output runs %.40q … %q", out, out[max(0, len(out)-40):])
	}
	// The trace's budget keeps its head and tail; the output collected
	// beside it (the console's download) is every line.
	var whole strings.Builder
	for i := range 200000 {
		fmt.Fprintf(&whole, "line %d\n", i)
	}
	h := res.Output.Host("h1")
	if got := h.Text(); got != whole.String() {
		t.Errorf("the output collected is %d bytes, want all %d", len(got), whole.Len())
	}
	if !slices.ContainsFunc(res.Events, func(e trace.Event) bool { return e.Kind == trace.KindCut }) {
		t.Errorf("the trace kept every line: this test no longer shows the collected output holds more")
	}
	if _, fold, _ := h.Console(); fold.Lines != 200000-output.HeadLines-output.TailLines {
		t.Errorf("the console leaves out %d lines, want %d", fold.Lines, 200000-output.HeadLines-output.TailLines)
	}
}

// TestHostilePrintsTooMuch: a loop that prints forever and a printf of
// 2 GiB (one conversion) end with the trace cut in the middle, its message
// saying what was left out, and the rest kept; printf returns what glibc
// does (2147483647; past INT_MAX -1, EOVERFLOW) without building the
// output.
func TestHostilePrintsTooMuch(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("2 GiB of output through node takes minutes; the native run checks the bound")
	}
	res := hostileRun(t, Options{}, quiet, `#include <stdio.h>
int main(void) {
	int n = printf("%2147483647d", 5);
	fprintf(stderr, "\nreturned %d\n", n);
	n = snprintf(NULL, 0, "%.2147483647f", 1.0);
	perror("snprintf");
	fprintf(stderr, "returned %d\n", n);
	return 0;
}
`)
	wantQuiet(t, res, "h0")
	wantExit(t, res, "h1", 0, "")
	var cut *trace.Event
	for i, e := range res.Events {
		if e.Kind == trace.KindCut {
			cut = &res.Events[i]
		}
	}
	if cut == nil || !strings.HasPrefix(cut.Reason, "the trace is over its budget of 32 MiB: ") || cut.CutBytes < 1<<30 {
		t.Fatalf("cut event %+v, want 2 GiB left out", cut)
	}
	// stdout's last piece waits in its buffer (no newline) until exit;
	// stderr is unbuffered.
	out := traceOutput(res, "h1")
	const errs = "\nreturned 2147483647\nsnprintf: Value too large for defined data type\nreturned -1\n"
	before, last, ok := strings.Cut(out, errs)
	if !ok || !strings.HasPrefix(before, "   ") || strings.Trim(last, " ") != "5" {
		t.Fatalf("output's tail %q, want spaces, %q, spaces and 5", out[max(len(out)-2000, 0):], errs)
	}
	// The output collected beside the trace keeps its own budget's head
	// and tail, and says exactly what it left out.
	h := res.Output.Host("h1")
	text := h.Text()
	lines, bytes := h.Cut()
	note := fmt.Sprintf("\n[netplay: %s lines (%s bytes) of this output were left out here: the run's output is over its budget of 32 MiB]\n", commas(lines), commas(bytes))
	if len(text) > output.DefaultBudget+1<<20 || !strings.Contains(text, note) || !strings.HasSuffix(text, errs+last) ||
		int64(len(text)-len(note))+bytes != 2147483647+int64(len(errs)) {
		t.Errorf("the output collected: %d bytes, %d left out, note %q", len(text), bytes, note)
	}
}

// commas writes n with thousands separators.
func commas(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// TestHostileMemory: hosts that each take 20 MiB of heap, with a run-wide
// budget of 64 MiB: the first three get it, the others end out of memory at
// the line of their malloc (SIGKILL, as Linux's OOM killer ends a
// program), and the well-behaved host keeps its output. A program's own
// cap (64 MiB) still makes malloc return NULL, as RLIMIT_AS does.
func TestHostileMemory(t *testing.T) {
	// Each holds its 20 MiB until every host has asked for its own (the
	// sleep), whatever the order the scheduler runs them in.
	const take = `#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
int main(void) {
	char *p = malloc(20 << 20);
	if (!p) { perror("malloc"); return 1; }
	memset(p, 1, 20 << 20);
	printf("took it\n");
	sleep(1);
	return 0;
}
`
	const tooBig = `#include <stdio.h>
#include <stdlib.h>
int main(void) {
	if (!malloc(100 << 20)) perror("malloc");
	return 0;
}
`
	res := hostileRun(t, Options{Memory: 64 << 20}, quiet, take, take, take, take, take, tooBig)
	wantQuiet(t, res, "h0")
	for _, h := range []string{"h1", "h2", "h3"} {
		wantExit(t, res, h, 0, "")
		if out := traceOutput(res, h); out != "took it\n" {
			t.Fatalf("%s printed %q", h, out)
		}
	}
	for _, h := range []string{"h4", "h5"} {
		wantExit(t, res, h, 137, "out of memory: the heap cannot grow by 19.9 MiB: the run's programs together may hold 64 MiB of heap (the run's memory budget) and hold 59.8 MiB")
		wantExit(t, res, h, 137, " at "+h+".c:6")
	}
	wantExit(t, res, "h6", 0, "")
	if out := traceOutput(res, "h6"); out != "malloc: Cannot allocate memory\n" {
		t.Fatalf("h6 printed %q", out)
	}
}

// TestHostileWallClock: a run that reaches its wall-clock limit says so,
// and that where it ended depends on the machine.
func TestHostileWallClock(t *testing.T) {
	res := hostileRun(t, Options{WallLimit: 1}, "int main(void) { for (;;) ; }\n", "int main(void) { for (;;) ; }\n")
	want := "wall-clock limit 1ns reached (real time: where the run ends depends on the machine's speed)"
	if res.End != want {
		t.Fatalf("end %q, want %q", res.End, want)
	}
	wantExit(t, res, "h0", 137, "end of run: "+want)
	wantExit(t, res, "h1", 137, "end of run: "+want)
}

// The wall clock does not run while the run waits for the learner to
// type: a line typed after the run's wall-clock limit is read.
func TestHostileWallClockWaitsForInput(t *testing.T) {
	typed := make(chan Typed, 1)
	go func() {
		time.Sleep(300 * time.Millisecond) // the learner reads the output first
		typed <- Typed{Host: "h0", Text: "late\n"}
	}()
	res := hostileRun(t, Options{WallLimit: 100 * time.Millisecond, Input: typed},
		"#include <stdio.h>\nint main(void) { char b[16]; if (fgets(b, sizeof b, stdin)) printf(\"got %s\", b); return 0; }\n",
		"int main(void) { return 0; }\n")
	if res.End != "all programs exited" {
		t.Fatalf("end %q", res.End)
	}
	wantExit(t, res, "h0", 0, "")
}
