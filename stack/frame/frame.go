// Package frame decodes the Ethernet frames netplay's links carry (and the
// Linux reference captures): Ethernet, ARP, IPv4, IPv6 with its extension
// headers, TCP, UDP, ICMPv4 and ICMPv6 with NDP, and writes them as tcpdump
// prints them (print-tcp.c, print-arp.c, print-icmp.c, print-icmp6.c,
// print-udp.c, without the leading "IP "/"IP6 " word). It is the one
// decoder of netplay: the trace turns frames into events with it, the
// page's inspector shows their headers, and the Linux reference reads its
// captures with it.
//
// It is plain Go without gVisor, so the page can link it. Every length is
// checked before a header is read, so no input makes it panic; a frame that
// cannot be decoded to its end says why in Frame.Err, in tcpdump's manner.
package frame

import (
	"encoding/binary"
	"fmt"
	"net/netip"
)

// Layer names a protocol header.
type Layer uint8

// The headers Decode knows.
const (
	LayerEthernet Layer = iota + 1
	LayerARP
	LayerIPv4
	LayerIPv6
	LayerTCP
	LayerUDP
	LayerICMPv4
	LayerICMPv6
)

var layerNames = [...]string{
	LayerEthernet: "Ethernet", LayerARP: "ARP", LayerIPv4: "IPv4", LayerIPv6: "IPv6",
	LayerTCP: "TCP", LayerUDP: "UDP", LayerICMPv4: "ICMP", LayerICMPv6: "ICMPv6",
}

// String returns the header's usual name ("IPv4", "ICMP", "ICMPv6").
func (l Layer) String() string {
	if int(l) < len(layerNames) && layerNames[l] != "" {
		return layerNames[l]
	}
	return fmt.Sprintf("Layer(%d)", uint8(l))
}

// Frame is a decoded Ethernet frame. The views of the headers Decode found
// are set (the others are nil); each one ends where its packet does, so
// Ethernet padding is never taken for payload.
type Frame struct {
	Data []byte // the whole frame

	Ethernet Ethernet
	ARP      ARP
	IPv4     IPv4 // header and payload
	IPv6     IPv6 // fixed header, extension headers and payload

	// Src and Dst are the network addresses: the IP source and
	// destination, or an ARP packet's sender and target protocol
	// addresses. They are valid as soon as Decode has read them, also
	// when a later header is wrong.
	Src, Dst netip.Addr

	// Proto is the transport protocol number, after IPv6's extension
	// headers.
	Proto uint8

	TCP    TCP
	UDP    UDP
	ICMPv4 ICMPv4
	ICMPv6 ICMPv6

	// TransportAt is the offset of the transport header in Data (after
	// IPv6's extension headers).
	TransportAt int

	// Err says why Decode stopped before the end; nil when it decoded
	// every header.
	Err *Error
}

// Error is why a frame could not be decoded to its end.
type Error struct {
	// Layer is the header Decode was reading: the one that is cut short or
	// wrong, or for an unknown protocol the header that names it.
	Layer Layer
	// At is the offset in the frame of the bytes that were not decoded.
	At int
	// Text is the summary tcpdump would print for the frame, e.g.
	// "10.0.0.1 > 10.0.0.2: IPv4, truncated (total length 40, 30 bytes present)".
	Text string
}

// Error returns the Text.
func (e *Error) Error() string { return e.Text }

var _ error = (*Error)(nil)

// Decode decodes the Ethernet frame b. The Frame's views share b's bytes.
func Decode(b []byte) Frame {
	f := Frame{Data: b}
	f.ethernet()
	return f
}

// fail records why decoding stopped at offset at while reading layer l.
func (f *Frame) fail(l Layer, at int, format string, args ...any) {
	f.Err = &Error{Layer: l, At: at, Text: fmt.Sprintf(format, args...)}
}

func (f *Frame) ethernet() {
	b := f.Data
	if len(b) < EthernetSize {
		f.fail(LayerEthernet, 0, "truncated Ethernet frame, length %d (header needs %d)", len(b), EthernetSize)
		return
	}
	f.Ethernet = Ethernet(b[:EthernetSize])
	payload := b[EthernetSize:]
	switch typ := f.Ethernet.Type(); typ {
	case EtherTypeARP:
		f.arp(payload)
	case EtherTypeIPv4:
		f.ipv4(payload)
	case EtherTypeIPv6:
		f.ipv6(payload)
	default:
		f.fail(LayerEthernet, EthernetSize, "%s > %s, ethertype 0x%04x (unknown), length %d",
			f.Ethernet.Src(), f.Ethernet.Dst(), typ, len(b))
	}
}

