package sock

import (
	"bytes"
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strconv"

	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/tcpip/header"
	"gvisor.dev/gvisor/pkg/tcpip/stack"
	"gvisor.dev/gvisor/pkg/tcpip/transport/tcp"
	"gvisor.dev/gvisor/pkg/waiter"

	"netplay/stack/trace"
)

// stateName returns the netstat name of a netstack TCP endpoint state.
func stateName(s tcp.EndpointState) string {
	switch s {
	case tcp.StateEstablished:
		return "ESTABLISHED"
	case tcp.StateSynSent, tcp.StateConnecting:
		return "SYN_SENT"
	case tcp.StateSynRecv:
		return "SYN_RECV"
	case tcp.StateFinWait1:
		return "FIN_WAIT1"
	case tcp.StateFinWait2:
		return "FIN_WAIT2"
	case tcp.StateTimeWait:
		return "TIME_WAIT"
	case tcp.StateCloseWait:
		return "CLOSE_WAIT"
	case tcp.StateLastAck:
		return "LAST_ACK"
	case tcp.StateListen:
		return "LISTEN"
	case tcp.StateClosing:
		return "CLOSING"
	}
	return "CLOSED" // StateClose, StateInitial, StateBound, StateError
}

func epState(ep tcpip.Endpoint) string { return stateName(tcp.EndpointState(ep.State())) }

// Observe traces the TCP states the sockets reached and the listeners'
// queues where they changed: the kernel calls it before it traces a socket
// call's result.
func (t *Stack) Observe() { t.observe(false) }

// observeSettled is Observe after a scheduler step, every goroutine of the
// stacks having run: what changed a socket since has changed it now, so
// the marks of what may have are done with.
func (t *Stack) observeSettled() { t.observe(true) }

