package diagram

import (
	"os"
	"strings"
	"testing"

	"netplay/stack/c"
	"netplay/stack/runner"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// runFile runs a scenario file natively (what the page's engine does).
func runFile(t testing.TB, path string) []trace.Event {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	res, err := runner.Run(sc, runner.Options{Compile: c.CompileProgram})
	if err != nil {
		t.Fatal(err)
	}
	return res.Events
}

// TestFoldTransfer: a 200 KB transfer read 63 bytes at a time is a few
// dozen rows, not thousands; each fold says how many rows it stands for
// and unfolds on request; the handshake and the close stay unfolded.
func TestFoldTransfer(t *testing.T) {
	events := runFile(t, "testdata/transfer200k.json")
	opt := fixtureOpts
	all := opt
	all.NoFold = true
	full := Compute(events, all)
	folded := Compute(events, opt)
	if len(full.Rows) < 3000 || len(full.Folds) != 0 {
		t.Fatalf("unfolded: %d rows, %d folds; want every read on its row", len(full.Rows), len(full.Folds))
	}
	if len(folded.Rows) > 150 || len(folded.Folds) == 0 {
		t.Fatalf("folded: %d rows, %d folds; want a few dozen rows", len(folded.Rows), len(folded.Folds))
	}
	hidden := 0
	for _, f := range folded.Folds {
		if !f.Folded || f.Row2-f.Row1+1 > foldKinds || f.Items < foldMin {
			t.Errorf("fold %+v", f)
		}
		hidden += f.Items - (f.Row2 - f.Row1 + 1)
	}
	if len(folded.Rows)+hidden != len(full.Rows) {
		t.Errorf("%d rows + %d folded away != %d rows unfolded", len(folded.Rows), hidden, len(full.Rows))
	}
	var reads, labels []string
	for _, cl := range folded.Calls {
		if cl.Name == "read" && cl.Count > 1 {
			reads = append(reads, cl.Text)
		}
	}
	if len(reads) == 0 {
		t.Errorf("no folded read() with a count")
	}
	for _, a := range folded.Arrows {
		labels = append(labels, a.Text())
	}
	joined := strings.Join(labels, "\n")
	for _, want := range []string{"SYN seq=0", "SYN,ACK seq=0 ack=1", "FIN,ACK"} {
		if !strings.Contains(joined, want) {
			t.Errorf("folded diagram lacks %q:\n%s", want, joined)
		}
	}
	if !strings.Contains(joined, " ×") {
		t.Errorf("no folded segment with a count:\n%s", joined)
	}
	svg := folded.SVG(All, len(events))
	if !strings.Contains(svg, `data-fold="`) || !strings.Contains(svg, "read(3, 63) = 63 ×") {
		t.Errorf("the SVG lacks the fold toggles or the read count")
	}
	// Every state change is on a row of its own in both.
	if len(folded.Ticks) != len(full.Ticks) {
		t.Errorf("ticks %d folded, %d unfolded", len(folded.Ticks), len(full.Ticks))
	}

	// Unfolding one fold gives back its rows.
	f := folded.Folds[0]
	opt.Unfold = map[int]bool{f.Key: true}
	one := Compute(events, opt)
	if got, want := len(one.Rows), len(folded.Rows)+f.Items-(f.Row2-f.Row1+1); got != want {
		t.Errorf("one fold unfolded: %d rows, want %d", got, want)
	}
	if len(one.Folds) != len(folded.Folds) || one.Folds[0].Folded {
		t.Errorf("the unfolded fold is not listed as unfolded: %+v", one.Folds[0])
	}
}

// TestWindow: with a window, the SVG draws what is in it (and a row's
// room around it), not the whole trace; the rows drawn together are all
// the rows of the trace.
func TestWindow(t *testing.T) {
	events := runFile(t, "testdata/transfer200k.json")
	opt := fixtureOpts
	opt.NoFold = true
	l := Compute(events, opt)
	whole := l.SVG(All, len(events))
	top, bottom := Window(10, 800, 1)
	part := l.SVG(Draw{Selected: -1, Upto: -1, Top: top, Bottom: bottom}, len(events))
	if len(part)*10 > len(whole) {
		t.Errorf("a window of 3 screens draws %d bytes of %d", len(part), len(whole))
	}
	seen := map[string]bool{}
	for k := 0; ; k += 3 {
		top, bottom := Window(k, 800, 1)
		if top > l.Height {
			break
		}
		svg := l.SVG(Draw{Selected: -1, Upto: -1, Top: top, Bottom: bottom}, len(events))
		for _, s := range strings.Split(svg, `data-ev="`)[1:] {
			seen[s[:strings.IndexByte(s, '"')]] = true
		}
	}
	n := strings.Count(whole, `data-ev="`)
	if len(seen) != n {
		t.Errorf("the windows drew %d shapes, the whole %d", len(seen), n)
	}
}

// TestCutBreak: where the trace's budget left events out, the diagram
// breaks and says so.
func TestCutBreak(t *testing.T) {
	events := []trace.Event{
		{T: 0, Host: "server", Kind: trace.KindSyscall, Call: "socket", Ret: 3, FD: 3},
		{T: 1000, Kind: trace.KindCut, CutEvents: 5, Until: 2000, Reason: "the trace is over its budget of 1 MiB: 5 events were left out"},
		{T: 3000, Host: "server", Kind: trace.KindSyscall, Call: "close", Args: "3", FD: 3},
	}
	l := Compute(events, fixtureOpts)
	if len(l.Breaks) != 1 || l.Breaks[0].Cut == "" {
		t.Fatalf("breaks %+v", l.Breaks)
	}
	if svg := l.SVG(All, len(events)); !strings.Contains(svg, "✂ the trace is over its budget of 1 MiB: 5 events were left out") {
		t.Errorf("the SVG does not say where events were left out")
	}
}

// TestLabelsAvoidTexts: in the transfer, no arrow's label sits where it
// covers more of the calls' and states' texts than its middle would.
func TestLabelsAvoidTexts(t *testing.T) {
	events := runFile(t, "testdata/transfer200k.json")
	l := Compute(events, fixtureOpts)
	moved := 0
	for _, a := range l.Arrows {
		if a.LabelT != 0.5 {
			moved++
		}
	}
	if moved == 0 {
		t.Errorf("no label moved off its arrow's middle in a diagram where texts crowd them")
	}
}
