package page

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strings"
)

// Layer is one decoded protocol header of a frame, for the inspector.
type Layer struct {
	Name     string
	Fields   [][2]string // name, value
	From, To int         // byte range of the header in the frame
}

// DecodeLayers decodes an Ethernet frame into its headers: Ethernet, then
// ARP, IPv4 or IPv6, then TCP, UDP or ICMP. It stops at the first header it
// does not know or that is cut short (and says so in a last layer).
func DecodeLayers(b []byte) []Layer {
	var ls []Layer
	short := func(name string, need int) []Layer {
		return append(ls, Layer{Name: name, Fields: [][2]string{{"error", fmt.Sprintf("truncated: %d bytes, need %d", len(b), need)}}, From: 0, To: len(b)})
	}
	if len(b) < 14 {
		return short("Ethernet", 14)
	}
	et := binary.BigEndian.Uint16(b[12:])
	ls = append(ls, Layer{Name: "Ethernet", From: 0, To: 14, Fields: [][2]string{
		{"dst", mac(b[0:6])}, {"src", mac(b[6:12])}, {"type", fmt.Sprintf("0x%04x", et)},
	}})
	p := b[14:]
	off := 14
	var proto uint8
	switch et {
	case 0x0806:
		if len(p) < 28 {
			return short("ARP", off+28)
		}
		op := "request"
		if binary.BigEndian.Uint16(p[6:]) == 2 {
			op = "reply"
		}
		return append(ls, Layer{Name: "ARP", From: off, To: off + 28, Fields: [][2]string{
			{"op", op}, {"sender MAC", mac(p[8:14])}, {"sender IP", ip(p[14:18])},
			{"target MAC", mac(p[18:24])}, {"target IP", ip(p[24:28])},
		}})
	case 0x0800:
		if len(p) < 20 {
			return short("IPv4", off+20)
		}
		ihl := int(p[0]&0x0f) * 4
		if ihl < 20 || len(p) < ihl {
			return short("IPv4", off+max(ihl, 20))
		}
		proto = p[9]
		flags := []string{}
		if p[6]&0x40 != 0 {
			flags = append(flags, "DF")
		}
		if p[6]&0x20 != 0 {
			flags = append(flags, "MF")
		}
		ls = append(ls, Layer{Name: "IPv4", From: off, To: off + ihl, Fields: [][2]string{
			{"src", ip(p[12:16])}, {"dst", ip(p[16:20])}, {"ttl", fmt.Sprint(p[8])},
			{"protocol", protoName(proto)}, {"total length", fmt.Sprint(binary.BigEndian.Uint16(p[2:]))},
			{"id", fmt.Sprintf("0x%04x", binary.BigEndian.Uint16(p[4:]))}, {"flags", strings.Join(flags, ",")},
			{"checksum", fmt.Sprintf("0x%04x", binary.BigEndian.Uint16(p[10:]))},
		}})
		off += ihl
		p = p[ihl:]
	case 0x86dd:
		if len(p) < 40 {
			return short("IPv6", off+40)
		}
		proto = p[6]
		ls = append(ls, Layer{Name: "IPv6", From: off, To: off + 40, Fields: [][2]string{
			{"src", ip(p[8:24])}, {"dst", ip(p[24:40])}, {"hop limit", fmt.Sprint(p[7])},
			{"next header", protoName(proto)}, {"payload length", fmt.Sprint(binary.BigEndian.Uint16(p[4:]))},
		}})
		off += 40
		p = p[40:]
	default:
		return ls
	}
	switch proto {
	case 6:
		if len(p) < 20 {
			return short("TCP", off+20)
		}
		doff := int(p[12]>>4) * 4
		if doff < 20 || len(p) < doff {
			return short("TCP", off+max(doff, 20))
		}
		ls = append(ls, Layer{Name: "TCP", From: off, To: off + doff, Fields: [][2]string{
			{"src port", fmt.Sprint(binary.BigEndian.Uint16(p[0:]))}, {"dst port", fmt.Sprint(binary.BigEndian.Uint16(p[2:]))},
			{"seq", fmt.Sprint(binary.BigEndian.Uint32(p[4:]))}, {"ack", fmt.Sprint(binary.BigEndian.Uint32(p[8:]))},
			{"flags", tcpFlags(p[13])}, {"window", fmt.Sprint(binary.BigEndian.Uint16(p[14:]))},
			{"header length", fmt.Sprint(doff)}, {"options", fmt.Sprintf("%d bytes", doff-20)},
			{"payload", fmt.Sprintf("%d bytes", len(p)-doff)},
		}})
	case 17:
		if len(p) < 8 {
			return short("UDP", off+8)
		}
		ls = append(ls, Layer{Name: "UDP", From: off, To: off + 8, Fields: [][2]string{
			{"src port", fmt.Sprint(binary.BigEndian.Uint16(p[0:]))}, {"dst port", fmt.Sprint(binary.BigEndian.Uint16(p[2:]))},
			{"length", fmt.Sprint(binary.BigEndian.Uint16(p[4:]))},
		}})
	case 1, 58:
		if len(p) < 4 {
			return short("ICMP", off+4)
		}
		ls = append(ls, Layer{Name: protoName(proto), From: off, To: off + len(p), Fields: [][2]string{
			{"type", fmt.Sprint(p[0])}, {"code", fmt.Sprint(p[1])},
		}})
	}
	return ls
}

func mac(b []byte) string {
	return fmt.Sprintf("%02x:%02x:%02x:%02x:%02x:%02x", b[0], b[1], b[2], b[3], b[4], b[5])
}

func ip(b []byte) string {
	a, _ := netip.AddrFromSlice(b)
	return a.String()
}

func protoName(p uint8) string {
	switch p {
	case 1:
		return "ICMP"
	case 6:
		return "TCP"
	case 17:
		return "UDP"
	case 58:
		return "ICMPv6"
	}
	return fmt.Sprint(p)
}

func tcpFlags(f uint8) string {
	var s []string
	for _, fl := range []struct {
		bit  uint8
		name string
	}{{0x02, "SYN"}, {0x01, "FIN"}, {0x04, "RST"}, {0x08, "PSH"}, {0x20, "URG"}, {0x10, "ACK"}, {0x40, "ECE"}, {0x80, "CWR"}} {
		if f&fl.bit != 0 {
			s = append(s, fl.name)
		}
	}
	return fmt.Sprintf("0x%02x %s", f, strings.Join(s, ","))
}

// HexDump formats b as offset, 16 hex bytes and their ASCII, one line each.
func HexDump(b []byte) string {
	var sb strings.Builder
	for i := 0; i < len(b); i += 16 {
		end := min(i+16, len(b))
		fmt.Fprintf(&sb, "%04x  ", i)
		for j := i; j < i+16; j++ {
			if j < end {
				fmt.Fprintf(&sb, "%02x ", b[j])
			} else {
				sb.WriteString("   ")
			}
			if j == i+7 {
				sb.WriteByte(' ')
			}
		}
		sb.WriteByte(' ')
		for _, c := range b[i:end] {
			if c < 32 || c > 126 {
				c = '.'
			}
			sb.WriteByte(c)
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}
