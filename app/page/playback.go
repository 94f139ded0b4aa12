package page

import (
	"fmt"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/diagram"
	"netplay/app/editor"
	"netplay/stack/trace"
)

// playback is how much of the trace is shown: every row, or up to a step
// that Step, the scrubber or a replay moved to.
type playback struct {
	upto    int    // the last diagram row shown; -1: all
	playing bool   // a replay is advancing upto
	speed   string // "all", "slow", "fast" (a replay after Run), "step"
}

// step shows one more row of the diagram (running first if needed).
func (p *Playground) step(ctx app.Context, e app.Event) {
	p.playing, p.dimLater = false, false
	if len(p.events) == 0 {
		if !p.running {
			p.speed = "step"
			p.run(ctx)
		}
		return
	}
	n := len(p.layout().Rows)
	switch {
	case p.upto < 0:
		p.upto = 0
	case p.upto >= n-1:
		p.upto = -1
	default:
		p.upto++
	}
	p.showCurrentLines()
	p.followNow(ctx)
}

// tick advances a replay by one row.
func (p *Playground) tick(ctx app.Context) {
	p.showCurrentLines()
	p.followNow(ctx)
	d := 400 * time.Millisecond
	if p.speed == "fast" {
		d = 80 * time.Millisecond
	}
	p.rootCtx(ctx).After(d, func(ctx app.Context) {
		if !p.playing {
			return
		}
		n := len(p.layout().Rows)
		if p.upto >= n-1 || p.upto < 0 {
			p.upto, p.playing = -1, false
			p.showCurrentLines()
			return
		}
		p.upto++
		p.tick(ctx)
	})
}

// followNow keeps the current step in view once the page has drawn it.
func (p *Playground) followNow(ctx app.Context) {
	if p.upto >= 0 {
		ctx.Defer(func(app.Context) { scrollToNow() })
	}
}

// showCurrentLines highlights in each editor the line of that host's
// latest socket call at the current step: a blocking call from the row it
// was made on (connect() while it waits for the SYN,ACK), not only once
// it returned.
func (p *Playground) showCurrentLines() {
	l := p.layout()
	for i, h := range p.sc.Hosts {
		line := 0
		if p.upto >= 0 {
			for _, c := range l.Calls {
				if c.Row1 <= p.upto && c.Line > 0 && l.Lanes[c.Lane].Host == h.Name {
					line = c.Line
				}
			}
		}
		editor.Highlight(p.keys[i], line)
	}
}

// cutEvent is the last event index the views below the diagram show.
func (p *Playground) cutEvent() int {
	c := p.layout().Cut(p.upto)
	// A listener's queue shrinking as accept() takes a connection is
	// recorded right before accept returns: it belongs to that call's
	// row, or the row before it would never show the queue it took from.
	if c >= 0 && c+1 < len(p.events) {
		next := &p.events[c+1]
		if p.events[c].Kind == trace.KindQueue && next.Kind == trace.KindSyscall &&
			(next.Call == "accept" || next.Call == "accept4") && p.events[c].Host == next.Host && p.events[c].FD == next.FD {
			c--
		}
	}
	return c
}

// renderScrubber: the time scrubber over the diagram's rows.
func (p *Playground) renderScrubber(l *diagram.Layout) app.UI {
	return &Scrubber{Label: p.t("time"), Rows: len(l.Rows), Row: p.scrubValue(len(l.Rows)), Text: p.scrubText(l), Status: p.status(), OnScrub: p.scrub}
}

// scrub moves to the row the scrubber was dragged to.
func (p *Playground) scrub(ctx app.Context, row int) {
	p.playing, p.dimLater = false, false
	p.upto = row
	if row >= len(p.layout().Rows)-1 {
		p.upto = -1
	}
	p.showCurrentLines()
	p.followNow(ctx)
}

// scrubText says where the scrubber is: the virtual time of the row shown
// last and the row's number.
func (p *Playground) scrubText(l *diagram.Layout) string {
	r := p.scrubValue(len(l.Rows))
	if r < 0 || r >= len(l.Rows) {
		return ""
	}
	return fmt.Sprintf("t = %s s · %d/%d", diagram.TimeLabel(l.Rows[r].T), r+1, len(l.Rows))
}

func (p *Playground) scrubValue(rows int) int {
	if p.upto < 0 {
		return rows - 1
	}
	return p.upto
}

// Scrubber is the time scrubber over the diagram's rows: the run's status,
// a range input and the virtual time and number of the row shown last.
type Scrubber struct {
	app.Compo

	Label   string // the input's accessible name
	Rows    int    // the diagram's rows
	Row     int    // the row shown last
	Text    string // the row's time and number
	Status  string // the run's: its events, how it ended, how long it took
	OnScrub func(ctx app.Context, row int)
}

// Render implements app.Composer.
func (s *Scrubber) Render() app.UI {
	return app.Div().Class("np-scrub-row").Body(
		app.Span().ID("np-status").Class("np-status").Title(s.Status).Text(s.Status),
		app.Input().ID("np-scrub").Class("np-scrub").Type("range").Min(-1).Max(s.Rows-1).Disabled(s.Rows == 0).
			Value(strconv.Itoa(s.Row)).Aria("label", s.Label).OnInput(s.onInput),
		app.Span().ID("np-scrub-time").Class("np-scrub-time").Text(s.Text),
	)
}

func (s *Scrubber) onInput(ctx app.Context, e app.Event) {
	if row, err := strconv.Atoi(ctx.JSSrc().Get("value").String()); err == nil && s.OnScrub != nil {
		s.OnScrub(ctx, row)
	}
}

// OnMount and OnUpdate set the input's value again once its max is there:
// go-app sets an element's attributes in map order, so the value could be
// set first and be clamped to the old max (the default 100 on a new input),
// which left the thumb short of the end after a longer run.
func (s *Scrubber) OnMount(ctx app.Context) { s.setValue() }

// OnUpdate implements app.Updater; see OnMount.
func (s *Scrubber) OnUpdate(ctx app.Context) { s.setValue() }

func (s *Scrubber) setValue() {
	if in := s.JSValue().Call("querySelector", "#np-scrub"); in.Truthy() {
		in.Set("value", strconv.Itoa(s.Row))
	}
}
