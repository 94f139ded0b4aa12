package page

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Panes: the splitters between the editors and the diagram (a column
// line, "v") and between the top panes and the console row ("h"). A drag
// moves them (panes_wasm.go follows the pointer in the browser, without
// a render per move), so do the arrow keys; a double click puts them back.
// The sizes are CSS variables on the page (--np-left, --np-bottom),
// remembered in localStorage.

const (
	panesKey  = "netplay.panes" // "left,bottom" in px; "" the defaults
	paneStep  = 24              // px an arrow key moves a splitter
	splitVert = "v"
	splitHorz = "h"
)

// renderSplit is a splitter of the kind v or h.
func (p *Playground) renderSplit(kind string) app.UI {
	orient := map[string]string{splitVert: "vertical", splitHorz: "horizontal"}[kind]
	return app.Div().Class("np-split np-split-"+kind).Role("separator").Aria("orientation", orient).
		Aria("label", p.t("split."+kind)).Title(p.t("split.title")).TabIndex(0).
		On("pointerdown", func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			dragPane(kind, e.Get("pointerId"))
		}, kind).
		OnKeyDown(func(ctx app.Context, e app.Event) {
			d := map[string]float64{"ArrowLeft": -paneStep, "ArrowUp": paneStep, "ArrowRight": paneStep, "ArrowDown": -paneStep}[e.Get("key").String()]
			if d != 0 {
				e.PreventDefault()
				nudgePane(kind, d)
			}
		}, kind).
		OnDblClick(func(ctx app.Context, e app.Event) { resetPanes() }, kind)
}
