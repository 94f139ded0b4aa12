package trace

import (
	"strings"
	"testing"

	"gvisor.dev/gvisor/pkg/tcpip/header"
)

const (
	ack = header.TCPFlagAck
	syn = header.TCPFlagSyn
	fin = header.TCPFlagFin
	rst = header.TCPFlagRst
	psh = header.TCPFlagPsh
)

func decode(t *testing.T, tr *seqTracker, frame []byte) Event {
	t.Helper()
	e := Event{Data: frame}
	decodeFrame(&e, tr)
	return e
}

// TestDecodeSingle checks one frame at a time (each with a fresh tracker).
func TestDecodeSingle(t *testing.T) {
	sackOpts := func() []byte {
		b := make([]byte, 40)
		n := header.EncodeNOP(b)
		n += header.EncodeNOP(b[n:])
		n += header.EncodeSACKBlocks([]header.SACKBlock{{Start: 2001, End: 3001}}, b[n:])
		return b[:n]
	}()
	fullSyn := func() []byte {
		b := make([]byte, 40)
		n := header.EncodeMSSOption(1460, b)
		n += header.EncodeSACKPermittedOption(b[n:])
		n += header.EncodeTSOption(12345, 0, b[n:])
		n += header.EncodeNOP(b[n:])
		n += header.EncodeWSOption(7, b[n:])
		return b[:n]
	}()
	// The datagram an ICMP error quotes: IP header + 8 bytes of TCP.
	quotedTCP := stripEth(tcpFrame("10.0.0.1:40000", "10.0.9.9:80", syn, 1, 0, 65535, nil, nil))[:20+8]
	quotedUDP := stripEth(udpFrame("10.0.0.1:5000", "10.0.0.2:53", []byte("hello")))[:20+8]
	quoted6 := stripEth(tcpFrame("[fd00::1]:40000", "[fd00:9::9]:80", syn, 1, 0, 65535, nil, nil))[:40+8]
	nsBody := append(make([]byte, 0, 16), netipBytes("fd00::2")...)

	tests := []struct {
		name    string
		frame   []byte
		kind    Kind
		src     string
		dst     string
		flags   string
		typ     int
		code    int
		length  int
		summary string
	}{
		{
			name:  "syn with the contract's options",
			frame: tcpFrame("10.0.0.1:40000", "10.0.0.2:12345", syn, 1000, 0, 65535, synOptions(1460, 7), nil),
			kind:  KindSegment, src: "10.0.0.1:40000", dst: "10.0.0.2:12345", flags: "S",
			summary: "10.0.0.1.40000 > 10.0.0.2.12345: Flags [S], seq 0, win 65535, options [mss 1460,nop,wscale 7], length 0",
		},
		{
			name:  "syn with every common option",
			frame: tcpFrame("10.0.0.1:40000", "10.0.0.2:80", syn, 7, 0, 64240, fullSyn, nil),
			kind:  KindSegment, src: "10.0.0.1:40000", dst: "10.0.0.2:80", flags: "S",
			summary: "10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 0, win 64240, options [mss 1460,sackOK,TS val 12345 ecr 0,nop,wscale 7], length 0",
		},
		{
			name:  "sack blocks relative to the acked direction's base",
			frame: tcpFrame("10.0.0.2:80", "10.0.0.1:40000", ack, 500, 1001, 510, sackOpts, nil),
			kind:  KindSegment, src: "10.0.0.2:80", dst: "10.0.0.1:40000", flags: ".",
			summary: "10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 1, win 510, options [nop,nop,sack 1 {1001:2001}], length 0",
		},
		{
			name:  "unknown and malformed options",
			frame: tcpFrame("10.0.0.1:1", "10.0.0.2:2", syn, 0, 0, 100, []byte{30, 4, 0xab, 0xcd, 2, 9, 0, 0}, nil),
			kind:  KindSegment, src: "10.0.0.1:1", dst: "10.0.0.2:2", flags: "S",
			summary: "10.0.0.1.1 > 10.0.0.2.2: Flags [S], seq 0, win 100, options [unknown-30 0xabcd,[bad opt]], length 0",
		},
		{
			name:  "ecn and urgent flags in tcpdump order",
			frame: tcpFrame("10.0.0.1:1", "10.0.0.2:2", syn|ack|header.TCPFlagEce|header.TCPFlagUrg, 0, 1, 100, nil, nil),
			kind:  KindSegment, src: "10.0.0.1:1", dst: "10.0.0.2:2", flags: "S.UE",
			summary: "10.0.0.1.1 > 10.0.0.2.2: Flags [S.UE], seq 0, ack 1, win 100, urg 0, length 0",
		},
		{
			name:  "no flags",
			frame: tcpFrame("10.0.0.1:1", "10.0.0.2:2", 0, 5, 0, 100, nil, []byte("x")),
			kind:  KindSegment, src: "10.0.0.1:1", dst: "10.0.0.2:2", flags: "none", length: 1,
			summary: "10.0.0.1.1 > 10.0.0.2.2: Flags [none], seq 0:1, win 100, length 1",
		},
		{
			name:  "ipv6 syn",
			frame: tcpFrame("[fd00::1]:40000", "[fd00::2]:80", syn, 99, 0, 65535, synOptions(1440, 7), nil),
			kind:  KindSegment, src: "[fd00::1]:40000", dst: "[fd00::2]:80", flags: "S",
			summary: "fd00::1.40000 > fd00::2.80: Flags [S], seq 0, win 65535, options [mss 1440,nop,wscale 7], length 0",
		},
		{
			name:  "udp",
			frame: udpFrame("10.0.0.1:5000", "10.0.0.2:53", []byte("hello")),
			kind:  KindUDP, src: "10.0.0.1:5000", dst: "10.0.0.2:53", length: 5,
			summary: "10.0.0.1.5000 > 10.0.0.2.53: UDP, length 5",
		},
		{
			name:  "udp over ipv6",
			frame: udpFrame("[fd00::1]:5000", "[fd00::2]:53", []byte("hi")),
			kind:  KindUDP, src: "[fd00::1]:5000", dst: "[fd00::2]:53", length: 2,
			summary: "fd00::1.5000 > fd00::2.53: UDP, length 2",
		},
		{
			name:  "arp request",
			frame: arpFrame(header.ARPRequest, macClient, "10.0.0.1", "", "10.0.0.2"),
			kind:  KindARP, src: "10.0.0.1", dst: "10.0.0.2", typ: 1,
			summary: "ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28",
		},
		{
			name:  "arp reply",
			frame: arpFrame(header.ARPReply, macServer, "10.0.0.2", macClient, "10.0.0.1"),
			kind:  KindARP, src: "10.0.0.2", dst: "10.0.0.1", typ: 2,
			summary: "ARP, Reply 10.0.0.2 is-at 02:00:00:00:01:01, length 28",
		},
		{
			name:  "icmp net unreachable quoting the datagram",
			frame: icmpv4Frame("10.0.0.254", "10.0.0.1", header.ICMPv4DstUnreachable, header.ICMPv4NetUnreachable, 0, quotedTCP),
			kind:  KindICMP, src: "10.0.0.254", dst: "10.0.0.1", typ: 3, code: 0,
			summary: "10.0.0.254 > 10.0.0.1: ICMP net 10.0.9.9 unreachable, length 36",
		},
		{
			name:  "icmp host unreachable",
			frame: icmpv4Frame("10.0.0.254", "10.0.0.1", header.ICMPv4DstUnreachable, header.ICMPv4HostUnreachable, 0, quotedTCP),
			kind:  KindICMP, src: "10.0.0.254", dst: "10.0.0.1", typ: 3, code: 1,
			summary: "10.0.0.254 > 10.0.0.1: ICMP host 10.0.9.9 unreachable, length 36",
		},
		{
			name:  "icmp udp port unreachable",
			frame: icmpv4Frame("10.0.0.2", "10.0.0.1", header.ICMPv4DstUnreachable, header.ICMPv4PortUnreachable, 0, quotedUDP),
			kind:  KindICMP, src: "10.0.0.2", dst: "10.0.0.1", typ: 3, code: 3,
			summary: "10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 udp port 53 unreachable, length 36",
		},
		{
			name:  "icmp need to frag",
			frame: icmpv4Frame("10.0.0.254", "10.0.0.1", header.ICMPv4DstUnreachable, header.ICMPv4FragmentationNeeded, 1400, quotedTCP),
			kind:  KindICMP, src: "10.0.0.254", dst: "10.0.0.1", typ: 3, code: 4,
			summary: "10.0.0.254 > 10.0.0.1: ICMP 10.0.9.9 unreachable - need to frag (mtu 1400), length 36",
		},
		{
			name:  "icmp echo request",
			frame: icmpv4Frame("10.0.0.1", "10.0.0.2", header.ICMPv4Echo, 0, 7<<16|1, make([]byte, 56)),
			kind:  KindICMP, src: "10.0.0.1", dst: "10.0.0.2", typ: 8,
			summary: "10.0.0.1 > 10.0.0.2: ICMP echo request, id 7, seq 1, length 64",
		},
		{
			name:  "icmp time exceeded",
			frame: icmpv4Frame("10.0.0.254", "10.0.0.1", header.ICMPv4TimeExceeded, 0, 0, quotedTCP),
			kind:  KindICMP, src: "10.0.0.254", dst: "10.0.0.1", typ: 11,
			summary: "10.0.0.254 > 10.0.0.1: ICMP time exceeded in-transit, length 36",
		},
		{
			name:  "icmpv6 echo request",
			frame: icmpv6Frame("fd00::1", "fd00::2", header.ICMPv6EchoRequest, 0, 3<<16|2, make([]byte, 8)),
			kind:  KindICMP, src: "fd00::1", dst: "fd00::2", typ: 128,
			summary: "fd00::1 > fd00::2: ICMP6, echo request, id 3, seq 2, length 16",
		},
		{
			name:  "ndp neighbor solicitation",
			frame: icmpv6Frame("fd00::1", "ff02::1:ff00:2", header.ICMPv6NeighborSolicit, 0, 0, nsBody),
			kind:  KindICMP, src: "fd00::1", dst: "ff02::1:ff00:2", typ: 135,
			summary: "fd00::1 > ff02::1:ff00:2: ICMP6, neighbor solicitation, who has fd00::2, length 24",
		},
		{
			name:  "ndp neighbor advertisement",
			frame: icmpv6Frame("fd00::2", "fd00::1", header.ICMPv6NeighborAdvert, 0, 0x60000000, nsBody),
			kind:  KindICMP, src: "fd00::2", dst: "fd00::1", typ: 136,
			summary: "fd00::2 > fd00::1: ICMP6, neighbor advertisement, tgt is fd00::2, length 24",
		},
		{
			name:  "icmpv6 no route",
			frame: icmpv6Frame("fd00::fe", "fd00::1", header.ICMPv6DstUnreachable, header.ICMPv6NetworkUnreachable, 0, quoted6),
			kind:  KindICMP, src: "fd00::fe", dst: "fd00::1", typ: 1,
			summary: "fd00::fe > fd00::1: ICMP6, destination unreachable, unreachable route fd00:9::9, length 56",
		},
		{
			name:  "icmpv6 tcp port unreachable",
			frame: icmpv6Frame("fd00::fe", "fd00::1", header.ICMPv6DstUnreachable, header.ICMPv6PortUnreachable, 0, quoted6),
			kind:  KindICMP, src: "fd00::fe", dst: "fd00::1", typ: 1, code: 4,
			summary: "fd00::fe > fd00::1: ICMP6, destination unreachable, unreachable port, fd00:9::9 tcp port 80, length 56",
		},
		{
			name:    "truncated ethernet",
			frame:   []byte{1, 2, 3, 4, 5},
			kind:    KindFrame,
			summary: "truncated Ethernet frame, length 5 (header needs 14)",
		},
		{
			name:  "unknown ethertype",
			frame: ethFrame(macClient, macBcast, 0x88b5, []byte("x")),
			kind:  KindFrame, src: "02:00:00:00:00:01", dst: "ff:ff:ff:ff:ff:ff",
			summary: "02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype 0x88b5 (unknown), length 15",
		},
		{
			name:    "truncated ipv4 header",
			frame:   ethFrame(macClient, macServer, header.IPv4ProtocolNumber, []byte{0x45, 0, 0}),
			kind:    KindFrame,
			summary: "IPv4, truncated header, length 3",
		},
		{
			name:  "ipv4 total length beyond the frame",
			frame: tcpFrame("10.0.0.1:1", "10.0.0.2:2", syn, 0, 0, 1, nil, nil)[:14+30],
			kind:  KindFrame, src: "10.0.0.1", dst: "10.0.0.2",
			summary: "10.0.0.1 > 10.0.0.2: IPv4, truncated (total length 40, 30 bytes present)",
		},
		{
			name: "tcp data offset too short",
			frame: func() []byte {
				f := tcpFrame("10.0.0.1:1", "10.0.0.2:2", syn, 0, 0, 1, nil, nil)
				f[14+20+12] = 4 << 4
				return f
			}(),
			kind: KindFrame, src: "10.0.0.1", dst: "10.0.0.2",
			summary: "10.0.0.1.1 > 10.0.0.2.2: TCP, bad header length 16 - too short, < 20",
		},
		{
			name: "truncated arp",
			frame: func() []byte {
				return arpFrame(header.ARPRequest, macClient, "10.0.0.1", "", "10.0.0.2")[:14+20]
			}(),
			kind:    KindFrame,
			summary: "ARP, truncated, length 20 (needs 28)",
		},
		{
			name:  "ipv4 with an unknown protocol",
			frame: ipPacket("10.0.0.1", "10.0.0.2", 47, make([]byte, 20)),
			kind:  KindFrame, src: "10.0.0.1", dst: "10.0.0.2",
			summary: "10.0.0.1 > 10.0.0.2: ip-proto-47 20",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := decode(t, &seqTracker{}, tc.frame)
			if e.Summary != tc.summary {
				t.Errorf("summary\n got %q\nwant %q", e.Summary, tc.summary)
			}
			if e.Kind != tc.kind || e.Src != tc.src || e.Dst != tc.dst || e.Flags != tc.flags {
				t.Errorf("kind/src/dst/flags = %q %q %q %q, want %q %q %q %q",
					e.Kind, e.Src, e.Dst, e.Flags, tc.kind, tc.src, tc.dst, tc.flags)
			}
			if e.Len != tc.length {
				t.Errorf("len = %d, want %d", e.Len, tc.length)
			}
			if (tc.kind == KindICMP || tc.kind == KindARP) && (e.Type != tc.typ || e.Code != tc.code) {
				t.Errorf("type/code = %d/%d, want %d/%d", e.Type, e.Code, tc.typ, tc.code)
			}
		})
	}
}

