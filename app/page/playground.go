// Package page is the netplay playground page. The Playground is the root
// component: it owns the scenario being edited and the run, and lays out
// the panes of PAGE.md. Each concern has its file:
//
//	playground.go   the root: configuration, lifecycle, the page's grid
//	scenario.go     the scenario being edited: opening, Reset, the editors' ids
//	drafts.go       the edits saved in the browser: restored, kept, undone
//	toolbar.go      the toolbar (gallery, run controls, speed, share, language)
//	topology.go     hosts, links and routes, edited in place
//	faults.go       fault rules: made from a frame, edited as their text
//	actions.go      host controls and a link's plug (actions at the time shown); actions, faults and typed input listed and edited
//	editors.go      one CodeMirror editor per host program, under tabs
//	panes.go        the splitters between the panes (panes_wasm.go drags)
//	files.go        the project's other files: tree, tab, add/rename/delete, take-in
//	run.go          running a scenario, its compile errors, Stop, runs made ahead
//	playback.go     stepping, the replay, Scrubber (component)
//	diagrampane.go  the sequence diagram pane: layout, options, notes, selection
//	share.go        share links (making and opening them) and downloads
//	console.go      Console: a host's output and exit (component)
//	sockets.go      SocketsView and its ss-style replay (component)
//	inspector.go    Inspector: a frame's layers and bytes (component; inspect.go decodes)
//
// The views of a run (console, sockets, inspector, scrubber) are child
// components: they get what they show as values and keep their own view
// state. What edits the scenario stays on the Playground: go-app compares
// a child's inputs with reflect.DeepEqual, which sees no change in a slice
// edited in place. The page links none of the engine (deps_test.go): it
// gets traces through the Runner, in the browser from the engine worker.
package page

