package page

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/diagram"
	"netplay/stack/scenario"
)

// What the learner does to the running world: a host's controls (Ctrl-C,
// kill, restart, crash or boot) and a link's plug. Each is recorded into
// the scenario as an action at the virtual time the diagram shows (the
// step, the scrubber's row, the replay's row, or the end of the run), and
// the scenario runs again: the run replays, reruns and shares exactly.
// The actions are listed with the fault rules, every field editable.

// nowAt is the virtual time an action done now is recorded at: the time
// of the diagram's row shown last.
func (p *Playground) nowAt() time.Duration {
	l := p.layout()
	if len(l.Rows) == 0 {
		return 0
	}
	r := p.upto
	if r < 0 || r >= len(l.Rows) {
		r = len(l.Rows) - 1
	}
	return time.Duration(l.Rows[r].T)
}

// act records a at the virtual time shown (not before its host's program
// starts: nothing can be done to a program that has not started) and
// runs again.
func (p *Playground) act(ctx app.Context, a scenario.Action) {
	at := p.nowAt()
	if i := p.hostIndex(a.Host); i >= 0 && a.Do != scenario.DoBoot && p.sc.Hosts[i].Start.D() > at {
		at = p.sc.Hosts[i].Start.D()
	}
	a.At = scenario.Duration(at)
	p.stopRun(ctx, app.Event{})
	p.syncDocs()
	p.sc.AddAction(a)
	p.run(ctx)
}

// renderHostControls: the controls of the host whose console is shown.
func (p *Playground) renderHostControls() app.UI {
	i := p.hostIndex(p.tab)
	if i < 0 || p.sc == nil {
		return app.Div().Class("np-hostctl")
	}
	h := p.sc.Hosts[i]
	at := p.nowAt()
	crashed := p.sc.Crashed(h.Name, at)
	prog := strings.TrimSpace(h.Program) != ""
	btn := func(id, label, title string, enabled bool, a scenario.Action) app.UI {
		return app.Button().ID(id).Class("np-btn np-small").Title(title).Disabled(!enabled || p.running).
			OnClick(func(ctx app.Context, e app.Event) {
				a := a
				a.Host = p.tab // the host shown when clicked (go-app keeps a handler's first closure)
				p.act(ctx, a)
			}, a.Do, a.Signal).Text(label)
	}
	power := btn("np-ctl-crash", p.t("ctl.crash"), p.t("ctl.crash.title"), true, scenario.Action{Do: scenario.DoCrash})
	if crashed {
		power = btn("np-ctl-boot", p.t("ctl.boot"), p.t("ctl.boot.title"), true, scenario.Action{Do: scenario.DoBoot})
	}
	return app.Div().ID("np-hostctl").Class("np-hostctl").Body(
		app.Span().Class("np-hostctl-at").Text(fmt.Sprintf("%s @ %s s", h.Name, diagram.TimeLabel(int64(at)))),
		btn("np-ctl-int", "Ctrl-C", p.t("ctl.int.title"), prog && !crashed, scenario.Action{Do: scenario.DoSignal, Signal: "SIGINT"}),
		btn("np-ctl-kill", p.t("ctl.kill"), p.t("ctl.kill.title"), prog && !crashed, scenario.Action{Do: scenario.DoSignal, Signal: "SIGKILL"}),
		btn("np-ctl-restart", p.t("ctl.restart"), p.t("ctl.restart.title"), prog && !crashed, scenario.Action{Do: scenario.DoRestart}),
		power,
		app.Button().ID("np-ctl-type").Class("np-btn np-small").Title(p.t("ctl.type.title")).Disabled(!prog || crashed || p.running).
			OnClick(p.addInput).Text(p.t("ctl.type")),
	)
}

// addInput adds an empty line typed at the shown host's terminal at the
// time shown (before its end of input, if it has one: nothing typed after
// it reaches the program), to be edited in the list, and runs again.
func (p *Playground) addInput(ctx app.Context, e app.Event) {
	i := p.hostIndex(p.tab)
	if i < 0 {
		return
	}
	h := &p.sc.Hosts[i]
	in := scenario.Input{At: scenario.Duration(max(p.nowAt(), h.Start.D())), Text: "\n"}
	p.stopRun(ctx, e)
	p.syncDocs()
	if k := slices.IndexFunc(h.Stdin, func(x scenario.Input) bool { return x.EOF }); k >= 0 && h.Stdin[k].At < in.At {
		in.At = h.Stdin[k].At // at the end of input, just before it
	}
	insertInput(h, in)
	p.run(ctx)
}

