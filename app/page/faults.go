package page

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/diagram"
	"netplay/stack/frame"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// addFault adds a fault rule and runs again.
func (p *Playground) addFault(ctx app.Context, f scenario.Fault) {
	p.syncDocs()
	p.sc.Faults = append(p.sc.Faults, f)
	p.saveSoon(ctx)
	p.run(ctx)
}

// removeFault removes rule i and runs again.
func (p *Playground) removeFault(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if i < len(p.sc.Faults) {
			p.syncDocs()
			p.sc.Faults = append(p.sc.Faults[:i], p.sc.Faults[i+1:]...)
			p.ruleErr = ""
			p.run(ctx)
		}
	}
}

// editFault replaces rule i with the rule its edited text says and runs
// again; a text that does not parse is shown and changes nothing.
func (p *Playground) editFault(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if i >= len(p.sc.Faults) {
			return
		}
		f, err := ParseFault(ctx.JSSrc().Get("value").String())
		if err != nil {
			p.ruleErr = err.Error()
			return
		}
		p.ruleErr = ""
		p.syncDocs()
		p.sc.Faults[i] = f
		p.stopRun(ctx, e)
		p.run(ctx)
	}
}

// ParseFault reads a fault rule written as FaultText writes it: "drop" or
// "delay", then key=value fields (nth, host, dir, proto, flags, port,
// count, and by for a delay).
func ParseFault(text string) (scenario.Fault, error) {
	fields := strings.Fields(text)
	if len(fields) == 0 || fields[0] != "drop" && fields[0] != "delay" {
		return scenario.Fault{}, fmt.Errorf("a rule starts with drop or delay: %q", text)
	}
	m := &scenario.Match{}
	for _, f := range fields[1:] {
		k, v, ok := strings.Cut(f, "=")
		if !ok || v == "" {
			return scenario.Fault{}, fmt.Errorf("%q: write key=value (nth, host, dir, proto, flags, port, count, by)", f)
		}
		num := func() (int, error) {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return 0, fmt.Errorf("%s=%s: want a number", k, v)
			}
			return n, nil
		}
		var err error
		switch k {
		case "nth":
			m.Nth, err = num()
		case "port":
			m.Port, err = num()
		case "count":
			m.Count, err = num()
		case "host":
			m.Host = v
		case "dir":
			if v != "in" && v != "out" {
				err = fmt.Errorf("dir=%s: want in or out", v)
			}
			m.Dir = v
		case "proto":
			m.Proto = v
		case "flags":
			m.Flags = strings.TrimSuffix(strings.TrimPrefix(v, "["), "]")
		case "by":
			d, perr := time.ParseDuration(v)
			if perr != nil || d < 0 {
				err = fmt.Errorf("by=%s: want a duration (1s, 200ms)", v)
			}
			m.By = scenario.Duration(d)
		default:
			err = fmt.Errorf("%q: no such field (nth, host, dir, proto, flags, port, count, by)", k)
		}
		if err != nil {
			return scenario.Fault{}, err
		}
	}
	if fields[0] == "delay" {
		if m.By <= 0 {
			return scenario.Fault{}, fmt.Errorf("a delay rule says by how long: by=1s")
		}
		return scenario.Fault{Delay: m}, nil
	}
	if m.By != 0 {
		return scenario.Fault{}, fmt.Errorf("by= is for delay rules")
	}
	return scenario.Fault{Drop: m}, nil
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

// DescribeFault says what a fault rule does in the learner's words: the
// frame as the diagram shows it ("drop the SYN,ACK seq=0 ack=1 server →
// client at 0.013 s"), not its number on the wire, which counts the ARP
// frames the diagram hides; "drop every SYN,ACK segment server sends".
// events is the run the rule was made from or applied to: the frames
// before the one it drops are the same in both.
func DescribeFault(f scenario.Fault, events []trace.Event, lang string) string {
	verb, m := T(lang, "fault.drop"), f.Drop
	if f.Delay != nil {
		verb, m = fmt.Sprintf(T(lang, "fault.delay"), time.Duration(f.Delay.By)), f.Delay
	}
	if m == nil {
		return FaultText(f)
	}
	if m.Nth > 0 && m.Host == "" && m.Dir == "" && m.Proto == "" && m.Flags == "" && m.Port == 0 {
		for i := range events {
			e := &events[i]
			if e.Frame == m.Nth && diagram.IsFrame(e) {
				return fmt.Sprintf(T(lang, "fault.this"), verb, diagram.FrameLabel(e, false), e.Host, orDash(e.Receiver), diagram.TimeLabel(e.T))
			}
		}
		return fmt.Sprintf(T(lang, "fault.nth"), verb, m.Nth)
	}
	what := T(lang, "fault.frame")
	switch m.Proto {
	case "tcp":
		what = T(lang, "fault.segment")
		if m.Flags != "" {
			if fl, ok := frame.ParseFlags(m.Flags); ok && fl != 0 {
				what = fl.Names() + " " + what
			}
		}
	case "udp":
		what = T(lang, "fault.udp")
	case "icmp":
		what = T(lang, "fault.icmp")
	case "arp":
		what = T(lang, "fault.arp")
	}
	who := ""
	switch {
	case m.Host != "" && m.Dir == "out":
		who = fmt.Sprintf(T(lang, "fault.out"), m.Host)
	case m.Host != "" && m.Dir == "in":
		who = fmt.Sprintf(T(lang, "fault.in"), m.Host)
	case m.Host != "":
		who = fmt.Sprintf(T(lang, "fault.either"), m.Host)
	}
	s := fmt.Sprintf(T(lang, "fault.every"), verb, what, who)
	if m.Port > 0 {
		s += fmt.Sprintf(T(lang, "fault.port"), m.Port)
	}
	if m.Nth > 0 {
		s += fmt.Sprintf(T(lang, "fault.from"), m.Nth)
	}
	if m.Count > 0 {
		s += fmt.Sprintf(T(lang, "fault.count"), m.Count)
	}
	return strings.TrimSpace(s)
}

// FaultText describes a fault rule in one line, as the scenario says it.
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