// observe reads from netstack the state of the sockets that may have
// changed (those a call, a TCP segment or a hang-up touched; all of them
// after a packet that names none) and traces what changed, open sockets in fd order, then closed ones in
// the order they were closed, then the listeners' connections. A
// segment's work may still be under way in gVisor's goroutines (over
// loopback, a program's call sends one to the host itself), so the marks
// are kept until the host is observed settled.
func (t *Stack) observe(settled bool) {
	if !t.h.Up() {
		return // crashed: its sockets are gone with its memory, not closed
	}
	host := t.h.Name()
	w := t.h.World()
	now := int64(w.Now())
	rec := w.Trace()
	emit := func(fd int, ep tcpip.Endpoint, names *addrNames, from, to string) {
		ev := trace.Event{T: now, Host: host, Kind: trace.KindState, FD: fd, From: from, To: to}
		ev.Src, ev.Dst = names.of(ep)
		rec.Add(ev)
	}
	check := func(f *Socket) {
		if f.typ != SOCK_STREAM || f.place == nowhere {
			return
		}
		if st := epState(f.ep); st != f.state {
			emit(f.label, f.ep, &f.names, f.state, st)
			f.state = st
		}
		if !f.peerKnown {
			t.knowPeer(f)
		}
		if f.place == inClosed && f.state == "CLOSED" {
			f.place = nowhere
			delete(t.owned, f.ep)
			f.wq.EventUnregister(&f.watch)
			t.gone++
			if f.self {
				t.selves--
			}
		}
	}
	t.markSegments()
	if t.rescan {
		for _, f := range t.open {
			check(f)
		}
		for _, f := range t.closed {
			check(f)
		}
	} else if len(t.dirty) > 0 {
		open := t.checkBuf[:0]
		for _, f := range t.dirty {
			if f.place == inOpen {
				open = append(open, f)
			}
		}
		slices.SortFunc(open, openOrder)
		for _, f := range open {
			check(f)
		}
		closed := open[:0]
		for _, f := range t.dirty {
			if f.place == inClosed {
				closed = append(closed, f)
			}
		}
		slices.SortFunc(closed, func(a, b *Socket) int { return cmp.Compare(a.released, b.released) })
		for _, f := range closed {
			check(f)
		}
		clear(closed)
		t.checkBuf = closed[:0]
	}
	if t.gone > 0 && t.gone*2 >= len(t.closed) {
		t.closed = slices.DeleteFunc(t.closed, func(f *Socket) bool { return f.place != inClosed })
		t.gone = 0
	}
	if settled && CheckMarks {
		t.checkMarks()
	}
	if settled {
		for _, f := range t.dirty {
			f.dirty = false
		}
		clear(t.dirty)
		t.dirty, t.rescan = t.dirty[:0], false
	}
	listeners := t.listenBuf[:0]
	defer func() { clear(listeners); t.listenBuf = listeners[:0] }()
	for _, f := range t.listening {
		if f.state == "LISTEN" {
			listeners = append(listeners, f)
		}
	}
	in, syn := t.h.Inbound(), t.h.SynIn()
	// A listener gets a new connection only after a SYN arrives (or, with
	// SYN cookies, when its accept queue fills without one we know); the
	// connections it holds change only when frames arrive or timers fire.
	// accept takes its child out of the table itself.
	// The SYNs name the connections they made: only a flood, a new
	// listener or a connection made from a SYN cookie needs a look
	// through every endpoint of the stack.
	found, lchanged := false, len(listeners) != t.listeners
	t.listeners = len(listeners)
	syns, lost := t.h.TakeSyns()
	t.syns = append(t.syns, syns...)
	if len(listeners) == 0 {
		t.syns = t.syns[:0]
	} else if syn != t.synIn || lchanged {
		t.synIn = syn
		if lchanged || lost || len(t.syns) > maxPendingSyns {
			found = t.discoverChildren(listeners)
			t.syns = t.syns[:0]
		} else {
			found = t.discoverSyns(listeners)
		}
	} else if t.readyUnknown(listeners) {
		found = t.discoverChildren(listeners)
		t.syns = t.syns[:0]
	}
	if len(t.children) > 0 && (in != t.inbound || found || lchanged) {
		t.inbound = in
		if t.pollChildren(emit) {
			t.childrenChanged = true
		}
	}
	// The queue lengths change only with the children (found, polled, or
	// taken by accept).
	if !found && !lchanged && !t.childrenChanged {
		return
	}
	t.childrenChanged = false
	for _, l := range listeners {
		synq, acceptq := 0, 0
		for _, c := range t.children {
			if c.listener != l {
				continue
			}
			if c.state == "SYN_RECV" {
				synq++
			} else {
				acceptq++
			}
		}
		if synq != l.synq || acceptq != l.acceptq {
			l.synq, l.acceptq = synq, acceptq
			rec.Add(trace.Event{T: now, Host: host, Kind: trace.KindQueue, FD: l.label, SynQ: synq, AcceptQ: acceptq, Backlog: l.backlog})
		}
	}
}

// CheckMarks, set by tests, has every settled observation read every
// socket after the marked ones and panic on a state change nothing marked:
// a change the marks miss would reach the trace late or never.
var CheckMarks bool

func (t *Stack) checkMarks() {
	for _, list := range [][]*Socket{t.open, t.closed} {
		for _, f := range list {
			if f.typ == SOCK_STREAM && f.place != nowhere {
				if st := epState(f.ep); st != f.state {
					panic(fmt.Sprintf("sock: host %s fd %d went %s to %s and nothing marked it", t.h.Name(), f.label, f.state, st))
				}
			}
		}
	}
}

// markSegments marks the sockets whose endpoints reported a hang-up or an
// error and those the TCP segments that reached the host since the last
// observation were given to, and asks for every socket to be read when a
// packet came that is neither TCP nor UDP, a timer that names no host
// fired, segments were not kept, or a connection of the host's own is open
// (its segments are handed over inside the stack, unseen).
func (t *Stack) markSegments() {
	if r := t.h.Rescans(); r != t.rescans {
		t.rescans, t.rescan = r, true
	}
	t.notifyMu.Lock()
	notified := t.notified
	t.notified = nil
	t.notifyMu.Unlock()
	for _, f := range notified {
		f.touched()
	}
	segs, lost := t.h.TakeSegments()
	if lost || t.selves > 0 {
		t.rescan = true
	}
	if t.rescan {
		return
	}
	for _, te := range segs {
		if ep, ok := te.(tcpip.Endpoint); ok {
			if f := t.owned[ep]; f != nil {
				f.touched()
			}
		}
	}
}

