package page

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/diagram"
	"netplay/app/editor"
	"netplay/stack/trace"
)

// diagramView is how the diagram shows the trace: its options, what is
// selected and marked in it, and its layout.
type diagramView struct {
	absolute  bool // absolute sequence numbers
	showARP   bool
	hideNotes bool // the scenario's teaching text and On Linux note folded away
	// legendOpen: the legend's items are in the page only while it is
	// open (mounting them cost a first Run tens of ms, most often for a
	// legend nobody opened).
	legendOpen bool

	noFold bool            // show every row (runs of alike rows are folded by default)
	unfold map[int]bool    // folds the learner opened, by key
	zoom   float64         // the diagram's scale (0: 100%)
	fit    bool            // the diagram fitted to the pane's width instead
	narrow map[string]bool // hosts whose lifelines are collapsed
	// lanes is the learner's order of the lifelines (hosts) for the
	// scenario opened as lanesFor, kept in localStorage (lanesPrefix).
	lanes    []string
	lanesFor string
	// dimLater: the scrubber was moved by a click on a frame or call, so
	// the rows after it stay drawn (dimmed) instead of hidden.
	dimLater bool

	selected  int    // selected event, -1 none
	hoverHost string // the editor line under the pointer: its host and line
	hoverLine int

	lay    *diagram.Layout // the layout of events, see layout
	layKey layoutKey
	// The layout of a run made ahead (Config.Prepare), before it is shown.
	aheadLay    *diagram.Layout
	aheadLayKey layoutKey
}

// renderDiagramPane: the pane's head (notes' toggle, options), the
// scenario's teaching text and On Linux note, the notice and the run's
// error, the run's status with the scrubber, and the diagram.
func (p *Playground) renderDiagramPane() app.UI {
	// In parts: Go's wasm makes every jump inside a function a branch back
	// to its start, and V8 counts those against the function's size, so
	// one large render function was recompiled by TurboFan (~0.2 s of a
	// core) at its first calls, while the engine warmed up.
	l := p.layout()
	teach, onLinux := p.inLang(p.sc.Text), p.inLang(p.sc.Linux)
	return app.Div().Class("np-diagram-pane").Body(
		p.renderPaneHead(teach != "" || onLinux != ""),
		p.renderNotes(teach, onLinux),
		p.renderNotice(),
		app.If(p.runErr != "", p.renderRunErr()),
		app.If(len(p.warnings) > 0, app.Details().ID("np-warnings").Class("np-warnings").Body(
			app.Summary().Text(fmt.Sprintf("%d %s", len(p.warnings), p.t("warnings"))),
			app.Pre().Text(strings.Join(p.warnings, "\n")),
		)),
		// The scrubber is there before the first run too (disabled), so
		// that the diagram does not move down when the trace comes.
		p.renderScrubber(l),
		p.renderDiagram(l),
		app.If(len(p.events) > 0, p.renderLegend()),
	)
}

// renderPaneHead: the pane's title, the notes' toggle (when the scenario
// has notes), the diagram's options and its zoom. (The run's status is on the scrubber's row: beside
// the options it had ~50 px at 1280×800 and showed "40 event…".)
func (p *Playground) renderPaneHead(notes bool) app.UI {
	return app.Div().Class("np-pane-head").Body(
		app.H2().Text(p.t("diagram")),
		app.Span().Class("np-spacer"),
		app.If(notes,
			app.Button().ID("np-notes-toggle").Class("np-btn np-small").Aria("expanded", !p.hideNotes).
				OnClick(func(ctx app.Context, e app.Event) { p.hideNotes = !p.hideNotes }).
				Text(p.t("notes")+map[bool]string{true: " ▸", false: " ▾"}[p.hideNotes]),
		),
		app.Label().Body(
			app.Input().ID("np-abs").Type("checkbox").Checked(p.absolute).OnChange(func(ctx app.Context, e app.Event) {
				p.absolute = ctx.JSSrc().Get("checked").Bool()
			}),
			app.Text(" "+p.t("absolute")),
		),
		app.Label().Body(
			app.Input().ID("np-arp").Type("checkbox").Checked(p.showARP).OnChange(func(ctx app.Context, e app.Event) {
				p.showARP = ctx.JSSrc().Get("checked").Bool()
			}),
			app.Text(" "+p.t("arp")),
		),
		app.Label().Title(p.t("rowfold.title")).Body(
			app.Input().ID("np-fold").Type("checkbox").Checked(!p.noFold).OnChange(func(ctx app.Context, e app.Event) {
				p.noFold = !ctx.JSSrc().Get("checked").Bool()
			}),
			app.Text(" "+p.t("rowfold")),
		),
		p.renderZoom(),
	)
}

