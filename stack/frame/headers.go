package frame

import (
	"encoding/binary"
	"net/netip"
)

// This file holds the headers as views of a frame's bytes, in the manner of
// gVisor's tcpip/header: a view is a byte slice the decoder has checked is
// long enough, and its methods read the fields. Only Decode makes views, so
// no method here needs to check a length.

// EtherTypes (IEEE 802 numbers) of the network protocols netplay's links
// carry.
const (
	EtherTypeIPv4 uint16 = 0x0800
	EtherTypeARP  uint16 = 0x0806
	EtherTypeIPv6 uint16 = 0x86dd
)

// IP protocol numbers (IANA) of the transports netplay decodes.
const (
	ProtoICMPv4 uint8 = 1
	ProtoTCP    uint8 = 6
	ProtoUDP    uint8 = 17
	ProtoICMPv6 uint8 = 58
)

// Header sizes.
const (
	EthernetSize  = 14
	ARPSize       = 28 // an ARP packet for IPv4 over Ethernet
	IPv4MinSize   = 20
	IPv6Size      = 40 // the fixed header, before any extension header
	TCPMinSize    = 20
	UDPSize       = 8
	ICMPv4MinSize = 8 // type, code, checksum and the 4-byte rest of header
	ICMPv6MinSize = 8
)

// Ethernet is an Ethernet II header.
type Ethernet []byte

// Dst returns the destination MAC address.
func (b Ethernet) Dst() MAC { return MAC(b[0:6]) }

// Src returns the source MAC address.
func (b Ethernet) Src() MAC { return MAC(b[6:12]) }

// Type returns the EtherType.
func (b Ethernet) Type() uint16 { return binary.BigEndian.Uint16(b[12:]) }

// MAC is a 6-byte hardware address.
type MAC []byte

// String writes the address as tcpdump and ip do: "02:00:00:00:00:01".
func (m MAC) String() string {
	const hex = "0123456789abcdef"
	b := make([]byte, 0, 17)
	for i, c := range m {
		if i > 0 {
			b = append(b, ':')
		}
		b = append(b, hex[c>>4], hex[c&15])
	}
	return string(b)
}

// ARP operations.
const (
	ARPRequest uint16 = 1
	ARPReply   uint16 = 2
)

// ARP is an ARP packet for IPv4 over Ethernet (RFC 826).
type ARP []byte

// Op returns the operation: ARPRequest or ARPReply.
func (b ARP) Op() uint16 { return binary.BigEndian.Uint16(b[6:]) }

// SenderMAC returns the sender's hardware address.
func (b ARP) SenderMAC() MAC { return MAC(b[8:14]) }

// SenderIP returns the sender's IPv4 address.
func (b ARP) SenderIP() netip.Addr { return netip.AddrFrom4([4]byte(b[14:18])) }

// TargetMAC returns the target's hardware address (zero in a request).
func (b ARP) TargetMAC() MAC { return MAC(b[18:24]) }

// TargetIP returns the target's IPv4 address.
func (b ARP) TargetIP() netip.Addr { return netip.AddrFrom4([4]byte(b[24:28])) }

// IPv4 is an IPv4 packet: its header and payload, without the Ethernet
// padding after it.
type IPv4 []byte

// HeaderLength returns the header's length in bytes (IHL × 4).
func (b IPv4) HeaderLength() int { return int(b[0]&0x0f) * 4 }

// TotalLength returns the length of the packet the header announces.
func (b IPv4) TotalLength() int { return int(binary.BigEndian.Uint16(b[2:])) }

// ID returns the identification field.
func (b IPv4) ID() uint16 { return binary.BigEndian.Uint16(b[4:]) }

// DontFragment reports the DF flag.
func (b IPv4) DontFragment() bool { return b[6]&0x40 != 0 }

// MoreFragments reports the MF flag.
func (b IPv4) MoreFragments() bool { return b[6]&0x20 != 0 }

// FragmentOffset returns the fragment's offset in bytes.
func (b IPv4) FragmentOffset() int { return int(binary.BigEndian.Uint16(b[6:])&0x1fff) * 8 }

// TTL returns the time to live.
func (b IPv4) TTL() uint8 { return b[8] }

// Protocol returns the transport protocol number.
func (b IPv4) Protocol() uint8 { return b[9] }

// Checksum returns the header checksum as sent.
func (b IPv4) Checksum() uint16 { return binary.BigEndian.Uint16(b[10:]) }

// Src returns the source address.
func (b IPv4) Src() netip.Addr { return netip.AddrFrom4([4]byte(b[12:16])) }

// Dst returns the destination address.
func (b IPv4) Dst() netip.Addr { return netip.AddrFrom4([4]byte(b[16:20])) }

// Payload returns what follows the header.
func (b IPv4) Payload() []byte { return b[b.HeaderLength():] }

// IPv6 is an IPv6 packet: the fixed header, any extension headers and the
// payload, without the Ethernet padding after it.
type IPv6 []byte

