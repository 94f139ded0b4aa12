package page

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/stack/trace"
)

// Console shows what one host's programs wrote (stdout, stderr in red)
// and how they exited, up to the current step, as text. Its tabs pick the
// host; the sockets view beside it follows the same tab.
type Console struct {
	app.Compo

	Lang   string
	Hosts  []string      // the tabs, in the scenario's order
	Host   string        // the host shown
	Events []trace.Event // the run's trace
	Cut    int           // the last event shown; -1: all
	// OnPick is called with the host whose tab was clicked.
	OnPick func(ctx app.Context, host string)
}

// Render implements app.Composer.
func (c *Console) Render() app.UI {
	var out []app.UI
	for i := range c.Events {
		if c.Cut >= 0 && i > c.Cut {
			break
		}
		e := &c.Events[i]
		if e.Host != c.Host {
			continue
		}
		switch e.Kind {
		case trace.KindOutput:
			out = append(out, app.Span().Class("np-out np-"+e.Stream).Text(e.Text))
		case trace.KindExit:
			msg := fmt.Sprintf("[%s %d]", T(c.Lang, "exit"), e.Status)
			if e.Reason != "" {
				msg += " " + e.Reason
			}
			out = append(out, app.Span().Class("np-out np-exitline").Text("\n"+msg+"\n"))
		}
	}
	return app.Section().Class("np-console").Aria("label", T(c.Lang, "console")).Body(
		c.renderTabs(),
		app.Pre().ID("np-console-out").Class("np-console-out").Body(out...),
	)
}

// renderTabs shows a tab per host.
func (c *Console) renderTabs() app.UI {
	return app.Div().Class("np-tabs").Body(
		app.H2().Text(T(c.Lang, "console")),
		app.Range(c.Hosts).Slice(func(i int) app.UI {
			name := c.Hosts[i]
			cls := "np-tab"
			if name == c.Host {
				cls += " np-tab-on"
			}
			// The scope (name) makes go-app replace the handler when the
			// tab's host is renamed; it keeps a handler whose code and
			// scope are unchanged, with the name it was made with.
			return app.Button().Class(cls).Aria("pressed", name == c.Host).OnClick(func(ctx app.Context, e app.Event) {
				if c.OnPick != nil {
					c.OnPick(ctx, name)
				}
			}, name).Text(name)
		}),
	)
}
