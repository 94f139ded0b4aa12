package diagram

import (
	"fmt"
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
	// OnFold is called with a fold's key when its toggle was clicked.
	OnFold func(ctx app.Context, key int)
	// OnLane is called with a host when its name atop its lifeline was
	// clicked (the page collapses or widens the lifeline).
	OnLane func(ctx app.Context, host string)
	// OnMove is called with a host and -1 or 1 when the arrow beside its
	// name was clicked: the page moves its lifeline left or right.
	OnMove func(ctx app.Context, host string, dir int)
	// Zoom scales the diagram (0 or 1: 100%).
	Zoom float64
	// Fit scales it to the width of the scrolling pane it is in instead
	// (never above 100%).
	Fit bool

	layout *Layout
	key    layoutKey

	// What is drawn: the scrolling pane's stretch around what is on
	// screen, in screens (chunk k draws screens k-1 to k+1), so that
	// scrolling draws again only once per screen.
	chunk       int
	screenH     float64 // the pane's height, CSS pixels (0: not known yet)
	paneW       float64 // the pane's width, CSS pixels (0: not known yet)
	onScroll    app.Func
	onResize    app.Func
	resizer     app.Value // the ResizeObserver that calls onResize
	scrollOwner app.Value

	// The drawing's own element, which the component fills itself (go-app
	// renders it empty and leaves it so): a scroll draws the new stretch
	// at once, in the scroll event, instead of at go-app's next update.
	body    app.Value
	head    app.Value // the lanes' names, stuck atop the pane
	scrollX float64   // the pane's scrollLeft, CSS pixels
	painted *Layout   // what body holds: the layout and the Draw it drew
	paintDr Draw
	paintN  int
}

// Chunk is the least height (CSS pixels) the drawn stretch moves by: a
// pane shorter than that still draws this much around what is in view.
// A scroll that leaves the stretch draws three chunks: what a jump costs
// grows with them.
const Chunk = 300.0

// Whole is the height (CSS pixels) up to which a diagram is drawn whole:
// a short trace never draws again while it scrolls.
const Whole = 2400.0

// Stretch is what is drawn of l (SVG units, Draw.Top and Bottom) for
// chunk k of a pane screenH pixels high at zoom z: all of a short
// diagram, else Window.
func Stretch(l *Layout, k int, screenH, z float64) (top, bottom float64) {
	if z <= 0 {
		z = 1
	}
	if l.Height*z <= Whole {
		return 0, 0
	}
	return Window(k, screenH, z)
}

// Window returns the stretch (top, bottom in SVG units) drawn for chunk k
// of a pane screenH pixels high (0: not known yet) at zoom z: the chunk
// before k, k and the next.
func Window(k int, screenH, z float64) (top, bottom float64) {
	c := max(screenH, Chunk)
	if z <= 0 {
		z = 1
	}
	return float64(k-1) * c / z, float64(k+2) * c / z
}

type layoutKey struct {
	events   *trace.Event
	n        int
	absolute bool
	arp      bool
	noFold   bool
	hosts    string
	views    string // unfolded folds, collapsed lanes
	lang     string
}