func netipBytes(s string) []byte {
	a := addr(s)
	return a.AsSlice()
}

// TestRelativeSequence plays a whole connection and checks the numbers
// tcpdump would print, including a forwarded copy on a second link and a
// new connection reusing the 4-tuple.
func TestRelativeSequence(t *testing.T) {
	const c, s = "10.0.0.1:40000", "10.0.0.2:80"
	const ci, si = 3_000_000_000, 4_294_967_000 // server ISN wraps around
	steps := []struct {
		frame          []byte
		seq, ack       uint32
		seqAbs, ackAbs uint32
		summary        string
	}{
		{tcpFrame(c, s, syn, ci, 0, 65535, synOptions(1460, 7), nil), 0, 0, ci, 0,
			"10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 0, win 65535, options [mss 1460,nop,wscale 7], length 0"},
		// A retransmitted SYN keeps the base.
		{tcpFrame(c, s, syn, ci, 0, 65535, synOptions(1460, 7), nil), 0, 0, ci, 0,
			"10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 0, win 65535, options [mss 1460,nop,wscale 7], length 0"},
		{tcpFrame(s, c, syn|ack, si, ci+1, 65535, synOptions(1460, 7), nil), 0, 1, si, ci + 1,
			"10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 0, ack 1, win 65535, options [mss 1460,nop,wscale 7], length 0"},
		{tcpFrame(c, s, ack, ci+1, si+1, 512, nil, nil), 1, 1, ci + 1, si + 1,
			"10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 512, length 0"},
		{tcpFrame(c, s, psh|ack, ci+1, si+1, 512, nil, []byte("hello")), 1, 1, ci + 1, si + 1,
			"10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1:6, ack 1, win 512, length 5"},
		{tcpFrame(s, c, psh|ack, si+1, ci+6, 512, nil, []byte("HELLO!")), 1, 6, si + 1, ci + 6,
			"10.0.0.2.80 > 10.0.0.1.40000: Flags [P.], seq 1:7, ack 6, win 512, length 6"},
		{tcpFrame(c, s, fin|ack, ci+6, si+7, 512, nil, nil), 6, 7, ci + 6, si + 7,
			"10.0.0.1.40000 > 10.0.0.2.80: Flags [F.], seq 6, ack 7, win 512, length 0"},
		{tcpFrame(s, c, fin|psh|ack, si+7, ci+7, 512, nil, nil), 7, 7, si + 7, ci + 7,
			"10.0.0.2.80 > 10.0.0.1.40000: Flags [FP.], seq 7, ack 7, win 512, length 0"},
		{tcpFrame(c, s, ack, ci+7, si+8, 512, nil, nil), 7, 8, ci + 7, si + 8,
			"10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 8, win 512, length 0"},
		// The same 4-tuple again with a new ISN: a new connection.
		{tcpFrame(c, s, syn, 17, 0, 65535, nil, nil), 0, 0, 17, 0,
			"10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 0, win 65535, length 0"},
		// Refused: the RST's direction never sent a SYN.
		{tcpFrame(s, c, rst|ack, 0, 18, 0, nil, nil), 0, 1, 0, 18,
			"10.0.0.2.80 > 10.0.0.1.40000: Flags [R.], seq 0, ack 1, win 0, length 0"},
	}
	tr := &seqTracker{}
	for i, st := range steps {
		e := decode(t, tr, st.frame)
		if e.Summary != st.summary || e.Seq != st.seq || e.Ack != st.ack || e.SeqAbs != st.seqAbs || e.AckAbs != st.ackAbs {
			t.Errorf("step %d:\n got %q seq %d ack %d abs %d/%d\nwant %q seq %d ack %d abs %d/%d",
				i, e.Summary, e.Seq, e.Ack, e.SeqAbs, e.AckAbs, st.summary, st.seq, st.ack, st.seqAbs, st.ackAbs)
		}
		// A router forwarding the same segment onto another link: same
		// numbers, and it must not disturb the tracker.
		if i == 4 {
			fwd := append([]byte(nil), st.frame...)
			copy(fwd[0:12], append([]byte(macRouter), macServer...))
			if f := decode(t, tr, fwd); f.Summary != st.summary {
				t.Errorf("forwarded copy: got %q, want %q", f.Summary, st.summary)
			}
		}
	}
}

