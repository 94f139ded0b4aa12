package trace

import (
	"net/netip"

	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/tcpip/checksum"
	"gvisor.dev/gvisor/pkg/tcpip/header"
)

// Builders of real frames for the tests, written with gVisor's header
// package so the bytes are what netstack would put on the wire.

var (
	macClient = tcpip.LinkAddress("\x02\x00\x00\x00\x00\x01")
	macServer = tcpip.LinkAddress("\x02\x00\x00\x00\x01\x01")
	macRouter = tcpip.LinkAddress("\x02\x00\x00\x00\x02\x01")
	macBcast  = tcpip.LinkAddress("\xff\xff\xff\xff\xff\xff")
)

func addr(s string) tcpip.Address {
	return tcpip.AddrFromSlice(netip.MustParseAddr(s).AsSlice())
}

func ethFrame(src, dst tcpip.LinkAddress, typ tcpip.NetworkProtocolNumber, payload []byte) []byte {
	b := make([]byte, header.EthernetMinimumSize+len(payload))
	header.Ethernet(b).Encode(&header.EthernetFields{SrcAddr: src, DstAddr: dst, Type: typ})
	copy(b[header.EthernetMinimumSize:], payload)
	return b
}

// ipPacket wraps a transport payload in IPv4 or IPv6 (by the source
// address) and then in Ethernet.
func ipPacket(src, dst string, proto tcpip.TransportProtocolNumber, payload []byte) []byte {
	s, d := netip.MustParseAddr(src), netip.MustParseAddr(dst)
	if s.Is4() {
		b := make([]byte, header.IPv4MinimumSize+len(payload))
		ip := header.IPv4(b)
		ip.Encode(&header.IPv4Fields{
			TotalLength: uint16(len(b)), TTL: 64, Protocol: uint8(proto),
			SrcAddr: addr(src), DstAddr: addr(dst),
		})
		ip.SetChecksum(^ip.CalculateChecksum())
		copy(b[header.IPv4MinimumSize:], payload)
		return ethFrame(macClient, macServer, header.IPv4ProtocolNumber, b)
	}
	_ = d
	b := make([]byte, header.IPv6MinimumSize+len(payload))
	header.IPv6(b).Encode(&header.IPv6Fields{
		PayloadLength: uint16(len(payload)), TransportProtocol: proto, HopLimit: 64,
		SrcAddr: addr(src), DstAddr: addr(dst),
	})
	copy(b[header.IPv6MinimumSize:], payload)
	return ethFrame(macClient, macServer, header.IPv6ProtocolNumber, b)
}

// tcpFrame builds a whole Ethernet frame carrying one TCP segment from
// src to dst ("ip:port" / "[ip]:port").
func tcpFrame(src, dst string, flags header.TCPFlags, seq, ack uint32, win uint16, opts, payload []byte) []byte {
	s, d := netip.MustParseAddrPort(src), netip.MustParseAddrPort(dst)
	hlen := header.TCPMinimumSize + len(opts)
	b := make([]byte, hlen+len(payload))
	t := header.TCP(b)
	t.Encode(&header.TCPFields{
		SrcPort: s.Port(), DstPort: d.Port(), SeqNum: seq, AckNum: ack,
		DataOffset: uint8(hlen), Flags: flags, WindowSize: win,
	})
	copy(b[header.TCPMinimumSize:], opts)
	copy(b[hlen:], payload)
	xsum := header.PseudoHeaderChecksum(header.TCPProtocolNumber, addr(s.Addr().String()), addr(d.Addr().String()), uint16(len(b)))
	xsum = checksum.Checksum(payload, xsum)
	t.SetChecksum(^t.CalculateChecksum(xsum))
	return ipPacket(s.Addr().String(), d.Addr().String(), header.TCPProtocolNumber, b)
}

// synOptions returns mss, nop, wscale (what the contract's example shows).
func synOptions(mss uint32, ws int) []byte {
	b := make([]byte, 8)
	n := header.EncodeMSSOption(mss, b)
	n += header.EncodeNOP(b[n:])
	n += header.EncodeWSOption(ws, b[n:])
	return b[:n]
}

func udpFrame(src, dst string, payload []byte) []byte {
	s, d := netip.MustParseAddrPort(src), netip.MustParseAddrPort(dst)
	b := make([]byte, header.UDPMinimumSize+len(payload))
	header.UDP(b).Encode(&header.UDPFields{SrcPort: s.Port(), DstPort: d.Port(), Length: uint16(len(b))})
	copy(b[header.UDPMinimumSize:], payload)
	return ipPacket(s.Addr().String(), d.Addr().String(), header.UDPProtocolNumber, b)
}

func arpFrame(op header.ARPOp, sha tcpip.LinkAddress, spa string, tha tcpip.LinkAddress, tpa string) []byte {
	b := make([]byte, header.ARPSize)
	a := header.ARP(b)
	a.SetIPv4OverEthernet()
	a.SetOp(op)
	copy(a.HardwareAddressSender(), sha)
	copy(a.ProtocolAddressSender(), netip.MustParseAddr(spa).AsSlice())
	copy(a.HardwareAddressTarget(), tha)
	copy(a.ProtocolAddressTarget(), netip.MustParseAddr(tpa).AsSlice())
	dst := macBcast
	if op == header.ARPReply {
		dst = tha
	}
	return ethFrame(sha, dst, header.ARPProtocolNumber, b)
}

// icmpv4Frame builds an ICMPv4 message; rest is what follows the first 8
// bytes (for errors: the quoted datagram).
func icmpv4Frame(src, dst string, typ header.ICMPv4Type, code header.ICMPv4Code, word uint32, rest []byte) []byte {
	b := make([]byte, header.ICMPv4MinimumSize+len(rest))
	m := header.ICMPv4(b)
	m.SetType(typ)
	m.SetCode(code)
	b[4], b[5], b[6], b[7] = byte(word>>24), byte(word>>16), byte(word>>8), byte(word)
	copy(b[header.ICMPv4MinimumSize:], rest)
	m.SetChecksum(^checksum.Checksum(b, 0))
	return ipPacket(src, dst, header.ICMPv4ProtocolNumber, b)
}

func icmpv6Frame(src, dst string, typ header.ICMPv6Type, code header.ICMPv6Code, word uint32, rest []byte) []byte {
	b := make([]byte, header.ICMPv6MinimumSize+len(rest))
	m := header.ICMPv6(b)
	m.SetType(typ)
	m.SetCode(code)
	m.SetTypeSpecific(word)
	copy(b[header.ICMPv6MinimumSize:], rest)
	m.SetChecksum(header.ICMPv6Checksum(header.ICMPv6ChecksumParams{Header: m, Src: addr(src), Dst: addr(dst)}))
	return ipPacket(src, dst, header.ICMPv6ProtocolNumber, b)
}

// stripEth returns the IP packet inside an Ethernet frame (what an ICMP
// error quotes).
func stripEth(frame []byte) []byte { return frame[header.EthernetMinimumSize:] }
