// Package page is the netplay playground page: the go-app components of
// the toolbar, the topology and editors, the sequence diagram pane, the
// console, the sockets view and the packet inspector, and the routes that
// both the browser main (wasm/playground) and the server (netplay serve)
// register.
package page

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/diagram"
	"netplay/app/editor"
	"netplay/app/engineapi"
	"netplay/app/gallery"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// Runner runs a scenario to completion (every program exited, or the
// scenario's virtual-time limit) or until stop is closed, and returns the
// trace. A compile error comes back as an error listing every error as
// `file:line:col: msg` on its own line. The browser main plugs in its
// engine: stack/runner.Run with the C front end, in a Web Worker.
type Runner func(sc *scenario.Scenario, stop <-chan struct{}) (*engineapi.Result, error)

// Config is what the main gives the page.
type Config struct {
	Runner Runner
	// ShareAPI is the path of the short-link API ("/api/share"); empty
	// when the host serves none (the page still makes #s= links).
	ShareAPI string
	// Prepare, when set, is given a scenario PrepareDelay after it was
	// opened, on its own goroutine: the browser main compiles its programs
	// into its cache then, so the first Run does not wait for the compiler,
	// or has its engine run it ahead. In that case it calls ready (from any
	// goroutine) with the events of that run, which the Runner gives a Run
	// of sc: the page lays out their diagram before Run is pressed.
	Prepare func(sc *scenario.Scenario, ready func(events []trace.Event))
	// PrepareDelay is 0 when compiling does not hold up the page (the
	// engine worker); compiling on the page's own thread waits until the
	// page is drawn.
	PrepareDelay time.Duration
}

// Playground is the page's root component.
type Playground struct {
	app.Compo

	cfg Config

	sc     *scenario.Scenario // the scenario being edited
	origin *scenario.Scenario // what Reset goes back to
	keys   []string           // a stable key per host (editor ids survive renames)
	nextID int

	events   []trace.Event
	ranOK    bool
	running  bool
	stop     chan struct{}
	runErr   string
	compile  map[string][]editor.Mark // editor id → compile errors
	selected int                      // selected event, -1 none
	upto     int                      // last diagram row shown; -1 = all
	playing  bool
	speed    string // "all", "slow", "fast"
	runStart time.Time
	runTook  time.Duration
	runEnd   string // how the run ended ("all programs exited", "stopped"…)
	runs     int    // finished runs, shown as data-runs (browser tests wait on it)

	hoverHost string // the editor line under the pointer: its host and line
	hoverLine int

	lay    *diagram.Layout // the layout of events, see layout
	layKey layoutKey
	// The layout of a run made ahead (Config.Prepare), before it is shown.
	aheadLay    *diagram.Layout
	aheadLayKey layoutKey

	hideNotes bool // the scenario's teaching text and On Linux note folded away

	lang     string
	absolute bool
	showARP  bool
	tab      string // console and sockets host
	notice   string // a message above the diagram (bad link, copied link…)
	link     string // the last share link made
	gallery  string

	// root is the context OnMount got: its source is the Playground itself,
	// which stays mounted. Work that ends after the element whose handler
	// started it is gone (the inspector's drop buttons vanish when the run
	// starts) must dispatch through it, or go-app drops the dispatch.
	root app.Context
}

// New returns a Playground using cfg.
func New(cfg Config) *Playground {
	return &Playground{cfg: cfg, selected: -1, upto: -1, speed: "all"}
}

// Routes registers the page's routes: "/" and the short-link pages "/s/{id}".
//
// In the browser the short-link route is registered only on such a page:
// compiling its regexp was a noticeable part of starting the page (cold
// wasm code), and the page never navigates to a short link itself.
func Routes(cfg Config) {
	newPage := func() app.Composer { return New(cfg) }
	app.RouteFunc("/", newPage)
	if app.IsServer || strings.HasPrefix(app.Window().URL().Path, "/s/") {
		app.RouteWithRegexpFunc(`^/s/[0-9A-Za-z]+$`, newPage)
	}
}