// renderNotes: the scenario's teaching text and its On Linux note (in
// the page's language), unless folded away.
func (p *Playground) renderNotes(teach, onLinux string) app.UI {
	return app.If((teach != "" || onLinux != "") && !p.hideNotes, app.Div().ID("np-notes").Class("np-notes").Body(
		app.If(teach != "", app.P().Class("np-teach").Text(teach)),
		app.If(onLinux != "", app.P().ID("np-linux").Class("np-linux").Body(
			app.Strong().Text(p.t("onlinux")+" "),
			app.Text(onLinux),
		)),
	))
}

// renderNotice: the page's notice (a link made, a draft restored, an
// edit kept), with what can be done about it.
func (p *Playground) renderNotice() app.UI {
	return app.If(p.notice != "", app.Div().ID("np-notice").Class("np-notice").Body(
		app.Text(p.notice),
		app.If(p.undo != nil, app.Button().ID("np-undo-reset").Class("np-btn np-small").OnClick(p.undoReset).Text(p.t("draft.undo"))),
		app.If(p.restored && p.undo == nil, app.Button().ID("np-discard").Class("np-btn np-small").OnClick(p.reset).Text(p.t("draft.discard"))),
		app.If(p.link != "", app.Input().ID("np-link").ReadOnly(true).Value(p.link)),
		app.If(p.tooLong && p.cfg.ShareAPI != "", app.Button().ID("np-short-instead").Class("np-btn np-small").
			OnClick(func(ctx app.Context, e app.Event) { p.tooLong = false; p.shortLink(ctx, e) }).Text(p.t("share.short"))),
	))
}

// renderDiagram: the diagram of the run, or why there is none yet.
func (p *Playground) renderDiagram(l *diagram.Layout) app.UI {
	return app.Div().ID("np-diagram").Class("np-diagram-scroll" + map[bool]string{true: " np-stale"}[p.running]).Body(
		// Until a run has events there is no diagram to draw (making an
		// empty one at Run cost the page's thread a long task).
		app.If(len(p.events) == 0 && p.runErr == "",
			app.P().Class("np-empty").Text(p.t(map[bool]string{true: "running", false: "noevents"}[p.running])),
		).Else(
			&diagram.Diagram{
				Computed: l,
				Events:   p.events,
				Options:  p.diagramOptions(),
				Draw:     p.draw(),
				OnSelect: p.selectEvent,
				OnFold:   p.toggleFold,
				OnLane:   p.toggleLane,
				OnMove:   p.moveLane,
				Zoom:     p.zoom,
				Fit:      p.fit,
			},
		),
	)
}

// draw is what the diagram highlights and how much of it it shows.
func (p *Playground) draw() diagram.Draw {
	return diagram.Draw{Selected: p.selected, Upto: p.upto, Dim: p.dimLater, Line: p.hoverLine, LineHost: p.hoverHost}
}

// toggleFold folds or unfolds the fold with key.
func (p *Playground) toggleFold(ctx app.Context, key int) {
	if p.unfold == nil {
		p.unfold = map[int]bool{}
	}
	if p.unfold[key] {
		delete(p.unfold, key)
	} else {
		p.unfold[key] = true
	}
	p.upto, p.dimLater = -1, false
}

// toggleLane collapses or widens host's lifeline.
func (p *Playground) toggleLane(ctx app.Context, host string) {
	if p.narrow == nil {
		p.narrow = map[string]bool{}
	}
	if p.narrow[host] {
		delete(p.narrow, host)
	} else {
		p.narrow[host] = true
	}
}

// lanesPrefix+draftKey keeps the learner's order of a scenario's
// lifelines, one host a line.
const lanesPrefix = "netplay.lanes."

// laneOrder is the learner's order of the lifelines of the scenario being
// edited (nil: the scenario's order).
func (p *Playground) laneOrder() []string {
	if p.lanesFor != p.draftKey || p.draftKey == "" {
		p.lanesFor, p.lanes = p.draftKey, nil
		if s := loadSetting(lanesPrefix + p.draftKey); s != "" && p.draftKey != "" {
			p.lanes = strings.Split(s, "\n")
		}
	}
	return p.lanes
}

// moveLane moves host's lifeline one place left (dir < 0) or right, and
// keeps the order for the next visit.
func (p *Playground) moveLane(ctx app.Context, host string, dir int) {
	order := p.diagramOptions().Hosts
	i := slices.Index(order, host)
	j := i + 1
	if dir < 0 {
		j = i - 1
	}
	if i < 0 || j < 0 || j >= len(order) {
		return
	}
	order[i], order[j] = order[j], order[i]
	p.lanes, p.lanesFor = order, p.draftKey
	if p.draftKey != "" {
		storeSetting(lanesPrefix+p.draftKey, strings.Join(order, "\n"))
	}
}

// zoomSteps are the scales the zoom buttons step through.
var zoomSteps = []float64{0.25, 0.33, 0.5, 0.67, 0.8, 1, 1.25, 1.5}

