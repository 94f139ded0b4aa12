//go:build !wasm

package page

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/editor"
	"netplay/app/engineapi"
	"netplay/app/gallery"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

const ms = int64(1_000_000)

// fixtureTrace is a test fixture: a hand-written handshake trace shaped like
// the recorder's output, returned by the fake runner below.
func fixtureTrace() []trace.Event {
	return []trace.Event{
		{T: 0, Host: "server", Kind: trace.KindSyscall, Call: "socket", Args: "AF_INET, SOCK_STREAM, 0", Ret: 3, FD: 3, Line: 11},
		{T: 0, Host: "server", Kind: trace.KindState, FD: 3, From: "CLOSED", To: "LISTEN", Src: "0.0.0.0:12345"},
		{T: 0, Host: "server", Kind: trace.KindSyscall, Call: "listen", Args: "3, 5", FD: 3, Line: 20},
		{T: 10 * ms, Host: "client", Kind: trace.KindSyscall, Call: "socket", Args: "AF_INET, SOCK_STREAM, 0", Ret: 3, FD: 3, Start: 10 * ms, Line: 13},
		{T: 10 * ms, Host: "client", Kind: trace.KindState, FD: 3, From: "CLOSED", To: "SYN_SENT", Src: "10.0.0.1:40000", Dst: "10.0.0.2:12345"},
		{T: 10 * ms, Host: "client", Kind: trace.KindSegment, Frame: 1, Src: "10.0.0.1:40000", Dst: "10.0.0.2:12345", Flags: "S", Receiver: "server", Arrive: 11 * ms,
			Data: tcpFrame(0x02)},
		{T: 11 * ms, Host: "server", Kind: trace.KindState, FD: -1, From: "LISTEN", To: "SYN_RECV", Src: "10.0.0.2:12345", Dst: "10.0.0.1:40000"},
		{T: 11 * ms, Host: "server", Kind: trace.KindQueue, FD: 3, SynQ: 1, Backlog: 5},
		{T: 11 * ms, Host: "server", Kind: trace.KindSegment, Frame: 2, Src: "10.0.0.2:12345", Dst: "10.0.0.1:40000", Flags: "S.", Ack: 1, Receiver: "client", Arrive: 12 * ms,
			Data: tcpFrame(0x12)},
		{T: 12 * ms, Host: "client", Kind: trace.KindSegment, Frame: 3, Src: "10.0.0.1:40000", Dst: "10.0.0.2:12345", Flags: ".", Seq: 1, Ack: 1, Receiver: "server", Arrive: 13 * ms,
			Data: tcpFrame(0x10)},
		{T: 12 * ms, Host: "client", Kind: trace.KindState, FD: 3, From: "SYN_SENT", To: "ESTABLISHED", Src: "10.0.0.1:40000", Dst: "10.0.0.2:12345"},
		{T: 12 * ms, Host: "client", Kind: trace.KindSyscall, Call: "connect", Args: "3, 10.0.0.2:12345", FD: 3, Start: 10 * ms, Line: 21},
		{T: 12 * ms, Host: "client", Kind: trace.KindOutput, Stream: "stdout", Text: "connected to 10.0.0.2:12345\n"},
		{T: 13 * ms, Host: "server", Kind: trace.KindState, FD: -1, From: "SYN_RECV", To: "ESTABLISHED", Src: "10.0.0.2:12345", Dst: "10.0.0.1:40000"},
		{T: 13 * ms, Host: "server", Kind: trace.KindQueue, FD: 3, SynQ: 0, AcceptQ: 1, Backlog: 5},
		{T: 13 * ms, Host: "server", Kind: trace.KindSyscall, Call: "accept", Args: "3, …", Ret: 4, FD: 3, Start: 0, Line: 25},
		{T: 13 * ms, Host: "server", Kind: trace.KindQueue, FD: 3, SynQ: 0, AcceptQ: 0, Backlog: 5},
		{T: 14 * ms, Host: "client", Kind: trace.KindExit, Status: 0},
	}
}

