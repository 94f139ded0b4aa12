package diagram

import (
	"strconv"
	"strings"

	"netplay/stack/frame"
	"netplay/stack/trace"
)

// Analysis is what the diagram says of a frame beyond its fields: the
// expert notes Wireshark's TCP analysis gives it (its words and its frame
// numbers, which count the frames of the capture from 1: the page's pcap
// has every frame event), and whether its receiver dropped it because the
// listener's accept queue was full.
type Analysis struct {
	// Expert is Wireshark's note ("TCP Retransmission", "TCP Dup ACK 5#1"),
	// "" for none.
	Expert string
	// Retrans: Expert is one of the retransmissions.
	Retrans bool
	// QueueFull says why a SYN that reached its listener got no answer:
	// "accept queue full (3/2)" (in the layout's language in a Layout's
	// Notes): Queued connections waited for accept, Backlog allowed.
	QueueFull       string
	Queued, Backlog int
}

// tcpDir is one direction of one connection as one host sends it (a router
// forwarding the same segment is its own sender): Wireshark's
// tcp_analyze_seq_info.
type tcpDir struct {
	started  bool
	isn      uint32
	nextSeq  uint32 // highest seq+len (+1 for SYN, FIN) sent so far
	nextSeqT int64
	lastAck  uint32
	lastAckT int64
	window   uint32
	seen     bool // a segment was sent this way

	dupAcks    int
	lastNonDup int // capture number of the segment whose ack the dup ACKs repeat

	conn *tcpConn
}

// tcpConn is what both directions share: the handshake's round trip,
// Wireshark's threshold for calling a segment out of order.
type tcpConn struct {
	synT     int64
	synSeen  bool
	firstRTT int64
}

// Analyze gives each frame event its Analysis (by event index; frames
// without anything to say are absent). It follows Wireshark's
// tcp_analyze_sequence_number: a segment carrying data, SYN or FIN whose
// sequence number is below what its sender already sent is a
// retransmission (spurious when the peer had acknowledged it already, fast
// when it answers two or more duplicate ACKs within 20 ms); an empty
// segment repeating the last ACK, window and sequence number is a
// duplicate ACK of the last segment that was not one.
func Analyze(events []trace.Event) map[int]Analysis {
	out := map[int]Analysis{}
	dirs := map[string]*tcpDir{}
	// Listener queues: host → fd → (acceptq, backlog); host → port → fd.
	type queue struct{ acc, backlog int }
	queues := map[string]map[int]queue{}
	ports := map[string]map[string]int{}
	// A SYN that arrived at a full listener, until its arrival is passed.
	type pending struct {
		ev        int
		host, src string
		port      string
		arrival   int64
	}
	var syns []pending
	settle := func(now int64) {
		keep := syns[:0]
		for _, s := range syns {
			if s.arrival >= now {
				keep = append(keep, s)
				continue
			}
			fd, ok := ports[s.host][s.port]
			if !ok && len(queues[s.host]) == 1 {
				for f := range queues[s.host] {
					fd, ok = f, true
				}
			}
			if q, have := queues[s.host][fd]; ok && have && q.acc > q.backlog {
				a := out[s.ev]
				a.QueueFull = word(LangEN, "accept.full", q.acc, q.backlog)
				a.Queued, a.Backlog = q.acc, q.backlog
				out[s.ev] = a
			}
		}
		syns = keep
	}
	capture := 0
	for i := range events {
		e := &events[i]
		settle(e.T)
		switch e.Kind {
		case trace.KindQueue:
			if queues[e.Host] == nil {
				queues[e.Host] = map[int]queue{}
			}
			queues[e.Host][e.FD] = queue{e.AcceptQ, e.Backlog}
		case trace.KindSyscall:
			if e.Call == "bind" && e.Errno == "" {
				if j := strings.LastIndexByte(e.Args, ':'); j >= 0 {
					if ports[e.Host] == nil {
						ports[e.Host] = map[string]int{}
					}
					ports[e.Host][e.Args[j+1:]] = e.FD
				}
			}
		}
		if e.Data == nil && !IsFrame(e) {
			continue
		}
		capture++
		if e.Kind != trace.KindSegment {
			continue
		}
		flags, _ := frame.ParseFlags(e.Flags)
		switch {
		case flags&frame.FlagSYN != 0 && flags&frame.FlagACK == 0 && !e.Dropped && e.Arrive > 0 && e.Receiver != "":
			syns = append(syns, pending{ev: i, host: e.Receiver, src: e.Src, port: lastPort(e.Dst), arrival: e.Arrive})
		case flags&(frame.FlagSYN|frame.FlagRST) != 0:
			// An answer (SYN,ACK or RST): the SYN it answers was not dropped.
			keep := syns[:0]
			for _, s := range syns {
				if s.host != e.Host || s.src != e.Dst {
					keep = append(keep, s)
				}
			}
			syns = keep
		}
		fwd, rev := dirsOf(dirs, e)
		a := analyzeSegment(fwd, rev, e, flags, capture)
		if a.Expert != "" {
			out[i] = a
		}
	}
	settle(1 << 62)
	return out
}

