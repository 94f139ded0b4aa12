package trace

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/tcpip/header"
)

// This file decodes the Ethernet frames a Recorder sees into the fields of
// an Event and a tcpdump-style summary line. The formats follow tcpdump's
// printers (print-tcp.c, print-arp.c, print-icmp.c, print-icmp6.c,
// print-udp.c) without the leading "IP "/"IP6 " protocol word, which is the
// text contract in ARCHITECTURE.md. Where tcpdump would print the first SYN's
// absolute sequence number, netplay prints it relative (seq 0), as the
// contract's example line shows.
//
// Every length is checked before a header accessor is used, so no input can
// make the decoder panic; a frame that cannot be decoded becomes a KindFrame
// event whose Summary says what is wrong.

// seqTracker remembers each TCP connection's initial sequence numbers so
// sequence and acknowledgement numbers can be shown relative to them, as
// tcpdump does. Connections are keyed by their 4-tuple, so the copy of a
// segment a router forwards onto another link gets the same numbers.
// The zero value is ready to use. It is not safe for concurrent use (the
// Recorder holds its lock while decoding).
type seqTracker struct {
	conns map[connKey]*connISN
	addrs map[netip.Addr]string
}

// endpoint is one side of a TCP connection.
type endpoint struct {
	addr netip.Addr
	port uint16
}

// connKey names a connection independent of direction: a is the smaller
// endpoint.
type connKey struct{ a, b endpoint }

// connISN holds the base of each direction's sequence space; direction 0
// is a→b.
type connISN struct {
	isn   [2]uint32
	known [2]bool
	// names caches, per direction, the strings every segment of the
	// connection repeats: Src, Dst and the tcpdump "a.p > b.q" part.
	names [2]*segNames
}

// segNames are the address strings of one direction of a connection.
type segNames struct {
	src, dst, where string
}

func lessEndpoint(x, y endpoint) bool {
	if c := x.addr.Compare(y.addr); c != 0 {
		return c < 0
	}
	return x.port < y.port
}

// lookup returns the connection state for a segment from src to dst and
// the index of that direction.
func (t *seqTracker) lookup(src, dst endpoint) (*connISN, int) {
	k, d := connKey{src, dst}, 0
	if lessEndpoint(dst, src) {
		k, d = connKey{dst, src}, 1
	}
	if t.conns == nil {
		t.conns = make(map[connKey]*connISN)
	}
	c := t.conns[k]
	if c == nil {
		c = &connISN{}
		t.conns[k] = c
	}
	return c, d
}

// relative learns from a segment in direction d of connection c and returns
// the base to subtract from its sequence number and from its
// acknowledgement number.
//
// A SYN sets its direction's base (a SYN with a new ISN on a known 4-tuple
// starts a new connection and forgets the peer's base). A direction whose
// SYN was never seen takes its base from its first segment (as tcpdump
// does), so the RST that refuses a connection shows seq 0, ack 1. The
// peer's base, if unknown, is learnt from the first acknowledgement
// (ack - 1).
func (c *connISN) relative(d int, flags header.TCPFlags, seq, ack uint32) (seqBase, ackBase uint32) {
	p := 1 - d
	syn, isAck := flags&header.TCPFlagSyn != 0, flags&header.TCPFlagAck != 0
	switch {
	case syn && !isAck:
		if !c.known[d] || c.isn[d] != seq {
			c.isn[d], c.known[d] = seq, true
			c.known[p] = false
		}
	case syn:
		c.isn[d], c.known[d] = seq, true
	case !c.known[d]:
		c.isn[d], c.known[d] = seq, true
	}
	if isAck && !c.known[p] {
		c.isn[p], c.known[p] = ack-1, true
	}
	return c.isn[d], c.isn[p]
}

// names returns the address strings of direction d of connection c
// (segments from src to dst), made once per connection direction.
func (c *connISN) segNames(d int, src, dst endpoint) *segNames {
	if c.names[d] == nil {
		c.names[d] = newSegNames(src, dst)
	}
	return c.names[d]
}

func newSegNames(src, dst endpoint) *segNames {
	return &segNames{
		src:   netip.AddrPortFrom(src.addr, src.port).String(),
		dst:   netip.AddrPortFrom(dst.addr, dst.port).String(),
		where: tcpdumpAddr(src.addr, src.port) + " > " + tcpdumpAddr(dst.addr, dst.port),
	}
}

