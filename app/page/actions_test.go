//go:build !wasm

package page

import (
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// The host controls record an action at the virtual time of the row
// shown and run again; the actions are listed and every field edits.
func TestPageActions(t *testing.T) {
	resetFake()
	f := &fakeRunner{events: fixtureTrace()}
	p, d := mountPage(t, Config{Runner: f.run})
	p.run(d.Context())
	settle(p, d)

	// The scrubber at the client's SYN (10 ms): Ctrl-C on the server.
	l := p.layout()
	row := l.RowAt(10 * ms)
	p.upto = row
	p.tab = "server"
	html := settle(p, d)
	if !strings.Contains(html, `id="np-hostctl"`) || !strings.Contains(html, "server @ 0.010 s") {
		t.Fatalf("no host controls at 10ms:\n%s", html)
	}
	p.act(d.Context(), scenario.Action{Do: scenario.DoSignal, Host: "server", Signal: "SIGINT"})
	settle(p, d)
	if len(f.got) != 2 {
		t.Fatalf("%d runs, want a rerun", len(f.got))
	}
	got := f.got[1].Actions
	if len(got) != 1 || got[0].Do != "signal" || got[0].Signal != "SIGINT" || got[0].Host != "server" || got[0].At.D() != 10*time.Millisecond {
		t.Fatalf("actions %+v", got)
	}

	// At the end of the run (every row shown): crash, then the control
	// offers boot.
	p.upto = -1
	p.act(d.Context(), scenario.Action{Do: scenario.DoCrash, Host: "server"})
	html = settle(p, d)
	if a := p.sc.Actions[1]; a.Do != "crash" || a.At.D() != 14*time.Millisecond {
		t.Fatalf("crash %+v, want at 14ms (the last row)", a)
	}
	if !strings.Contains(html, `id="np-ctl-boot"`) || strings.Contains(html, `id="np-ctl-crash"`) {
		t.Errorf("a crashed host offers no boot")
	}
	for _, want := range []string{`class="np-action-at"`, `value="10ms"`, `value="14ms"`, ">SIGINT<"} {
		if !strings.Contains(html, want) {
			t.Errorf("actions list lacks %q", want)
		}
	}

	// Edits: the signal's time moves it after the crash, then it becomes
	// an unplug of link 0, then a set with a delay.
	if err := p.setActionField(0, "at", "0.020"); err != nil {
		t.Fatal(err)
	}
	if p.sc.Actions[1].Do != "signal" || p.sc.Actions[1].At.D() != 20*time.Millisecond {
		t.Fatalf("moved action %+v", p.sc.Actions)
	}
	if err := p.setActionField(1, "do", "unplug"); err != nil {
		t.Fatal(err)
	}
	if a := p.sc.Actions[1]; a.Host != "" || a.Link == nil || *a.Link != 0 || a.Signal != "" {
		t.Fatalf("unplug %+v", a)
	}
	if err := p.setActionField(1, "do", "set"); err != nil {
		t.Fatal(err)
	}
	if err := p.setActionField(1, "delay", "50ms"); err != nil {
		t.Fatal(err)
	}
	if a := p.sc.Actions[1]; a.Delay == nil || a.Delay.D() != 50*time.Millisecond {
		t.Fatalf("set %+v", a)
	}
	for _, bad := range [][2]string{{"at", "soon"}, {"at", "-1"}, {"do", "reboot"}, {"target", "7"}, {"delay", "x"}, {"loss", "2"}} {
		if err := p.setActionField(1, bad[0], bad[1]); err == nil {
			t.Errorf("%s=%q accepted", bad[0], bad[1])
		}
	}
	if err := p.sc.Validate(); err != nil {
		t.Errorf("edited actions do not validate: %v", err)
	}

	// A link's unplug control, at the end of the run.
	if unplugged(p.sc, 0, time.Second) {
		t.Fatalf("link 0 unplugged before any unplug")
	}
	n := 0
	p.act(d.Context(), scenario.Action{Do: scenario.DoUnplug, Link: &n})
	settle(p, d)
	if !unplugged(p.sc, 0, time.Second) || !strings.Contains(app.HTMLString(p), `data-do="plug"`) {
		t.Errorf("the link's button does not offer to plug it back")
	}
}

func TestParseFault(t *testing.T) {
	for _, f := range []scenario.Fault{
		{Drop: &scenario.Match{Nth: 3}},
		{Drop: &scenario.Match{Host: "client", Dir: "out", Proto: "tcp", Flags: "S", Count: 2}},
		{Delay: &scenario.Match{Proto: "udp", Port: 53, By: scenario.Duration(time.Second)}},
		{Drop: &scenario.Match{Host: "server", Dir: "in", Flags: "S."}},
	} {
		text := FaultText(f)
		back, err := ParseFault(text)
		if err != nil || FaultText(back) != text {
			t.Errorf("%q read back as %q (%v)", text, FaultText(back), err)
		}
	}
	for _, bad := range []string{"", "nth=3", "drop nth=x", "drop color=red", "drop dir=up", "delay proto=tcp", "drop by=1s", "drop nth"} {
		if _, err := ParseFault(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// Lines typed at a terminal are listed and edit: the text with its
// newline written \n, the time, and a line added before the end of input.
func TestPageInputs(t *testing.T) {
	for _, s := range []string{"hello\n", "a\tb\\n\n", ""} {
		if got := unescapeInput(escapeInput(s)); got != s {
			t.Errorf("%q read back as %q", s, got)
		}
	}
	resetFake()
	f := &fakeRunner{events: fixtureTrace()}
	p, d := mountPage(t, Config{Runner: f.run})
	c := p.hostIndex("client")
	p.sc.Hosts[c].Stdin = []scenario.Input{{At: scenario.Duration(100 * time.Millisecond), Text: "hello\n"}, {At: scenario.Duration(300 * time.Millisecond), EOF: true}}
	p.run(d.Context())
	settle(p, d)
	p.tab = "client"
	p.upto = -1
	p.addInput(d.Context(), app.Event{})
	html := settle(p, d)
	in := p.sc.Hosts[c].Stdin
	if len(in) != 3 || in[0].Text != "\n" || in[0].At.D() != 14*time.Millisecond || !in[2].EOF {
		t.Fatalf("stdin after + input: %+v", in)
	}
	if !strings.Contains(html, `value="hello\\`) || !strings.Contains(html, ">EOF<") {
		t.Errorf("inputs not listed:\n%s", html[strings.Index(html, `id="np-faults"`):])
	}
	if err := p.setInputField(c, 0, "text", `again\n`); err != nil {
		t.Fatal(err)
	}
	if err := p.setInputField(c, 0, "at", "250ms"); err != nil {
		t.Fatal(err)
	}
	in = p.sc.Hosts[c].Stdin
	if len(in) != 3 || in[0].Text != "hello\n" || in[1].Text != "again\n" || in[1].At.D() != 250*time.Millisecond || !in[2].EOF {
		t.Fatalf("stdin after edits: %+v", in)
	}
	if err := p.setInputField(c, 1, "remove", ""); err != nil || len(p.sc.Hosts[c].Stdin) != 2 || !p.sc.Hosts[c].Stdin[1].EOF {
		t.Errorf("remove: %v %+v", err, p.sc.Hosts[c].Stdin)
	}
	// After the end of input, + input types just before it.
	p.upto = -1
	p.sc.Hosts[c].Start = scenario.Duration(time.Second)
	p.addInput(d.Context(), app.Event{})
	settle(p, d)
	in = p.sc.Hosts[c].Stdin
	if len(in) != 3 || in[1].Text != "\n" || in[1].At.D() != 300*time.Millisecond || !in[2].EOF {
		t.Errorf("stdin after + input past the end of input: %+v", in)
	}
	if err := p.setInputField(c, 1, "text", `more\n`); err != nil || p.sc.Hosts[c].Stdin[1].Text != "more\n" || !p.sc.Hosts[c].Stdin[2].EOF {
		t.Errorf("a line at the end of input edited: %v %+v", err, p.sc.Hosts[c].Stdin)
	}
	if err := p.setInputField(c, 1, "at", "2s"); err == nil {
		t.Errorf("a line moved after the end of input accepted: %+v", p.sc.Hosts[c].Stdin)
	}
}

// The row before accept() returns shows the accept queue it takes from:
// the queue's shrinking, recorded just before accept's return, is shown
// with accept's row.
func TestCutBeforeAccept(t *testing.T) {
	resetFake()
	evs := []trace.Event{
		{T: 0, Host: "server", Kind: trace.KindSyscall, Call: "listen", Args: "3, 5", FD: 3},
		{T: 5 * ms, Host: "server", Kind: trace.KindState, FD: -1, From: "SYN_RECV", To: "ESTABLISHED", Src: "10.0.0.2:80", Dst: "10.0.0.1:4000"},
		{T: 5 * ms, Host: "server", Kind: trace.KindQueue, FD: 3, AcceptQ: 1, Backlog: 5},
		{T: 5 * ms, Host: "server", Kind: trace.KindQueue, FD: 3, AcceptQ: 0, Backlog: 5},
		{T: 5 * ms, Host: "server", Kind: trace.KindSyscall, Call: "accept", Args: "3, 10.0.0.1:4000", FD: 3, Ret: 4, Start: 0},
	}
	f := &fakeRunner{events: evs}
	p, d := mountPage(t, Config{Runner: f.run})
	p.run(d.Context())
	settle(p, d)
	l := p.layout()
	for r := range l.Rows {
		if l.Rows[r].Own && l.Rows[r].Event == 1 {
			p.upto = r
		}
	}
	if c := p.cutEvent(); c != 2 {
		t.Fatalf("the state's row shows up to event %d, want 2 (the queue before accept takes from it)", c)
	}
	rows := Sockets(p.events, "server", p.cutEvent())
	if len(rows) == 0 || rows[0].AcceptQ != 1 {
		t.Errorf("sockets at the state's row: %+v", rows)
	}
}
