package kernel_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"netplay/stack/runner"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// A terminal in canonical mode: a read returns at most one line, once its
// newline is typed; a short buffer takes the line in pieces; stdio reads
// the terminal 1024 bytes at a time and flushes the prompt first; after
// the end of input reads return what is left, then 0.
func TestStdinCanonical(t *testing.T) {
	const prog = `#include <stdio.h>
#include <unistd.h>
int main(void) {
	char b[8];
	int n = read(0, b, 4);          /* "hel": a piece of the first line */
	printf("read %d\n", n);
	n = read(0, b, sizeof b);       /* the rest of it */
	printf("read %d %.*s", n, n, b);
	printf("name? ");               /* flushed before stdio reads */
	char line[64];
	if (fgets(line, sizeof line, stdin)) printf("got %s", line);
	int c = getchar();
	printf("char %c\n", c);
	int x, y;
	if (scanf("%d %d", &x, &y) == 2) printf("sum %d\n", x + y);
	while ((c = getchar()) != EOF) printf("[%c]", c);
	printf("\nend %d\n", feof(stdin));
	n = read(0, b, sizeof b);
	printf("after eof %d\n", n);
	return 0;
}
`
	res, tr := newWorld(t).host("a", "", prog,
		"1s", "hello\n", "2s", "ann\n", "3s", "q", "3s", "\n40 ", "4s", "2\nxy", "5s", "EOF").run(runner.Options{})
	want := "read 4\nread 2 o\nname? got ann\nchar q\nsum 42\n[\n][x][y]\nend 1\nafter eof 0\n"
	if got := output(res.Events, "a"); got != want {
		t.Errorf("output %q, want %q\n%s", got, want, tr)
	}
	got := strings.Join(calls(res.Events, "a"), "\n")
	for _, w := range []string{"read(0, 4) = 4", "read(0, 8) = 2", "read(0, 1024) = 4", "read(0, 1024) = 2", "read(0, 1024) = 5", "read(0, 1024) = 2", "read(0, 1024) = 0", "read(0, 8) = 0"} {
		if !strings.Contains(got, w) {
			t.Errorf("no %q among the calls:\n%s", w, got)
		}
	}
	// Each read returns when its line is complete: the first at 1 s, the
	// second line at 2 s, "q" waits for its newline (typed at 3 s too).
	for _, e := range res.Events {
		if e.Kind == trace.KindSyscall && e.Call == "read" && e.Args == "0, 4" && e.T != int64(time.Second) {
			t.Errorf("first read returned at %v, want 1s", time.Duration(e.T))
		}
	}
	contains(t, tr, tr, "1.000000 a> hello", "5.000000 a> ^D (end of input)", "a| name? ")
	if e := exitOf(t, res.Events, "a"); e.Status != 0 {
		t.Errorf("exit %+v", e)
	}
	if res.End != "all programs exited" {
		t.Errorf("end %q", res.End)
	}
}

// select and poll report the terminal readable only once a line is there
// (or input has ended), not at a bare keystroke.
func TestStdinSelectPoll(t *testing.T) {
	const prog = `#include <stdio.h>
#include <unistd.h>
#include <poll.h>
#include <sys/select.h>
int main(void) {
	fd_set r; FD_ZERO(&r); FD_SET(0, &r);
	struct timeval tv = {1, 0};
	printf("select %d\n", select(1, &r, NULL, NULL, &tv));   /* 0: nothing before 1s */
	FD_SET(0, &r);
	printf("select %d\n", select(1, &r, NULL, NULL, NULL));  /* 1 at 3s: "ab" alone is not a line */
	struct pollfd p = {0, POLLIN | POLLRDNORM, 0};
	int n = poll(&p, 1, 0);
	printf("poll %d %x\n", n, p.revents);
	char b[16];
	printf("read %d\n", (int)read(0, b, sizeof b));
	printf("poll %d\n", poll(&p, 1, 500));                   /* 0 */
	p.events = POLLIN;
	n = poll(&p, 1, -1);                                     /* input ends at 5s: readable */
	printf("poll %d %x\n", n, p.revents);
	return 0;
}
`
	res, tr := newWorld(t).host("a", "", prog, "2s", "ab", "3s", "c\n", "5s", "EOF").run(runner.Options{})
	want := "select 0\nselect 1\npoll 1 41\nread 4\npoll 0\npoll 1 1\n"
	if got := output(res.Events, "a"); got != want {
		t.Errorf("output %q, want %q\n%s", got, want, tr)
	}
	for _, e := range res.Events {
		if e.Kind == trace.KindSyscall && e.Call == "select" && e.Ret == 1 && e.T != int64(3*time.Second) {
			t.Errorf("select returned at %v, want 3s\n%s", time.Duration(e.T), tr)
		}
	}
}