// addrString returns a.String(), remembered by the tracker when there is
// one: a run repeats the same few addresses in every frame.
func (t *seqTracker) addrString(a netip.Addr) string {
	if t == nil {
		return a.String()
	}
	if s, ok := t.addrs[a]; ok {
		return s
	}
	if t.addrs == nil {
		t.addrs = make(map[netip.Addr]string)
	}
	s := a.String()
	t.addrs[a] = s
	return s
}

// decodeFrame fills e's decoded fields (Kind, Src, Dst, Flags, numbers,
// Summary) from the Ethernet frame in e.Data. With conns nil, sequence
// numbers are shown absolute (the text writer's Absolute option).
func decodeFrame(e *Event, conns *seqTracker) {
	d := decoder{e: e, conns: conns}
	d.ethernet(e.Data)
}

// decoder carries the state of decoding one frame.
type decoder struct {
	e     *Event
	conns *seqTracker
}

// bad marks the frame as undecodable and says why.
func (d *decoder) bad(format string, args ...any) {
	d.e.Kind = KindFrame
	d.e.Summary = fmt.Sprintf(format, args...)
}

func (d *decoder) ethernet(b []byte) {
	d.e.Kind = KindFrame
	if len(b) < header.EthernetMinimumSize {
		d.bad("truncated Ethernet frame, length %d (header needs %d)", len(b), header.EthernetMinimumSize)
		return
	}
	eth := header.Ethernet(b)
	payload := b[header.EthernetMinimumSize:]
	switch typ := eth.Type(); typ {
	case header.ARPProtocolNumber:
		d.arp(payload)
	case header.IPv4ProtocolNumber:
		d.ipv4(payload)
	case header.IPv6ProtocolNumber:
		d.ipv6(payload)
	default:
		d.e.Src, d.e.Dst = eth.SourceAddress().String(), eth.DestinationAddress().String()
		d.bad("%s > %s, ethertype 0x%04x (unknown), length %d", d.e.Src, d.e.Dst, uint16(typ), len(b))
	}
}

