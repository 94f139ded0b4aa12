package page

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/diagram"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// Inspector shows the selected frame: a line that names it, its layers
// (Ethernet, ARP/IPv4/IPv6, TCP/UDP/ICMP; DecodeLayers) and its bytes as
// hex and ASCII, with buttons that drop it, or every frame like it.
type Inspector struct {
	app.Compo

	Lang     string
	Events   []trace.Event    // the run's trace
	Selected int              // the selected event; -1 none
	Absolute bool             // absolute sequence numbers in the frame's label
	Note     diagram.Analysis // what the diagram says of the selected frame
	// OnDrop is called with the fault rule a drop button made.
	OnDrop func(ctx app.Context, f scenario.Fault)
}

// Render implements app.Composer.
func (in *Inspector) Render() app.UI {
	if in.Selected < 0 || in.Selected >= len(in.Events) || !diagram.IsFrame(&in.Events[in.Selected]) {
		return app.Div().ID("np-inspector").Class("np-inspector").Body(
			app.H2().Text(T(in.Lang, "inspector")),
			app.P().Class("np-dim").Text(T(in.Lang, "inspector.none")),
		)
	}
	e := &in.Events[in.Selected]
	layers := DecodeEvent(e)
	label := diagram.FrameLabel(e, in.Absolute)
	a := in.Note
	if a.Expert != "" {
		label = "[" + a.Expert + "] " + label
	}
	head := fmt.Sprintf("#%d %s  %s → %s  %s", e.Frame, trace.FormatTime(e.T), e.Host, orDash(e.Receiver), label)
	if e.Dropped {
		head += "  ✕ " + e.Fault
	}
	if a.QueueFull != "" {
		head += "  ✕ " + a.QueueFull
	}
	numbers := T(in.Lang, "inspector.relative")
	if in.Absolute {
		numbers = T(in.Lang, "inspector.absolute")
	}
	return app.Div().ID("np-inspector").Class("np-inspector").Body(
		app.H2().Text(T(in.Lang, "inspector")),
		app.Div().Class("np-inspect-head").Body(
			app.Code().Text(head),
			app.Button().ID("np-drop").Class("np-btn np-small").OnClick(in.drop(dropThis)).Text(T(in.Lang, "drop")),
			app.Button().ID("np-dropall").Class("np-btn np-small").OnClick(in.drop(dropLike)).Text(T(in.Lang, "dropall")),
		),
		app.If(e.Kind == trace.KindSegment, app.P().ID("np-seqnote").Class("np-dim np-seqnote").Text(numbers)),
		app.Div().Class("np-layers").Body(
			app.Range(layers).Slice(func(i int) app.UI {
				ly := layers[i]
				var fields []string
				for _, f := range ly.Fields {
					fields = append(fields, f[0]+"="+f[1])
				}
				return app.Details().Open(i == len(layers)-1).Body(
					app.Summary().Text(ly.Name),
					app.Code().Text(strings.Join(fields, "  ")),
				)
			}),
		),
		app.Pre().Class("np-hex").Text(HexDump(e.Data)),
	)
}

// drop is a drop button's handler: the rule rule makes for the frame
// selected when the button is pressed. (go-app keeps a button's first
// handler while its code stays the same, so the handler reads the
// selection then, rather than keeping the frame it was rendered with.)
func (in *Inspector) drop(rule func(*trace.Event) scenario.Fault) app.EventHandler {
	return func(ctx app.Context, _ app.Event) {
		if in.Selected < 0 || in.Selected >= len(in.Events) || in.OnDrop == nil {
			return
		}
		in.OnDrop(ctx, rule(&in.Events[in.Selected]))
	}
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
