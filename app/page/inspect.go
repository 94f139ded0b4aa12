package page

import (
	"fmt"
	"strings"

	"netplay/stack/frame"
)

// Layer is one decoded protocol header of a frame, for the inspector.
type Layer struct {
	Name     string
	Fields   [][2]string // name, value
	From, To int         // byte range of the header in the frame
}

// DecodeLayers decodes an Ethernet frame into its headers with stack/frame's
// decoder: Ethernet, then ARP, IPv4 or IPv6, then TCP, UDP or ICMP. When
// the decoder stops early (a header cut short, an unknown protocol), a last
// layer says why.
func DecodeLayers(b []byte) []Layer {
	f := frame.Decode(b)
	var ls []Layer
	for _, h := range f.Headers() {
		ls = append(ls, Layer{Name: h.Layer.String(), From: h.From, To: h.To, Fields: layerFields(&f, h)})
	}
	if f.Err != nil {
		ls = append(ls, Layer{Name: f.Err.Layer.String(), From: f.Err.At, To: len(b), Fields: [][2]string{{"error", f.Err.Text}}})
	}
	return ls
}

// layerFields are the fields the inspector shows of header h.
func layerFields(f *frame.Frame, h frame.Span) [][2]string {
	switch h.Layer {
	case frame.LayerEthernet:
		e := f.Ethernet
		return [][2]string{{"dst", e.Dst().String()}, {"src", e.Src().String()}, {"type", fmt.Sprintf("0x%04x", e.Type())}}
	case frame.LayerARP:
		a := f.ARP
		op := "request"
		if a.Op() == frame.ARPReply {
			op = "reply"
		}
		return [][2]string{
			{"op", op}, {"sender MAC", a.SenderMAC().String()}, {"sender IP", a.SenderIP().String()},
			{"target MAC", a.TargetMAC().String()}, {"target IP", a.TargetIP().String()},
		}
	case frame.LayerIPv4:
		ip := f.IPv4
		var flags []string
		if ip.DontFragment() {
			flags = append(flags, "DF")
		}
		if ip.MoreFragments() {
			flags = append(flags, "MF")
		}
		return [][2]string{
			{"src", ip.Src().String()}, {"dst", ip.Dst().String()}, {"ttl", fmt.Sprint(ip.TTL())},
			{"protocol", protoName(ip.Protocol())}, {"total length", fmt.Sprint(ip.TotalLength())},
			{"id", fmt.Sprintf("0x%04x", ip.ID())}, {"flags", strings.Join(flags, ",")},
			{"checksum", fmt.Sprintf("0x%04x", ip.Checksum())},
		}
	case frame.LayerIPv6:
		ip := f.IPv6
		return [][2]string{
			{"src", ip.Src().String()}, {"dst", ip.Dst().String()}, {"hop limit", fmt.Sprint(ip.HopLimit())},
			{"next header", protoName(ip.NextHeader())}, {"payload length", fmt.Sprint(ip.PayloadLength())},
		}
	case frame.LayerTCP:
		t := f.TCP
		return [][2]string{
			{"src port", fmt.Sprint(t.SrcPort())}, {"dst port", fmt.Sprint(t.DstPort())},
			{"seq", fmt.Sprint(t.Seq())}, {"ack", fmt.Sprint(t.Ack())},
			{"flags", fmt.Sprintf("0x%02x %s", uint8(t.Flags()), flagNames(t.Flags()))}, {"window", fmt.Sprint(t.Window())},
			{"header length", fmt.Sprint(t.HeaderLength())}, {"options", fmt.Sprintf("%d bytes", len(t.Options()))},
			{"payload", fmt.Sprintf("%d bytes", len(t.Payload()))},
		}
	case frame.LayerUDP:
		u := f.UDP
		return [][2]string{{"src port", fmt.Sprint(u.SrcPort())}, {"dst port", fmt.Sprint(u.DstPort())}, {"length", fmt.Sprint(u.Length())}}
	case frame.LayerICMPv4:
		return [][2]string{{"type", fmt.Sprint(f.ICMPv4.Type())}, {"code", fmt.Sprint(f.ICMPv4.Code())}}
	case frame.LayerICMPv6:
		return [][2]string{{"type", fmt.Sprint(f.ICMPv6.Type())}, {"code", fmt.Sprint(f.ICMPv6.Code())}}
	}
	return nil
}

// flagNames names the flags as a textbook does ("SYN,ACK"), "" for none.
func flagNames(f frame.TCPFlags) string {
	if f == 0 {
		return ""
	}
	return f.Names()
}

func protoName(p uint8) string {
	switch p {
	case frame.ProtoICMPv4:
		return "ICMP"
	case frame.ProtoTCP:
		return "TCP"
	case frame.ProtoUDP:
		return "UDP"
	case frame.ProtoICMPv6:
		return "ICMPv6"
	}
	return fmt.Sprint(p)
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
