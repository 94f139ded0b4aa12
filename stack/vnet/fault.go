package vnet

import (
	"fmt"
	"strings"
	"time"

	"netplay/stack/trace"
)

// Rule is a fault rule on frames, evaluated where a frame crosses a link.
// All set criteria must match. A drop rule drops the frame (it stays in the
// trace, marked dropped); a delay rule adds By to the frame's delay.
type Rule struct {
	Drop  bool
	By    time.Duration // extra delay (delay rules)
	Nth   int           // the Nth frame on the wire, counted from 1 over all links
	Host  string        // a host the frame leaves (Dir "out") or reaches (Dir "in"); either when Dir is ""
	Dir   string        // "out", "in" or ""
	Proto string        // "tcp", "udp", "icmp", "arp" or ""
	Flags string        // TCP flags exactly as tcpdump prints them, e.g. "S."
	Port  int           // TCP/UDP source or destination port
	Count int           // act on the first Count matching frames only; 0 = all
	Name  string        // how the trace names the rule; derived when empty
}

type rule struct {
	Rule
	drop bool
	by   time.Duration
	name string
	hits int
}

// AddRule adds a fault rule. Rules are evaluated in the order added; the
// first drop rule that matches wins, delays add up.
func (w *World) AddRule(r Rule) error {
	if r.Host != "" && w.byName[r.Host] == nil {
		return fmt.Errorf("fault rule: no host named %q", r.Host)
	}
	switch r.Dir {
	case "", "in", "out":
	default:
		return fmt.Errorf("fault rule: dir must be \"in\" or \"out\", not %q", r.Dir)
	}
	if !r.Drop && r.By <= 0 {
		return fmt.Errorf("fault rule: a delay rule needs a positive delay")
	}
	name := r.Name
	if name == "" {
		name = r.describe()
	}
	w.rules = append(w.rules, &rule{Rule: r, drop: r.Drop, by: r.By, name: name})
	return nil
}

// describe names a rule the way the trace and the UI show it, e.g.
// "drop nth=3" or "delay 2s flags=S. host=server dir=out".
func (r Rule) describe() string {
	var b strings.Builder
	if r.Drop {
		b.WriteString("drop")
	} else {
		fmt.Fprintf(&b, "delay %v", r.By)
	}
	add := func(k, v string) { fmt.Fprintf(&b, " %s=%s", k, v) }
	if r.Nth > 0 {
		add("nth", fmt.Sprint(r.Nth))
	}
	if r.Host != "" {
		add("host", r.Host)
	}
	if r.Dir != "" {
		add("dir", r.Dir)
	}
	if r.Proto != "" {
		add("proto", r.Proto)
	}
	if r.Flags != "" {
		add("flags", r.Flags)
	}
	if r.Port != 0 {
		add("port", fmt.Sprint(r.Port))
	}
	if r.Count > 0 {
		add("count", fmt.Sprint(r.Count))
	}
	return b.String()
}

// matches reports whether the rule applies to frame number num, decoded as
// ev, sent by from to the NICs in to; it counts the hit.
func (r *rule) matches(num int, ev trace.Event, from *Host, to []*NIC) bool {
	if r.Nth > 0 && num != r.Nth {
		return false
	}
	if r.Host != "" {
		out := from.name == r.Host
		in := false
		for _, n := range to {
			if n.host.name == r.Host {
				in = true
			}
		}
		switch r.Dir {
		case "out":
			if !out {
				return false
			}
		case "in":
			if !in {
				return false
			}
		default:
			if !out && !in {
				return false
			}
		}
	}
	if r.Proto != "" && protoOf(ev) != r.Proto {
		return false
	}
	if r.Flags != "" && (ev.Kind != trace.KindSegment || ev.Flags != r.Flags) {
		return false
	}
	if r.Port != 0 && !hasPort(ev, r.Port) {
		return false
	}
	if r.Count > 0 && r.hits >= r.Count {
		return false
	}
	r.hits++
	return true
}

func protoOf(ev trace.Event) string {
	switch ev.Kind {
	case trace.KindSegment:
		return "tcp"
	case trace.KindUDP:
		return "udp"
	case trace.KindICMP:
		return "icmp"
	case trace.KindARP:
		return "arp"
	}
	return ""
}

func hasPort(ev trace.Event, port int) bool {
	if ev.Kind != trace.KindSegment && ev.Kind != trace.KindUDP {
		return false
	}
	suffix := fmt.Sprintf(":%d", port)
	return strings.HasSuffix(ev.Src, suffix) || strings.HasSuffix(ev.Dst, suffix)
}