// PayloadLength returns the length of what follows the fixed header.
func (b IPv6) PayloadLength() int { return int(binary.BigEndian.Uint16(b[4:])) }

// NextHeader returns the fixed header's next header field (an extension
// header or the transport protocol).
func (b IPv6) NextHeader() uint8 { return b[6] }

// HopLimit returns the hop limit.
func (b IPv6) HopLimit() uint8 { return b[7] }

// Src returns the source address.
func (b IPv6) Src() netip.Addr { return netip.AddrFrom16([16]byte(b[8:24])) }

// Dst returns the destination address.
func (b IPv6) Dst() netip.Addr { return netip.AddrFrom16([16]byte(b[24:40])) }

// TCP is a TCP segment: header and payload.
type TCP []byte

// SrcPort returns the source port.
func (b TCP) SrcPort() uint16 { return binary.BigEndian.Uint16(b[0:]) }

// DstPort returns the destination port.
func (b TCP) DstPort() uint16 { return binary.BigEndian.Uint16(b[2:]) }

// Seq returns the sequence number.
func (b TCP) Seq() uint32 { return binary.BigEndian.Uint32(b[4:]) }

// Ack returns the acknowledgement number.
func (b TCP) Ack() uint32 { return binary.BigEndian.Uint32(b[8:]) }

// HeaderLength returns the header's length in bytes (data offset × 4).
func (b TCP) HeaderLength() int { return int(b[12]>>4) * 4 }

// Flags returns the flags byte.
func (b TCP) Flags() TCPFlags { return TCPFlags(b[13]) }

// Window returns the window field (not scaled).
func (b TCP) Window() uint16 { return binary.BigEndian.Uint16(b[14:]) }

// Checksum returns the checksum as sent.
func (b TCP) Checksum() uint16 { return binary.BigEndian.Uint16(b[16:]) }

// Urgent returns the urgent pointer.
func (b TCP) Urgent() uint16 { return binary.BigEndian.Uint16(b[18:]) }

// Options returns the bytes of the options, between the fixed header and
// the payload.
func (b TCP) Options() []byte { return b[TCPMinSize:b.HeaderLength()] }

// Payload returns the data the segment carries.
func (b TCP) Payload() []byte { return b[b.HeaderLength():] }

// UDP is a UDP datagram: header and payload (as long as its length field
// says).
type UDP []byte

// SrcPort returns the source port.
func (b UDP) SrcPort() uint16 { return binary.BigEndian.Uint16(b[0:]) }

// DstPort returns the destination port.
func (b UDP) DstPort() uint16 { return binary.BigEndian.Uint16(b[2:]) }

// Length returns the length field: header and payload.
func (b UDP) Length() int { return int(binary.BigEndian.Uint16(b[4:])) }

// Payload returns the data the datagram carries.
func (b UDP) Payload() []byte { return b[UDPSize:b.Length()] }

// ICMPv4 is an ICMPv4 message.
type ICMPv4 []byte

// ICMPv4 types (RFC 792) that Summary names.
const (
	ICMPv4EchoReply      uint8 = 0
	ICMPv4DstUnreachable uint8 = 3
	ICMPv4SrcQuench      uint8 = 4
	ICMPv4Redirect       uint8 = 5
	ICMPv4Echo           uint8 = 8
	ICMPv4TimeExceeded   uint8 = 11
	ICMPv4ParamProblem   uint8 = 12
	ICMPv4Timestamp      uint8 = 13
	ICMPv4TimestampReply uint8 = 14
	ICMPv4InfoRequest    uint8 = 15
	ICMPv4InfoReply      uint8 = 16
)

// ICMPv4 destination unreachable codes that need more than a name.
const (
	ICMPv4ProtoUnreachable uint8 = 2
	ICMPv4PortUnreachable  uint8 = 3
	ICMPv4FragNeeded       uint8 = 4
)

// Type returns the message type.
func (b ICMPv4) Type() uint8 { return b[0] }

// Code returns the message code.
func (b ICMPv4) Code() uint8 { return b[1] }

// Ident returns an echo's or timestamp's identifier.
func (b ICMPv4) Ident() uint16 { return binary.BigEndian.Uint16(b[4:]) }

// Sequence returns an echo's or timestamp's sequence number.
func (b ICMPv4) Sequence() uint16 { return binary.BigEndian.Uint16(b[6:]) }

// MTU returns the next-hop MTU of a "fragmentation needed" error.
func (b ICMPv4) MTU() uint16 { return binary.BigEndian.Uint16(b[6:]) }

// Pointer returns a parameter problem's octet pointer.
func (b ICMPv4) Pointer() uint8 { return b[4] }

// Gateway returns a redirect's gateway address.
func (b ICMPv4) Gateway() netip.Addr { return netip.AddrFrom4([4]byte(b[4:8])) }