// OnInit implements app.Initializer: the default scenario is there before
// the first render, also on the server's prerender.
func (p *Playground) OnInit() {
	if p.sc == nil {
		p.loadGallery(gallery.Default)
	}
	if p.lang == "" {
		p.lang = LangEN
	}
}

// prepareSoon hands the scenario to Config.Prepare after
// Config.PrepareDelay, unless a run has started by then.
func (p *Playground) prepareSoon(ctx app.Context) {
	if p.cfg.Prepare == nil {
		return
	}
	root := p.rootCtx(ctx)
	root.After(p.cfg.PrepareDelay, func(ctx app.Context) {
		if p.running || p.sc == nil {
			return
		}
		sc, prepare := clone(p.sc), p.cfg.Prepare
		root.Async(func() {
			prepare(sc, func(events []trace.Event) {
				root.Dispatch(func(ctx app.Context) { p.layAhead(events) })
			})
		})
	})
}

// OnMount implements app.Mounter: language, keyboard shortcut and the
// scenario from the URL (a #s= link or /s/{id}).
func (p *Playground) OnMount(ctx app.Context) {
	p.root = ctx
	if l := loadSetting("netplay.lang"); l == LangEN || l == LangZH {
		p.lang = l
	} else {
		p.lang = PickLang(browserLang())
	}
	editor.OnRun(func() { ctx.Dispatch(p.run) })
	editor.OnHover(func(id string, line int) {
		ctx.Dispatch(func(ctx app.Context) { p.hover(id, line) })
	})
	// A #s= link pasted into the address bar of an open page changes only
	// the fragment: no reload, so the page opens it itself.
	onHashChange(func() {
		ctx.Dispatch(func(ctx app.Context) {
			if h := locationHash(); strings.HasPrefix(h, scenario.FragmentPrefix) && origin()+"/"+h != p.link {
				p.stopRun(ctx, app.Event{})
				p.openFragment(h)
				p.prepareSoon(ctx)
			}
		})
	})
	if h := locationHash(); strings.HasPrefix(h, scenario.FragmentPrefix) {
		p.openFragment(h)
	} else if path := ctx.Page().URL().Path; strings.HasPrefix(path, "/s/") && p.cfg.ShareAPI != "" {
		id := strings.TrimPrefix(path, "/s/")
		ctx.Async(func() {
			sc, err := fetchShort(origin()+p.cfg.ShareAPI, id)
			ctx.Dispatch(func(ctx app.Context) {
				if err != nil {
					p.openBlank(err)
					return
				}
				p.setScenario(sc, "")
				p.link = origin() + "/s/" + id
				p.prepareSoon(ctx)
			})
		})
	}
	p.prepareSoon(ctx)
}

// openFragment opens the scenario of a #s= fragment, or the empty
// playground with a message when the link is damaged.
func (p *Playground) openFragment(h string) {
	sc, err := scenario.DecodeFragment(h)
	if err != nil {
		p.openBlank(err)
		return
	}
	p.setScenario(sc, "")
	p.link = origin() + "/" + h
}

func (p *Playground) t(key string) string { return T(p.lang, key) }

// rootCtx returns the Playground's own context (see root), or ctx before
// the Playground is mounted.
func (p *Playground) rootCtx(ctx app.Context) app.Context {
	if p.root != nil {
		return p.root
	}
	return ctx
}

// loadGallery opens a built-in scenario.
func (p *Playground) loadGallery(id string) {
	sc, err := gallery.Load(id)
	if err != nil {
		p.openBlank(err)
		return
	}
	p.setScenario(sc, id)
}

func (p *Playground) openBlank(err error) {
	p.setScenario(gallery.Blank(), "")
	p.notice = p.t("badlink") + " " + err.Error()
}

// setScenario replaces the scenario; editors get new ids and mount afresh.
func (p *Playground) setScenario(sc *scenario.Scenario, galleryID string) {
	p.sc = sc
	p.origin = clone(sc)
	p.gallery = galleryID
	p.keys = p.keys[:0]
	for range sc.Hosts {
		p.keys = append(p.keys, p.newKey())
	}
	p.clearRun()
	p.notice = ""
	if len(sc.Hosts) > 0 {
		p.tab = sc.Hosts[0].Name
	}
}