// tcpFrame builds a minimal Ethernet/IPv4/TCP frame with the given flags.
func tcpFrame(flags byte) []byte {
	b := make([]byte, 14+20+20)
	copy(b[0:6], []byte{2, 0, 0, 0, 0, 2})
	copy(b[6:12], []byte{2, 0, 0, 0, 0, 1})
	b[12], b[13] = 0x08, 0x00
	ip := b[14:]
	ip[0] = 0x45
	ip[3] = 40
	ip[8] = 64
	ip[9] = 6
	copy(ip[12:16], []byte{10, 0, 0, 1})
	copy(ip[16:20], []byte{10, 0, 0, 2})
	tcp := ip[20:]
	tcp[0], tcp[1] = 0x9c, 0x40 // 40000
	tcp[2], tcp[3] = 0x30, 0x39 // 12345
	tcp[12] = 5 << 4
	tcp[13] = flags
	tcp[14], tcp[15] = 0xff, 0xff
	return b
}

// fakeRunner records the scenarios it is given and answers with a trace or
// an error.
type fakeRunner struct {
	mu     sync.Mutex
	got    []*scenario.Scenario
	events []trace.Event
	err    error
}

func (f *fakeRunner) run(sc *scenario.Scenario, live engineapi.Live) (*engineapi.Result, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.got = append(f.got, sc)
	if f.err != nil {
		return nil, f.err
	}
	return &engineapi.Result{Events: f.events, End: "all programs exited"}, nil
}

func mountPage(t *testing.T, cfg Config) (*Playground, app.ClientDispatcher) {
	t.Helper()
	p := New(cfg)
	d := app.NewClientTester(p)
	t.Cleanup(d.Close)
	d.Consume()
	return p, d
}

// settle waits for async work (runs) and renders the result.
func settle(p *Playground, d app.ClientDispatcher) string {
	d.Wait()
	d.Consume()
	p.Update()
	d.Consume()
	d.Consume() // OnMount of components the update created
	return app.HTMLString(p)
}

func resetFake() {
	Fake.Lock()
	Fake.Lang, Fake.Hash, Fake.Copied = "", "", ""
	Fake.Stored = map[string]string{}
	Fake.Downloads = map[string][]byte{}
	Fake.Unlock()
}

func TestPageDefault(t *testing.T) {
	resetFake()
	p, d := mountPage(t, Config{})
	html := settle(p, d)
	for _, want := range []string{`id="np-run"`, "Three-way handshake", "server.c", "client.c", "Sequence diagram", "Press Run"} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Without a runner the Run button is disabled, and run says why.
	if !regexpDisabled(html, "np-run") {
		t.Errorf("Run enabled without a runner")
	}
	p.run(d.Context())
	if !strings.Contains(p.runErr, "no scenario runner") {
		t.Errorf("runErr = %q", p.runErr)
	}
	// The editors hold the gallery's programs.
	sc, _ := gallery.Load(gallery.Default)
	if doc, ok := editor.Get(p.keys[0]); !ok || doc != sc.Hosts[0].Program {
		t.Errorf("server editor not mounted with its program")
	}
}

func regexpDisabled(html, id string) bool {
	i := strings.Index(html, `id="`+id+`"`)
	if i < 0 {
		return false
	}
	k := strings.LastIndex(html[:i], "<")
	j := strings.Index(html[i:], ">")
	tag := html[k : i+j+1]
	return strings.Contains(tag, " disabled>") || strings.Contains(tag, " disabled ") || strings.HasPrefix(tag, "<button disabled ") || strings.Contains(tag, `disabled="true"`)
}

