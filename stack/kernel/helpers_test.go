package kernel_test

import (
	"encoding/json"
	"strings"
	"testing"

	"netplay/stack/c"
	"netplay/stack/runner"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// world is a scenario of C programs, built up by the tests.
type world struct {
	t      *testing.T
	hosts  []map[string]any
	faults []any
	limit  string
}

// fault adds a fault rule (scenario.Fault as JSON).
func (w *world) fault(f map[string]any) *world {
	w.faults = append(w.faults, f)
	return w
}

func newWorld(t *testing.T) *world { return &world{t: t, limit: "60s"} }

// host adds a host running program (C source); stdin is its scripted
// input: pairs of time and text, "EOF" for the end of input.
func (w *world) host(name, addr, program string, stdin ...string) *world {
	h := map[string]any{"name": name, "program": program}
	if addr != "" {
		h["addrs"] = []string{addr}
	}
	var in []map[string]any
	for i := 0; i+1 < len(stdin); i += 2 {
		if stdin[i+1] == "EOF" {
			in = append(in, map[string]any{"at": stdin[i], "eof": true})
		} else {
			in = append(in, map[string]any{"at": stdin[i], "text": stdin[i+1]})
		}
	}
	if in != nil {
		h["stdin"] = in
	}
	w.hosts = append(w.hosts, h)
	return w
}

// stdinProgram is one of the C programs of testdata/stdin, which the
// tests of input, stillness and limits share (wasm/playground's too).
func stdinProgram(t *testing.T, name string) string {
	return readTestdata(t, "stdin/"+name)
}

func (w *world) scenario() *scenario.Scenario {
	w.t.Helper()
	sc := map[string]any{"version": 1, "seed": 1, "limit": w.limit, "hosts": w.hosts}
	// The programs of testdata/stdin meet with its port7000.h, a file of the
	// scenario's project as a course's lib/ would be.
	for _, h := range w.hosts {
		if strings.Contains(h["program"].(string), `#include "port7000.h"`) {
			sc["files"] = []map[string]any{{"name": "port7000.h", "text": readTestdata(w.t, "stdin/port7000.h")}}
		}
	}
	var linked []string
	for _, h := range w.hosts {
		if h["addrs"] != nil {
			linked = append(linked, h["name"].(string))
		}
	}
	if len(linked) > 1 {
		sc["links"] = []any{map[string]any{"hosts": linked, "delay": "1ms"}}
	}
	if w.faults != nil {
		sc["faults"] = w.faults
	}
	data, _ := json.Marshal(sc)
	s, err := scenario.Parse(data)
	if err != nil {
		w.t.Fatal(err)
	}
	return s
}

// runTyping runs the world live: at each wait for the learner it hands the
// trace so far to see, then types the next of lines into host's terminal,
// and ends its input once they are all typed.
func (w *world) runTyping(host string, lines []string, see func(events []trace.Event)) (*runner.Result, string) {
	typed := make(chan runner.Typed, 1)
	n := 0
	waiting := func(events []trace.Event) {
		see(events)
		if n < len(lines) {
			typed <- runner.Typed{Host: host, Text: lines[n]}
		} else {
			typed <- runner.Typed{Host: host, EOF: true}
		}
		n++
	}
	return w.run(runner.Options{Input: typed, Waiting: waiting})
}

// run runs the world and returns its result and text trace.
func (w *world) run(opt runner.Options) (*runner.Result, string) {
	w.t.Helper()
	opt.Compile = c.CompileProgram
	res, err := runner.Run(w.scenario(), opt)
	if err != nil {
		w.t.Fatal(err)
	}
	return res, text(res.Events)
}

func text(evs []trace.Event) string {
	var b strings.Builder
	trace.WriteText(&b, evs, trace.TextOptions{})
	return b.String()
}

// output returns what host wrote to stdout.
func output(evs []trace.Event, host string) string {
	var b strings.Builder
	for _, e := range evs {
		if e.Kind == trace.KindOutput && e.Host == host && e.Stream == "stdout" {
			b.WriteString(e.Text)
		}
	}
	return b.String()
}

// calls lists host's system calls as "call(args) = ret ERRNO".
func calls(evs []trace.Event, host string) []string {
	var out []string
	for _, e := range evs {
		if e.Kind == trace.KindSyscall && e.Host == host {
			out = append(out, trace.TextLine(&e, trace.TextOptions{}))
		}
	}
	return out
}

func contains(t *testing.T, trace, what string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(what, w) {
			t.Errorf("%q missing from:\n%s", w, trace)
		}
	}
}

// exitOf returns host's exit event.
func exitOf(t *testing.T, evs []trace.Event, host string) trace.Event {
	t.Helper()
	for _, e := range evs {
		if e.Kind == trace.KindExit && e.Host == host {
			return e
		}
	}
	t.Fatalf("%s never exited:\n%s", host, text(evs))
	return trace.Event{}
}

var compile = c.CompileProgram
