package frame

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// This file writes frames as tcpdump prints them without -v (the text
// contract of netplay's trace). Where tcpdump would print the first SYN's
// absolute sequence number the trace prints it relative; that choice is
// the caller's (TCPLine takes the numbers to print).

// Summary returns the line tcpdump prints for the frame, with TCP sequence
// numbers absolute (tcpdump -S), or Err's text when the frame could not be
// decoded.
func (f *Frame) Summary() string {
	switch {
	case f.Err != nil:
		return f.Err.Text
	case f.ARP != nil:
		return f.arpSummary()
	case f.TCP != nil:
		t := f.TCP
		l := TCPLine{Flags: t.Flags(), Seq: t.Seq(), Ack: t.Ack(), Len: len(t.Payload()), Win: int(t.Window()),
			Urg: t.Urgent(), Options: TCPOptions(t.Options(), 0)}
		return string(l.Append(nil, Endpoints(f.Src, t.SrcPort(), f.Dst, t.DstPort())))
	case f.UDP != nil:
		u := f.UDP
		return Endpoints(f.Src, u.SrcPort(), f.Dst, u.DstPort()) + ": UDP, length " + strconv.Itoa(len(u.Payload()))
	case f.ICMPv4 != nil:
		return f.icmpv4Summary()
	case f.ICMPv6 != nil:
		return f.icmpv6Summary()
	}
	return ""
}

// Endpoints writes who sent a segment or datagram to whom as tcpdump does:
// "10.0.0.1.40000 > 10.0.0.2.80", "fe80::1.80 > fe80::2.40000".
func Endpoints(src netip.Addr, sport uint16, dst netip.Addr, dport uint16) string {
	return src.String() + "." + strconv.Itoa(int(sport)) + " > " + dst.String() + "." + strconv.Itoa(int(dport))
}