// analyzeSegment is Wireshark's tcp_analyze_sequence_number (4.x) for one
// segment sent in direction fwd, its capture number n.
func analyzeSegment(fwd, rev *tcpDir, e *trace.Event, flags frame.TCPFlags, n int) Analysis {
	seq, ack, win := e.SeqAbs, e.AckAbs, uint32(e.Win)
	syn, fin, rst := flags&frame.FlagSYN != 0, flags&frame.FlagFIN != 0, flags&frame.FlagRST != 0
	isAck := flags&frame.FlagACK != 0
	if syn && !isAck && (!fwd.started || fwd.isn != seq) {
		// A new connection on these ports: forget the old one.
		c := &tcpConn{synT: e.T, synSeen: true}
		*fwd, *rev = tcpDir{conn: c}, tcpDir{conn: c}
	}
	if fwd.conn == nil {
		fwd.conn = &tcpConn{}
		rev.conn = fwd.conn
	}
	if !fwd.started {
		fwd.started, fwd.isn = true, seq
	}
	c := fwd.conn
	if c.synSeen && c.firstRTT == 0 && !syn && isAck && rev.seen {
		c.firstRTT = e.T - c.synT
	}
	seglen := uint32(e.Len)
	var a Analysis
	keepAlive := false
	switch {
	case !fwd.seen:
	case seglen <= 1 && !syn && !fin && !rst && seq == fwd.nextSeq-1:
		keepAlive = true
		a.Expert = "TCP Keep-Alive"
	case seglen == 0 && win != fwd.window && seq == fwd.nextSeq && ack == fwd.lastAck && !syn && !fin && !rst:
		a.Expert = "TCP Window Update"
	case seglen == 0 && win != 0 && win == fwd.window && seq == fwd.nextSeq && ack == fwd.lastAck && !syn && !fin && !rst:
		fwd.dupAcks++
		a.Expert = "TCP Dup ACK " + strconv.Itoa(fwd.lastNonDup) + "#" + strconv.Itoa(fwd.dupAcks)
	}
	if !fwd.seen || ack != fwd.lastAck {
		fwd.lastNonDup, fwd.dupAcks = n, 0
	}
	if (seglen > 0 || syn || fin) && !keepAlive {
		notAdvanced := fwd.seen && seqLT(seq, fwd.nextSeq)
		if seglen > 1 && fwd.nextSeq-1 == seq {
			notAdvanced = false
		}
		ooo := c.firstRTT
		if ooo == 0 {
			ooo = 3_000_000
		}
		switch {
		case seglen > 0 && rev.seen && rev.lastAck != 0 && !seqLT(rev.lastAck, seq+seglen):
			a.Expert = "TCP Spurious Retransmission"
		case notAdvanced && rev.dupAcks >= 2 && rev.lastAck == seq && e.T-rev.lastAckT < 20_000_000:
			a.Expert = "TCP Fast Retransmission"
		case notAdvanced && e.T-fwd.nextSeqT < ooo && fwd.nextSeq != seq+seglen+b2u(syn || fin):
			a.Expert = "TCP Out-Of-Order"
		case notAdvanced:
			a.Expert = "TCP Retransmission"
		}
		a.Retrans = strings.HasSuffix(a.Expert, "Retransmission")
	}
	next := seq + seglen + b2u(syn || fin)
	if !fwd.seen || seqLT(fwd.nextSeq, next) {
		fwd.nextSeq, fwd.nextSeqT = next, e.T
	}
	fwd.window, fwd.lastAck, fwd.lastAckT, fwd.seen = win, ack, e.T, true
	return a
}

func b2u(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}

// lastPort returns the port of "ip:port" or "[v6]:port".
func lastPort(addr string) string {
	if j := strings.LastIndexByte(addr, ':'); j >= 0 {
		return addr[j+1:]
	}
	return ""
}

// dirsOf returns the state of e's direction of its connection as its
// sender sees it, and of the opposite direction as the receiver sent it.
// A router forwarding a segment is a sender of its own (its copy is not a
// retransmission), sharing the connection.
func dirsOf(dirs map[string]*tcpDir, e *trace.Event) (fwd, rev *tcpDir) {
	k, hk := e.Src+" "+e.Dst, e.Host+" "+e.Src+" "+e.Dst
	fwd = dirs[hk]
	if fwd == nil {
		fwd = dirs[k]
		switch {
		case fwd == nil:
			fwd = &tcpDir{}
		case fwd.seen:
			fwd = &tcpDir{conn: fwd.conn}
		}
		dirs[hk] = fwd
	}
	dirs[k] = fwd
	rk := e.Dst + " " + e.Src
	rev = dirs[rk]
	if rev == nil {
		rev = &tcpDir{conn: fwd.conn}
		dirs[rk] = rev
	}
	return fwd, rev
}

// seqLT compares sequence numbers modulo 2^32.
func seqLT(a, b uint32) bool { return int32(a-b) < 0 }