// insertInput puts in among h's input in order of time: after the lines
// typed at the same time, before an end of input at that time.
func insertInput(h *scenario.Host, in scenario.Input) {
	i := 0
	for i < len(h.Stdin) && (h.Stdin[i].At < in.At || h.Stdin[i].At == in.At && !h.Stdin[i].EOF) {
		i++
	}
	h.Stdin = slices.Insert(h.Stdin, i, in)
}

// renderInput is one line typed at host i's terminal (or its end of
// input): time, host, text with its newline written \n.
func (p *Playground) renderInput(i, k int) app.UI {
	h := p.sc.Hosts[i]
	in := h.Stdin[k]
	var text app.UI = app.Span().Class("np-input-eof").Text("EOF")
	if !in.EOF {
		text = app.Input().Class("np-input-text").Value(escapeInput(in.Text)).Size(max(len(in.Text)+2, 8)).
			Aria("label", p.t("input.text")).Title(p.t("input.text")).OnChange(p.editInput(i, k, "text"))
	}
	return app.Div().Class("np-action np-input").Body(
		app.Input().Class("np-input-at").Value(durText(in.At.D())).Size(7).Aria("label", p.t("action.at")).Title(p.t("action.at")).OnChange(p.editInput(i, k, "at")),
		app.Span().Class("np-input-host").Text(h.Name),
		text,
		app.Button().Class("np-btn np-small np-input-remove").Title(p.t("remove")).Aria("label", p.t("remove")).OnClick(p.editInput(i, k, "remove")).Text("✕"),
	)
}

// escapeInput writes typed text with its newlines and tabs as \n and \t.
func escapeInput(s string) string {
	return strings.NewReplacer("\\", "\\\\", "\n", "\\n", "\t", "\\t").Replace(s)
}

// unescapeInput reads text written as escapeInput writes it.
func unescapeInput(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case 'n':
				b.WriteByte('\n')
				i++
				continue
			case 't':
				b.WriteByte('\t')
				i++
				continue
			case '\\':
				b.WriteByte('\\')
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// editInput changes ("at", "text") or removes line k of host i's input
// and runs again.
func (p *Playground) editInput(i, k int, field string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if i >= len(p.sc.Hosts) || k >= len(p.sc.Hosts[i].Stdin) {
			return
		}
		v := ""
		if field != "remove" {
			v = ctx.JSSrc().Get("value").String()
		}
		if err := p.setInputField(i, k, field, v); err != nil {
			p.ruleErr = err.Error()
			return
		}
		p.ruleErr = ""
		p.stopRun(ctx, e)
		p.run(ctx)
	}
}

func (p *Playground) setInputField(i, k int, field, v string) error {
	p.syncDocs()
	h := &p.sc.Hosts[i]
	in := h.Stdin[k]
	switch field {
	case "at":
		d, err := parseAt(v)
		if err != nil {
			return err
		}
		in.At = scenario.Duration(d)
	case "text":
		if v == "" {
			return fmt.Errorf("nothing typed: remove the line instead")
		}
		in.Text = unescapeInput(v)
	}
	rest := slices.Delete(slices.Clone(h.Stdin), k, k+1)
	if field != "remove" {
		for _, o := range rest {
			if o.EOF && o.At < in.At && !in.EOF {
				return fmt.Errorf("%s: at %s, after the end of input (%s): it would never reach the program", h.Name, durText(in.At.D()), durText(o.At.D()))
			}
		}
	}
	h.Stdin = rest
	if field != "remove" {
		insertInput(h, in)
	}
	return nil
}

// unplugged reports whether the scenario's actions have link li unplugged
// at virtual time t.
func unplugged(sc *scenario.Scenario, li int, t time.Duration) bool {
	out := false
	for _, a := range sc.Actions {
		if a.At.D() > t {
			break
		}
		if a.Link != nil && *a.Link == li && (a.Do == scenario.DoUnplug || a.Do == scenario.DoPlug) {
			out = a.Do == scenario.DoUnplug
		}
	}
	return out
}

// renderPlug: a link row's unplug (or plug) button.
func (p *Playground) renderPlug(li int) app.UI {
	out := unplugged(p.sc, li, p.nowAt())
	label, do := p.t("ctl.unplug"), scenario.DoUnplug
	if out {
		label, do = p.t("ctl.plug"), scenario.DoPlug
	}
	return app.Button().Class("np-btn np-small np-link-plug").Title(p.t("ctl.plug.title")).Disabled(p.running).
		OnClick(func(ctx app.Context, e app.Event) {
			if li >= len(p.sc.Links) {
				return
			}
			do := scenario.DoUnplug
			if unplugged(p.sc, li, p.nowAt()) {
				do = scenario.DoPlug
			}
			n := li
			p.act(ctx, scenario.Action{Do: do, Link: &n})
		}).DataSet("do", do).Text(label)
}