func (p *Playground) newKey() string {
	p.nextID++
	return "np-ed-" + strconv.Itoa(p.nextID)
}

func (p *Playground) clearRun() {
	p.events, p.ranOK, p.runErr, p.compile = nil, false, "", nil
	p.selected, p.upto, p.playing = -1, -1, false
}

// clone deep-copies a scenario.
func clone(sc *scenario.Scenario) *scenario.Scenario {
	// A round trip through JSON, not scenario.Parse: the copy is of the
	// page's own data (the runner validates what it runs), and Parse's
	// field-naming pass cost tens of milliseconds of every Run in wasm.
	b, err := json.Marshal(sc)
	if err != nil {
		c := *sc
		return &c
	}
	var c scenario.Scenario
	if err := json.Unmarshal(b, &c); err != nil {
		c := *sc
		return &c
	}
	return &c
}

// syncDocs copies what the learner typed in the editors into the scenario.
func (p *Playground) syncDocs() {
	for i := range p.sc.Hosts {
		if doc, ok := editor.Get(p.keys[i]); ok {
			p.sc.Hosts[i].Program = doc
		}
	}
}

// run compiles and runs the scenario on a goroutine; the trace replaces
// the diagram when it is done.
func (p *Playground) run(ctx app.Context) {
	if p.running {
		return
	}
	p.syncDocs()
	for _, k := range p.keys {
		editor.SetMarks(k, nil)
		editor.Highlight(k, 0)
	}
	// The last trace stays on the diagram (dimmed) until the new one is
	// there, so the pane does not jump while a run is on.
	p.runErr, p.compile = "", nil
	p.selected, p.upto, p.playing = -1, -1, false
	if p.cfg.Runner == nil {
		p.runErr = p.t("runerr") + " this build of the page has no scenario runner"
		return
	}
	sc := clone(p.sc)
	stop := make(chan struct{})
	p.running, p.stop, p.runStart = true, stop, time.Now()
	runner := p.cfg.Runner
	root := p.rootCtx(ctx)
	root.Async(func() {
		res, err := runner(sc, stop)
		root.Dispatch(func(ctx app.Context) {
			if err != nil || res == nil {
				p.finish(ctx, nil, "", err)
				return
			}
			p.finish(ctx, res.Events, res.End, nil)
		})
	})
}