// arpSummary is print-arp.c's line: "ARP, Request who-has X tell Y".
func (f *Frame) arpSummary() string {
	a := f.ARP
	n := len(f.Data) - EthernetSize
	if a.Op() == ARPReply {
		return fmt.Sprintf("ARP, Reply %s is-at %s, length %d", a.SenderIP(), a.SenderMAC(), n)
	}
	target := a.TargetIP().String()
	if tha := a.TargetMAC(); !allZero(tha) {
		target += " (" + tha.String() + ")"
	}
	return fmt.Sprintf("ARP, Request who-has %s tell %s, length %d", target, a.SenderIP(), n)
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// TCPLine is what tcpdump prints of a segment after its endpoints, with
// the sequence and acknowledgement numbers to print (relative or not).
type TCPLine struct {
	Flags    TCPFlags
	Seq, Ack uint32
	Len      int // payload length
	Win      int
	Urg      uint16
	Options  string // TCPOptions' text
}

// Append appends the segment's line (print-tcp.c) to b after where
// (Endpoints' text): seq is printed when the segment carries data or
// SYN/FIN/RST, ack when ACK is set, urg when URG is set.
func (l *TCPLine) Append(b []byte, where string) []byte {
	b = append(b, where...)
	b = append(b, ": Flags ["...)
	b = append(b, l.Flags.String()...)
	b = append(b, ']')
	if l.Len > 0 || l.Flags&(FlagSYN|FlagFIN|FlagRST) != 0 {
		b = append(b, ", seq "...)
		b = strconv.AppendUint(b, uint64(l.Seq), 10)
		if l.Len > 0 {
			b = append(b, ':')
			b = strconv.AppendUint(b, uint64(l.Seq+uint32(l.Len)), 10)
		}
	}
	if l.Flags&FlagACK != 0 {
		b = append(b, ", ack "...)
		b = strconv.AppendUint(b, uint64(l.Ack), 10)
	}
	b = append(b, ", win "...)
	b = strconv.AppendInt(b, int64(l.Win), 10)
	if l.Flags&FlagURG != 0 {
		b = append(b, ", urg "...)
		b = strconv.AppendUint(b, uint64(l.Urg), 10)
	}
	if l.Options != "" {
		b = append(b, ", options ["...)
		b = append(b, l.Options...)
		b = append(b, ']')
	}
	b = append(b, ", length "...)
	b = strconv.AppendInt(b, int64(l.Len), 10)
	return b
}

// TCP option kinds (IANA) and the lengths tcpdump expects of them.
const (
	tcpOptEOL          = 0
	tcpOptNOP          = 1
	tcpOptMSS          = 2
	tcpOptWS           = 3
	tcpOptSACKOK       = 4
	tcpOptSACK         = 5
	tcpOptTS           = 8
	tcpOptMSSLen       = 4
	tcpOptWSLen        = 3
	tcpOptSACKOKLen    = 2
	tcpOptTSLen        = 10
	tcpOptSACKBlockLen = 8
)

// TCPOptions writes TCP options as tcpdump does, e.g.
// "mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7". SACK block edges are
// printed minus sackBase (the acknowledged direction's base, for relative
// numbers). A malformed option list ends in "[bad opt]".
func TCPOptions(b []byte, sackBase uint32) string {
	if len(b) == 0 {
		return ""
	}
	out := make([]byte, 0, 64)
	sep := func() {
		if len(out) > 0 {
			out = append(out, ',')
		}
	}
	for len(b) > 0 {
		kind := b[0]
		if kind == tcpOptEOL {
			sep()
			out = append(out, "eol"...)
			break
		}
		if kind == tcpOptNOP {
			sep()
			out = append(out, "nop"...)
			b = b[1:]
			continue
		}
		if len(b) < 2 || int(b[1]) < 2 || int(b[1]) > len(b) {
			sep()
			out = append(out, "[bad opt]"...)
			break
		}
		n := int(b[1])
		data := b[2:n]
		b = b[n:]
		mark := len(out)
		sep()
		ok := true
		want := -1 // expected total length, -1 when variable
		switch kind {
		case tcpOptMSS:
			want = tcpOptMSSLen
			if ok = len(data) >= 2; ok {
				out = strconv.AppendUint(append(out, "mss "...), uint64(binary.BigEndian.Uint16(data)), 10)
			}
		case tcpOptWS:
			want = tcpOptWSLen
			if ok = len(data) >= 1; ok {
				out = strconv.AppendUint(append(out, "wscale "...), uint64(data[0]), 10)
			}
		case tcpOptSACKOK:
			want = tcpOptSACKOKLen
			out = append(out, "sackOK"...)
		case tcpOptTS:
			want = tcpOptTSLen
			if ok = len(data) >= 8; ok {
				out = strconv.AppendUint(append(out, "TS val "...), uint64(binary.BigEndian.Uint32(data)), 10)
				out = strconv.AppendUint(append(out, " ecr "...), uint64(binary.BigEndian.Uint32(data[4:])), 10)
			}
		case tcpOptSACK:
			if len(data)%tcpOptSACKBlockLen != 0 {
				out = append(out, "sack invalid"...)
				break
			}
			out = append(strconv.AppendInt(append(out, "sack "...), int64(len(data)/tcpOptSACKBlockLen), 10), ' ')
			for i := 0; i+tcpOptSACKBlockLen <= len(data); i += tcpOptSACKBlockLen {
				l := binary.BigEndian.Uint32(data[i:]) - sackBase
				r := binary.BigEndian.Uint32(data[i+4:]) - sackBase
				out = strconv.AppendUint(append(out, '{'), uint64(l), 10)
				out = append(strconv.AppendUint(append(out, ':'), uint64(r), 10), '}')
			}
		default:
			out = append(out, fmt.Sprintf("unknown-%d", kind)...)
			if len(data) > 0 {
				out = append(out, fmt.Sprintf(" 0x%x", data)...)
			}
		}
		if !ok { // shorter than the option needs
			out = out[:mark]
			sep()
			out = append(out, "[bad opt]"...)
			break
		}
		if want >= 0 && n != want {
			out = append(out, fmt.Sprintf("[len %d]", n)...)
		}
	}
	return string(out)
}

// icmpv4Unreach holds print-icmp.c's unreach2str formats, by code.
var icmpv4Unreach = map[uint8]string{
	0:  "net %s unreachable",
	1:  "host %s unreachable",
	5:  "%s unreachable - source route failed",
	6:  "net %s unreachable - unknown",
	7:  "host %s unreachable - unknown",
	8:  "%s unreachable - source host isolated",
	9:  "net %s unreachable - admin prohibited",
	10: "host %s unreachable - admin prohibited",
	11: "net %s unreachable - tos prohibited",
	12: "host %s unreachable - tos prohibited",
	13: "host %s unreachable - admin prohibited filter",
	14: "host %s unreachable - host precedence violation",
	15: "host %s unreachable - precedence cutoff",
}

// icmpv4Redirect holds print-icmp.c's redirect formats, by code.
var icmpv4Redirect = map[uint8]string{
	0: "redirect %s to net %s", 1: "redirect %s to host %s",
	2: "redirect-tos %s to net %s", 3: "redirect-tos %s to host %s",
}

// icmpv4Summary is print-icmp.c's line.
func (f *Frame) icmpv4Summary() string {
	m := f.ICMPv4
	typ, code := m.Type(), m.Code()
	var what string
	switch typ {
	case ICMPv4Echo, ICMPv4EchoReply:
		dir := "request"
		if typ == ICMPv4EchoReply {
			dir = "reply"
		}
		what = fmt.Sprintf("echo %s, id %d, seq %d", dir, m.Ident(), m.Sequence())
	case ICMPv4DstUnreachable:
		q, ok := m.Quoted()
		if !ok {
			what = fmt.Sprintf("unreachable code %d, original datagram truncated", code)
			break
		}
		orig := q.Dst.String()
		switch code {
		case ICMPv4ProtoUnreachable:
			what = fmt.Sprintf("%s protocol %d unreachable", orig, q.Proto)
		case ICMPv4PortUnreachable:
			if !q.HasPorts {
				what = fmt.Sprintf("%s port unreachable, original datagram truncated", orig)
				break
			}
			switch q.Proto {
			case ProtoTCP:
				what = fmt.Sprintf("%s tcp port %d unreachable", orig, q.DstPort)
			case ProtoUDP:
				what = fmt.Sprintf("%s udp port %d unreachable", orig, q.DstPort)
			default:
				what = fmt.Sprintf("%s protocol %d port %d unreachable", orig, q.Proto, q.DstPort)
			}
		case ICMPv4FragNeeded:
			if mtu := m.MTU(); mtu != 0 {
				what = fmt.Sprintf("%s unreachable - need to frag (mtu %d)", orig, mtu)
			} else {
				what = fmt.Sprintf("%s unreachable - need to frag", orig)
			}
		default:
			if format, ok := icmpv4Unreach[code]; ok {
				what = fmt.Sprintf(format, orig)
			} else {
				what = fmt.Sprintf("#%d %s unreachable", code, orig)
			}
		}
	case ICMPv4TimeExceeded:
		switch code {
		case 0:
			what = "time exceeded in-transit"
		case 1:
			what = "ip reassembly time exceeded"
		default:
			what = fmt.Sprintf("time exceeded-#%d", code)
		}
	case ICMPv4Redirect:
		q, ok := m.Quoted()
		gw := m.Gateway()
		if !ok {
			what = fmt.Sprintf("redirect to %s, original datagram truncated", gw)
			break
		}
		format := icmpv4Redirect[code]
		if format == "" {
			format = "redirect-#" + strconv.Itoa(int(code)) + " %s to %s"
		}
		what = fmt.Sprintf(format, q.Dst, gw)
	case ICMPv4ParamProblem:
		if code != 0 {
			what = fmt.Sprintf("parameter problem - code %d", code)
		} else {
			what = fmt.Sprintf("parameter problem - octet %d", m.Pointer())
		}
	case ICMPv4SrcQuench:
		what = "source quench"
	case ICMPv4Timestamp:
		what = fmt.Sprintf("time stamp query id %d seq %d", m.Ident(), m.Sequence())
	case ICMPv4TimestampReply:
		what = fmt.Sprintf("time stamp reply id %d seq %d", m.Ident(), m.Sequence())
	case ICMPv4InfoRequest:
		what = "information request"
	case ICMPv4InfoReply:
		what = "information reply"
	default:
		what = fmt.Sprintf("type-#%d", typ)
	}
	return fmt.Sprintf("%s > %s: ICMP %s, length %d", f.Src, f.Dst, what, len(m))
}

// icmpv6Types holds print-icmp6.c's icmp6_type_values.
var icmpv6Types = map[uint8]string{
	ICMPv6DstUnreachable:  "destination unreachable",
	ICMPv6PacketTooBig:    "packet too big",
	ICMPv6TimeExceeded:    "time exceeded in-transit",
	ICMPv6ParamProblem:    "parameter problem",
	ICMPv6EchoRequest:     "echo request",
	ICMPv6EchoReply:       "echo reply",
	ICMPv6MLDQuery:        "multicast listener query",
	ICMPv6MLDReport:       "multicast listener report",
	ICMPv6MLDDone:         "multicast listener done",
	ICMPv6RouterSolicit:   "router solicitation",
	ICMPv6RouterAdvert:    "router advertisement",
	ICMPv6NeighborSolicit: "neighbor solicitation",
	ICMPv6NeighborAdvert:  "neighbor advertisement",
	ICMPv6Redirect:        "redirect",
	ICMPv6MLDv2Report:     "multicast listener report v2",
}

// icmpv6Unreach holds print-icmp6.c's destination unreachable codes.
var icmpv6Unreach = map[uint8]string{
	0: "unreachable route", 1: "unreachable prohibited", 2: "beyond scope",
	3: "unreachable address", ICMPv6PortUnreachable: "unreachable port",
}

// icmpv6Summary is print-icmp6.c's line without -v.
func (f *Frame) icmpv6Summary() string {
	m := f.ICMPv6
	typ, code := m.Type(), m.Code()
	name, ok := icmpv6Types[typ]
	if !ok {
		name = fmt.Sprintf("unknown icmp6 type (%d)", typ)
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s > %s: ICMP6, %s", f.Src, f.Dst, name)
	body := m.Body()
	switch typ {
	case ICMPv6DstUnreachable:
		c, ok := icmpv6Unreach[code]
		if !ok {
			c = fmt.Sprintf("unknown unreach code (%d)", code)
		}
		sb.WriteString(", " + c)
		q, ok := m.Quoted()
		if !ok {
			sb.WriteString(", original datagram truncated")
			break
		}
		if code != ICMPv6PortUnreachable || !q.HasPorts {
			sb.WriteString(" " + q.Dst.String())
			break
		}
		switch q.Proto {
		case ProtoTCP:
			fmt.Fprintf(&sb, ", %s tcp port %d", q.Dst, q.DstPort)
		case ProtoUDP:
			fmt.Fprintf(&sb, ", %s udp port %d", q.Dst, q.DstPort)
		default:
			fmt.Fprintf(&sb, ", %s protocol %d port %d unreachable", q.Dst, q.Proto, q.DstPort)
		}
	case ICMPv6PacketTooBig:
		fmt.Fprintf(&sb, ", mtu %d", m.TypeSpecific())
	case ICMPv6TimeExceeded:
		switch code {
		case ICMPv6HopLimitExceeded:
			if q, ok := m.Quoted(); ok {
				fmt.Fprintf(&sb, " for %s", q.Dst)
			}
		case ICMPv6ReassemblyTimeout:
			sb.WriteString(" (reassembly)")
		default:
			fmt.Fprintf(&sb, ", unknown code (%d)", code)
		}
	case ICMPv6ParamProblem:
		ptr := m.TypeSpecific()
		switch code {
		case 0:
			fmt.Fprintf(&sb, ", erroneous - octet %d", ptr)
		case 1:
			fmt.Fprintf(&sb, ", next header - octet %d", ptr)
		case 2:
			fmt.Fprintf(&sb, ", option - octet %d", ptr)
		default:
			fmt.Fprintf(&sb, ", code-#%d", code)
		}
	case ICMPv6EchoRequest, ICMPv6EchoReply:
		fmt.Fprintf(&sb, ", id %d, seq %d", m.Ident(), m.Sequence())
	case ICMPv6NeighborSolicit, ICMPv6NeighborAdvert:
		// 4 bytes of flags/reserved, then the target.
		if len(body) < 4+16 {
			sb.WriteString(", truncated")
			break
		}
		target := netip.AddrFrom16([16]byte(body[4:20]))
		if typ == ICMPv6NeighborSolicit {
			fmt.Fprintf(&sb, ", who has %s", target)
		} else {
			fmt.Fprintf(&sb, ", tgt is %s", target)
		}
	case ICMPv6Redirect:
		if len(body) < 4+32 {
			sb.WriteString(", truncated")
			break
		}
		fmt.Fprintf(&sb, ", %s to %s", netip.AddrFrom16([16]byte(body[20:36])), netip.AddrFrom16([16]byte(body[4:20])))
	case ICMPv6MLDv2Report:
		if len(body) >= 4 {
			fmt.Fprintf(&sb, ", %d group record(s)", binary.BigEndian.Uint16(body[2:]))
		}
	case ICMPv6MLDQuery, ICMPv6MLDReport, ICMPv6MLDDone:
		if len(body) >= 4+16 {
			fmt.Fprintf(&sb, " max resp delay: %d addr: %s", binary.BigEndian.Uint16(body[0:]), netip.AddrFrom16([16]byte(body[4:20])))
		}
	}
	fmt.Fprintf(&sb, ", length %d", len(m))
	return sb.String()
}
