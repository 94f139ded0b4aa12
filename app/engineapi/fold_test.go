package engineapi

import (
	"fmt"
	"strings"
	"testing"

	"netplay/stack/output"
	"netplay/stack/trace"
)

// View keeps a long output's head and tail, one cut between them with
// what it stands for, the other hosts' events and their order, and gives
// the whole output beside; Ready records follow the events they named.
func TestFold(t *testing.T) {
	var events []trace.Event
	var whole strings.Builder
	for i := 0; i < 1000; i++ {
		line := fmt.Sprintf("line %d\n", i)
		whole.WriteString(line)
		events = append(events, trace.Event{T: int64(i), Host: "a", Kind: trace.KindOutput, Stream: "stdout", Text: line})
		if i%100 == 0 {
			events = append(events, trace.Event{T: int64(i), Host: "b", Kind: trace.KindOutput, Stream: "stderr", Text: "b\n"})
		}
	}
	// A select on b that names the event before it (a's write 998) and
	// b's first write.
	events = append(events, trace.Event{T: 1000, Host: "b", Kind: trace.KindSyscall, Call: "select",
		Ready: []trace.Ready{{FD: 3, Ev: len(events) - 2}, {FD: 4, Ev: 1}, {FD: 5, Ev: 500}}})
	res := &Result{Events: events}
	res.Events, res.Output = viewOf(events)
	var a []string
	cuts := 0
	for _, e := range res.Events {
		switch {
		case e.Host == "a" && e.Kind == trace.KindOutput:
			a = append(a, e.Text)
		case IsFold(&e):
			cuts++
			if e.Host != "a" || e.Len != 600 || e.CutEvents != 600 || e.CutBytes != int64(len(strings.Join(linesFrom(200, 800), ""))) || e.T != 200 || e.Until != 799 {
				t.Errorf("cut %+v", e)
			}
			if n := strings.Count(strings.Join(a, ""), "\n"); n != output.HeadLines {
				t.Errorf("%d lines before the cut, want %d", n, output.HeadLines)
			}
		}
	}
	kept := strings.Join(a, "")
	if cuts != 1 || kept != strings.Join(linesFrom(0, output.HeadLines), "")+strings.Join(linesFrom(1000-output.TailLines, 1000), "") {
		t.Fatalf("%d cuts, kept %d lines: %.20q … ", cuts, strings.Count(kept, "\n"), kept)
	}
	// The kept writes go as one event per run between b's writes.
	if len(a) > 8 {
		t.Errorf("a's kept writes are %d events", len(a))
	}
	if n := strings.Count(fmt.Sprint(res.Events), "b\n"); n != 10 {
		t.Errorf("%d of b's 10 writes kept", n)
	}
	if res.Output["a"] != whole.String() || len(res.Output) != 1 {
		t.Errorf("the whole output: %d hosts, a's %d bytes, want %d", len(res.Output), len(res.Output["a"]), whole.Len())
	}
	last := res.Events[len(res.Events)-1]
	if rd := last.Ready; !strings.Contains(res.Events[rd[0].Ev].Text, "line 998\n") || res.Events[rd[1].Ev].Text != "b\n" || rd[2].Ev != -1 {
		t.Errorf("ready records after the fold: %+v", rd)
	}
	// Through the wire: the cut and the output arrive as they left.
	text, _ := EncodeResult(res, nil)
	got, err := DecodeResult(text, "")
	if err != nil {
		t.Fatal(err)
	}
	if got.Output, err = DecodeOutput(EncodeOutput(res)); err != nil || got.Output["a"] != whole.String() || len(got.Events) != len(res.Events) {
		t.Errorf("after the wire: %v, %d events", err, len(got.Events))
	}

	// A short output is left alone.
	short := &Result{Events: events[:50]}
	short.Events, short.Output = viewOf(short.Events)
	if len(short.Events) != 50 || short.Output != nil {
		t.Errorf("a short output was folded: %d events", len(short.Events))
	}
}