// compileLine splits a compiler message "file:line:col: msg" (the
// shortest file that leaves such a rest). Written out rather than a
// regexp: compiling one was a noticeable part of starting the page.
func compileLine(s string) (file string, line, col int, msg string, ok bool) {
	for i := 1; i < len(s); i++ {
		if s[i] != ':' {
			continue
		}
		rest := s[i+1:]
		n := leadingDigits(rest)
		if n == 0 || n == len(rest) || rest[n] != ':' {
			continue
		}
		m := leadingDigits(rest[n+1:])
		if m == 0 || !strings.HasPrefix(rest[n+1+m:], ": ") {
			continue
		}
		line, err1 := strconv.Atoi(rest[:n])
		col, err2 := strconv.Atoi(rest[n+1 : n+1+m])
		if err1 != nil || err2 != nil {
			continue
		}
		return s[:i], line, col, rest[n+1+m+2:], true
	}
	return "", 0, 0, "", false
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

func (p *Playground) finish(ctx app.Context, events []trace.Event, end string, err error) {
	p.running, p.stop = false, nil
	p.runs++
	p.runTook = time.Since(p.runStart)
	p.events, p.runEnd = events, end
	if err != nil {
		// Compile errors go to their editors; anything else is shown as is.
		p.compile = map[string][]editor.Mark{}
		for _, line := range strings.Split(err.Error(), "\n") {
			file, ln, col, msg, ok := compileLine(strings.TrimSpace(line))
			if !ok {
				continue
			}
			if i := p.hostByFile(file); i >= 0 {
				p.compile[p.keys[i]] = append(p.compile[p.keys[i]], editor.Mark{Line: ln, Col: col, Msg: msg})
			}
		}
		if len(p.compile) > 0 {
			p.runErr = p.t("compileerr") + "\n" + err.Error()
			for k, marks := range p.compile {
				editor.SetMarks(k, marks)
			}
		} else {
			p.runErr = p.t("runerr") + " " + err.Error()
		}
		return
	}
	p.ranOK = true
	if p.speed != "all" && len(events) > 0 {
		p.upto = 0
		p.playing = true
		p.tick(ctx)
	}
}

// hostByFile finds the host whose program file is name ("server.c").
func (p *Playground) hostByFile(name string) int {
	for i, h := range p.sc.Hosts {
		if fileName(h) == name {
			return i
		}
	}
	return -1
}

func fileName(h scenario.Host) string {
	if h.File != "" {
		return h.File
	}
	return h.Name + ".c"
}

func (p *Playground) stopRun(ctx app.Context, e app.Event) {
	p.playing = false
	if p.stop != nil {
		close(p.stop)
		p.stop = nil
	}
}

// layout is the diagram layout of the current trace and toggles. A render
// asks for it several times (diagram, scrubber, console, sockets), so it
// is computed again only when the trace or the options changed.
func (p *Playground) layout() *diagram.Layout {
	o := p.diagramOptions()
	k := p.layoutKeyOf(p.events, o)
	switch {
	case p.lay != nil && k == p.layKey:
	case p.aheadLay != nil && k == p.aheadLayKey:
		p.lay, p.layKey = p.aheadLay, k
		p.aheadLay = nil
	default:
		p.lay, p.layKey = diagram.Compute(p.events, o), k
	}
	return p.lay
}

// layAhead lays out the events of a run made ahead and draws its SVG as
// the diagram will show it right after Run, so that Run only swaps it in
// (laying out and drawing a trace the first time was most of the time
// from Run to the diagram).
func (p *Playground) layAhead(events []trace.Event) {
	if len(events) == 0 || p.sc == nil {
		return
	}
	o := p.diagramOptions()
	k := p.layoutKeyOf(events, o)
	if k == p.layKey || k == p.aheadLayKey && p.aheadLay != nil {
		return
	}
	l := diagram.Compute(events, o)
	l.HeaderSVG()
	l.SVG(diagram.Draw{Selected: -1, Upto: -1, Line: p.hoverLine, LineHost: p.hoverHost}, len(events))
	p.aheadLay, p.aheadLayKey = l, k
}

func (p *Playground) layoutKeyOf(events []trace.Event, o diagram.Options) layoutKey {
	k := layoutKey{n: len(events), absolute: o.Absolute, arp: o.ShowARP}
	if len(events) > 0 {
		k.first = &events[0]
	}
	var hosts strings.Builder
	for _, h := range o.Hosts {
		hosts.WriteString(h + "\x00" + strings.Join(o.Addrs[h], "\x01") + "\x00")
	}
	k.hosts = hosts.String()
	return k
}

type layoutKey struct {
	first         *trace.Event
	n             int
	absolute, arp bool
	hosts         string
}

func (p *Playground) diagramOptions() diagram.Options {
	o := diagram.Options{Absolute: p.absolute, ShowARP: p.showARP, Addrs: map[string][]string{}}
	for _, h := range p.sc.Hosts {
		o.Hosts = append(o.Hosts, h.Name)
		o.Addrs[h.Name] = h.Addrs
	}
	return o
}

// step shows one more row of the diagram (running first if needed).
func (p *Playground) step(ctx app.Context, e app.Event) {
	p.playing = false
	if len(p.events) == 0 {
		if !p.running {
			p.speed = "step"
			p.run(ctx)
		}
		return
	}
	n := len(p.layout().Rows)
	switch {
	case p.upto < 0:
		p.upto = 0
	case p.upto >= n-1:
		p.upto = -1
	default:
		p.upto++
	}
	p.showCurrentLines()
	p.followNow(ctx)
}

// tick advances a replay by one row.
func (p *Playground) tick(ctx app.Context) {
	p.showCurrentLines()
	p.followNow(ctx)
	d := 400 * time.Millisecond
	if p.speed == "fast" {
		d = 80 * time.Millisecond
	}
	p.rootCtx(ctx).After(d, func(ctx app.Context) {
		if !p.playing {
			return
		}
		n := len(p.layout().Rows)
		if p.upto >= n-1 || p.upto < 0 {
			p.upto, p.playing = -1, false
			p.showCurrentLines()
			return
		}
		p.upto++
		p.tick(ctx)
	})
}

// followNow keeps the current step in view once the page has drawn it.
func (p *Playground) followNow(ctx app.Context) {
	if p.upto >= 0 {
		ctx.Defer(func(app.Context) { scrollToNow() })
	}
}

// showCurrentLines highlights in each editor the line of that host's
// latest socket call at the current step: a blocking call from the row it
// was made on (connect() while it waits for the SYN,ACK), not only once
// it returned.
func (p *Playground) showCurrentLines() {
	l := p.layout()
	for i, h := range p.sc.Hosts {
		line := 0
		if p.upto >= 0 {
			for _, c := range l.Calls {
				if c.Row1 <= p.upto && c.Line > 0 && l.Lanes[c.Lane].Host == h.Name {
					line = c.Line
				}
			}
		}
		editor.Highlight(p.keys[i], line)
	}
}

// cutEvent is the last event index the views below the diagram show.
func (p *Playground) cutEvent() int {
	return p.layout().Cut(p.upto)
}

// hover marks in the diagram what the source line under the pointer
// caused (the calls made on it and the frames and states during them).
func (p *Playground) hover(id string, line int) {
	p.hoverHost, p.hoverLine = "", 0
	for i, k := range p.keys {
		if k == id && i < len(p.sc.Hosts) && line > 0 {
			p.hoverHost, p.hoverLine = p.sc.Hosts[i].Name, line
		}
	}
}

func (p *Playground) reset(ctx app.Context, e app.Event) {
	p.stopRun(ctx, e)
	p.setScenario(clone(p.origin), p.gallery)
}

func (p *Playground) selectEvent(ctx app.Context, ev int) {
	p.selected = ev
	e := &p.events[ev]
	if e.Line > 0 {
		for i, h := range p.sc.Hosts {
			if h.Name == e.Host {
				editor.Highlight(p.keys[i], e.Line)
			}
		}
	}
	if e.Host != "" {
		p.tab = e.Host
	}
}

// addFault adds a fault rule and runs again.
func (p *Playground) addFault(ctx app.Context, f scenario.Fault) {
	p.syncDocs()
	p.sc.Faults = append(p.sc.Faults, f)
	p.run(ctx)
}

// dropThis makes the fault rule that drops exactly the selected frame.
func dropThis(e *trace.Event) scenario.Fault {
	return scenario.Fault{Drop: &scenario.Match{Nth: e.Frame}}
}

// dropLike makes the rule that drops every frame like e: same sender,
// same protocol and, for TCP, the same flags.
func dropLike(e *trace.Event) scenario.Fault {
	m := &scenario.Match{Host: e.Host, Dir: "out"}
	switch e.Kind {
	case trace.KindSegment:
		m.Proto, m.Flags = "tcp", e.Flags
	case trace.KindUDP:
		m.Proto = "udp"
	case trace.KindICMP:
		m.Proto = "icmp"
	case trace.KindARP:
		m.Proto = "arp"
	}
	return scenario.Fault{Drop: m}
}

// FaultText describes a fault rule in one line.
func FaultText(f scenario.Fault) string {
	verb, m := "drop", f.Drop
	if f.Delay != nil {
		verb, m = "delay", f.Delay
	}
	if m == nil {
		return "?"
	}
	var parts []string
	add := func(k, v string) {
		if v != "" {
			parts = append(parts, k+"="+v)
		}
	}
	if m.Nth > 0 {
		add("nth", strconv.Itoa(m.Nth))
	}
	add("host", m.Host)
	add("dir", m.Dir)
	add("proto", m.Proto)
	if m.Flags != "" {
		add("flags", "["+m.Flags+"]")
	}
	if m.Port > 0 {
		add("port", strconv.Itoa(m.Port))
	}
	if m.Count > 0 {
		add("count", strconv.Itoa(m.Count))
	}
	if f.Delay != nil {
		add("by", time.Duration(m.By).String())
	}
	return verb + " " + strings.Join(parts, " ")
}

// shareLink makes the #s= link of the current scenario.
func (p *Playground) shareLink(ctx app.Context, e app.Event) {
	p.syncDocs()
	frag, err := scenario.EncodeFragment(p.sc)
	if err != nil {
		p.notice = err.Error()
		return
	}
	h := scenario.FragmentPrefix + frag
	setLocationHash(h)
	p.link = origin() + "/" + h
	copyText(p.link)
	p.notice = p.t("share.copied")
}

// shortLink stores the scenario through the share API and shows /s/{id}.
func (p *Playground) shortLink(ctx app.Context, e app.Event) {
	p.syncDocs()
	body, err := p.sc.Canonical()
	if err != nil {
		p.notice = err.Error()
		return
	}
	api := origin() + p.cfg.ShareAPI
	root := p.rootCtx(ctx)
	root.Async(func() {
		id, err := postShort(api, body)
		root.Dispatch(func(ctx app.Context) {
			if err != nil {
				p.notice = err.Error()
				return
			}
			p.link = origin() + "/s/" + id
			copyText(p.link)
			p.notice = p.t("share.copied")
		})
	})
}

func (p *Playground) downloadPcap(ctx app.Context, e app.Event) {
	var b bytes.Buffer
	if err := trace.WritePcap(&b, p.events); err != nil {
		p.notice = err.Error()
		return
	}
	download(p.fileBase()+".pcap", "application/vnd.tcpdump.pcap", b.Bytes())
}

func (p *Playground) downloadText(ctx app.Context, e app.Event) {
	var b bytes.Buffer
	if err := trace.WriteText(&b, p.events, trace.TextOptions{}); err != nil {
		p.notice = err.Error()
		return
	}
	download(p.fileBase()+".txt", "text/plain;charset=utf-8", b.Bytes())
}

func (p *Playground) fileBase() string {
	if p.gallery != "" {
		return "netplay-" + p.gallery
	}
	return "netplay"
}

func (p *Playground) toggleLang(ctx app.Context, e app.Event) {
	if p.lang == LangZH {
		p.lang = LangEN
	} else {
		p.lang = LangZH
	}
	storeSetting("netplay.lang", p.lang)
}

// Hosts and topology edits.

func (p *Playground) addHost(ctx app.Context, e app.Event) {
	p.syncDocs()
	n := len(p.sc.Hosts) + 1
	name := fmt.Sprintf("host%d", n)
	for p.hostIndex(name) >= 0 {
		n++
		name = fmt.Sprintf("host%d", n)
	}
	h := scenario.Host{Name: name, Addrs: []string{fmt.Sprintf("10.0.0.%d/24", 10+n)}}
	p.sc.Hosts = append(p.sc.Hosts, h)
	p.keys = append(p.keys, p.newKey())
	if len(p.sc.Links) == 0 {
		p.sc.Links = append(p.sc.Links, scenario.Link{})
	}
	p.sc.Links[0].Hosts = append(p.sc.Links[0].Hosts, name)
}

func (p *Playground) hostIndex(name string) int {
	for i, h := range p.sc.Hosts {
		if h.Name == name {
			return i
		}
	}
	return -1
}

func (p *Playground) removeHost(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if i >= len(p.sc.Hosts) {
			return
		}
		p.syncDocs()
		name := p.sc.Hosts[i].Name
		p.sc.Hosts = append(p.sc.Hosts[:i], p.sc.Hosts[i+1:]...)
		p.keys = append(p.keys[:i], p.keys[i+1:]...)
		for li := range p.sc.Links {
			p.sc.Links[li].Hosts = without(p.sc.Links[li].Hosts, name)
		}
		var routes []scenario.Route
		for _, r := range p.sc.Routes {
			if r.Host != name {
				routes = append(routes, r)
			}
		}
		p.sc.Routes = routes
	}
}