// renderZoom: zoom out, the scale (click: fit to width), zoom in.
func (p *Playground) renderZoom() app.UI {
	label := p.t("zoom.fit")
	if !p.fit {
		label = fmt.Sprintf("%.0f%%", max(p.zoom, 0.01)*100)
		if p.zoom <= 0 {
			label = "100%"
		}
	}
	step := func(dir int) app.EventHandler {
		return func(ctx app.Context, e app.Event) {
			cur := p.zoom
			if p.fit {
				cur = p.fitZoom()
			} else if cur <= 0 {
				cur = 1
			}
			p.fit = false
			i := sort.SearchFloat64s(zoomSteps, cur-0.001)
			if dir > 0 {
				for i < len(zoomSteps) && zoomSteps[i] <= cur+0.001 {
					i++
				}
			} else {
				i--
			}
			p.zoom = zoomSteps[max(0, min(i, len(zoomSteps)-1))]
		}
	}
	return app.Span().Class("np-zoom").Body(
		app.Button().ID("np-zoom-out").Class("np-btn np-small").Title(p.t("zoom.out")).Text("−").OnClick(step(-1)),
		app.Button().ID("np-zoom-fit").Class("np-btn np-small").Title(p.t("zoom.fit.title")).Text(label).OnClick(func(ctx app.Context, e app.Event) {
			p.fit, p.zoom = !p.fit, 0
		}),
		app.Button().ID("np-zoom-in").Class("np-btn np-small").Title(p.t("zoom.in")).Text("+").OnClick(step(1)),
	)
}

// fitZoom is the scale that fits the diagram to its pane (what zoom 0
// draws), as the page last measured the pane.
func (p *Playground) fitZoom() float64 {
	return diagram.FitZoom(diagramPaneWidth(), p.layout().Width)
}