// viewOf is View of a run whose trace kept every event: its output as
// the run collected it.
func viewOf(events []trace.Event) ([]trace.Event, map[string]string) {
	out := output.New(0)
	for i := range events {
		if events[i].Kind == trace.KindOutput {
			out.Add(i, &events[i])
		}
	}
	return View(func(f func(int, *trace.Event)) {
		for i := range events {
			f(len(events), &events[i])
		}
	}, out)
}

func linesFrom(from, to int) []string {
	var s []string
	for i := from; i < to; i++ {
		s = append(s, fmt.Sprintf("line %d\n", i))
	}
	return s
}

// DecodeOutput reads what EncodeOutput wrote, any bytes in the texts,
// and refuses a message cut short.
func TestOutputWire(t *testing.T) {
	res := &Result{Output: map[string]string{"a": "x\n3\ny\x00\n", "b": ""}}
	got, err := DecodeOutput(EncodeOutput(res))
	if err != nil || len(got) != 2 || got["a"] != res.Output["a"] || got["b"] != "" {
		t.Errorf("DecodeOutput = %q, %v", got, err)
	}
	s := EncodeOutput(res)
	if _, err := DecodeOutput(s[:len(s)-3]); err == nil {
		t.Errorf("a cut message decoded")
	}
}

// View takes each host's output from what the run collected, not from
// the trace: the fold counts every write between the console's head and
// tail, and a host's few writes the trace's budget left out still reach
// its console, after the recorder's cut.
func TestViewFromStore(t *testing.T) {
	rec := trace.NewBudget(256 << 10)
	out := output.New(0)
	add := func(e trace.Event) int {
		i := rec.Add(e)
		if e.Kind == trace.KindOutput {
			out.Add(i, &e)
		}
		return i
	}
	const n = 5000
	for i := range n {
		add(trace.Event{T: int64(i), Host: "a", Kind: trace.KindOutput, Stream: "stdout", Text: fmt.Sprintf("line %d\n", i)})
		if i == n/2 {
			add(trace.Event{T: int64(i), Host: "b", Kind: trace.KindOutput, Stream: "stdout", Text: "b in the middle\n"})
		}
	}
	last := add(trace.Event{T: n, Host: "a", Kind: trace.KindOutput, Stream: "stdout", Text: "the end\n"})
	add(trace.Event{T: n, Host: "b", Kind: trace.KindSyscall, Call: "select", Ready: []trace.Ready{{FD: 3, Ev: last}}})
	events, whole := View(rec.Each, out)
	var a, b strings.Builder
	var fold *trace.Event
	recCut := -1
	for i, e := range events {
		switch {
		case e.Kind == trace.KindOutput && e.Host == "a":
			a.WriteString(e.Text)
		case e.Kind == trace.KindOutput && e.Host == "b":
			if recCut < 0 {
				t.Errorf("b's write before the recorder's cut")
			}
			b.WriteString(e.Text)
		case IsFold(&e):
			fold = &events[i]
		case e.Kind == trace.KindCut:
			recCut = i
		}
	}
	if recCut < 0 {
		t.Fatalf("the trace was not cut: the test shows nothing")
	}
	if b.String() != "b in the middle\n" {
		t.Errorf("b's console: %q", b.String())
	}
	want := n + 1 - output.HeadLines - output.TailLines
	if fold == nil || fold.Len != want || fold.CutEvents != want || fold.T != output.HeadLines {
		t.Fatalf("fold %+v, want %d lines", fold, want)
	}
	if got := a.String(); !strings.HasPrefix(got, "line 0\n") || !strings.HasSuffix(got, "line 4999\nthe end\n") || strings.Count(got, "\n") != output.HeadLines+output.TailLines {
		t.Errorf("a's console: %d lines", strings.Count(got, "\n"))
	}
	if w := whole["a"]; strings.Count(w, "\n") != n+1 || !strings.HasSuffix(w, "the end\n") {
		t.Errorf("a's whole output: %d lines", strings.Count(w, "\n"))
	}
	sel := events[len(events)-1]
	if rd := sel.Ready; len(rd) != 1 || rd[0].Ev < 0 || !strings.HasSuffix(events[rd[0].Ev].Text, "the end\n") {
		t.Errorf("the select's ready record: %+v", rd)
	}
}
