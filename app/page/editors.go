package page

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/editor"
)

// renderEditors: one CodeMirror editor per host, holding its program,
// under the file's name and the host's addresses. The editors keep what
// is typed (app/editor); syncDocs copies it into the scenario.
func (p *Playground) renderEditors() app.UI {
	sc := p.sc
	return app.Div().Class("np-editors").Body(
		app.Range(sc.Hosts).Slice(func(i int) app.UI {
			h := &sc.Hosts[i]
			box := "np-editor-box"
			if h.Program == "" {
				box += " np-editor-empty"
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