// renderRules lists the fault rules and the actions, each editable: a
// fault rule as its one-line text, an action as its time, kind, target
// and what it sends or sets. Each change runs again.
func (p *Playground) renderRules() app.UI {
	sc := p.sc
	inputs := 0
	for _, h := range sc.Hosts {
		inputs += len(h.Stdin)
	}
	if len(sc.Faults) == 0 && len(sc.Actions) == 0 && inputs == 0 && p.ruleErr == "" {
		return app.Div().ID("np-faults").Class("np-faults")
	}
	return app.Div().ID("np-faults").Class("np-faults").Body(
		app.If(len(sc.Faults) > 0, app.H3().Text(p.t("faults"))),
		app.Range(sc.Faults).Slice(func(i int) app.UI {
			text := FaultText(sc.Faults[i])
			return app.Div().Class("np-fault").Body(
				app.Input().Class("np-fault-text").Value(text).Size(max(len(text), 12)).
					Aria("label", p.t("fault.edit")).Title(p.t("fault.edit")).OnChange(p.editFault(i)),
				// What it does in the learner's words (the rule's nth
				// counts the ARP frames the diagram hides).
				app.Span().Class("np-fault-say").Text(DescribeFault(sc.Faults[i], p.events, p.lang)),
				app.Button().Class("np-btn np-small np-fault-remove").OnClick(p.removeFault(i)).Text(p.t("nodrop")),
			)
		}),
		app.If(len(sc.Actions) > 0, app.H3().Text(p.t("actions"))),
		app.Range(sc.Actions).Slice(func(i int) app.UI { return p.renderAction(i) }),
		app.If(inputs > 0, app.H3().Text(p.t("inputs"))),
		app.Range(sc.Hosts).Slice(func(i int) app.UI {
			return app.Range(sc.Hosts[i].Stdin).Slice(func(k int) app.UI { return p.renderInput(i, k) })
		}),
		app.If(p.ruleErr != "", app.P().ID("np-rule-err").Class("np-rule-err").Text(p.ruleErr)),
	)
}

// renderAction is one action's row: time, kind, target, and the signal
// or the link's new delay and loss.
func (p *Playground) renderAction(i int) app.UI {
	a := p.sc.Actions[i]
	opt := func(v, text, cur string) app.UI { return app.Option().Value(v).Selected(v == cur).Text(text) }
	var kinds, targets []app.UI
	for _, k := range scenario.ActionKinds {
		kinds = append(kinds, opt(k, k, a.Do))
	}
	target := a.Host
	if a.OnHost() {
		for _, h := range p.sc.Hosts {
			targets = append(targets, opt(h.Name, h.Name, target))
		}
	} else {
		if a.Link != nil {
			target = strconv.Itoa(*a.Link)
		}
		for li, l := range p.sc.Links {
			targets = append(targets, opt(strconv.Itoa(li), fmt.Sprintf("%s %d (%s)", p.t("link"), li, strings.Join(l.Hosts, ", ")), target))
		}
	}
	row := []app.UI{
		app.Input().Class("np-action-at").Value(durText(a.At.D())).Size(7).Aria("label", p.t("action.at")).Title(p.t("action.at")).OnChange(p.editAction(i, "at")),
		app.Select().Class("np-action-do").Aria("label", p.t("action.do")).OnChange(p.editAction(i, "do")).Body(kinds...),
		app.Select().Class("np-action-target").Aria("label", p.t("action.target")).OnChange(p.editAction(i, "target")).Body(targets...),
	}
	switch a.Do {
	case scenario.DoSignal:
		var sigs []app.UI
		for _, s := range scenario.ActionSignals {
			sigs = append(sigs, opt(s, s, a.Signal))
		}
		row = append(row, app.Select().Class("np-action-signal").Aria("label", p.t("action.signal")).OnChange(p.editAction(i, "signal")).Body(sigs...))
	case scenario.DoSet:
		delay, loss := "", ""
		if a.Delay != nil {
			delay = a.Delay.D().String()
		}
		if a.Loss != nil {
			loss = strconv.FormatFloat(*a.Loss, 'g', -1, 64)
		}
		row = append(row,
			app.Input().Class("np-action-delay").Value(delay).Size(6).Placeholder(p.t("delay")).Aria("label", p.t("delay")).OnChange(p.editAction(i, "delay")),
			app.Input().Class("np-action-loss").Value(loss).Size(4).Placeholder(p.t("loss")).Aria("label", p.t("loss")).OnChange(p.editAction(i, "loss")))
	}
	row = append(row, app.Button().Class("np-btn np-small np-action-remove").Title(p.t("remove")).Aria("label", p.t("remove")).OnClick(p.removeAction(i)).Text("✕"))
	return app.Div().Class("np-action").DataSet("do", a.Do).Body(row...)
}

