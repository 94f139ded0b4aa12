package page

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/editor"
)

// editorView is which program the editors pane shows: one host's at a
// time under tabs, so a program has the pane's height (stacked, each had
// a few lines: its #includes), or all of them stacked.
type editorView struct {
	edTab string // the key (editing.keys) of the host shown; "" the first
	edAll bool   // every program stacked
	// edWide gives the editors the whole left column: the topology and
	// the files panel are folded away.
	edWide bool
}

// renderEditors: one CodeMirror editor per host, holding its program,
// under the file's name and the host's addresses, with a tab per host.
// The editors keep what is typed (app/editor); syncDocs copies it into
// the scenario. Hidden editors stay mounted (their text, marks and
// current line live in them).
func (p *Playground) renderEditors() app.UI {
	sc := p.sc
	shown := p.shownEditor()
	return app.Div().Class("np-editors"+map[bool]string{true: " np-editors-all"}[p.edAll]).Body(
		app.If(len(sc.Hosts) > 1, app.Div().Class("np-editor-tabs").Role("tablist").Aria("label", p.t("programs")).Body(
			app.Range(sc.Hosts).Slice(func(i int) app.UI {
				key := p.keys[i]
				on := !p.edAll && i == shown
				return app.Button().Class("np-tab"+map[bool]string{true: " np-tab-on"}[on]).Role("tab").Aria("selected", on).
					Title(sc.Hosts[i].Name).OnClick(func(ctx app.Context, e app.Event) { p.edTab, p.edAll = key, false }, key).
					Text(sc.Hosts[i].FileName())
			}),
			app.If(!p.edAll && shown < len(sc.Hosts), app.Span().Class("np-editor-host").Text(p.hostLine(shown))).
				Else(app.Span().Class("np-spacer")),
			app.Button().ID("np-editors-all").Class("np-tab"+map[bool]string{true: " np-tab-on"}[p.edAll]).Aria("pressed", p.edAll).
				Title(p.t("programs.all.title")).OnClick(func(ctx app.Context, e app.Event) { p.edAll = !p.edAll }).Text(p.t("programs.all")),
			p.renderWide(),
		)).Else(app.Div().Class("np-editor-tabs").Body(app.Span().Class("np-spacer"), p.renderWide())),
		app.Range(sc.Hosts).Slice(func(i int) app.UI {
			h := &sc.Hosts[i]
			box := "np-editor-box"
			if h.Program == "" {
				box += " np-editor-empty"
			}
			if !p.edAll && i != shown {
				box += " np-editor-hidden"
			}
			return app.Div().Class(box).Body(
				app.Div().Class("np-editor-title").Body(
					app.Span().Class("np-file").Text(h.FileName()),
					app.Span().Class("np-on").Text(" — "+h.Name+" "+strings.Join(h.Addrs, ", ")),
				),
				&editor.Editor{ID: p.keys[i], Doc: h.Program, Label: h.FileName()},
			)
		}),
	)
}

// hostLine names host i and its addresses, beside its program.
func (p *Playground) hostLine(i int) string {
	if i >= len(p.sc.Hosts) {
		return ""
	}
	h := &p.sc.Hosts[i]
	return h.Name + " " + strings.Join(h.Addrs, ", ")
}

// shownEditor is the index of the host whose program the tabs show.
func (p *Playground) shownEditor() int {
	for i, k := range p.keys {
		if k == p.edTab {
			return i
		}
	}
	return 0
}

// showEditorOf brings host i's program to the front (a call clicked in
// the diagram, a compile error).
func (p *Playground) showEditorOf(i int) {
	if i >= 0 && i < len(p.keys) && !p.edAll {
		p.edTab = p.keys[i]
	}
}

// syncDocs copies what the learner typed in the editors into the scenario.
func (p *Playground) syncDocs() {
	p.syncFiles()
	for i := range p.sc.Hosts {
		if doc, ok := editor.Get(p.keys[i]); ok {
			p.sc.Hosts[i].Program = doc
		}
	}
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

// renderWide is the button that gives the editors the whole left column
// (the topology and files folded away) and gives it back.
func (p *Playground) renderWide() app.UI {
	return app.Button().ID("np-editors-wide").Class("np-tab"+map[bool]string{true: " np-tab-on"}[p.edWide]).Aria("pressed", p.edWide).
		Title(p.t(map[bool]string{true: "programs.narrow.title", false: "programs.wide.title"}[p.edWide])).
		OnClick(func(ctx app.Context, e app.Event) { p.edWide = !p.edWide }).Text(map[bool]string{true: "⤡", false: "⤢"}[p.edWide])
}