import (
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/editor"
	"netplay/app/engineapi"
	"netplay/app/gallery"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// Runner runs a scenario to completion (every program exited, or the
// scenario's virtual-time limit) or until live.Stop is closed, and returns
// the trace. What the learner types at the consoles comes on live.Input;
// while the run waits for it, live.Waiting gets the trace so far. A
// compile error comes back as an error listing every error as
// `file:line:col: msg` on its own line. The browser main plugs in its
// engine: stack/runner.Run with the C front end, in a Web Worker.
type Runner func(sc *scenario.Scenario, live engineapi.Live) (*engineapi.Result, error)

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

// Playground is the page's root component. Its state is grouped by
// concern, each group declared in the file of that concern.
type Playground struct {
	app.Compo

	cfg Config

	editing      // the scenario being edited (scenario.go)
	runState     // the run under way and the last run's trace (run.go)
	playback     // the step shown and the replay (playback.go)
	diagramView  // how the diagram shows the trace (diagrampane.go)
	projectFiles // the files panel (files.go)
	drafts       // the edits saved in the browser (drafts.go)
	editorView   // which program the editors show (editors.go)

	lang   string
	tab    string // the host whose console and sockets are shown
	notice string // a message above the diagram (bad link, copied link…)
	// ruleErr says why an edit of a fault rule, an action or a start
	// time was refused (shown under the rules).
	ruleErr string
	link    string // the last share link made or opened
	// tooLong: the #s= link asked for was too long for a URL (MaxURLLink)
	tooLong bool

	// root is the context OnMount got: its source is the Playground itself,
	// which stays mounted. Work that ends after the element whose handler
	// started it is gone (the inspector's drop buttons vanish when the run
	// starts) must dispatch through it, or go-app drops the dispatch.
	root app.Context
}

// New returns a Playground using cfg.
func New(cfg Config) *Playground {
	return &Playground{cfg: cfg, playback: playback{upto: -1, speed: "all"}, diagramView: diagramView{selected: -1}}
}

// Routes registers the page's routes: "/" and the short-link pages "/s/{id}"
// (routeShortLinks: the server takes every such path, the browser the one
// it was opened on).
func Routes(cfg Config) {
	newPage := func() app.Composer { return New(cfg) }
	app.RouteFunc("/", newPage)
	routeShortLinks(newPage)
}

// isShortLinkPath reports whether path is one the server's short-link
// route takes: "/s/" and one or more ASCII letters and digits.
func isShortLinkPath(path string) bool {
	id, ok := strings.CutPrefix(path, "/s/")
	if !ok || id == "" {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z') {
			return false
		}
	}
	return true
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

// OnMount implements app.Mounter: language, keyboard shortcut and the
// scenario from the URL (a #s= link or /s/{id}).
func (p *Playground) OnMount(ctx app.Context) {
	p.root = ctx
	if l := loadSetting("netplay.lang"); l == LangEN || l == LangZH {
		p.lang = l
	} else {
		p.lang = PickLang(browserLang())
	}
	setDocumentLang(p.lang)
	restorePanes()
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
	editor.OnEdit(func(id string) {
		ctx.Dispatch(func(ctx app.Context) { p.saveSoon(ctx) })
	})
	if h := locationHash(); strings.HasPrefix(h, scenario.FragmentPrefix) {
		p.openFragment(h)
		p.opened()
	} else if path := ctx.Page().URL().Path; strings.HasPrefix(path, "/s/") && p.cfg.ShareAPI != "" {
		p.openShort(ctx, strings.TrimPrefix(path, "/s/"))
	} else {
		if id := lastOpened(); id != "" && id != p.gallery {
			p.loadGallery(id)
		}
		p.opened()
	}
	p.prepareSoon(ctx)
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

// Render implements app.Composer: the page grid of PAGE.md.
func (p *Playground) Render() app.UI {
	cut := p.cutEvent()
	return app.Div().ID("np-page").Class("np-page").Lang(p.lang).DataSet("runs", p.runs).DataSet("upto", p.upto).Body(
		p.renderToolbar(),
		app.Div().Class("np-main").Body(
			app.Section().Class("np-left"+map[bool]string{true: " np-dragging"}[p.dragging]+map[bool]string{true: " np-left-wide"}[p.edWide]).Aria("label", p.t("topology")).
				OnDragOver(p.dragOver).OnDragLeave(func(ctx app.Context, e app.Event) { p.dragging = false }).OnDrop(p.dropped).Body(
				// Every edit of the topology, the fault rules or the files is a change
				// or a click in here: the draft is saved after it (drafts.go).
				app.Div().Class("np-topo-wrap").OnChange(p.onTopologyEdit).OnClick(p.onTopologyEdit).Body(
					p.renderTopology(),
					p.renderFiles(),
				),
				p.renderEditors(),
			),
			p.renderSplit(splitVert),
			app.Section().Class("np-right").Aria("label", p.t("diagram")).Body(
				p.renderDiagramPane(),
			),
		),
		p.renderSplit(splitHorz),
		app.Div().Class("np-bottom").Body(
			app.Div().Class("np-console-col").Body(
				&Console{Lang: p.lang, Hosts: p.hostNames(), Host: p.tab, Events: p.events, Cut: cut, OnPick: p.pickHost, OnGoto: p.gotoRuntime,
					Live: p.running, Waiting: p.waiting, OnType: p.typeInput, OnDownload: p.downloadOutput, Fetching: p.fetching == p.tab && p.tab != ""},
				p.renderHostControls(),
			),
			p.renderSplit(splitVert),
			app.Section().Class("np-sockets-inspector").Body(
				&SocketsView{Lang: p.lang, Host: p.tab, Events: p.events, Cut: cut},
				&Inspector{Lang: p.lang, Events: p.events, Selected: p.selected, Absolute: p.absolute, Note: p.layout().Notes[p.selected], OnDrop: p.addFault},
			),
		),
	)
}

func (p *Playground) onTopologyEdit(ctx app.Context, e app.Event) { p.saveSoon(ctx) }

// gotoRuntime shows the line a runtime error names.
func (p *Playground) gotoRuntime(ctx app.Context, file string, line int) { p.gotoLine(file, line, 0) }

// pickHost shows host's console and sockets.
func (p *Playground) pickHost(ctx app.Context, host string) { p.tab = host }