func without(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// renameHost renames host i everywhere the scenario names it.
func (p *Playground) renameHost(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		name := strings.TrimSpace(ctx.JSSrc().Get("value").String())
		if i >= len(p.sc.Hosts) || name == "" || p.hostIndex(name) >= 0 {
			return
		}
		old := p.sc.Hosts[i].Name
		p.sc.Hosts[i].Name = name
		for li := range p.sc.Links {
			for j, h := range p.sc.Links[li].Hosts {
				if h == old {
					p.sc.Links[li].Hosts[j] = name
				}
			}
		}
		for ri := range p.sc.Routes {
			if p.sc.Routes[ri].Host == old {
				p.sc.Routes[ri].Host = name
			}
		}
		if p.tab == old {
			p.tab = name
		}
	}
}

func (p *Playground) setAddrs(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if i < len(p.sc.Hosts) {
			p.sc.Hosts[i].Addrs = splitList(ctx.JSSrc().Get("value").String())
		}
	}
}

func (p *Playground) setArgs(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if i < len(p.sc.Hosts) {
			p.sc.Hosts[i].Args = strings.Fields(ctx.JSSrc().Get("value").String())
		}
	}
}

func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
}

func (p *Playground) setForward(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if i < len(p.sc.Hosts) {
			p.sc.Hosts[i].Forward = ctx.JSSrc().Get("checked").Bool()
		}
	}
}