func TestPageRun(t *testing.T) {
	resetFake()
	f := &fakeRunner{events: fixtureTrace()}
	p, d := mountPage(t, Config{Runner: f.run})
	if regexpDisabled(app.HTMLString(p), "np-run") {
		t.Fatalf("Run disabled with a runner")
	}
	editor.Set(p.keys[1], "int main(void) { return 0; }\n")
	p.run(d.Context())
	html := settle(p, d)
	if len(f.got) != 1 || f.got[0].Hosts[1].Program != "int main(void) { return 0; }\n" {
		t.Fatalf("runner did not get the edited program: %+v", f.got)
	}
	for _, want := range []string{"SYN seq=0", "SYN,ACK seq=0 ack=1", "ACK ack=1", "LISTEN", "18 events · all programs exited"} {
		if !strings.Contains(html, want) {
			t.Errorf("after Run the page lacks %q", want)
		}
	}
	// The console of the first tab (server) and then the client.
	p.tab = "client"
	html = settle(p, d)
	if !strings.Contains(html, "connected to 10.0.0.2:12345") || !strings.Contains(html, "[exit status 0]") {
		t.Errorf("client console lacks its output or exit")
	}
	// Selecting the SYN,ACK shows it in the inspector and offers drops.
	p.selectEvent(d.Context(), 8)
	html = settle(p, d)
	for _, want := range []string{"IPv4", "TCP", "0x12 SYN,ACK", `id="np-drop"`, "0000  02 00 00 00 00 02"} {
		if !strings.Contains(html, want) {
			t.Errorf("inspector lacks %q", want)
		}
	}
	p.addFault(d.Context(), dropLike(&p.events[8]))
	settle(p, d)
	if len(f.got) != 2 || len(f.got[1].Faults) != 1 {
		t.Fatalf("drop-all did not rerun with a fault: %d runs", len(f.got))
	}
	if got := FaultText(f.got[1].Faults[0]); got != "drop host=server dir=out proto=tcp flags=[S.]" {
		t.Errorf("fault = %q", got)
	}
	if !strings.Contains(app.HTMLString(p), "drop host=server dir=out proto=tcp flags=[S.]") {
		t.Errorf("fault rule not listed")
	}

	// Step: the first step shows row 0 and highlights each host's latest call.
	p.upto = -1
	p.step(d.Context(), app.Event{})
	p.step(d.Context(), app.Event{})
	if p.upto != 1 {
		t.Errorf("after two steps upto = %d", p.upto)
	}
	if editor.Current(p.keys[0]) != 11 {
		t.Errorf("server's current line = %d, want 11 (socket)", editor.Current(p.keys[0]))
	}
	html = settle(p, d)
	if svg := svgOf(html); svg == "" || strings.Contains(svg, "ESTABLISHED") {
		t.Errorf("stepping shows later states (or no diagram)")
	}
}

// svgOf returns the diagram's SVG markup in html.
func svgOf(html string) string {
	i := strings.Index(html, "<svg")
	j := strings.LastIndex(html, "</svg>")
	if i < 0 || j < i {
		return ""
	}
	return html[i:j]
}

func TestPageCompileErrors(t *testing.T) {
	resetFake()
	f := &fakeRunner{err: errors.New("server.c:12:5: undefined: x\nclient.c:3:1: expected ';'")}
	p, d := mountPage(t, Config{Runner: f.run})
	p.run(d.Context())
	html := settle(p, d)
	if m := editor.Marks(p.keys[0]); len(m) != 1 || m[0].Line != 12 || m[0].Col != 5 || m[0].Msg != "undefined: x" {
		t.Errorf("server marks = %+v", m)
	}
	if m := editor.Marks(p.keys[1]); len(m) != 1 || m[0].Line != 3 {
		t.Errorf("client marks = %+v", m)
	}
	if !strings.Contains(html, "did not compile") || !strings.Contains(html, "server.c:12:5") {
		t.Errorf("compile errors not shown")
	}
}

func TestPageShareLink(t *testing.T) {
	resetFake()
	p, d := mountPage(t, Config{})
	editor.Set(p.keys[0], "/* changed */\n")
	p.shareLink(d.Context(), app.Event{})
	settle(p, d)
	Fake.Lock()
	hash, copied := Fake.Hash, Fake.Copied
	Fake.Unlock()
	if !strings.HasPrefix(hash, "#s=") || copied != "http://127.0.0.1:8080/"+hash {
		t.Fatalf("hash %q copied %q", hash, copied)
	}
	// A new tab with the link gets the same scenario.
	q, d2 := mountPage(t, Config{})
	settle(q, d2)
	if q.sc.Hosts[0].Program != "/* changed */\n" || q.sc.Title != "1. Three-way handshake" {
		t.Errorf("shared scenario not restored: %+v", q.sc.Hosts[0])
	}
	// A damaged link opens an empty playground with a message.
	Fake.Lock()
	Fake.Hash = hash[:len(hash)/2]
	Fake.Unlock()
	r, d3 := mountPage(t, Config{})
	html := settle(r, d3)
	if r.sc.Title != "" || r.sc.Hosts[0].Program != "" || !strings.Contains(html, "cannot be opened") {
		t.Errorf("bad link: title %q notice %q", r.sc.Title, r.notice)
	}
}

