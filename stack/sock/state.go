package sock

import (
	"bytes"
	"net/netip"
	"sort"

	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/tcpip/stack"
	"gvisor.dev/gvisor/pkg/tcpip/transport/tcp"

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

// observe reads every TCP socket's state and every listener's queues from
// netstack and traces what changed. The scheduler calls it after each step.
func (t *Table) observe() {
	host := t.p.HostName()
	now := int64(t.p.Now())
	rec := t.p.Trace()
	emit := func(fd int, ep tcpip.Endpoint, from, to string) {
		ev := trace.Event{T: now, Host: host, Kind: trace.KindState, FD: fd, From: from, To: to}
		ev.Src, ev.Dst = endpointAddrs(ep)
		rec.Add(ev)
	}
	check := func(f *file, fd int) {
		if f.typ != SOCK_STREAM {
			return
		}
		if st := epState(f.ep); st != f.state {
			emit(fd, f.ep, f.state, st)
			f.state = st
		}
	}
	var listeners []*file
	for fd, f := range t.files {
		if f == nil || f.kind != kindSocket {
			continue
		}
		check(f, fd)
		if f.listening && f.state == "LISTEN" {
			listeners = append(listeners, f)
		}
	}
	live := t.closed[:0]
	for _, f := range t.closed {
		check(f, f.fd)
		if f.state != "CLOSED" {
			live = append(live, f)
		} else {
			delete(t.owned, f.ep)
		}
	}
	t.closed = live
	// A listener gets a new connection only after a SYN arrives, and the
	// connections it holds change only when frames arrive or timers fire
	// (accept takes its child out of the table itself).
	h := t.p.Host()
	in, syn := h.Inbound(), h.SynIn()
	if (len(listeners) > 0 && (syn != t.synIn || len(listeners) != t.listeners)) || (len(t.children) > 0 && in != t.inbound) {
		t.inbound, t.synIn, t.listeners = in, syn, len(listeners)
		t.observeChildren(listeners, emit)
	}
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
			rec.Add(trace.Event{T: now, Host: host, Kind: trace.KindQueue, FD: l.fd, SynQ: synq, AcceptQ: acceptq, Backlog: l.backlog})
		}
	}
}

// observeChildren finds the connections listeners hold that accept has not
// returned yet: every TCP endpoint netstack has registered on a listener's
// port that is not a descriptor of the program.
func (t *Table) observeChildren(listeners []*file, emit func(int, tcpip.Endpoint, string, string)) {
	type cand struct {
		ep    tcpip.Endpoint
		id    stack.TransportEndpointID
		c     *child
		state string
	}
	lids := make([]stack.TransportEndpointID, len(listeners))
	for i, l := range listeners {
		lids[i] = l.ep.Info().(*stack.TransportEndpointInfo).ID
	}
	seen := map[tcpip.Endpoint]bool{}
	var changed []cand
	for _, te := range t.p.Host().Stack().RegisteredEndpoints() {
		ep, ok := te.(*tcp.Endpoint)
		if !ok || t.owned[ep] {
			continue
		}
		var id stack.TransportEndpointID
		for i, l := range listeners {
			if i == 0 {
				id = ep.Info().(*stack.TransportEndpointInfo).ID
			}
			lid := lids[i]
			if id.LocalPort != lid.LocalPort || id.RemotePort == 0 || (lid.LocalAddress.Len() != 0 && lid.LocalAddress != id.LocalAddress) {
				continue
			}
			seen[ep] = true
			c := t.children[ep]
			if c == nil {
				c = &child{listener: l, state: "LISTEN"}
				t.children[ep] = c
			}
			if st := epState(ep); st != c.state {
				changed = append(changed, cand{ep, id, c, st})
			}
			break
		}
	}
	for ep, c := range t.children {
		if !seen[ep] {
			// Gone without accept: reset, or the listener closed.
			id := ep.Info().(*stack.TransportEndpointInfo).ID
			changed = append(changed, cand{ep, id, c, ""})
		}
	}
	// A stable order (by peer) so traces are deterministic.
	sort.Slice(changed, func(i, j int) bool {
		a, b := changed[i].id, changed[j].id
		if c := bytes.Compare(a.RemoteAddress.AsSlice(), b.RemoteAddress.AsSlice()); c != 0 {
			return c < 0
		}
		return a.RemotePort < b.RemotePort
	})
	for _, c := range changed {
		if c.state == "" {
			if c.c.state != "CLOSED" {
				emit(-1, c.ep, c.c.state, "CLOSED")
			}
			delete(t.children, c.ep)
			continue
		}
		emit(-1, c.ep, c.c.state, c.state)
		c.c.state = c.state
	}
}

// endpointAddrs returns an endpoint's local and remote "ip:port".
func endpointAddrs(ep tcpip.Endpoint) (local, remote string) {
	info, ok := ep.Info().(*stack.TransportEndpointInfo)
	if !ok {
		return "", ""
	}
	id := info.ID
	return addrPort(id.LocalAddress, id.LocalPort), addrPort(id.RemoteAddress, id.RemotePort)
}

func addrPort(a tcpip.Address, port uint16) string {
	if a.Len() == 0 {
		return "*:" + itoa(int(port))
	}
	ip, _ := netip.AddrFromSlice(a.AsSlice())
	return netip.AddrPortFrom(ip.Unmap(), port).String()
}