// arp decodes an ARP packet for IPv4 over Ethernet.
func (f *Frame) arp(b []byte) {
	const fixed = 8 // htype, ptype, hlen, plen, op
	if len(b) < fixed {
		f.fail(LayerARP, EthernetSize, "ARP, truncated header, length %d", len(b))
		return
	}
	htype, ptype := binary.BigEndian.Uint16(b[0:]), binary.BigEndian.Uint16(b[2:])
	hlen, plen := int(b[4]), int(b[5])
	if htype != 1 || ptype != EtherTypeIPv4 || hlen != 6 || plen != 4 {
		f.fail(LayerARP, EthernetSize, "ARP, hardware type %d, protocol 0x%04x, address lengths %d/%d (not Ethernet/IPv4), length %d",
			htype, ptype, hlen, plen, len(b))
		return
	}
	if len(b) < ARPSize {
		f.fail(LayerARP, EthernetSize, "ARP, truncated, length %d (needs %d)", len(b), ARPSize)
		return
	}
	a := ARP(b[:ARPSize])
	f.Src, f.Dst = a.SenderIP(), a.TargetIP()
	if op := a.Op(); op != ARPRequest && op != ARPReply {
		f.fail(LayerARP, EthernetSize, "ARP, Unknown (%d), length %d", op, len(b))
		return
	}
	f.ARP = a
}

// ipHeader reports whether b begins with a header of IP version v (at
// least size bytes), and says why not.
func (f *Frame) ipHeader(l Layer, b []byte, size int, v byte) bool {
	if len(b) < size {
		f.fail(l, EthernetSize, "%s, truncated header, length %d", l, len(b))
		return false
	}
	if got := b[0] >> 4; got != v {
		f.fail(l, EthernetSize, "%s, bad version %d, length %d", l, got, len(b))
		return false
	}
	return true
}

// ipv4 decodes an IPv4 packet and hands its payload to the transport.
func (f *Frame) ipv4(b []byte) {
	const at = EthernetSize
	if !f.ipHeader(LayerIPv4, b, IPv4MinSize, 4) {
		return
	}
	ip := IPv4(b)
	src, dst := ip.Src(), ip.Dst()
	f.Src, f.Dst = src, dst
	hlen, tlen := ip.HeaderLength(), ip.TotalLength()
	switch {
	case hlen < IPv4MinSize:
		f.fail(LayerIPv4, at, "%s > %s: IPv4, bad header length %d", src, dst, hlen)
		return
	case tlen < hlen:
		f.fail(LayerIPv4, at, "%s > %s: IPv4, total length %d < header length %d", src, dst, tlen, hlen)
		return
	case tlen > len(b):
		f.fail(LayerIPv4, at, "%s > %s: IPv4, truncated (total length %d, %d bytes present)", src, dst, tlen, len(b))
		return
	}
	f.IPv4 = ip[:tlen] // drops Ethernet padding
	payload := b[hlen:tlen]
	f.TransportAt = at + hlen
	if off := ip.FragmentOffset(); off != 0 {
		f.fail(LayerIPv4, f.TransportAt, "%s > %s: ip-proto-%d fragment at offset %d, length %d", src, dst, ip.Protocol(), off, len(payload))
		return
	}
	f.transport(LayerIPv4, ip.Protocol(), payload)
}

// IPv6 extension headers Decode skips, and the end of the chain.
const (
	ipv6HopByHop  = 0
	ipv6Routing   = 43
	ipv6Fragment  = 44
	ipv6NoNext    = 59
	ipv6DstOption = 60
)

// ipv6 decodes an IPv6 packet, skipping extension headers.
func (f *Frame) ipv6(b []byte) {
	const at = EthernetSize
	if !f.ipHeader(LayerIPv6, b, IPv6Size, 6) {
		return
	}
	ip := IPv6(b)
	src, dst := ip.Src(), ip.Dst()
	f.Src, f.Dst = src, dst
	plen := ip.PayloadLength()
	if IPv6Size+plen > len(b) {
		f.fail(LayerIPv6, at, "%s > %s: IPv6, truncated (payload length %d, %d bytes present)", src, dst, plen, len(b)-IPv6Size)
		return
	}
	f.IPv6 = ip[:IPv6Size+plen]
	payload := b[IPv6Size : IPv6Size+plen]
	next := ip.NextHeader()
	f.TransportAt = at + IPv6Size
	for {
		switch next {
		case ipv6HopByHop, ipv6Routing, ipv6DstOption:
			if len(payload) < 2 {
				f.fail(LayerIPv6, f.TransportAt, "%s > %s: IPv6, truncated extension header %d", src, dst, next)
				return
			}
			n := (int(payload[1]) + 1) * 8
			if n > len(payload) {
				f.fail(LayerIPv6, f.TransportAt, "%s > %s: IPv6, truncated extension header %d (%d of %d bytes)", src, dst, next, len(payload), n)
				return
			}
			next, payload = payload[0], payload[n:]
			f.TransportAt += n
			continue
		case ipv6Fragment:
			if len(payload) < 8 {
				f.fail(LayerIPv6, f.TransportAt, "%s > %s: IPv6, truncated fragment header", src, dst)
				return
			}
			if off := binary.BigEndian.Uint16(payload[2:]) >> 3; off != 0 {
				f.fail(LayerIPv6, f.TransportAt, "%s > %s: IPv6 fragment of ip-proto-%d at offset %d, length %d", src, dst, payload[0], off*8, len(payload)-8)
				return
			}
			next, payload = payload[0], payload[8:]
			f.TransportAt += 8
			continue
		case ipv6NoNext:
			f.fail(LayerIPv6, f.TransportAt, "%s > %s: IPv6, no next header, length %d", src, dst, len(payload))
			return
		}
		break
	}
	f.transport(LayerIPv6, next, payload)
}