// legendStates are the TCP states the legend shows, in a connection's order.
var legendStates = []string{"LISTEN", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT1", "TIME_WAIT"}

// renderLegend: what the colours and marks of the diagram mean.
func (p *Playground) renderLegend() app.UI {
	sw := func(cls, text string) app.UI {
		return app.Span().Class("np-legend-item").Body(app.Span().Class("np-sw "+cls), app.Text(text))
	}
	mark := func(m, cls, text string) app.UI {
		return app.Span().Class("np-legend-item").Body(app.Span().Class("np-mark "+cls).Text(m), app.Text(text))
	}
	// Three groups, each a wrapping row: the states' colours, the frames'
	// colours, the marks. (A <details> lays its content out as one block
	// whatever its display: the rows are in a box of their own.)
	return app.Details().ID("np-legend").Class("np-legend").Open(p.legendOpen).OnToggle(func(ctx app.Context, e app.Event) {
		p.legendOpen = ctx.JSSrc().Get("open").Bool()
	}).Body(
		app.Summary().Text(p.t("legend")),
		app.If(p.legendOpen, app.Div().Class("np-legend-rows").Body(
			app.Div().Class("np-legend-group").Body(
				app.Range(legendStates).Slice(func(i int) app.UI {
					st := legendStates[i]
					text := st
					if st == "FIN_WAIT1" {
						text = p.t("legend.closing")
					}
					return sw("np-st-"+st, text)
				}),
			),
			app.Div().Class("np-legend-group").Body(
				sw("np-line np-syn", "SYN"), sw("np-line np-data", p.t("legend.data")), sw("np-line np-ack", "ACK"),
				sw("np-line np-fin", "FIN"), sw("np-line np-rst", "RST"), sw("np-line np-icmp", "ICMP"),
			),
			app.Div().Class("np-legend-group").Body(
				mark("✕", "np-mark-x", p.t("legend.dropped")),
				mark("[…]", "np-mark-re", p.t("legend.retrans")),
				mark("⊏", "np-mark-call", p.t("legend.blocking")),
				mark("+", "np-mark-fold", p.t("legend.fold")),
				mark("≈", "np-mark-break", p.t("legend.break")),
			),
		)),
	)
}

// renderRunErr shows why the run gave no trace; each "file:line:col:
// message" of a compile error is a link to its line.
func (p *Playground) renderRunErr() app.UI {
	lines := strings.Split(p.runErr, "\n")
	return app.Pre().ID("np-error").Class("np-error").Body(
		app.Range(lines).Slice(func(i int) app.UI {
			l := lines[i]
			file, line, col, _, ok := compileLine(strings.TrimSpace(l))
			if !ok || p.hostByFile(file) < 0 {
				return app.Text(l + "\n")
			}
			return app.Span().Body(
				app.A().Class("np-errline").Href("#").Title(p.t("goto.line")).
					OnClick(func(ctx app.Context, e app.Event) {
						e.PreventDefault()
						p.gotoLine(file, line, col)
					}, l).Text(l),
				app.Text("\n"),
			)
		}),
	)
}

// gotoLine shows the editor of the file (a host's program) with the cursor
// on line:col.
func (p *Playground) gotoLine(file string, line, col int) {
	if i := p.hostByFile(file); i >= 0 {
		p.showEditorOf(i)
		editor.Goto(p.keys[i], line, col)
	}
}

// status says what the run is doing or how the last one ended: its
// events, why it ended, how long it took (only the parts there are).
func (p *Playground) status() string {
	switch {
	case p.running && p.waiting:
		return p.t("waiting")
	case p.running:
		return p.t("running")
	case !p.ranOK:
		return ""
	}
	parts := []string{fmt.Sprintf("%d %s", len(p.events), p.t("events"))}
	if p.runEnd != "" {
		parts = append(parts, engineText(p.lang, p.runEnd))
	}
	return strings.Join(append(parts, fmt.Sprintf("%d ms", p.runTook.Milliseconds())), " · ")
}

// inLang picks the page's language from a per-language text, English when
// it has none in that language.
func (p *Playground) inLang(text map[string]string) string {
	if s := text[p.lang]; s != "" {
		return s
	}
	return text[LangEN]
}

// selectEvent selects event ev (a click in the diagram): the inspector
// shows it, its host's editor (or the tab of the project file it was
// made in) marks its line, the console and sockets view show its host,
// and the scrubber moves to its time, so they show that moment (the rows
// after it stay drawn, dimmed).
func (p *Playground) selectEvent(ctx app.Context, ev int) {
	p.selected = ev
	if row := p.layout().RowOf(ev); row >= 0 {
		p.playing = false
		p.upto, p.dimLater = row, true
		if row >= len(p.layout().Rows)-1 {
			p.upto, p.dimLater = -1, false
		}
		p.showCurrentLines()
	}
	e := &p.events[ev]
	if e.Line > 0 && e.File != "" {
		// A call made in a file of the project (lib/readline.c): its tab
		// opens, and the line is marked once its editor is there.
		if id := p.projectFileID(e.Host, e.File); id != "" {
			p.syncFiles()
			p.openFile = id
			k, line := p.fileKey(id), e.Line
			ctx.Defer(func(app.Context) { editor.Highlight(k, line) })
		}
	} else if e.Line > 0 {
		for i, h := range p.sc.Hosts {
			if h.Name == e.Host {
				editor.Highlight(p.keys[i], e.Line)
				p.showEditorOf(i)
			}
		}
	}
	if e.Host != "" {
		p.tab = e.Host
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
	top, bottom := diagram.Stretch(l, 0, 0, 1)
	l.HeaderSVG(diagram.Draw{Top: top, Bottom: bottom, Zoom: 1})
	l.SVG(diagram.Draw{Selected: -1, Upto: -1, Line: p.hoverLine, LineHost: p.hoverHost, Top: top, Bottom: bottom, Zoom: 1}, len(events))
	p.aheadLay, p.aheadLayKey = l, k
}

func (p *Playground) layoutKeyOf(events []trace.Event, o diagram.Options) layoutKey {
	k := layoutKey{n: len(events), absolute: o.Absolute, arp: o.ShowARP, noFold: o.NoFold, lang: o.Lang}
	var keys []int
	for f := range o.Unfold {
		keys = append(keys, f)
	}
	sort.Ints(keys)
	k.unfold = fmt.Sprint(keys)
	var narrow []string
	for h := range o.Collapse {
		narrow = append(narrow, h)
	}
	sort.Strings(narrow)
	k.collapse = strings.Join(narrow, "\x00")
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

// layoutKey is what a layout depends on: the trace (its first event's
// address and length) and the options.
type layoutKey struct {
	first         *trace.Event
	n             int
	absolute, arp bool
	noFold        bool
	unfold        string
	collapse      string
	hosts         string
	lang          string
}

func (p *Playground) diagramOptions() diagram.Options {
	o := diagram.Options{Absolute: p.absolute, ShowARP: p.showARP, NoFold: p.noFold, Unfold: p.unfold, Collapse: p.narrow, Addrs: map[string][]string{}, Lang: p.lang}
	for _, h := range p.sc.Hosts {
		o.Addrs[h.Name] = h.Addrs
	}
	// The learner's order first (hosts still in the scenario), then the
	// others in the scenario's order.
	for _, h := range p.laneOrder() {
		if _, ok := o.Addrs[h]; ok && !slices.Contains(o.Hosts, h) {
			o.Hosts = append(o.Hosts, h)
		}
	}
	for _, h := range p.sc.Hosts {
		if !slices.Contains(o.Hosts, h.Name) {
			o.Hosts = append(o.Hosts, h.Name)
		}
	}
	return o
}
