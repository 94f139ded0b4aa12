package page

import (
	"fmt"
	"strings"

	"netplay/stack/frame"
	"netplay/stack/trace"
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
func DecodeLayers(b []byte) []Layer { return decodeLayers(b, nil) }

// DecodeEvent is DecodeLayers for the frame of event e: TCP's sequence
// and acknowledgement numbers are given relative to the connection's
// initial ones, as the diagram shows them, and raw, as Wireshark gives
// both.
func DecodeEvent(e *trace.Event) []Layer { return decodeLayers(e.Data, e) }

func decodeLayers(b []byte, e *trace.Event) []Layer {
	f := frame.Decode(b)
	var ls []Layer
	for _, h := range f.Headers() {
		ls = append(ls, Layer{Name: h.Layer.String(), From: h.From, To: h.To, Fields: layerFields(&f, h, e)})
	}
	if f.Err != nil {
		ls = append(ls, Layer{Name: f.Err.Layer.String(), From: f.Err.At, To: len(b), Fields: [][2]string{{"error", f.Err.Text}}})
	}
	return ls
}

// layerFields are the fields the inspector shows of header h.
func layerFields(f *frame.Frame, h frame.Span, e *trace.Event) [][2]string {
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
		fields := [][2]string{{"src port", fmt.Sprint(t.SrcPort())}, {"dst port", fmt.Sprint(t.DstPort())}}
		var ackBase uint32
		if e != nil && e.Kind == trace.KindSegment && e.SeqAbs == t.Seq() {
			// The trace's relative numbers are tcpdump's and Wireshark's.
			ackBase = e.AckAbs - e.Ack
			fields = append(fields, [2]string{"seq (relative)", fmt.Sprint(e.Seq)}, [2]string{"seq (raw)", fmt.Sprint(t.Seq())})
			if t.Flags()&frame.FlagACK != 0 {
				fields = append(fields, [2]string{"ack (relative)", fmt.Sprint(e.Ack)}, [2]string{"ack (raw)", fmt.Sprint(t.Ack())})
			} else {
				fields = append(fields, [2]string{"ack (raw)", fmt.Sprint(t.Ack())})
			}
		} else {
			fields = append(fields, [2]string{"seq (raw)", fmt.Sprint(t.Seq())}, [2]string{"ack (raw)", fmt.Sprint(t.Ack())})
		}
		fields = append(fields,
			[2]string{"flags", fmt.Sprintf("0x%02x %s", uint8(t.Flags()), flagNames(t.Flags()))}, [2]string{"window", fmt.Sprint(t.Window())},
			[2]string{"header length", fmt.Sprint(t.HeaderLength())})
		opts := TCPOptions(t.Options(), ackBase)
		if len(opts) == 0 {
			fields = append(fields, [2]string{"options", "none"})
		}
		for _, o := range opts {
			fields = append(fields, [2]string{"option", o})
		}
		return append(fields, [2]string{"payload", fmt.Sprintf("%d bytes", len(t.Payload()))})
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

// TCPOptions decodes TCP options as tshark's packet details name them
// ("Maximum segment size: 1460 bytes", "Window scale: 7 (multiply by
// 128)"); SACK edges are made relative with ackBase, the peer's initial
// sequence number, as tshark shows them.
func TCPOptions(b []byte, ackBase uint32) []string {
	var out []string
	for len(b) > 0 {
		kind := b[0]
		switch kind {
		case 0:
			return append(out, "End of Option List (EOL)")
		case 1:
			out = append(out, "No-Operation (NOP)")
			b = b[1:]
			continue
		}
		if len(b) < 2 || int(b[1]) < 2 || int(b[1]) > len(b) {
			return append(out, fmt.Sprintf("kind %d: cut short", kind))
		}
		o := b[2:b[1]]
		b = b[b[1]:]
		be32 := func(p []byte) uint32 { return uint32(p[0])<<24 | uint32(p[1])<<16 | uint32(p[2])<<8 | uint32(p[3]) }
		switch {
		case kind == 2 && len(o) == 2:
			out = append(out, fmt.Sprintf("Maximum segment size: %d bytes", int(o[0])<<8|int(o[1])))
		case kind == 3 && len(o) == 1:
			out = append(out, fmt.Sprintf("Window scale: %d (multiply by %d)", o[0], 1<<min(o[0], 14)))
		case kind == 4 && len(o) == 0:
			out = append(out, "SACK permitted")
		case kind == 5 && len(o)%8 == 0 && len(o) > 0:
			var edges []string
			for ; len(o) >= 8; o = o[8:] {
				edges = append(edges, fmt.Sprintf("%d-%d", be32(o)-ackBase, be32(o[4:])-ackBase))
			}
			out = append(out, "SACK "+strings.Join(edges, " "))
		case kind == 8 && len(o) == 8:
			out = append(out, fmt.Sprintf("Timestamps: TSval %d, TSecr %d", be32(o), be32(o[4:])))
		default:
			out = append(out, fmt.Sprintf("kind %d, length %d", kind, len(o)+2))
		}
	}
	return out
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
