package diagram

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/stack/trace"
)

// Diagram is the go-app component that shows a trace as a sequence
// diagram. The SVG is rendered in Go as one string (app.Raw): a 1,000-frame
// trace is one DOM update instead of thousands of node diffs.
type Diagram struct {
	app.Compo

	Events  []trace.Event
	Options Options
	Draw    Draw
	// OnSelect is called with the index of the event whose shape was
	// clicked (an arrow, a call, a state tick, an exit).
	OnSelect func(ctx app.Context, event int)
	// Computed, when set, is the layout of Events and Options, computed
	// by the caller (the page lays out a trace once, for the diagram and
	// its scrubber, and may do it before the trace is shown).
	Computed *Layout

	layout *Layout
	key    layoutKey
}

type layoutKey struct {
	events   *trace.Event
	n        int
	absolute bool
	arp      bool
	hosts    string
}

// Layout returns the layout of the current events and options, computing
// it only when they changed.
func (d *Diagram) Layout() *Layout {
	if d.Computed != nil {
		return d.Computed
	}
	k := layoutKey{n: len(d.Events), absolute: d.Options.Absolute, arp: d.Options.ShowARP}
	if len(d.Events) > 0 {
		k.events = &d.Events[0]
	}
	for _, h := range d.Options.Hosts {
		k.hosts += h + "\x00"
		for _, a := range d.Options.Addrs[h] {
			k.hosts += a + "\x01"
		}
	}
	if d.layout == nil || k != d.key {
		d.layout, d.key = Compute(d.Events, d.Options), k
	}
	return d.layout
}

// Render implements app.Composer.
func (d *Diagram) Render() app.UI {
	l := d.Layout()
	return app.Div().Class("np-diagram-wrap").OnClick(d.onClick).OnContextMenu(d.onContextMenu).OnKeyDown(d.onKeyDown).Body(
		app.Div().Class("np-diagram-sticky").Body(app.Raw(l.HeaderSVG())),
		app.Raw(l.SVG(d.Draw, len(d.Events))),
	)
}

// onContextMenu selects the shape under a right-click (the inspector then
// offers to drop the frame) instead of the browser's menu.
func (d *Diagram) onContextMenu(ctx app.Context, e app.Event) {
	if d.pick(ctx, e) {
		e.PreventDefault()
	}
}

func (d *Diagram) onClick(ctx app.Context, e app.Event) { d.pick(ctx, e) }

// onKeyDown: the frames and calls are focusable (Tab); Enter or Space
// selects the focused one, as a click does.
func (d *Diagram) onKeyDown(ctx app.Context, e app.Event) {
	if k := e.Get("key").String(); k == "Enter" || k == " " {
		if d.pick(ctx, e) {
			e.PreventDefault()
		}
	}
}

// pick maps a click anywhere in the SVG to the event of the shape under
// it (the nearest ancestor with data-ev).
func (d *Diagram) pick(ctx app.Context, e app.Event) bool {
	if d.OnSelect == nil {
		return false
	}
	target := e.Get("target")
	if !target.Truthy() {
		return false
	}
	el := target.Call("closest", "[data-ev]")
	if !el.Truthy() {
		return false
	}
	n, err := strconv.Atoi(el.Call("getAttribute", "data-ev").String())
	if err != nil || n < 0 || n >= len(d.Events) {
		return false
	}
	d.OnSelect(ctx, n)
	return true
}