func TestPageLanguage(t *testing.T) {
	resetFake()
	Fake.Lock()
	Fake.Lang = "zh-CN"
	Fake.Unlock()
	p, d := mountPage(t, Config{})
	html := settle(p, d)
	if !strings.Contains(html, "运行") || !strings.Contains(html, `lang="zh"`) {
		t.Errorf("zh-CN browser did not get Chinese")
	}
	p.toggleLang(d.Context(), app.Event{})
	html = settle(p, d)
	if !strings.Contains(html, "▶ Run") || loadSetting("netplay.lang") != "en" {
		t.Errorf("toggle did not switch to English and remember it")
	}
	// The stored choice wins over the browser's.
	q, d2 := mountPage(t, Config{})
	if !strings.Contains(settle(q, d2), "▶ Run") {
		t.Errorf("stored language not used")
	}
}

func TestPageHosts(t *testing.T) {
	resetFake()
	p, d := mountPage(t, Config{})
	p.addHost(d.Context(), app.Event{})
	settle(p, d)
	if len(p.sc.Hosts) != 3 || p.sc.Hosts[2].Name != "host3" || len(p.sc.Links[0].Hosts) != 3 {
		t.Fatalf("add host: %+v links %+v", p.sc.Hosts, p.sc.Links)
	}
	if _, ok := editor.Get(p.keys[2]); !ok {
		t.Errorf("new host has no editor")
	}
	p.removeHost(0)(d.Context(), app.Event{})
	settle(p, d)
	if len(p.sc.Hosts) != 2 || p.sc.Hosts[0].Name != "client" {
		t.Errorf("remove host: %+v", p.sc.Hosts)
	}
	for _, h := range p.sc.Links[0].Hosts {
		if h == "server" {
			t.Errorf("removed host still on the link")
		}
	}
	// The remaining hosts keep their editors (and text).
	if doc, ok := editor.Get(p.keys[0]); !ok || !strings.Contains(doc, "connect") {
		t.Errorf("client editor lost after removing the server")
	}
}

func TestSockets(t *testing.T) {
	ev := fixtureTrace()
	rows := Sockets(ev, "server", 8) // after the SYN,ACK was sent
	if len(rows) != 2 || rows[0].FD != 3 || rows[0].State != "LISTEN" || rows[0].SynQ != 1 || rows[0].Backlog != 5 {
		t.Fatalf("server sockets at SYN_RECV = %+v", rows)
	}
	if rows[1].FD != -1 || rows[1].State != "SYN_RECV" || rows[1].Peer != "10.0.0.1:40000" {
		t.Errorf("half-open row = %+v", rows[1])
	}
	rows = Sockets(ev, "server", -1)
	if len(rows) != 2 || rows[1].FD != 4 || rows[1].State != "ESTABLISHED" || rows[0].AcceptQ != 0 {
		t.Errorf("server sockets at the end = %+v", rows)
	}
	rows = Sockets(ev, "client", -1)
	if len(rows) != 1 || rows[0].Local != "10.0.0.1:40000" || rows[0].State != "ESTABLISHED" {
		t.Errorf("client sockets = %+v", rows)
	}
}

func TestDecodeLayers(t *testing.T) {
	ls := DecodeLayers(tcpFrame(0x12))
	var names []string
	for _, l := range ls {
		names = append(names, l.Name)
	}
	if strings.Join(names, ",") != "Ethernet,IPv4,TCP" {
		t.Fatalf("layers = %v", names)
	}
	f := map[string]string{}
	for _, kv := range ls[2].Fields {
		f[kv[0]] = kv[1]
	}
	if f["src port"] != "40000" || f["dst port"] != "12345" || f["flags"] != "0x12 SYN,ACK" || f["window"] != "65535" {
		t.Errorf("TCP fields = %v", f)
	}
	if ls := DecodeLayers(tcpFrame(2)[:30]); ls[len(ls)-1].Fields[0][0] != "error" {
		t.Errorf("a cut frame should end in an error layer: %+v", ls)
	}
	if got, want := HexDump([]byte("ab")), "0000  61 62 "+strings.Repeat("   ", 14)+"  ab\n"; got != want {
		t.Errorf("HexDump = %q", got)
	}
}