// arp decodes an ARP packet (print-arp.c: "ARP, Request who-has X tell Y").
func (d *decoder) arp(b []byte) {
	const fixed = 8 // htype, ptype, hlen, plen, op
	if len(b) < fixed {
		d.bad("ARP, truncated header, length %d", len(b))
		return
	}
	htype, ptype := binary.BigEndian.Uint16(b[0:]), binary.BigEndian.Uint16(b[2:])
	hlen, plen := int(b[4]), int(b[5])
	if htype != 1 || ptype != uint16(header.IPv4ProtocolNumber) || hlen != 6 || plen != 4 {
		d.bad("ARP, hardware type %d, protocol 0x%04x, address lengths %d/%d (not Ethernet/IPv4), length %d",
			htype, ptype, hlen, plen, len(b))
		return
	}
	if len(b) < header.ARPSize {
		d.bad("ARP, truncated, length %d (needs %d)", len(b), header.ARPSize)
		return
	}
	a := header.ARP(b)
	sha := tcpip.LinkAddress(a.HardwareAddressSender()).String()
	spa := netip.AddrFrom4([4]byte(a.ProtocolAddressSender()))
	tha := a.HardwareAddressTarget()
	tpa := netip.AddrFrom4([4]byte(a.ProtocolAddressTarget()))
	e := d.e
	e.Src, e.Dst = spa.String(), tpa.String()
	switch a.Op() {
	case header.ARPRequest:
		e.Kind, e.Type = KindARP, int(header.ARPRequest)
		target := tpa.String()
		if !allZero(tha) {
			target += " (" + tcpip.LinkAddress(tha).String() + ")"
		}
		e.Summary = fmt.Sprintf("ARP, Request who-has %s tell %s, length %d", target, spa, len(b))
	case header.ARPReply:
		e.Kind, e.Type = KindARP, int(header.ARPReply)
		e.Summary = fmt.Sprintf("ARP, Reply %s is-at %s, length %d", spa, sha, len(b))
	default:
		d.bad("ARP, Unknown (%d), length %d", uint16(a.Op()), len(b))
	}
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// ipv4 decodes an IPv4 packet and hands its payload to the transport.
func (d *decoder) ipv4(b []byte) {
	if len(b) < header.IPv4MinimumSize {
		d.bad("IPv4, truncated header, length %d", len(b))
		return
	}
	ip := header.IPv4(b)
	if v := header.IPVersion(b); v != header.IPv4Version {
		d.bad("IPv4, bad version %d, length %d", v, len(b))
		return
	}
	src := netip.AddrFrom4(ip.SourceAddress().As4())
	dst := netip.AddrFrom4(ip.DestinationAddress().As4())
	d.e.Src, d.e.Dst = d.conns.addrString(src), d.conns.addrString(dst)
	hlen, tlen := int(ip.HeaderLength()), int(ip.TotalLength())
	switch {
	case hlen < header.IPv4MinimumSize:
		d.bad("%s > %s: IPv4, bad header length %d", src, dst, hlen)
		return
	case tlen < hlen:
		d.bad("%s > %s: IPv4, total length %d < header length %d", src, dst, tlen, hlen)
		return
	case tlen > len(b):
		d.bad("%s > %s: IPv4, truncated (total length %d, %d bytes present)", src, dst, tlen, len(b))
		return
	}
	payload := b[hlen:tlen] // drops Ethernet padding
	proto := ip.Protocol()
	if ip.FragmentOffset() != 0 {
		d.bad("%s > %s: ip-proto-%d fragment at offset %d, length %d", src, dst, proto, ip.FragmentOffset(), len(payload))
		return
	}
	d.transport(src, dst, proto, payload)
}

// ipv6 decodes an IPv6 packet, skipping extension headers.
func (d *decoder) ipv6(b []byte) {
	if len(b) < header.IPv6MinimumSize {
		d.bad("IPv6, truncated header, length %d", len(b))
		return
	}
	ip := header.IPv6(b)
	if v := header.IPVersion(b); v != header.IPv6Version {
		d.bad("IPv6, bad version %d, length %d", v, len(b))
		return
	}
	src := netip.AddrFrom16(ip.SourceAddress().As16())
	dst := netip.AddrFrom16(ip.DestinationAddress().As16())
	d.e.Src, d.e.Dst = d.conns.addrString(src), d.conns.addrString(dst)
	plen := int(ip.PayloadLength())
	if header.IPv6MinimumSize+plen > len(b) {
		d.bad("%s > %s: IPv6, truncated (payload length %d, %d bytes present)", src, dst, plen, len(b)-header.IPv6MinimumSize)
		return
	}
	payload := b[header.IPv6MinimumSize : header.IPv6MinimumSize+plen]
	next := ip.NextHeader()
	for {
		switch next {
		case 0, 43, 60: // hop-by-hop, routing, destination options
			if len(payload) < 2 {
				d.bad("%s > %s: IPv6, truncated extension header %d", src, dst, next)
				return
			}
			n := (int(payload[1]) + 1) * 8
			if n > len(payload) {
				d.bad("%s > %s: IPv6, truncated extension header %d (%d of %d bytes)", src, dst, next, len(payload), n)
				return
			}
			next, payload = payload[0], payload[n:]
			continue
		case 44: // fragment
			if len(payload) < 8 {
				d.bad("%s > %s: IPv6, truncated fragment header", src, dst)
				return
			}
			off := binary.BigEndian.Uint16(payload[2:]) >> 3
			if off != 0 {
				d.bad("%s > %s: IPv6 fragment of ip-proto-%d at offset %d, length %d", src, dst, payload[0], off*8, len(payload)-8)
				return
			}
			next, payload = payload[0], payload[8:]
			continue
		case 59: // no next header
			d.bad("%s > %s: IPv6, no next header, length %d", src, dst, len(payload))
			return
		}
		break
	}
	d.transport(src, dst, next, payload)
}

func (d *decoder) transport(src, dst netip.Addr, proto uint8, b []byte) {
	switch tcpip.TransportProtocolNumber(proto) {
	case header.TCPProtocolNumber:
		d.tcp(src, dst, b)
	case header.UDPProtocolNumber:
		d.udp(src, dst, b)
	case header.ICMPv4ProtocolNumber:
		if src.Is4() {
			d.icmpv4(src, dst, b)
			return
		}
		d.bad("%s > %s: ip-proto-%d %d", src, dst, proto, len(b))
	case header.ICMPv6ProtocolNumber:
		if src.Is6() {
			d.icmpv6(src, dst, b)
			return
		}
		d.bad("%s > %s: ip-proto-%d %d", src, dst, proto, len(b))
	default:
		d.bad("%s > %s: ip-proto-%d %d", src, dst, proto, len(b))
	}
}

// tcpdumpAddr prints an address and port as tcpdump does: "10.0.0.1.80",
// "fe80::1.80".
func tcpdumpAddr(a netip.Addr, port uint16) string {
	return a.String() + "." + strconv.Itoa(int(port))
}

// tcpFlagString writes the flags as tcpdump does (print-tcp.c
// tcp_flag_values, in that order: F S R P . U E W); "none" when no flag is
// set.
func tcpFlagString(f header.TCPFlags) string { return tcpFlagStrings[f] }

// tcpFlagStrings holds tcpFlagString for every flag byte.
var tcpFlagStrings = func() (t [256]string) {
	for i := range t {
		t[i] = formatTCPFlags(header.TCPFlags(i))
	}
	return t
}()

func formatTCPFlags(f header.TCPFlags) string {
	var sb strings.Builder
	for _, fl := range []struct {
		bit header.TCPFlags
		c   byte
	}{
		{header.TCPFlagFin, 'F'}, {header.TCPFlagSyn, 'S'}, {header.TCPFlagRst, 'R'},
		{header.TCPFlagPsh, 'P'}, {header.TCPFlagAck, '.'}, {header.TCPFlagUrg, 'U'},
		{header.TCPFlagEce, 'E'}, {header.TCPFlagCwr, 'W'},
	} {
		if f&fl.bit != 0 {
			sb.WriteByte(fl.c)
		}
	}
	if sb.Len() == 0 {
		return "none"
	}
	return sb.String()
}

// tcp decodes a TCP segment.
func (d *decoder) tcp(src, dst netip.Addr, b []byte) {
	if len(b) < header.TCPMinimumSize {
		d.bad("%s > %s: TCP, truncated header, length %d", src, dst, len(b))
		return
	}
	t := header.TCP(b)
	sport, dport := t.SourcePort(), t.DestinationPort()
	hlen := int(t.DataOffset())
	var names *segNames
	var conn *connISN
	var dir int
	if d.conns != nil {
		conn, dir = d.conns.lookup(endpoint{src, sport}, endpoint{dst, dport})
		names = conn.segNames(dir, endpoint{src, sport}, endpoint{dst, dport})
	} else {
		names = newSegNames(endpoint{src, sport}, endpoint{dst, dport})
	}
	where := names.where
	if hlen < header.TCPMinimumSize {
		d.bad("%s: TCP, bad header length %d - too short, < %d", where, hlen, header.TCPMinimumSize)
		return
	}
	if hlen > len(b) {
		d.bad("%s: TCP, bad header length %d - too long, > %d", where, hlen, len(b))
		return
	}
	e := d.e
	flags := t.Flags()
	seq, ack := t.SequenceNumber(), t.AckNumber()
	e.Kind = KindSegment
	e.Src, e.Dst = names.src, names.dst
	e.Flags = tcpFlagString(flags)
	e.SeqAbs, e.AckAbs = seq, ack
	e.Len = len(b) - hlen
	e.Win = int(t.WindowSize())
	var seqBase, ackBase uint32
	if d.conns != nil {
		seqBase, ackBase = conn.relative(dir, flags, seq, ack)
	}
	e.Seq = seq - seqBase
	if flags&header.TCPFlagAck != 0 {
		e.Ack = ack - ackBase
	} else {
		e.Ack = 0
	}
	// SACK blocks acknowledge the peer's sequence space.
	e.Options = tcpOptions(b[header.TCPMinimumSize:hlen], ackBase)
	var urg uint16
	if flags&header.TCPFlagUrg != 0 {
		urg = t.UrgentPointer()
	}
	e.Summary = tcpSummary(where, e, e.Seq, e.Ack, urg)
}

// tcpSummary renders a segment line from its fields (print-tcp.c): seq is
// printed when the segment carries data or SYN/FIN/RST, ack when ACK is
// set, urg when URG is set.
func tcpSummary(where string, e *Event, seq, ack uint32, urg uint16) string {
	b := make([]byte, 0, len(where)+len(e.Options)+96)
	b = append(b, where...)
	b = append(b, ": Flags ["...)
	b = append(b, e.Flags...)
	b = append(b, ']')
	if e.Len > 0 || strings.ContainsAny(e.Flags, "SFR") {
		b = append(b, ", seq "...)
		b = strconv.AppendUint(b, uint64(seq), 10)
		if e.Len > 0 {
			b = append(b, ':')
			b = strconv.AppendUint(b, uint64(seq+uint32(e.Len)), 10)
		}
	}
	if strings.Contains(e.Flags, ".") {
		b = append(b, ", ack "...)
		b = strconv.AppendUint(b, uint64(ack), 10)
	}
	b = append(b, ", win "...)
	b = strconv.AppendInt(b, int64(e.Win), 10)
	if strings.Contains(e.Flags, "U") {
		b = append(b, ", urg "...)
		b = strconv.AppendUint(b, uint64(urg), 10)
	}
	if e.Options != "" {
		b = append(b, ", options ["...)
		b = append(b, e.Options...)
		b = append(b, ']')
	}
	b = append(b, ", length "...)
	b = strconv.AppendInt(b, int64(e.Len), 10)
	return string(b)
}

// tcpOptions renders TCP options as tcpdump does, e.g.
// "mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7". SACK block edges are
// shown relative to sackBase. A malformed option list ends in "[bad opt]".
func tcpOptions(b []byte, sackBase uint32) string {
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
		if kind == header.TCPOptionEOL {
			sep()
			out = append(out, "eol"...)
			break
		}
		if kind == header.TCPOptionNOP {
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
		case header.TCPOptionMSS:
			want = header.TCPOptionMSSLength
			if ok = len(data) >= 2; ok {
				out = strconv.AppendUint(append(out, "mss "...), uint64(binary.BigEndian.Uint16(data)), 10)
			}
		case header.TCPOptionWS:
			want = header.TCPOptionWSLength
			if ok = len(data) >= 1; ok {
				out = strconv.AppendUint(append(out, "wscale "...), uint64(data[0]), 10)
			}
		case header.TCPOptionSACKPermitted:
			want = header.TCPOptionSackPermittedLength
			out = append(out, "sackOK"...)
		case header.TCPOptionTS:
			want = header.TCPOptionTSLength
			if ok = len(data) >= 8; ok {
				out = strconv.AppendUint(append(out, "TS val "...), uint64(binary.BigEndian.Uint32(data)), 10)
				out = strconv.AppendUint(append(out, " ecr "...), uint64(binary.BigEndian.Uint32(data[4:])), 10)
			}
		case header.TCPOptionSACK:
			if len(data)%8 != 0 {
				out = append(out, "sack invalid"...)
				break
			}
			out = append(strconv.AppendInt(append(out, "sack "...), int64(len(data)/8), 10), ' ')
			for i := 0; i+8 <= len(data); i += 8 {
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

// udp decodes a UDP datagram (print-udp.c: "UDP, length N").
func (d *decoder) udp(src, dst netip.Addr, b []byte) {
	if len(b) < header.UDPMinimumSize {
		d.bad("%s > %s: UDP, truncated header, length %d", src, dst, len(b))
		return
	}
	u := header.UDP(b)
	sport, dport := u.SourcePort(), u.DestinationPort()
	where := tcpdumpAddr(src, sport) + " > " + tcpdumpAddr(dst, dport)
	ulen := int(u.Length())
	if ulen < header.UDPMinimumSize || ulen > len(b) {
		d.bad("%s: UDP, bad length %d (%d bytes present)", where, ulen, len(b))
		return
	}
	e := d.e
	e.Kind = KindUDP
	e.Src = netip.AddrPortFrom(src, sport).String()
	e.Dst = netip.AddrPortFrom(dst, dport).String()
	e.Len = ulen - header.UDPMinimumSize
	e.Summary = fmt.Sprintf("%s: UDP, length %d", where, e.Len)
}

// icmpv4Unreach holds print-icmp.c's unreach2str formats, by code.
var icmpv4Unreach = map[header.ICMPv4Code]string{
	header.ICMPv4NetUnreachable:            "net %s unreachable",
	header.ICMPv4HostUnreachable:           "host %s unreachable",
	header.ICMPv4SourceRouteFailed:         "%s unreachable - source route failed",
	header.ICMPv4DestinationNetworkUnknown: "net %s unreachable - unknown",
	header.ICMPv4DestinationHostUnknown:    "host %s unreachable - unknown",
	header.ICMPv4SourceHostIsolated:        "%s unreachable - source host isolated",
	header.ICMPv4NetProhibited:             "net %s unreachable - admin prohibited",
	header.ICMPv4HostProhibited:            "host %s unreachable - admin prohibited",
	header.ICMPv4NetUnreachableForTos:      "net %s unreachable - tos prohibited",
	header.ICMPv4HostUnreachableForTos:     "host %s unreachable - tos prohibited",
	header.ICMPv4AdminProhibited:           "host %s unreachable - admin prohibited filter",
	header.ICMPv4HostPrecedenceViolation:   "host %s unreachable - host precedence violation",
	header.ICMPv4PrecedenceCutInEffect:     "host %s unreachable - precedence cutoff",
}

// icmpv4 decodes an ICMPv4 message (print-icmp.c).
func (d *decoder) icmpv4(src, dst netip.Addr, b []byte) {
	if len(b) < header.ICMPv4MinimumSize {
		d.bad("%s > %s: ICMP, truncated header, length %d", src, dst, len(b))
		return
	}
	m := header.ICMPv4(b)
	typ, code := m.Type(), m.Code()
	e := d.e
	e.Kind, e.Type, e.Code = KindICMP, int(typ), int(code)
	var what string
	switch typ {
	case header.ICMPv4Echo, header.ICMPv4EchoReply:
		dir := "request"
		if typ == header.ICMPv4EchoReply {
			dir = "reply"
		}
		what = fmt.Sprintf("echo %s, id %d, seq %d", dir, m.Ident(), m.Sequence())
	case header.ICMPv4DstUnreachable:
		inner, ok := innerIPv4(m.Payload())
		if !ok {
			what = fmt.Sprintf("unreachable code %d, original datagram truncated", code)
			break
		}
		orig := inner.dst.String()
		switch code {
		case header.ICMPv4ProtoUnreachable:
			what = fmt.Sprintf("%s protocol %d unreachable", orig, inner.proto)
		case header.ICMPv4PortUnreachable:
			if !inner.hasPorts {
				what = fmt.Sprintf("%s port unreachable, original datagram truncated", orig)
				break
			}
			switch tcpip.TransportProtocolNumber(inner.proto) {
			case header.TCPProtocolNumber:
				what = fmt.Sprintf("%s tcp port %d unreachable", orig, inner.dport)
			case header.UDPProtocolNumber:
				what = fmt.Sprintf("%s udp port %d unreachable", orig, inner.dport)
			default:
				what = fmt.Sprintf("%s protocol %d port %d unreachable", orig, inner.proto, inner.dport)
			}
		case header.ICMPv4FragmentationNeeded:
			if mtu := m.MTU(); mtu != 0 {
				what = fmt.Sprintf("%s unreachable - need to frag (mtu %d)", orig, mtu)
			} else {
				what = fmt.Sprintf("%s unreachable - need to frag", orig)
			}
		default:
			if f, ok := icmpv4Unreach[code]; ok {
				what = fmt.Sprintf(f, orig)
			} else {
				what = fmt.Sprintf("#%d %s unreachable", code, orig)
			}
		}
	case header.ICMPv4TimeExceeded:
		switch code {
		case header.ICMPv4TTLExceeded:
			what = "time exceeded in-transit"
		case header.ICMPv4ReassemblyTimeout:
			what = "ip reassembly time exceeded"
		default:
			what = fmt.Sprintf("time exceeded-#%d", code)
		}
	case header.ICMPv4Redirect:
		inner, ok := innerIPv4(m.Payload())
		gw := netip.AddrFrom4([4]byte(b[4:8]))
		if !ok {
			what = fmt.Sprintf("redirect to %s, original datagram truncated", gw)
			break
		}
		to := map[header.ICMPv4Code]string{0: "redirect %s to net %s", 1: "redirect %s to host %s",
			2: "redirect-tos %s to net %s", 3: "redirect-tos %s to host %s"}[code]
		if to == "" {
			to = "redirect-#" + strconv.Itoa(int(code)) + " %s to %s"
		}
		what = fmt.Sprintf(to, inner.dst, gw)
	case header.ICMPv4ParamProblem:
		if code != 0 {
			what = fmt.Sprintf("parameter problem - code %d", code)
		} else {
			what = fmt.Sprintf("parameter problem - octet %d", m.Pointer())
		}
	case header.ICMPv4SrcQuench:
		what = "source quench"
	case header.ICMPv4Timestamp:
		what = fmt.Sprintf("time stamp query id %d seq %d", m.Ident(), m.Sequence())
	case header.ICMPv4TimestampReply:
		what = fmt.Sprintf("time stamp reply id %d seq %d", m.Ident(), m.Sequence())
	case header.ICMPv4InfoRequest:
		what = "information request"
	case header.ICMPv4InfoReply:
		what = "information reply"
	default:
		what = fmt.Sprintf("type-#%d", typ)
	}
	e.Summary = fmt.Sprintf("%s > %s: ICMP %s, length %d", src, dst, what, len(b))
}

// innerIP is what an ICMP error quotes of the datagram that caused it.
type innerIP struct {
	dst      netip.Addr
	proto    uint8
	hasPorts bool
	dport    uint16
}

// innerIPv4 parses the IPv4 header (and the ports after it) that an ICMPv4
// error carries.
func innerIPv4(b []byte) (innerIP, bool) {
	if len(b) < header.IPv4MinimumSize || header.IPVersion(b) != header.IPv4Version {
		return innerIP{}, false
	}
	ip := header.IPv4(b)
	in := innerIP{dst: netip.AddrFrom4(ip.DestinationAddress().As4()), proto: ip.Protocol()}
	if hl := int(ip.HeaderLength()); hl >= header.IPv4MinimumSize && len(b) >= hl+4 {
		in.hasPorts, in.dport = true, binary.BigEndian.Uint16(b[hl+2:])
	}
	return in, true
}

// innerIPv6 parses the IPv6 header (and the ports of a TCP/UDP payload
// right after it) that an ICMPv6 error carries.
func innerIPv6(b []byte) (innerIP, bool) {
	if len(b) < header.IPv6MinimumSize || header.IPVersion(b) != header.IPv6Version {
		return innerIP{}, false
	}
	ip := header.IPv6(b)
	in := innerIP{dst: netip.AddrFrom16(ip.DestinationAddress().As16()), proto: ip.NextHeader()}
	if len(b) >= header.IPv6MinimumSize+4 {
		in.hasPorts, in.dport = true, binary.BigEndian.Uint16(b[header.IPv6MinimumSize+2:])
	}
	return in, true
}

// icmpv6Types holds print-icmp6.c's icmp6_type_values.
var icmpv6Types = map[header.ICMPv6Type]string{
	header.ICMPv6DstUnreachable:            "destination unreachable",
	header.ICMPv6PacketTooBig:              "packet too big",
	header.ICMPv6TimeExceeded:              "time exceeded in-transit",
	header.ICMPv6ParamProblem:              "parameter problem",
	header.ICMPv6EchoRequest:               "echo request",
	header.ICMPv6EchoReply:                 "echo reply",
	header.ICMPv6MulticastListenerQuery:    "multicast listener query",
	header.ICMPv6MulticastListenerReport:   "multicast listener report",
	header.ICMPv6MulticastListenerDone:     "multicast listener done",
	header.ICMPv6RouterSolicit:             "router solicitation",
	header.ICMPv6RouterAdvert:              "router advertisement",
	header.ICMPv6NeighborSolicit:           "neighbor solicitation",
	header.ICMPv6NeighborAdvert:            "neighbor advertisement",
	header.ICMPv6RedirectMsg:               "redirect",
	header.ICMPv6MulticastListenerV2Report: "multicast listener report v2",
}

// icmpv6 decodes an ICMPv6 message, NDP included (print-icmp6.c,
// non-verbose).
func (d *decoder) icmpv6(src, dst netip.Addr, b []byte) {
	if len(b) < header.ICMPv6MinimumSize {
		d.bad("%s > %s: ICMP6, truncated header, length %d", src, dst, len(b))
		return
	}
	m := header.ICMPv6(b)
	typ, code := m.Type(), m.Code()
	e := d.e
	e.Kind, e.Type, e.Code = KindICMP, int(typ), int(code)
	name, ok := icmpv6Types[typ]
	if !ok {
		name = fmt.Sprintf("unknown icmp6 type (%d)", typ)
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s > %s: ICMP6, %s", src, dst, name)
	body := b[header.ICMPv6HeaderSize:] // after type, code, checksum
	switch typ {
	case header.ICMPv6DstUnreachable:
		codes := map[header.ICMPv6Code]string{
			header.ICMPv6NetworkUnreachable: "unreachable route",
			header.ICMPv6Prohibited:         "unreachable prohibited",
			header.ICMPv6BeyondScope:        "beyond scope",
			header.ICMPv6AddressUnreachable: "unreachable address",
			header.ICMPv6PortUnreachable:    "unreachable port",
		}
		c, ok := codes[code]
		if !ok {
			c = fmt.Sprintf("unknown unreach code (%d)", code)
		}
		sb.WriteString(", " + c)
		inner, ok := innerIPv6(m.Payload())
		if !ok {
			sb.WriteString(", original datagram truncated")
			break
		}
		switch code {
		case header.ICMPv6PortUnreachable:
			if !inner.hasPorts {
				sb.WriteString(" " + inner.dst.String())
				break
			}
			switch tcpip.TransportProtocolNumber(inner.proto) {
			case header.TCPProtocolNumber:
				fmt.Fprintf(&sb, ", %s tcp port %d", inner.dst, inner.dport)
			case header.UDPProtocolNumber:
				fmt.Fprintf(&sb, ", %s udp port %d", inner.dst, inner.dport)
			default:
				fmt.Fprintf(&sb, ", %s protocol %d port %d unreachable", inner.dst, inner.proto, inner.dport)
			}
		default:
			sb.WriteString(" " + inner.dst.String())
		}
	case header.ICMPv6PacketTooBig:
		fmt.Fprintf(&sb, ", mtu %d", m.MTU())
	case header.ICMPv6TimeExceeded:
		switch code {
		case header.ICMPv6HopLimitExceeded:
			if inner, ok := innerIPv6(m.Payload()); ok {
				fmt.Fprintf(&sb, " for %s", inner.dst)
			}
		case header.ICMPv6ReassemblyTimeout:
			sb.WriteString(" (reassembly)")
		default:
			fmt.Fprintf(&sb, ", unknown code (%d)", code)
		}
	case header.ICMPv6ParamProblem:
		ptr := m.TypeSpecific()
		switch code {
		case header.ICMPv6ErroneousHeader:
			fmt.Fprintf(&sb, ", erroneous - octet %d", ptr)
		case header.ICMPv6UnknownHeader:
			fmt.Fprintf(&sb, ", next header - octet %d", ptr)
		case header.ICMPv6UnknownOption:
			fmt.Fprintf(&sb, ", option - octet %d", ptr)
		default:
			fmt.Fprintf(&sb, ", code-#%d", code)
		}
	case header.ICMPv6EchoRequest, header.ICMPv6EchoReply:
		fmt.Fprintf(&sb, ", id %d, seq %d", m.Ident(), m.Sequence())
	case header.ICMPv6NeighborSolicit, header.ICMPv6NeighborAdvert:
		// type-specific (4 bytes reserved/flags), then the target.
		if len(body) < 4+16 {
			sb.WriteString(", truncated")
			break
		}
		target := netip.AddrFrom16([16]byte(body[4:20]))
		if typ == header.ICMPv6NeighborSolicit {
			fmt.Fprintf(&sb, ", who has %s", target)
		} else {
			fmt.Fprintf(&sb, ", tgt is %s", target)
		}
	case header.ICMPv6RedirectMsg:
		if len(body) < 4+32 {
			sb.WriteString(", truncated")
			break
		}
		fmt.Fprintf(&sb, ", %s to %s", netip.AddrFrom16([16]byte(body[20:36])), netip.AddrFrom16([16]byte(body[4:20])))
	case header.ICMPv6MulticastListenerV2Report:
		if len(body) >= 4 {
			fmt.Fprintf(&sb, ", %d group record(s)", binary.BigEndian.Uint16(body[2:]))
		}
	case header.ICMPv6MulticastListenerQuery, header.ICMPv6MulticastListenerReport, header.ICMPv6MulticastListenerDone:
		if len(body) >= 4+16 {
			fmt.Fprintf(&sb, " max resp delay: %d addr: %s", binary.BigEndian.Uint16(body[0:]), netip.AddrFrom16([16]byte(body[4:20])))
		}
	}
	fmt.Fprintf(&sb, ", length %d", len(b))
	e.Summary = sb.String()
}