// Layout returns the layout of the current events and options, computing
// it only when they changed.
func (d *Diagram) Layout() *Layout {
	if d.Computed != nil {
		return d.Computed
	}
	k := layoutKey{n: len(d.Events), absolute: d.Options.Absolute, arp: d.Options.ShowARP, noFold: d.Options.NoFold, lang: d.Options.Lang,
		views: fmt.Sprint(d.Options.Unfold, d.Options.Collapse)}
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

// Render implements app.Composer. The drawing itself goes into the body
// element by paint, here once mounted, else in OnMount.
func (d *Diagram) Render() app.UI {
	l := d.Layout()
	z := d.zoom(l)
	head, body := app.Div().Class("np-diagram-sticky").Style("height", px(HeaderH-6, z)).Style("margin-bottom", "-"+px(HeaderH-6, z)), app.Div().Class("np-diagram-body")
	if app.IsServer {
		// No browser (go-app's tests, a prerender): the drawing as HTML.
		dr := d.drawn(l)
		head, body = head.Body(app.Raw(l.HeaderSVG(headOf(dr)))), body.Body(app.Raw(l.SVG(dr, len(d.Events))))
	} else {
		d.paint()
	}
	return app.Div().Class("np-diagram-wrap").OnClick(d.onClick).OnContextMenu(d.onContextMenu).OnKeyDown(d.onKeyDown).Body(head, body)
}

// drawn is what is drawn of l: the page's Draw, the stretch around what is
// on screen, the scale, and what is in view sideways when the diagram is
// wider than its pane (the lifelines in play left of it are pinned).
func (d *Diagram) drawn(l *Layout) Draw {
	z := d.zoom(l)
	dr := d.Draw
	dr.Top, dr.Bottom = Stretch(l, d.chunk, d.screenH, z)
	dr.Zoom = z
	if d.paneW > 0 && l.Width*z > d.paneW+1 {
		dr.Left, dr.Right = d.scrollX/z, (d.scrollX+d.paneW)/z
	}
	return dr
}

// headOf is what of a Draw the header depends on.
func headOf(dr Draw) Draw {
	return Draw{Top: dr.Top, Bottom: dr.Bottom, Zoom: dr.Zoom, Left: dr.Left, Right: dr.Right}
}

// paint draws the stretch of the diagram around what is on screen into
// the body element, and the lanes' names into the header, unless they
// hold that drawing already. The wrapper's data-top and data-bottom say
// what is drawn (SVG units), for tests and benchmarks that wait for a
// scroll to be drawn.
func (d *Diagram) paint() {
	if d.body == nil || !d.body.Truthy() {
		return
	}
	l := d.Layout()
	dr := d.drawn(l)
	if d.painted == l && d.paintDr == dr && d.paintN == len(d.Events) {
		return
	}
	d.body.Set("innerHTML", l.SVG(dr, len(d.Events)))
	if hd := headOf(dr); d.painted != l || headOf(d.paintDr) != hd {
		d.head.Set("innerHTML", l.HeaderSVG(hd))
	}
	d.painted, d.paintDr, d.paintN = l, dr, len(d.Events)
	ds := d.body.Get("parentElement").Get("dataset")
	if dr.Bottom <= 0 {
		dr.Bottom = l.Height
	}
	ds.Set("top", int(dr.Top))
	ds.Set("bottom", int(dr.Bottom))
}

// zoom is the scale the diagram is drawn at.
func (d *Diagram) zoom(l *Layout) float64 {
	if !d.Fit {
		if d.Zoom > 0 {
			return d.Zoom
		}
		return 1
	}
	return FitZoom(d.paneW, l.Width)
}

// FitZoom is the scale that fits a diagram width wide into a pane paneW
// wide: never above 100%, nor below 25%.
func FitZoom(paneW, width float64) float64 {
	if paneW <= 0 || width <= 0 {
		return 1
	}
	return min(1, max(0.25, (paneW-2)/width))
}

func px(v, z float64) string { return strconv.FormatFloat(v*z, 'f', 1, 64) + "px" }

// lastPane is the size of the pane the last diagram was in, as the
// browser last laid it out: a diagram mounted again (after an error, a
// gallery switch) paints at that size at once.
var lastPane struct{ w, h float64 }

// OnMount follows the scrolling pane the diagram is in: what is drawn
// follows what is on screen. It paints at once with the size the pane had
// when last laid out (or, the first time, as if it were not known: the
// whole width, and the stretch of a pane Chunk high) and learns the
// pane's size from a ResizeObserver, whose first call comes after the
// browser's own layout of the frame and before its paint. Reading the
// size here instead forced a layout of everything the update had just
// mounted (the run's views: ~60 ms at a cold start) before the first
// paint, and a second one after it.
func (d *Diagram) OnMount(ctx app.Context) {
	d.body = d.JSValue().Call("querySelector", ".np-diagram-body")
	d.head = d.JSValue().Call("querySelector", ".np-diagram-sticky")
	d.painted = nil
	defer d.paint()
	pane := d.JSValue().Get("parentElement")
	if !pane.Truthy() {
		return
	}
	d.scrollOwner = pane
	d.paneW, d.screenH = lastPane.w, lastPane.h
	d.onScroll = app.FuncOf(func(app.Value, []app.Value) any {
		d.follow(ctx)
		return nil
	})
	pane.Call("addEventListener", "scroll", d.onScroll, map[string]any{"passive": true})
	d.onResize = d.onScroll
	if ro := app.Window().Get("ResizeObserver"); ro.Truthy() {
		d.resizer = ro.New(d.onResize)
		d.resizer.Call("observe", pane)
		return
	}
	// No ResizeObserver: the window's size, read now.
	app.Window().Call("addEventListener", "resize", d.onResize)
	d.follow(ctx)
}

// OnDismount implements app.Dismounter.
func (d *Diagram) OnDismount() {
	d.body, d.head, d.painted = nil, nil, nil
	if d.onScroll != nil {
		d.scrollOwner.Call("removeEventListener", "scroll", d.onScroll)
		if d.resizer != nil {
			d.resizer.Call("disconnect")
			d.resizer = nil
		} else {
			app.Window().Call("removeEventListener", "resize", d.onResize)
		}
		d.onScroll.Release()
		d.onScroll, d.onResize = nil, nil
	}
}

// follow reads the pane's scroll position and size and draws again when
// they left the stretch drawn.
func (d *Diagram) follow(ctx app.Context) {
	pane := d.scrollOwner
	h, w := pane.Get("clientHeight").Float(), pane.Get("clientWidth").Float()
	k := int(pane.Get("scrollTop").Float() / max(h, Chunk))
	x := pane.Get("scrollLeft").Float()
	switch {
	case h != d.screenH || w != d.paneW:
		z := d.zoom(d.Layout())
		d.chunk, d.screenH, d.paneW, d.scrollX = k, h, w, x
		lastPane.w, lastPane.h = w, h
		d.paint()
		if d.zoom(d.Layout()) != z {
			// The scale that fits the pane changed: the header's box too.
			ctx.Dispatch(func(app.Context) {})
		}
	case k != d.chunk || x != d.scrollX:
		d.chunk, d.scrollX = k, x
		d.paint()
	}
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
// it (the nearest ancestor with data-ev), or to a fold's toggle.
func (d *Diagram) pick(ctx app.Context, e app.Event) bool {
	target := e.Get("target")
	if !target.Truthy() {
		return false
	}
	if mv := target.Call("closest", "[data-move]"); mv.Truthy() && d.OnMove != nil {
		dir, err := strconv.Atoi(mv.Call("getAttribute", "data-dir").String())
		if err == nil {
			d.OnMove(ctx, mv.Call("getAttribute", "data-move").String(), dir)
			return true
		}
	}
	if ln := target.Call("closest", "[data-lane]"); ln.Truthy() && d.OnLane != nil {
		d.OnLane(ctx, ln.Call("getAttribute", "data-lane").String())
		return true
	}
	if f := target.Call("closest", "[data-fold]"); f.Truthy() && d.OnFold != nil {
		if key, err := strconv.Atoi(f.Call("getAttribute", "data-fold").String()); err == nil {
			d.OnFold(ctx, key)
			return true
		}
	}
	if d.OnSelect == nil {
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
