// Package diagram lays out and draws a netplay trace as a sequence diagram:
// one lifeline per host, time downwards, an arrow per frame labelled the way
// a textbook writes it, TCP state bands along the lifelines and socket-call
// markers. Layout is pure computation over []trace.Event; SVG renders a
// Layout to markup; Diagram is the go-app component that shows it.
package diagram

import (
	"fmt"
	"strings"

	"netplay/stack/frame"
	"netplay/stack/trace"
)

// Arrow classes; the SVG uses them as CSS classes ("np-<class>").
const (
	ClassSYN   = "syn"  // SYN, SYN-ACK
	ClassACK   = "ack"  // a bare ACK
	ClassData  = "data" // carries payload (PSH)
	ClassFIN   = "fin"  // FIN family
	ClassRST   = "rst"  // RST (red)
	ClassICMP  = "icmp" // ICMP (orange)
	ClassARP   = "arp"  // ARP (grey, hidden by default)
	ClassUDP   = "udp"  // UDP datagram
	ClassOther = "other"
)

// FrameLabel is the arrow label of a frame event: "SYN seq=0",
// "SYN,ACK seq=0 ack=1", "ACK ack=1", "PSH,ACK seq=1 ack=1 len=5",
// "ICMP port unreachable", "ARP who-has 10.0.0.2". With absolute set,
// sequence numbers are the ones on the wire instead of relative ones.
func FrameLabel(e *trace.Event, absolute bool) string {
	switch e.Kind {
	case trace.KindSegment:
		seq, ack := e.Seq, e.Ack
		if absolute {
			seq, ack = e.SeqAbs, e.AckAbs
		}
		flags, _ := frame.ParseFlags(e.Flags)
		var b strings.Builder
		b.WriteString(flags.Names())
		hasACK := flags&frame.FlagACK != 0
		// Textbooks show seq when it means something: on SYN and FIN, with
		// data, or on a RST that carries no ACK.
		if flags&(frame.FlagSYN|frame.FlagFIN) != 0 || e.Len > 0 || (!hasACK && flags&frame.FlagRST != 0) {
			fmt.Fprintf(&b, " seq=%d", seq)
		}
		if hasACK {
			fmt.Fprintf(&b, " ack=%d", ack)
		}
		if e.Len > 0 {
			fmt.Fprintf(&b, " len=%d", e.Len)
		}
		return b.String()
	case trace.KindICMP:
		return "ICMP " + icmpName(e)
	case trace.KindUDP:
		return fmt.Sprintf("UDP len=%d", e.Len)
	case trace.KindARP:
		if e.Summary != "" {
			return arpSummary(e.Summary)
		}
		return "ARP"
	}
	if e.Summary != "" {
		return e.Summary
	}
	return string(e.Kind)
}

// arpSummary shortens tcpdump's "ARP, Request who-has 10.0.0.2 tell
// 10.0.0.1, length 28" to "ARP who-has 10.0.0.2".
func arpSummary(s string) string {
	s = strings.TrimPrefix(s, "ARP, ")
	s = strings.TrimPrefix(s, "Request ")
	s = strings.TrimPrefix(s, "Reply ")
	if i := strings.Index(s, " tell "); i >= 0 {
		s = s[:i]
	}
	if i := strings.Index(s, ", length"); i >= 0 {
		s = s[:i]
	}
	return "ARP " + s
}

// icmpName names the common ICMPv4 (and ICMPv6 when the summary says so)
// messages.
func icmpName(e *trace.Event) string {
	if strings.Contains(e.Summary, "ICMP6") || strings.Contains(e.Summary, "ICMPv6") {
		switch e.Type {
		case 1:
			return "destination unreachable"
		case 128:
			return "echo request"
		case 129:
			return "echo reply"
		case 135:
			return "neighbor solicitation"
		case 136:
			return "neighbor advertisement"
		}
		return fmt.Sprintf("type %d code %d", e.Type, e.Code)
	}
	switch e.Type {
	case 0:
		return "echo reply"
	case 8:
		return "echo request"
	case 11:
		return "time exceeded"
	case 3:
		switch e.Code {
		case 0:
			return "net unreachable"
		case 1:
			return "host unreachable"
		case 2:
			return "protocol unreachable"
		case 3:
			return "port unreachable"
		case 4:
			return "fragmentation needed"
		}
		return fmt.Sprintf("unreachable code %d", e.Code)
	}
	return fmt.Sprintf("type %d code %d", e.Type, e.Code)
}

// FrameClass is the colour class of a frame event.
func FrameClass(e *trace.Event) string {
	switch e.Kind {
	case trace.KindSegment:
		switch {
		case strings.IndexByte(e.Flags, 'R') >= 0:
			return ClassRST
		case strings.IndexByte(e.Flags, 'S') >= 0:
			return ClassSYN
		case strings.IndexByte(e.Flags, 'F') >= 0:
			return ClassFIN
		case e.Len > 0 || strings.IndexByte(e.Flags, 'P') >= 0:
			return ClassData
		}
		return ClassACK
	case trace.KindICMP:
		return ClassICMP
	case trace.KindARP:
		return ClassARP
	case trace.KindUDP:
		return ClassUDP
	}
	return ClassOther
}

// IsFrame reports whether e describes a frame on a link.
func IsFrame(e *trace.Event) bool {
	switch e.Kind {
	case trace.KindSegment, trace.KindICMP, trace.KindARP, trace.KindUDP, trace.KindFrame:
		return true
	}
	return false
}

// CallText is a socket call as the diagram prints it at its return:
// "connect(3, 10.0.0.2:81) = -1 ECONNREFUSED", "accept(3, …) = 4".
func CallText(e *trace.Event) string {
	s := fmt.Sprintf("%s(%s) = %d", e.Call, e.Args, e.Ret)
	if e.Errno != "" {
		s += " " + e.Errno
	}
	return s
}

// TimeLabel formats virtual nanoseconds as seconds: three decimals when the
// time is a whole millisecond ("0.001"), six otherwise ("0.001250").
func TimeLabel(ns int64) string {
	if ns%1_000_000 == 0 {
		return fmt.Sprintf("%d.%03d", ns/1e9, ns%1e9/1e6)
	}
	return fmt.Sprintf("%d.%06d", ns/1e9, ns%1e9/1e3)
}