// Payload returns what follows the first 8 bytes: for an error, the
// datagram it quotes.
func (b ICMPv4) Payload() []byte { return b[ICMPv4MinSize:] }

// IsError reports an error message (destination unreachable, source
// quench, redirect, time exceeded, parameter problem), which quotes the
// datagram that caused it.
func (b ICMPv4) IsError() bool {
	switch b.Type() {
	case ICMPv4DstUnreachable, ICMPv4SrcQuench, ICMPv4Redirect, ICMPv4TimeExceeded, ICMPv4ParamProblem:
		return true
	}
	return false
}

// Quoted returns what an ICMPv4 error quotes of the datagram that caused
// it; ok is false when that is not an IPv4 header.
func (b ICMPv4) Quoted() (q Quoted, ok bool) {
	p := b.Payload()
	if len(p) < IPv4MinSize || p[0]>>4 != 4 {
		return Quoted{}, false
	}
	ip := IPv4(p)
	q = Quoted{Src: ip.Src(), Dst: ip.Dst(), Proto: ip.Protocol()}
	if hl := ip.HeaderLength(); hl >= IPv4MinSize && len(p) >= hl+4 {
		q.HasPorts = true
		q.SrcPort, q.DstPort = binary.BigEndian.Uint16(p[hl:]), binary.BigEndian.Uint16(p[hl+2:])
	}
	return q, true
}

// ICMPv6 is an ICMPv6 message (NDP and MLD included).
type ICMPv6 []byte

// ICMPv6 types (RFC 4443, 4861, 2710, 3810) that Summary names.
const (
	ICMPv6DstUnreachable    uint8 = 1
	ICMPv6PacketTooBig      uint8 = 2
	ICMPv6TimeExceeded      uint8 = 3
	ICMPv6ParamProblem      uint8 = 4
	ICMPv6EchoRequest       uint8 = 128
	ICMPv6EchoReply         uint8 = 129
	ICMPv6MLDQuery          uint8 = 130
	ICMPv6MLDReport         uint8 = 131
	ICMPv6MLDDone           uint8 = 132
	ICMPv6RouterSolicit     uint8 = 133
	ICMPv6RouterAdvert      uint8 = 134
	ICMPv6NeighborSolicit   uint8 = 135
	ICMPv6NeighborAdvert    uint8 = 136
	ICMPv6Redirect          uint8 = 137
	ICMPv6MLDv2Report       uint8 = 143
	ICMPv6PortUnreachable   uint8 = 4 // destination unreachable code
	ICMPv6HopLimitExceeded  uint8 = 0 // time exceeded code
	ICMPv6ReassemblyTimeout uint8 = 1 // time exceeded code
)

// Type returns the message type.
func (b ICMPv6) Type() uint8 { return b[0] }

// Code returns the message code.
func (b ICMPv6) Code() uint8 { return b[1] }

// TypeSpecific returns the 4 bytes after the checksum (a parameter
// problem's pointer, an MTU, an echo's identifier and sequence).
func (b ICMPv6) TypeSpecific() uint32 { return binary.BigEndian.Uint32(b[4:]) }

// Ident returns an echo's identifier.
func (b ICMPv6) Ident() uint16 { return binary.BigEndian.Uint16(b[4:]) }

// Sequence returns an echo's sequence number.
func (b ICMPv6) Sequence() uint16 { return binary.BigEndian.Uint16(b[6:]) }

// Body returns what follows type, code and checksum.
func (b ICMPv6) Body() []byte { return b[4:] }

// Payload returns what follows the first 8 bytes: for an error, the packet
// it quotes.
func (b ICMPv6) Payload() []byte { return b[ICMPv6MinSize:] }

// IsError reports an error message (types below 128, RFC 4443), which
// quotes the packet that caused it.
func (b ICMPv6) IsError() bool { return b.Type() < 128 }

// Quoted returns what an ICMPv6 error quotes of the packet that caused it
// (the ports when a TCP or UDP header follows the fixed header at once);
// ok is false when that is not an IPv6 header.
func (b ICMPv6) Quoted() (q Quoted, ok bool) {
	p := b.Payload()
	if len(p) < IPv6Size || p[0]>>4 != 6 {
		return Quoted{}, false
	}
	ip := IPv6(p)
	q = Quoted{Src: ip.Src(), Dst: ip.Dst(), Proto: ip.NextHeader()}
	if len(p) >= IPv6Size+4 {
		q.HasPorts = true
		q.SrcPort, q.DstPort = binary.BigEndian.Uint16(p[IPv6Size:]), binary.BigEndian.Uint16(p[IPv6Size+2:])
	}
	return q, true
}

// Quoted is what an ICMP error quotes of the datagram that caused it.
type Quoted struct {
	Src, Dst netip.Addr
	Proto    uint8 // the quoted header's protocol / next header
	HasPorts bool  // the quote reaches the transport's ports
	SrcPort  uint16
	DstPort  uint16
}