// knowPeer notes, once a socket has a peer, whether it is a connection of
// the host to itself (over loopback or to one of its own addresses): the
// stack hands such segments over inside itself, where no NIC sees them.
func (t *Stack) knowPeer(f *Socket) {
	info, ok := f.ep.Info().(*stack.TransportEndpointInfo)
	if !ok || info.ID.RemotePort == 0 {
		return
	}
	f.peerKnown = true
	a := info.ID.RemoteAddress
	proto := header.IPv4ProtocolNumber
	if a.Len() == header.IPv6AddressSize {
		proto = header.IPv6ProtocolNumber
	}
	ip, _ := netip.AddrFromSlice(a.AsSlice())
	if ip.Unmap().IsLoopback() || t.h.Stack().CheckLocalAddress(0, proto, a) != 0 {
		f.self = true
		t.selves++
	}
}

// discoverChildren adds the connections listeners hold that accept has
// not returned yet and that are not known: every TCP endpoint netstack has
// registered on a listener's port that is not a descriptor of the program.
// It reports whether it found any.
func (t *Stack) discoverChildren(listeners []*Socket) bool {
	lids := make([]stack.TransportEndpointID, len(listeners))
	for i, l := range listeners {
		lids[i] = l.ep.Info().(*stack.TransportEndpointInfo).ID
	}
	found := false
	for _, te := range t.h.Stack().RegisteredEndpoints() {
		ep, ok := te.(*tcp.Endpoint)
		if !ok || t.owned[ep] != nil || t.children[ep] != nil {
			continue
		}
		id := ep.Info().(*stack.TransportEndpointInfo).ID
		for i, l := range listeners {
			lid := lids[i]
			if id.LocalPort != lid.LocalPort || id.RemotePort == 0 || (lid.LocalAddress.Len() != 0 && lid.LocalAddress != id.LocalAddress) {
				continue
			}
			t.children[ep] = &child{listener: l, state: "LISTEN", id: id}
			found = true
			break
		}
	}
	return found
}

// maxPendingSyns bounds the SYNs kept whose connection was not found
// (a listener whose queue is full drops them): past it, discovery looks
// through every endpoint once.
const maxPendingSyns = 1024

// discoverSyns is discoverChildren for the connections the SYNs that
// arrived name, each looked up by its address and ports; a SYN whose
// connection is not there (dropped, or not made yet) is looked up again
// at the next discovery, as a look through every endpoint would find it
// then. It reports whether it found any.
func (t *Stack) discoverSyns(listeners []*Socket) bool {
	found := false
	keep := t.syns[:0]
	for _, s := range t.syns {
		te := t.h.Stack().FindTransportEndpoint(s.Net, header.TCPProtocolNumber, s.ID, 0)
		ep, ok := te.(*tcp.Endpoint)
		if !ok {
			if t.onListenerPort(listeners, s.ID) != nil {
				keep = append(keep, s)
			}
			continue
		}
		if t.owned[ep] != nil || t.children[ep] != nil {
			continue
		}
		id := ep.Info().(*stack.TransportEndpointInfo).ID
		if l := t.onListenerPort(listeners, id); l != nil {
			t.children[ep] = &child{listener: l, state: "LISTEN", id: id}
			found = true
		}
	}
	clear(t.syns[len(keep):])
	t.syns = keep
	return found
}