func TestMessages(t *testing.T) {
	for k, m := range messages {
		if m[0] == "" || m[1] == "" {
			t.Errorf("message %q lacks a translation", k)
		}
	}
	if PickLang("zh-TW") != LangZH || PickLang("en-GB") != LangEN || PickLang("") != LangEN {
		t.Errorf("PickLang")
	}
}

// Opening another gallery scenario gives the editors its programs (go-app
// reuses the editor components; they must remount with the new text).
func TestPageGallerySwitch(t *testing.T) {
	resetFake()
	p, d := mountPage(t, Config{})
	settle(p, d)
	for _, id := range []string{"refused", "handshake"} {
		if _, err := gallery.Load(id); err != nil {
			t.Skipf("no %s: %v", id, err)
		}
		p.loadGallery(id)
		settle(p, d)
		sc, _ := gallery.Load(id)
		for i := range sc.Hosts {
			if doc, ok := editor.Get(p.keys[i]); !ok || doc != sc.Hosts[i].Program {
				t.Errorf("%s: editor %d holds %d bytes, want host %s's program", id, i, len(doc), sc.Hosts[i].Name)
			}
		}
	}
}

// Hovering a source line marks the calls made on it and what they caused.
func TestPageHover(t *testing.T) {
	resetFake()
	f := &fakeRunner{events: fixtureTrace()}
	p, d := mountPage(t, Config{Runner: f.run})
	p.run(d.Context())
	settle(p, d)
	editor.Hover(p.keys[1], 21) // the client's connect
	html := settle(p, d)
	if !strings.Contains(html, `np-call np-hl`) || !strings.Contains(html, `np-arrow np-syn np-hl`) {
		t.Errorf("hovering connect's line marks no call or SYN:\n%s", svgOf(html))
	}
	editor.Hover(p.keys[1], 0)
	if html := settle(p, d); strings.Contains(html, "np-hl") {
		t.Errorf("marks stay after the pointer left")
	}
}

// Routes and routers are edited in the page; downloads carry the trace.
func TestPageRoutesAndDownloads(t *testing.T) {
	resetFake()
	f := &fakeRunner{events: fixtureTrace()}
	p, d := mountPage(t, Config{Runner: f.run})
	p.addRoute(d.Context(), app.Event{})
	p.addLink(d.Context(), app.Event{})
	html := settle(p, d)
	if len(p.sc.Routes) != 1 || p.sc.Routes[0].To != "0.0.0.0/0" || len(p.sc.Links) != 2 || !strings.Contains(html, "np-route-row") {
		t.Errorf("routes %+v links %+v", p.sc.Routes, p.sc.Links)
	}
	p.removeRoute(0)(d.Context(), app.Event{})
	p.removeLink(1)(d.Context(), app.Event{})
	if len(p.sc.Routes) != 0 || len(p.sc.Links) != 1 {
		t.Errorf("remove: routes %+v links %+v", p.sc.Routes, p.sc.Links)
	}
	p.run(d.Context())
	settle(p, d)
	p.downloadPcap(d.Context(), app.Event{})
	p.downloadText(d.Context(), app.Event{})
	Fake.Lock()
	pcap, txt := Fake.Downloads["netplay-handshake.pcapng"], Fake.Downloads["netplay-handshake.txt"]
	Fake.Unlock()
	if len(pcap) < 24 || !strings.Contains(string(txt), "connect(3, 10.0.0.2:12345) = 0") {
		t.Errorf("downloads: pcap %d bytes, text %q", len(pcap), txt)
	}
}