func (p *Playground) setLinkHosts(li int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if li < len(p.sc.Links) {
			p.sc.Links[li].Hosts = splitList(ctx.JSSrc().Get("value").String())
		}
	}
}

// addLink adds an empty link (its hosts are typed in).
func (p *Playground) addLink(ctx app.Context, e app.Event) {
	p.syncDocs()
	p.sc.Links = append(p.sc.Links, scenario.Link{Delay: scenario.Duration(time.Millisecond)})
}

func (p *Playground) removeLink(li int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if li < len(p.sc.Links) {
			p.syncDocs()
			p.sc.Links = append(p.sc.Links[:li], p.sc.Links[li+1:]...)
		}
	}
}

// addRoute adds a default route on the first host with a program.
func (p *Playground) addRoute(ctx app.Context, e app.Event) {
	p.syncDocs()
	r := scenario.Route{To: "0.0.0.0/0"}
	if len(p.sc.Hosts) > 0 {
		r.Host = p.sc.Hosts[0].Name
	}
	p.sc.Routes = append(p.sc.Routes, r)
}

func (p *Playground) removeRoute(ri int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if ri < len(p.sc.Routes) {
			p.syncDocs()
			p.sc.Routes = append(p.sc.Routes[:ri], p.sc.Routes[ri+1:]...)
		}
	}
}