// transport decodes the payload of the network header net.
func (f *Frame) transport(net Layer, proto uint8, b []byte) {
	f.Proto = proto
	switch {
	case proto == ProtoTCP:
		f.tcp(b)
	case proto == ProtoUDP:
		f.udp(b)
	case proto == ProtoICMPv4 && net == LayerIPv4:
		f.icmpv4(b)
	case proto == ProtoICMPv6 && net == LayerIPv6:
		f.icmpv6(b)
	default:
		f.fail(net, f.TransportAt, "%s > %s: ip-proto-%d %d", f.Src, f.Dst, proto, len(b))
	}
}

// short reports whether the transport header l (tcpdump's word for it:
// "ICMP6") is cut short in b, and says so.
func (f *Frame) short(l Layer, word string, b []byte, size int) bool {
	if len(b) >= size {
		return false
	}
	f.fail(l, f.TransportAt, "%s > %s: %s, truncated header, length %d", f.Src, f.Dst, word, len(b))
	return true
}

func (f *Frame) tcp(b []byte) {
	if f.short(LayerTCP, "TCP", b, TCPMinSize) {
		return
	}
	t := TCP(b)
	hlen := t.HeaderLength()
	if hlen < TCPMinSize || hlen > len(b) {
		where := Endpoints(f.Src, t.SrcPort(), f.Dst, t.DstPort())
		if hlen < TCPMinSize {
			f.fail(LayerTCP, f.TransportAt, "%s: TCP, bad header length %d - too short, < %d", where, hlen, TCPMinSize)
		} else {
			f.fail(LayerTCP, f.TransportAt, "%s: TCP, bad header length %d - too long, > %d", where, hlen, len(b))
		}
		return
	}
	f.TCP = t
}

func (f *Frame) udp(b []byte) {
	if f.short(LayerUDP, "UDP", b, UDPSize) {
		return
	}
	u := UDP(b)
	if ulen := u.Length(); ulen < UDPSize || ulen > len(b) {
		f.fail(LayerUDP, f.TransportAt, "%s: UDP, bad length %d (%d bytes present)",
			Endpoints(f.Src, u.SrcPort(), f.Dst, u.DstPort()), ulen, len(b))
		return
	}
	f.UDP = u
}

func (f *Frame) icmpv4(b []byte) {
	if !f.short(LayerICMPv4, "ICMP", b, ICMPv4MinSize) {
		f.ICMPv4 = ICMPv4(b)
	}
}

func (f *Frame) icmpv6(b []byte) {
	if !f.short(LayerICMPv6, "ICMP6", b, ICMPv6MinSize) {
		f.ICMPv6 = ICMPv6(b)
	}
}

// Span is where one header lies in a frame's bytes.
type Span struct {
	Layer    Layer
	From, To int
}

// Headers returns the headers Decode found, outermost first, with their
// byte ranges. IPv6's range takes in its extension headers; an ICMP
// message's range is the whole message.
func (f *Frame) Headers() []Span {
	var s []Span
	if f.Ethernet == nil {
		return s
	}
	s = append(s, Span{LayerEthernet, 0, EthernetSize})
	const at = EthernetSize
	switch {
	case f.ARP != nil:
		return append(s, Span{LayerARP, at, at + ARPSize})
	case f.IPv4 != nil:
		s = append(s, Span{LayerIPv4, at, at + f.IPv4.HeaderLength()})
	case f.IPv6 != nil:
		s = append(s, Span{LayerIPv6, at, f.TransportAt})
	default:
		return s
	}
	t := f.TransportAt
	switch {
	case f.TCP != nil:
		s = append(s, Span{LayerTCP, t, t + f.TCP.HeaderLength()})
	case f.UDP != nil:
		s = append(s, Span{LayerUDP, t, t + UDPSize})
	case f.ICMPv4 != nil:
		s = append(s, Span{LayerICMPv4, t, t + len(f.ICMPv4)})
	case f.ICMPv6 != nil:
		s = append(s, Span{LayerICMPv6, t, t + len(f.ICMPv6)})
	}
	return s
}