// durText writes a virtual time as the page's inputs take it back.
func durText(d time.Duration) string {
	if d == 0 {
		return "0s"
	}
	return d.String()
}

// parseAt reads a time typed into an action's row: a Go duration ("2s",
// "16ms") or, as the diagram's time axis shows them, seconds ("0.016").
func parseAt(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		if v < 0 {
			return 0, fmt.Errorf("negative time %q", s)
		}
		return time.Duration(v * float64(time.Second)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a time (write 2s, 16ms or 0.016)", s)
	}
	if d < 0 {
		return 0, fmt.Errorf("negative time %q", s)
	}
	return d, nil
}

// editAction changes one field of action i and runs again; a value that
// does not parse is shown and changes nothing.
func (p *Playground) editAction(i int, field string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if i >= len(p.sc.Actions) {
			return
		}
		v := strings.TrimSpace(ctx.JSSrc().Get("value").String())
		if err := p.setActionField(i, field, v); err != nil {
			p.ruleErr = err.Error()
			return
		}
		p.ruleErr = ""
		p.stopRun(ctx, e)
		p.run(ctx)
	}
}

// setActionField sets field of action i from v, then keeps the actions
// in order of time (an edited time moves its action, after those at the
// same time).
func (p *Playground) setActionField(i int, field, v string) error {
	p.syncDocs()
	a := p.sc.Actions[i]
	switch field {
	case "at":
		d, err := parseAt(v)
		if err != nil {
			return err
		}
		a.At = scenario.Duration(d)
	case "do":
		if !slices.Contains(scenario.ActionKinds, v) {
			return fmt.Errorf("%q is not an action", v)
		}
		was := a.OnHost()
		a.Do = v
		a.Signal, a.Delay, a.Loss = "", nil, nil
		if a.Do == scenario.DoSignal {
			a.Signal = "SIGINT"
		}
		switch {
		case a.OnHost() && !was:
			a.Link, a.Host = nil, ""
			if len(p.sc.Hosts) > 0 {
				a.Host = p.sc.Hosts[0].Name
			}
		case !a.OnHost() && was:
			n := 0
			a.Host, a.Link = "", &n
		}
		if a.Do == scenario.DoSet && a.Link != nil && *a.Link < len(p.sc.Links) {
			d := p.sc.Links[*a.Link].Delay
			a.Delay = &d
		}
	case "target":
		if a.OnHost() {
			if p.hostIndex(v) < 0 {
				return fmt.Errorf("no host named %q", v)
			}
			a.Host = v
			break
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n >= len(p.sc.Links) {
			return fmt.Errorf("no link %q", v)
		}
		a.Link = &n
	case "signal":
		if !slices.Contains(scenario.ActionSignals, v) {
			return fmt.Errorf("%q: want one of %s", v, strings.Join(scenario.ActionSignals, ", "))
		}
		a.Signal = v
	case "delay":
		if v == "" {
			a.Delay = nil
			break
		}
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			return fmt.Errorf("%q is not a delay (write 5ms, 1s)", v)
		}
		dd := scenario.Duration(d)
		a.Delay = &dd
	case "loss":
		if v == "" {
			a.Loss = nil
			break
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || f > 1 {
			return fmt.Errorf("%q is not a loss probability between 0 and 1", v)
		}
		a.Loss = &f
	}
	p.sc.Actions = slices.Delete(p.sc.Actions, i, i+1)
	p.sc.AddAction(a)
	return nil
}

// removeAction removes action i and runs again.
func (p *Playground) removeAction(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if i < len(p.sc.Actions) {
			p.syncDocs()
			p.sc.Actions = slices.Delete(p.sc.Actions, i, i+1)
			p.ruleErr = ""
			p.stopRun(ctx, e)
			p.run(ctx)
		}
	}
}

// setStart sets host i's start time (typed as an action's time is).
func (p *Playground) setStart(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		d, err := parseAt(ctx.JSSrc().Get("value").String())
		if i >= len(p.sc.Hosts) {
			return
		}
		if err != nil {
			p.ruleErr = p.sc.Hosts[i].Name + ": " + err.Error()
			return
		}
		p.ruleErr = ""
		p.sc.Hosts[i].Start = scenario.Duration(d)
	}
}