// TestDecodeNoTracker: without a tracker, numbers are absolute (-S).
func TestDecodeNoTracker(t *testing.T) {
	e := decode(t, nil, tcpFrame("10.0.0.1:1", "10.0.0.2:2", psh|ack, 1000, 2000, 10, nil, []byte("abc")))
	want := "10.0.0.1.1 > 10.0.0.2.2: Flags [P.], seq 1000:1003, ack 2000, win 10, length 3"
	if e.Summary != want || e.Seq != 1000 || e.Ack != 2000 {
		t.Errorf("got %q (seq %d ack %d), want %q", e.Summary, e.Seq, e.Ack, want)
	}
}

// TestDecodeIgnoresPadding: Ethernet pads short frames to 60 bytes; the
// IPv4 total length says where the packet ends.
func TestDecodeIgnoresPadding(t *testing.T) {
	f := tcpFrame("10.0.0.1:1", "10.0.0.2:2", ack, 1, 1, 10, nil, nil)
	f = append(f, make([]byte, 6)...)
	e := decode(t, &seqTracker{}, f)
	if e.Len != 0 || !strings.HasSuffix(e.Summary, "length 0") {
		t.Errorf("padding counted as payload: len %d, %q", e.Len, e.Summary)
	}
}

// TestRecorderFrame checks the lead's Recorder wiring: Frame decodes with
// the shared tracker and SetFrameFate lands on the right event.
func TestRecorderFrame(t *testing.T) {
	r := New()
	n1 := r.Frame(0, "client", 0, tcpFrame("10.0.0.1:40000", "10.0.0.2:80", syn, 5, 0, 100, nil, nil))
	n2 := r.Frame(1000, "server", 0, tcpFrame("10.0.0.2:80", "10.0.0.1:40000", syn|ack, 9, 6, 100, nil, nil))
	r.SetFrameFate(n2, "client", 2000, false, "")
	ev := r.Events()
	if n1 != 1 || n2 != 2 || len(ev) != 2 {
		t.Fatalf("frames %d %d, events %d", n1, n2, len(ev))
	}
	if ev[1].Flags != "S." || ev[1].Ack != 1 || ev[1].Receiver != "client" || ev[1].Arrive != 2000 {
		t.Errorf("second frame = %+v", ev[1])
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(tcpFrame("10.0.0.1:40000", "10.0.0.2:80", syn, 1, 0, 65535, synOptions(1460, 7), nil))
	f.Add(tcpFrame("[fd00::1]:1", "[fd00::2]:2", psh|ack, 1, 1, 5, []byte{5, 10, 0, 0, 0, 1, 0, 0, 0, 2}, []byte("x")))
	f.Add(udpFrame("10.0.0.1:5000", "10.0.0.2:53", []byte("q")))
	f.Add(arpFrame(header.ARPRequest, macClient, "10.0.0.1", "", "10.0.0.2"))
	f.Add(icmpv4Frame("10.0.0.254", "10.0.0.1", header.ICMPv4DstUnreachable, 3, 0, make([]byte, 28)))
	f.Add(icmpv6Frame("fd00::1", "fd00::2", header.ICMPv6NeighborSolicit, 0, 0, make([]byte, 16)))
	f.Add([]byte{})
	tr := &seqTracker{}
	f.Fuzz(func(t *testing.T, b []byte) {
		e := Event{Data: b}
		decodeFrame(&e, tr)
		if e.Kind == "" || e.Summary == "" {
			t.Fatalf("no kind or summary for % x", b)
		}
		// The other writers must take whatever the decoder produced.
		var sb strings.Builder
		if err := WriteText(&sb, []Event{e}, TextOptions{Absolute: true}); err != nil {
			t.Fatal(err)
		}
		j, err := e.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var back Event
		if err := back.UnmarshalJSON(j); err != nil {
			t.Fatalf("%s: %v", j, err)
		}
	})
}

// BenchmarkDecodeSegment measures decoding one data segment (every frame
// of a bulk transfer goes through it under the Recorder's lock).
func BenchmarkDecodeSegment(b *testing.B) {
	f := tcpFrame("10.0.0.1:40000", "10.0.0.2:80", psh|ack, 1, 1, 512, nil, make([]byte, 1448))
	tr := &seqTracker{}
	b.ReportAllocs()
	for b.Loop() {
		e := Event{Data: f}
		decodeFrame(&e, tr)
	}
}