// onListenerPort returns the listener a connection with id belongs to,
// or nil (the test of discoverChildren).
func (t *Stack) onListenerPort(listeners []*Socket, id stack.TransportEndpointID) *Socket {
	for _, l := range listeners {
		lid := l.ep.Info().(*stack.TransportEndpointInfo).ID
		if id.LocalPort != lid.LocalPort || id.RemotePort == 0 || (lid.LocalAddress.Len() != 0 && lid.LocalAddress != id.LocalAddress) {
			continue
		}
		return l
	}
	return nil
}

// readyUnknown reports whether a listener has a connection to accept that
// is not among the known children (netstack made it from a SYN cookie).
func (t *Stack) readyUnknown(listeners []*Socket) bool {
	for _, l := range listeners {
		if l.ep.Readiness(waiter.ReadableEvents) == 0 {
			continue
		}
		// A child whose handshake completed since the children were
		// last polled is known too (its state as netstack has it now):
		// the look through every endpoint would find nothing new.
		known := false
		for ep, c := range t.children {
			if c.listener != l {
				continue
			}
			if st := c.state; st != "SYN_RECV" && st != "LISTEN" || epState(ep) != "SYN_RECV" && epState(ep) != "CLOSED" {
				known = true
				break
			}
		}
		if !known {
			return true
		}
	}
	return false
}

// pollChildren reads the state of every known child and traces changes, in
// a stable order (by peer) so traces are deterministic. A child whose
// connection ended (reset, timed out, listener closed) is forgotten. It
// reports whether any child changed.
func (t *Stack) pollChildren(emit func(int, tcpip.Endpoint, *addrNames, string, string)) bool {
	type change struct {
		ep tcpip.Endpoint
		c  *child
		to string
	}
	var changed []change
	for ep, c := range t.children {
		if st := epState(ep); st != c.state {
			changed = append(changed, change{ep, c, st})
		} else if st == "CLOSED" && c.listener.state != "LISTEN" {
			delete(t.children, ep) // its listener is gone: nothing will accept it
		}
	}
	if len(changed) > 1 {
		slices.SortFunc(changed, func(x, y change) int {
			a, b := x.c.id, y.c.id
			if c := bytes.Compare(a.RemoteAddress.AsSlice(), b.RemoteAddress.AsSlice()); c != 0 {
				return c
			}
			if c := cmp.Compare(a.RemotePort, b.RemotePort); c != 0 {
				return c
			}
			return cmp.Compare(a.LocalPort, b.LocalPort) // one peer port to two listeners
		})
	}
	for _, ch := range changed {
		from := ch.c.state
		emit(-1, ch.ep, &ch.c.names, from, ch.to)
		ch.c.state = ch.to
		// A connection reset in the accept queue stays there, CLOSED, until
		// accept returns it, as on Linux (accept gives it, and its first read
		// ECONNRESET); one that never finished its handshake leaves at once.
		if ch.to == "CLOSED" && (from == "SYN_RECV" || from == "LISTEN" || ch.c.listener.state != "LISTEN") {
			delete(t.children, ch.ep)
		}
	}
	return len(changed) > 0
}

// addrNames remembers a socket's local and remote "ip:port" for its state
// events: they stay the same over most of its changes.
type addrNames struct {
	id            stack.TransportEndpointID
	ok            bool
	local, remote string
}

// of returns ep's local and remote "ip:port", made again only when they
// changed.
func (n *addrNames) of(ep tcpip.Endpoint) (local, remote string) {
	info, ok := ep.Info().(*stack.TransportEndpointInfo)
	if !ok {
		return "", ""
	}
	if !n.ok || info.ID != n.id {
		n.id, n.ok = info.ID, true
		n.local, n.remote = addrPort(info.ID.LocalAddress, info.ID.LocalPort), addrPort(info.ID.RemoteAddress, info.ID.RemotePort)
	}
	return n.local, n.remote
}

func addrPort(a tcpip.Address, port uint16) string {
	if a.Len() == 0 {
		return "*:" + strconv.Itoa(int(port))
	}
	ip, _ := netip.AddrFromSlice(a.AsSlice())
	return netip.AddrPortFrom(ip.Unmap(), port).String()
}