// A #s= link pasted into an open page opens without a reload.
func TestPageHashChange(t *testing.T) {
	resetFake()
	p, d := mountPage(t, Config{})
	sc, _ := gallery.Load(gallery.Default)
	sc.Title = "pasted"
	frag, err := scenario.EncodeFragment(sc)
	if err != nil {
		t.Fatal(err)
	}
	Fake.Lock()
	Fake.Hash = scenario.FragmentPrefix + frag
	f := HashChange
	Fake.Unlock()
	f()
	settle(p, d)
	if p.sc.Title != "pasted" {
		t.Errorf("title after hashchange = %q", p.sc.Title)
	}
}

// A scenario's programs are handed to Prepare soon after it opens.
func TestPagePrepare(t *testing.T) {
	resetFake()
	got := make(chan string, 4)
	p, d := mountPage(t, Config{Prepare: func(sc *scenario.Scenario, _ func([]trace.Event)) { got <- sc.Title }})
	settle(p, d)
	select {
	case title := <-got:
		if title != "Three-way handshake" && !strings.Contains(title, "handshake") {
			t.Errorf("prepared %q", title)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("Prepare not called")
	}
}

// The events of a run made ahead (Config.Prepare's ready) are laid out
// and drawn before Run; the Run that gets them shows that layout.
func TestPageLaysOutAhead(t *testing.T) {
	resetFake()
	events := fixtureTrace()
	f := &fakeRunner{events: events}
	prepared := make(chan func([]trace.Event), 1)
	p, d := mountPage(t, Config{Runner: f.run, Prepare: func(sc *scenario.Scenario, ready func([]trace.Event)) { prepared <- ready }})
	settle(p, d)
	var ready func([]trace.Event)
	select {
	case ready = <-prepared:
	case <-time.After(5 * time.Second):
		t.Fatal("Prepare not called")
	}
	ready(f.events)
	settle(p, d)
	ahead := p.aheadLay
	if ahead == nil {
		t.Fatal("no layout made ahead")
	}
	p.run(d.Context())
	html := settle(p, d)
	if p.layout() != ahead {
		t.Errorf("Run laid the trace out again")
	}
	if !strings.Contains(html, "SYN,ACK seq=0 ack=1") {
		t.Errorf("the diagram after Run lacks the handshake")
	}
}

func TestCompileLine(t *testing.T) {
	for _, tt := range []struct {
		in        string
		file      string
		line, col int
		msg       string
		ok        bool
	}{
		{"server.c:12:5: undeclared identifier x", "server.c", 12, 5, "undeclared identifier x", true},
		{"dir/a:b.c:3:1: x: y", "dir/a:b.c", 3, 1, "x: y", true},
		{"client.c:7:10: ", "client.c", 7, 10, "", true},
		{"client.c:7: no column", "", 0, 0, "", false},
		{":1:2: no file", "", 0, 0, "", false},
		{"a.c:x:2: letters", "", 0, 0, "", false},
		{"a.c:1:2:no space", "", 0, 0, "", false},
		{"", "", 0, 0, "", false},
	} {
		file, line, col, msg, ok := compileLine(tt.in)
		if file != tt.file || line != tt.line || col != tt.col || msg != tt.msg || ok != tt.ok {
			t.Errorf("compileLine(%q) = %q %d %d %q %v", tt.in, file, line, col, msg, ok)
		}
	}
}

// A run that waits for input: the page shows the trace so far with the
// console's input line on, a line typed there reaches the run, and the
// input the run delivered is recorded into the scenario's host (the next
// run replays it).
func TestPageLiveInput(t *testing.T) {
	resetFake()
	typed := make(chan engineapi.Typed, 1)
	waited := make(chan struct{})
	var got []*scenario.Scenario
	runner := func(sc *scenario.Scenario, live engineapi.Live) (*engineapi.Result, error) {
		got = append(got, sc)
		prompt := []trace.Event{{T: 1e6, Host: "client", Kind: trace.KindOutput, Stream: "stdout", Text: "say> "}}
		live.Waiting(&engineapi.Result{Events: prompt})
		close(waited)
		t := <-live.Input
		typed <- t
		events := append(prompt,
			trace.Event{T: 1e6, Host: "client", Kind: trace.KindInput, Text: t.Text},
			trace.Event{T: 3e6, Host: "client", Kind: trace.KindOutput, Stream: "stdout", Text: "echo: " + t.Text})
		return &engineapi.Result{Events: events, End: "stopped",
			Stdin: map[string][]scenario.Input{t.Host: {{At: scenario.Duration(time.Millisecond), Text: t.Text}}}}, nil
	}
	p, d := mountPage(t, Config{Runner: runner})
	p.tab = "client"
	html := settle(p, d)
	if !regexpDisabled(html, "np-stdin") {
		t.Errorf("the input line is on before a run")
	}
	p.run(d.Context())
	<-waited // go-app's tester renders only once async work is done: the browser test sees the wait
	p.typeInput(d.Context(), "client", "hello\n", false)
	if tt := <-typed; tt != (engineapi.Typed{Host: "client", Text: "hello\n"}) {
		t.Errorf("the run got %+v", tt)
	}
	html = settle(p, d)
	if !strings.Contains(html, "echo: hello") || !strings.Contains(html, `np-typed">hello`) {
		t.Errorf("the console lacks the echo or the typed line:\n%s", html)
	}
	if in := p.sc.Hosts[p.hostIndex("client")].Stdin; len(in) != 1 || in[0].Text != "hello\n" || in[0].At != scenario.Duration(time.Millisecond) {
		t.Errorf("recorded stdin %+v", in)
	}
	if len(got) != 1 || len(got[0].Hosts[p.hostIndex("client")].Stdin) != 0 {
		t.Errorf("the run was given input before it was typed")
	}
}

// The compiler's warnings do not stop the run: each is marked at its line
// in its file's editor, as a warning, and listed above the diagram.
func TestPageWarnings(t *testing.T) {
	resetFake()
	const w = "client.c:9:14: warning: passing 'int (int, int, int)' to parameter of type 'int' [-Wint-conversion]"
	runner := func(sc *scenario.Scenario, live engineapi.Live) (*engineapi.Result, error) {
		return &engineapi.Result{Warnings: []string{w, "lib/x.c:1:1: warning: unused [-Wunused-variable]"}, Events: fixtureTrace(), End: "all programs exited"}, nil
	}
	p, d := mountPage(t, Config{Runner: runner})
	p.run(d.Context())
	html := settle(p, d)
	if !strings.Contains(html, "2 compiler warnings") || !strings.Contains(html, "[-Wint-conversion]") {
		t.Errorf("the warnings are not listed")
	}
	marks := editor.Marks(p.keys[p.hostByFile("client.c")])
	want := []editor.Mark{{Line: 9, Col: 14, Msg: "warning: passing 'int (int, int, int)' to parameter of type 'int' [-Wint-conversion]", Warning: true}}
	if !reflect.DeepEqual(marks, want) {
		t.Errorf("client.c's marks %+v, want %+v", marks, want)
	}
	if !p.ranOK || p.runErr != "" {
		t.Errorf("a warning stopped the run: %q", p.runErr)
	}
}

// TestDescribeFault: fault rules in the learner's words: the frame as the
// diagram labels it, not its number on the wire (which counts the ARP
// frames the diagram hides).
func TestDescribeFault(t *testing.T) {
	res := realRun(t, "handshake", nil)
	nth := 0
	for _, e := range res.Events {
		if e.Kind == trace.KindSegment && e.Flags == "S." {
			nth = e.Frame
			break
		}
	}
	for _, tc := range []struct {
		f    scenario.Fault
		lang string
		want string
		evs  []trace.Event
	}{
		{scenario.Fault{Drop: &scenario.Match{Nth: nth}}, LangEN, "drop the SYN,ACK seq=0 ack=1 server → client at 0.013 s", res.Events},
		{scenario.Fault{Drop: &scenario.Match{Nth: nth}}, LangZH, "丢弃 server → client 在 0.013 秒的 SYN,ACK seq=0 ack=1", res.Events},
		{scenario.Fault{Drop: &scenario.Match{Nth: nth}}, LangEN, "drop frame 4 on the wire (ARP included)", nil},
		{scenario.Fault{Drop: &scenario.Match{Host: "server", Dir: "out", Proto: "tcp", Flags: "S."}}, LangEN, "drop every SYN,ACK segment server sends", nil},
		{scenario.Fault{Drop: &scenario.Match{Host: "server", Dir: "out", Proto: "tcp", Flags: "S."}}, LangZH, "丢弃 server 发出的每个 SYN,ACK 报文段", nil},
		{scenario.Fault{Delay: &scenario.Match{Proto: "udp", Port: 53, By: scenario.Duration(50 * time.Millisecond), Count: 2}}, LangEN, "delay by 50ms every UDP datagram on port 53, the first 2 only", nil},
	} {
		if got := DescribeFault(tc.f, tc.evs, tc.lang); got != tc.want {
			t.Errorf("%s: %q, want %q", FaultText(tc.f), got, tc.want)
		}
	}
}

// TestTCPOptionsLikeTshark: the inspector names a segment's TCP options
// as tshark's packet details do, SACK edges relative included.
func TestTCPOptionsLikeTshark(t *testing.T) {
	tshark, err := exec.LookPath("tshark")
	if err != nil {
		t.Skip("tshark not installed (make tools installs it)")
	}
	res := realRun(t, "handshake", func(sc *scenario.Scenario) {
		// A lossy link, for SACK blocks.
		sc.Links[0].Loss = 0.2
	})
	pcap := filepath.Join(t.TempDir(), "x.pcap")
	f, _ := os.Create(pcap)
	if err := trace.WritePcap(f, res.Events); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out, err := exec.Command(tshark, "-r", pcap, "-V").Output()
	if err != nil {
		t.Fatalf("tshark: %v", err)
	}
	var theirs [][]string
	for _, line := range strings.Split(string(out), "\n") {
		switch {
		case strings.HasPrefix(line, "Frame "):
			theirs = append(theirs, nil)
		case strings.HasPrefix(line, "        TCP Option - "):
			theirs[len(theirs)-1] = append(theirs[len(theirs)-1], strings.TrimPrefix(line, "        TCP Option - "))
		}
	}
	n, checked := 0, 0
	for i := range res.Events {
		e := &res.Events[i]
		if e.Data == nil {
			continue
		}
		n++
		var ours []string
		for _, l := range DecodeEvent(e) {
			for _, kv := range l.Fields {
				if kv[0] == "option" {
					ours = append(ours, kv[1])
				}
			}
		}
		if strings.Join(ours, "|") != strings.Join(theirs[n-1], "|") {
			t.Errorf("frame %d: ours %q, tshark %q", n, ours, theirs[n-1])
		}
		if len(ours) > 0 {
			checked++
		}
	}
	if checked == 0 || n != len(theirs) {
		t.Errorf("%d frames with options checked, %d frames ours, %d tshark's", checked, n, len(theirs))
	}
}

// TestMessagesComplete: every key the page's code asks T for is in the
// messages, in both languages (T returns a missing key itself).
func TestMessagesComplete(t *testing.T) {
	re := regexp.MustCompile(`(?:p\.t|T\((?:in\.Lang|lang|p\.lang)),? ?\(?"([a-z.]+)"`)
	files, _ := filepath.Glob("*.go")
	found := 0
	defer func() {
		if found < 30 {
			t.Errorf("only %d uses of messages found: the test looks at nothing", found)
		}
	}()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, _ := os.ReadFile(f)
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			if strings.HasSuffix(m[1], ".") {
				continue // a key made at run time ("split." + which)
			}
			found++
			if v, ok := messages[m[1]]; !ok || v[0] == "" || v[1] == "" {
				t.Errorf("%s: message %q missing", f, m[1])
			}
		}
	}
}

// TestLegendOnlyWhenOpen: the legend's items are mounted only while it
// is open (the browser tests open it by its summary).
func TestLegendOnlyWhenOpen(t *testing.T) {
	resetFake()
	f := &fakeRunner{events: fixtureTrace()}
	p, d := mountPage(t, Config{Runner: f.run})
	p.run(d.Context())
	html := settle(p, d)
	if !strings.Contains(html, `id="np-legend"`) || strings.Contains(html, "np-legend-item") {
		t.Fatalf("closed legend: want its summary alone")
	}
	p.legendOpen = true
	html = settle(p, d)
	for _, want := range []string{"np-legend-item", "SYN_SENT", "ESTABLISHED"} {
		if !strings.Contains(html, want) {
			t.Errorf("open legend lacks %q", want)
		}
	}
}
