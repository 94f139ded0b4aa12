package sock

import (
	"bytes"
	"cmp"
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

// Observe reads every TCP socket's state and every listener's queues from
// netstack and traces what changed. The scheduler calls it after each step
// that touched the host; the kernel before it traces a socket call.
func (t *Stack) Observe() {
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
	check := func(f *Socket, fd int) {
		if f.typ != SOCK_STREAM {
			return
		}
		if st := epState(f.ep); st != f.state {
			emit(fd, f.ep, &f.names, f.state, st)
			f.state = st
		}
	}
	listeners := t.listenBuf[:0]
	defer func() { clear(listeners); t.listenBuf = listeners[:0] }()
	for _, f := range t.open {
		check(f, f.label)
		if f.listening && f.state == "LISTEN" {
			listeners = append(listeners, f)
		}
	}
	// A socket the program closed changes state only when a frame reaches
	// the host or a timer fires (the program can no longer touch it), so
	// the closed ones are read again only then, or when one was added.
	in, syn := t.h.Inbound(), t.h.SynIn()
	if t.closedNew || in != t.closedIn {
		t.closedNew, t.closedIn = false, in
		live := t.closed[:0]
		for _, f := range t.closed {
			check(f, f.label)
			if f.state != "CLOSED" {
				live = append(live, f)
			} else {
				delete(t.owned, f.ep)
			}
		}
		clear(t.closed[len(live):])
		t.closed = live
	}
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
		if !ok || t.owned[ep] || t.children[ep] != nil {
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
		if t.owned[ep] || t.children[ep] != nil {
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
