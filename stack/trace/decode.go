package trace

import (
	"net/netip"

	"netplay/stack/frame"
)

// This file turns the Ethernet frames a Recorder sees into the fields of an
// Event and its tcpdump-style summary line, with stack/frame's decoder and
// text (the text contract in ARCHITECTURE.md). What it adds is the state of
// a run: where tcpdump would print the first SYN's absolute sequence
// number, netplay prints it relative (seq 0), as the contract's example
// line shows. A frame that cannot be decoded becomes a KindFrame event whose
// Summary says what is wrong.

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
func (c *connISN) relative(d int, flags frame.TCPFlags, seq, ack uint32) (seqBase, ackBase uint32) {
	p := 1 - d
	syn, isAck := flags&frame.FlagSYN != 0, flags&frame.FlagACK != 0
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
		where: frame.Endpoints(src.addr, src.port, dst.addr, dst.port),
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
	f := frame.Decode(e.Data)
	switch {
	case f.Err != nil:
		e.Kind, e.Summary = KindFrame, f.Err.Text
		switch {
		case f.Src.IsValid():
			e.Src, e.Dst = conns.addrString(f.Src), conns.addrString(f.Dst)
		case f.Err.Layer == frame.LayerEthernet && f.Ethernet != nil:
			e.Src, e.Dst = f.Ethernet.Src().String(), f.Ethernet.Dst().String()
		}
	case f.TCP != nil:
		decodeSegment(e, &f, conns)
	case f.ARP != nil:
		e.Kind, e.Type = KindARP, int(f.ARP.Op())
		e.Src, e.Dst = f.Src.String(), f.Dst.String()
		e.Summary = f.Summary()
	case f.UDP != nil:
		u := f.UDP
		e.Kind = KindUDP
		e.Src = netip.AddrPortFrom(f.Src, u.SrcPort()).String()
		e.Dst = netip.AddrPortFrom(f.Dst, u.DstPort()).String()
		e.Len = len(u.Payload())
		e.Summary = f.Summary()
	case f.ICMPv4 != nil:
		e.Kind, e.Type, e.Code = KindICMP, int(f.ICMPv4.Type()), int(f.ICMPv4.Code())
		e.Src, e.Dst = conns.addrString(f.Src), conns.addrString(f.Dst)
		e.Summary = f.Summary()
	case f.ICMPv6 != nil:
		e.Kind, e.Type, e.Code = KindICMP, int(f.ICMPv6.Type()), int(f.ICMPv6.Code())
		e.Src, e.Dst = conns.addrString(f.Src), conns.addrString(f.Dst)
		e.Summary = f.Summary()
	}
}

// decodeSegment fills e from the TCP segment f carries, with sequence
// numbers relative to the connection's (none when conns is nil).
func decodeSegment(e *Event, f *frame.Frame, conns *seqTracker) {
	t := f.TCP
	src, dst := endpoint{f.Src, t.SrcPort()}, endpoint{f.Dst, t.DstPort()}
	var names *segNames
	var conn *connISN
	var dir int
	if conns != nil {
		conn, dir = conns.lookup(src, dst)
		names = conn.segNames(dir, src, dst)
	} else {
		names = newSegNames(src, dst)
	}
	flags := t.Flags()
	seq, ack := t.Seq(), t.Ack()
	e.Kind = KindSegment
	e.Src, e.Dst = names.src, names.dst
	e.Flags = flags.String()
	e.SeqAbs, e.AckAbs = seq, ack
	e.Len = len(t.Payload())
	e.Win = int(t.Window())
	var seqBase, ackBase uint32
	if conn != nil {
		seqBase, ackBase = conn.relative(dir, flags, seq, ack)
	}
	e.Seq = seq - seqBase
	if flags&frame.FlagACK != 0 {
		e.Ack = ack - ackBase
	} else {
		e.Ack = 0
	}
	// SACK blocks acknowledge the peer's sequence space.
	e.Options = frame.TCPOptions(t.Options(), ackBase)
	line := frame.TCPLine{Flags: flags, Seq: e.Seq, Ack: e.Ack, Len: e.Len, Win: e.Win, Options: e.Options}
	if flags&frame.FlagURG != 0 {
		line.Urg = t.Urgent()
	}
	b := make([]byte, 0, len(names.where)+len(e.Options)+96)
	e.Summary = string(line.Append(b, names.where))
}
