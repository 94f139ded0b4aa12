package page

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/engineapi"
	"netplay/stack/trace"
)

// Console shows what one host's programs wrote (stdout, stderr in red)
// and how they exited, up to the current step, as text. Its tabs pick the
// host; the sockets view beside it follows the same tab. Of a long output
// it shows the head and the tail the engine kept (engineapi.View), how
// much lies between them, and a link to download the whole.
type Console struct {
	app.Compo

	Lang   string
	Hosts  []string      // the tabs, in the scenario's order
	Host   string        // the host shown
	Events []trace.Event // the run's trace
	Cut    int           // the last event shown; -1: all
	// OnPick is called with the host whose tab was clicked.
	OnPick func(ctx app.Context, host string)
	// Live: a run goes on, and the input line sends what is typed to the
	// host's standard input through OnType (a line with its newline on
	// Enter; the end of input, eof, on Ctrl-D or the button). Waiting: the
	// run waits for the learner.
	Live, Waiting bool
	OnType        func(ctx app.Context, host, text string, eof bool)
	// OnDownload is called with the host whose whole output is asked for.
	OnDownload func(ctx app.Context, host string)
	// Fetching: the host's whole output was asked for and is on its way
	// (the engine sends it after the result): the link says so.
	Fetching bool
	// OnGoto is called with the file and line a runtime error names
	// ("Segmentation fault at server.c:14") when it is clicked.
	OnGoto func(ctx app.Context, file string, line int)
}

// exitLine shows how a program exited; a runtime error at a line links
// to it.
func (c *Console) exitLine(msg, reason string) app.UI {
	line := app.Span().Class("np-out np-exitline")
	_, where, ok := cutLast(reason, " at ")
	file, num, found := strings.Cut(where, ":")
	n, err := strconv.Atoi(num)
	if !ok || !found || err != nil || c.OnGoto == nil {
		return line.Text("\n" + msg + "\n")
	}
	return line.Body(
		app.Text("\n"),
		app.A().Class("np-errline").Href("#").Title(T(c.Lang, "goto.line")).OnClick(func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			c.OnGoto(ctx, file, n)
		}, reason).Text(msg),
		app.Text("\n"),
	)
}

// Render implements app.Composer.
func (c *Console) Render() app.UI {
	return app.Section().Class("np-console").Aria("label", T(c.Lang, "console")).Body(
		c.renderTabs(),
		app.Pre().ID("np-console-out").Class("np-console-out").Body(c.renderOutput()...),
		c.renderInput(),
	)
}

// renderOutput is the host's output as a few text nodes: consecutive
// writes to one stream are one span (a span per write made the document
// as long as the output), what was typed, a fold and an exit are spans of
// their own.
func (c *Console) renderOutput() []app.UI {
	var out []app.UI
	var run strings.Builder
	stream := ""
	flush := func() {
		if run.Len() > 0 {
			out = append(out, app.Span().Class("np-out np-"+stream).Text(run.String()))
			run.Reset()
		}
	}
	// A host's output is collected apart from the trace (engineapi.View):
	// where the console folds it, its fold says what is hidden and the
	// download is the whole, and the trace's own cut is the diagram's.
	folded := false
	for i := range c.Events {
		if e := &c.Events[i]; engineapi.IsFold(e) && e.Host == c.Host {
			folded = true
			break
		}
	}
	for i := range c.Events {
		if c.Cut >= 0 && i > c.Cut {
			break
		}
		e := &c.Events[i]
		if e.Kind == trace.KindCut && e.Host == "" {
			if folded {
				continue
			}
			flush()
			out = append(out, app.Span().Class("np-out np-fold").Text("\n["+e.Reason+"]\n"))
			continue
		}
		if e.Host != c.Host {
			continue
		}
		switch {
		case e.Kind == trace.KindOutput:
			if e.Stream != stream {
				flush()
				stream = e.Stream
			}
			run.WriteString(e.Text)
		case e.Kind == trace.KindInput: // the terminal's echo of what was typed
			flush()
			if e.Text != "" {
				out = append(out, app.Span().Class("np-out np-typed").Text(e.Text))
			}
			if e.EOF {
				// A terminal echoes nothing for Ctrl-D: the console's text
				// is the terminal's, a mark drawn by the style sheet shows
				// where input ended.
				out = append(out, app.Span().Class("np-out np-eof").Title(T(c.Lang, "stdin.eof")))
			}
		case engineapi.IsFold(e):
			flush()
			out = append(out, c.renderFold(e))
		case e.Kind == trace.KindExit:
			flush()
			msg := fmt.Sprintf("[%s %d]", T(c.Lang, "exit"), e.Status)
			if e.Reason != "" {
				msg += " " + engineText(c.Lang, e.Reason)
			}
			out = append(out, c.exitLine(msg, e.Reason))
		}
	}
	flush()
	return out
}

// renderFold is the line that stands for the output the engine left out
// of the page: how much, and the download of the whole.
func (c *Console) renderFold(e *trace.Event) app.UI {
	host := e.Host
	return app.Span().Class("np-out np-fold").Body(
		app.Text(fmt.Sprintf(T(c.Lang, "fold"), group(e.Len), group(int(e.CutBytes)))+" "),
		app.A().Class("np-fold-download").Href("#").Text(T(c.Lang, map[bool]string{false: "foldget", true: "foldwait"}[c.Fetching])).
			Aria("busy", c.Fetching).
			OnClick(func(ctx app.Context, ev app.Event) {
				ev.PreventDefault()
				if c.OnDownload != nil {
					c.OnDownload(ctx, host)
				}
			}, host),
		app.Text("\n"),
	)
}

// group writes n with thousands separators: 198,000.
func group(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// renderInput is the input line: the host's terminal, during a run.
func (c *Console) renderInput() app.UI {
	hint := T(c.Lang, "stdin.idle")
	if c.Live {
		hint = T(c.Lang, "stdin.live")
	}
	cls := "np-stdin"
	if c.Waiting {
		cls += " np-stdin-waiting"
	}
	return app.Div().Class(cls).Body(
		app.Span().Class("np-prompt").Text(c.Host+" ›"),
		app.Input().ID("np-stdin").Type("text").Class("np-stdin-line").Disabled(!c.Live).
			Placeholder(hint).Aria("label", T(c.Lang, "stdin")+" "+c.Host).
			AutoComplete(false).Spellcheck(false).OnKeyDown(c.onKey),
		app.Button().ID("np-stdin-eof").Class("np-btn np-small").Disabled(!c.Live).Title(T(c.Lang, "stdin.eof")).
			OnClick(func(ctx app.Context, e app.Event) { c.send(ctx, "", true) }).Text("EOF ⌃D"),
	)
}

// onKey: Enter sends the line and its newline; Ctrl-D sends what is on
// the line without a newline, or the end of input on an empty line, as
// a terminal in canonical mode does.
func (c *Console) onKey(ctx app.Context, e app.Event) {
	key, ctrl := e.Get("key").String(), e.Get("ctrlKey").Bool()
	src := ctx.JSSrc()
	switch {
	case key == "Enter":
		e.PreventDefault()
		text := src.Get("value").String() + "\n"
		src.Set("value", "")
		c.send(ctx, text, false)
	case ctrl && (key == "d" || key == "D"):
		e.PreventDefault()
		text := src.Get("value").String()
		src.Set("value", "")
		c.send(ctx, text, text == "")
	}
}

func (c *Console) send(ctx app.Context, text string, eof bool) {
	if c.Live && c.OnType != nil {
		c.OnType(ctx, c.Host, text, eof)
	}
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
