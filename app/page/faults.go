package page

import (
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// renderFaults lists the scenario's fault rules, each removable (which
// runs again). The inspector makes them from a frame (dropThis, dropLike).
func (p *Playground) renderFaults() app.UI {
	faults := p.sc.Faults
	return app.If(len(faults) > 0,
		app.Div().ID("np-faults").Class("np-faults").Body(
			app.H3().Text(p.t("faults")),
			app.Range(faults).Slice(func(i int) app.UI {
				return app.Div().Class("np-fault").Body(
					app.Code().Text(FaultText(faults[i])),
					app.Button().Class("np-btn np-small").OnClick(p.removeFault(i)).Text(p.t("nodrop")),
				)
			}),
		),
	)
}

// addFault adds a fault rule and runs again.
func (p *Playground) addFault(ctx app.Context, f scenario.Fault) {
	p.syncDocs()
	p.sc.Faults = append(p.sc.Faults, f)
	p.run(ctx)
}

// removeFault removes rule i and runs again.
func (p *Playground) removeFault(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if i < len(p.sc.Faults) {
			p.syncDocs()
			p.sc.Faults = append(p.sc.Faults[:i], p.sc.Faults[i+1:]...)
			p.run(ctx)
		}
	}
}

// dropThis makes the fault rule that drops exactly the selected frame.
func dropThis(e *trace.Event) scenario.Fault {
	return scenario.Fault{Drop: &scenario.Match{Nth: e.Frame}}
}

// dropLike makes the rule that drops every frame like e: same sender,
// same protocol and, for TCP, the same flags.
func dropLike(e *trace.Event) scenario.Fault {
	m := &scenario.Match{Host: e.Host, Dir: "out"}
	switch e.Kind {
	case trace.KindSegment:
		m.Proto, m.Flags = "tcp", e.Flags
	case trace.KindUDP:
		m.Proto = "udp"
	case trace.KindICMP:
		m.Proto = "icmp"
	case trace.KindARP:
		m.Proto = "arp"
	}
	return scenario.Fault{Drop: m}
}

// FaultText describes a fault rule in one line.
func FaultText(f scenario.Fault) string {
	verb, m := "drop", f.Drop
	if f.Delay != nil {
		verb, m = "delay", f.Delay
	}
	if m == nil {
		return "?"
	}
	var parts []string
	add := func(k, v string) {
		if v != "" {
			parts = append(parts, k+"="+v)
		}
	}
	if m.Nth > 0 {
		add("nth", strconv.Itoa(m.Nth))
	}
	add("host", m.Host)
	add("dir", m.Dir)
	add("proto", m.Proto)
	if m.Flags != "" {
		add("flags", "["+m.Flags+"]")
	}
	if m.Port > 0 {
		add("port", strconv.Itoa(m.Port))
	}
	if m.Count > 0 {
		add("count", strconv.Itoa(m.Count))
	}
	if f.Delay != nil {
		add("by", time.Duration(m.By).String())
	}
	return verb + " " + strings.Join(parts, " ")
}