// setRoute sets one field ("host", "to", "via") of route ri.
func (p *Playground) setRoute(ri int, field string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if ri >= len(p.sc.Routes) {
			return
		}
		v := strings.TrimSpace(ctx.JSSrc().Get("value").String())
		switch field {
		case "host":
			p.sc.Routes[ri].Host = v
		case "to":
			p.sc.Routes[ri].To = v
		case "via":
			p.sc.Routes[ri].Via = v
		}
	}
}

func (p *Playground) setDelay(li int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		d, err := time.ParseDuration(strings.TrimSpace(ctx.JSSrc().Get("value").String()))
		if li < len(p.sc.Links) && err == nil && d >= 0 {
			p.sc.Links[li].Delay = scenario.Duration(d)
		}
	}
}

func (p *Playground) setLoss(li int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		v, err := strconv.ParseFloat(strings.TrimSpace(ctx.JSSrc().Get("value").String()), 64)
		if li < len(p.sc.Links) && err == nil && v >= 0 && v <= 1 {
			p.sc.Links[li].Loss = v
		}
	}
}

func (p *Playground) removeFault(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if i < len(p.sc.Faults) {
			p.syncDocs()
			p.sc.Faults = append(p.sc.Faults[:i], p.sc.Faults[i+1:]...)
			p.run(ctx)
		}
	}
}
