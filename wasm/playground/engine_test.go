package main

import (
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"

	"netplay/app/engineapi"
	"netplay/app/gallery"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// TestEngineMessages: what the runner gives the page survives the trip
// from the engine worker (app/engineapi) whole: a real run's trace with
// its frame bytes, and a real compile error with its file:line:col lines.
func TestEngineMessages(t *testing.T) {
	sc, err := gallery.Load("handshake")
	if err != nil {
		t.Fatal(err)
	}
	res, err := run(sc, engineapi.Live{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := engineapi.DecodeResult(engineapi.EncodeResult(res, nil))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, res) {
		t.Errorf("result changed on the way")
	}
	frames := 0
	for _, e := range got.Events {
		if len(e.Data) > 0 {
			frames++
		}
	}
	if frames < 3 {
		t.Errorf("%d events with frame bytes after the trip, want the handshake's", frames)
	}

	sc.Hosts[0].Program = "int main(void) { return x; }\n"
	_, err = run(sc, engineapi.Live{})
	if err == nil {
		t.Fatal("undeclared x compiled")
	}
	_, err2 := engineapi.DecodeResult(engineapi.EncodeResult(nil, err))
	if err2 == nil || err2.Error() != err.Error() || !strings.Contains(err2.Error(), ":1:") {
		t.Errorf("compile error after the trip: %v, want %v", err2, err)
	}
}

// TestCompileShared: runs asking for a program being compiled wait for
// that compile and get its result.
func TestCompileShared(t *testing.T) {
	src := "int main(void) { return y; }\n"
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, errs[i] = compileCached(scenario.File{Name: "shared.c", Text: src}, nil, nil)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err == nil || err.Error() != errs[0].Error() {
			t.Errorf("errors %v, want the same compile error each time", errs)
			break
		}
	}
}

// TestCompileCacheKeysOnEveryFile: a build is reused only for the same
// main file, own files and shared files, in the same order.
func TestCompileCacheKeysOnEveryFile(t *testing.T) {
	main := scenario.File{Name: "cache.c", Text: "#include \"lib/x.h\"\nint main(void) { return X; }\n"}
	good := []scenario.File{{Name: "lib/x.h", Text: "#define X 1\n"}}
	bad := []scenario.File{{Name: "lib/x.h", Text: "int y;\n"}}
	if _, _, err := compileCached(main, nil, good); err != nil {
		t.Fatalf("with X defined: %v", err)
	}
	if _, _, err := compileCached(main, nil, bad); err == nil {
		t.Fatal("a changed shared header reused the build made with the old one")
	}
	if _, _, err := compileCached(main, bad, nil); err == nil {
		t.Fatal("the header as the host's own file: no error")
	}
	if _, _, err := compileCached(main, good, nil); err != nil {
		t.Fatalf("with X defined in the host's own header: %v", err)
	}
	a := []scenario.File{{Name: "lib/a.c", Text: "int f(void){return 1;}"}, {Name: "lib/b.c", Text: "int f(void){return 2;}"}}
	b := []scenario.File{a[1], a[0]}
	if buildKey(main, nil, a) == buildKey(main, nil, b) {
		t.Error("the library's order is not in the key")
	}
	if buildKey(main, a[:1], nil) == buildKey(main, nil, a[:1]) {
		t.Error("a host's own file and a shared one give the same key")
	}
	if buildKey(scenario.File{Name: "ab", Text: "c"}, nil, nil) == buildKey(scenario.File{Name: "a", Text: "bc"}, nil, nil) {
		t.Error("names and texts run together in the key")
	}
}

// A live run through the engine's path (runsAhead, run, the runner): the
// scenario prepared ahead ends waiting for input; a Run with the console's
// input runs afresh and waits, hands over the trace so far, takes the
// lines typed, and records them; the scenario with the recorded input
// replays the live run exactly, without waiting.
func TestEngineLiveInput(t *testing.T) {
	sc := &scenario.Scenario{Version: 1, Title: "echo", Hosts: []scenario.Host{
		{Name: "server", Addrs: []string{"10.0.0.2/24"}, Program: stdinProgram(t, "echo_server.c")},
		{Name: "client", Addrs: []string{"10.0.0.1/24"}, Program: stdinProgram(t, "prompt_client.c")},
	}, Links: []scenario.Link{{Hosts: []string{"server", "client"}}},
		Files: []scenario.File{{Name: "port7000.h", Text: stdinProgram(t, "port7000.h")}}}
	a := newRunsAhead(run)
	a.Prepare(sc)
	a.Wait()
	if res, _ := decode(t)(a.Run(sc, engineapi.Live{})); res.End != engineapi.EndWaitingForInput {
		t.Fatalf("the run ahead ended %q", res.End)
	}

	typed := make(chan engineapi.Typed, 1)
	var prompts []string
	waiting := func(res *engineapi.Result) {
		prompts = append(prompts, consoleOf(res.Events, "client"))
		switch len(prompts) {
		case 1:
			typed <- engineapi.Typed{Host: "client", Text: "hello\n"}
		default:
			typed <- engineapi.Typed{Host: "client", EOF: true}
		}
	}
	live, reused := decode(t)(a.Run(sc, engineapi.Live{Input: typed, Waiting: waiting}))
	if reused || live.End != "all programs exited" {
		t.Fatalf("the live run ended %q (reused %v)", live.End, reused)
	}
	if want := []string{"> ", "> echo: hello\n> "}; !reflect.DeepEqual(prompts, want) {
		t.Errorf("the client's console at each wait %q, want %q", prompts, want)
	}
	if in := live.Stdin["client"]; len(in) != 2 || in[0].Text != "hello\n" || !in[1].EOF {
		t.Fatalf("recorded %+v", live.Stdin)
	}
	for _, in := range live.Stdin["client"] {
		sc.Hosts[1].AddInput(in)
	}
	replay, err := run(sc, engineapi.Live{})
	if err != nil {
		t.Fatal(err)
	}
	var a1, b1 strings.Builder
	trace.WriteText(&a1, live.Events, trace.TextOptions{})
	trace.WriteText(&b1, replay.Events, trace.TextOptions{})
	if a1.String() != b1.String() {
		t.Errorf("the replay differs:\n%s\n--- live ---\n%s", b1.String(), a1.String())
	}
}

// decode reads what runsAhead.Run answers.
func decode(t *testing.T) func(result, output, errText string, reused bool) (*engineapi.Result, bool) {
	return func(result, _, errText string, reused bool) (*engineapi.Result, bool) {
		t.Helper()
		res, err := engineapi.DecodeResult(result, errText)
		if err != nil {
			t.Fatal(err)
		}
		return res, reused
	}
}

func consoleOf(events []trace.Event, host string) string {
	var b strings.Builder
	for _, e := range events {
		if e.Kind == trace.KindOutput && e.Host == host {
			b.WriteString(e.Text)
		}
	}
	return b.String()
}

// stdinProgram is one of the C programs the stack's tests of input share
// (stack/kernel/testdata/stdin).
func stdinProgram(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../../stack/kernel/testdata/stdin/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