// A run that only input could continue ends as "waiting for input": the
// programs are killed as at the time limit, after what was scheduled has
// happened (here the server's echo).
func TestWaitingForInput(t *testing.T) {
	res, tr := newWorld(t).
		host("server", "10.0.0.2/24", stdinProgram(t, "echo_server.c")).
		host("client", "10.0.0.1/24", stdinProgram(t, "echo_client.c"), "1s", "hi\n").run(runner.Options{})
	if res.End != "waiting for input" {
		t.Fatalf("end %q, want waiting for input\n%s", res.End, tr)
	}
	for _, h := range []string{"server", "client"} {
		if e := exitOf(t, res.Events, h); e.Status != 137 || e.Reason != "end of run: waiting for input" {
			t.Errorf("%s: %+v", h, e)
		}
	}
	contains(t, tr, output(res.Events, "client"), "echo: hi")
}

// Live input: what is typed while the run goes on reaches the program where
// the world is idle, the run waits for it, and the entries it records,
// added to the scenario, replay the run exactly.
func TestLiveInputReplays(t *testing.T) {
	w := newWorld(t).host("server", "10.0.0.2/24", stdinProgram(t, "echo_server.c")).host("client", "10.0.0.1/24", stdinProgram(t, "echo_client.c"))
	typed := make(chan runner.Typed)
	go func() {
		typed <- runner.Typed{Host: "client", Text: "one\n"}
		typed <- runner.Typed{Host: "client", Text: "two\n"}
		typed <- runner.Typed{Host: "client", Text: "thr"}
		typed <- runner.Typed{Host: "client", Text: "ee\n"}
		typed <- runner.Typed{Host: "nobody", Text: "lost\n"}
		typed <- runner.Typed{Host: "client", EOF: true}
		close(typed)
	}()
	live, liveText := w.run(runner.Options{Input: typed})
	if live.End != "all programs exited" {
		t.Fatalf("end %q\n%s", live.End, liveText)
	}
	contains(t, liveText, output(live.Events, "client"), "echo: one", "echo: two", "echo: three", "bye")
	got := live.Stdin["client"]
	if len(got) < 3 || !got[len(got)-1].EOF {
		t.Fatalf("recorded %+v", live.Stdin)
	}
	sc := w.scenario()
	sc.Hosts[1].AddInput(scenario.Input{At: scenario.Duration(time.Hour), Text: "never read\n"})
	for _, in := range got {
		sc.Hosts[1].AddInput(in) // the end of input drops the entry after it
	}
	replay, err := runner.Run(sc, runner.Options{Compile: compile})
	if err != nil {
		t.Fatal(err)
	}
	if r := text(replay.Events); r != liveText {
		t.Errorf("the replay differs:\n%s\n--- live ---\n%s", r, liveText)
	}
}

// Options.Waiting: each time the run waits for the learner it hands over
// the trace so far, and a line typed only then (as the page's console does)
// is answered before the next wait.
func TestLiveInputWaiting(t *testing.T) {
	w := newWorld(t).host("server", "10.0.0.2/24", stdinProgram(t, "echo_server.c")).host("client", "10.0.0.1/24", stdinProgram(t, "echo_client.c"))
	var seen []string // the client's output at each wait
	res, tr := w.runTyping("client", []string{"one\n", "two\n"}, func(events []trace.Event) {
		seen = append(seen, output(events, "client"))
	})
	if res.End != "all programs exited" {
		t.Fatalf("end %q\n%s", res.End, tr)
	}
	want := []string{"", "echo: one\n", "echo: one\necho: two\n"}
	if !reflect.DeepEqual(seen, want) {
		t.Errorf("the client's output at each wait %q, want %q\n%s", seen, want, tr)
	}
	if got := res.Stdin["client"]; len(got) != 3 || !got[2].EOF {
		t.Errorf("recorded %+v", got)
	}
}
