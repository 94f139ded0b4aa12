package sock

import (
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
		}
	}
	t.closed = live
	if len(listeners) > 0 || len(t.children) > 0 {
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
	owned := map[tcpip.Endpoint]bool{}
	for _, f := range t.files {
		if f != nil && f.kind == kindSocket {
			owned[f.ep] = true
		}
	}
	for _, f := range t.closed {
		owned[f.ep] = true
	}
	seen := map[tcpip.Endpoint]bool{}
	var found []tcpip.Endpoint
	for _, te := range t.p.Host().Stack().RegisteredEndpoints() {
		ep, ok := te.(*tcp.Endpoint)
		if !ok || owned[ep] {
			continue
		}
		id := ep.Info().(*stack.TransportEndpointInfo).ID
		for _, l := range listeners {
			lid := l.ep.Info().(*stack.TransportEndpointInfo).ID
			if id.LocalPort == lid.LocalPort && id.RemotePort != 0 && (lid.LocalAddress.Len() == 0 || lid.LocalAddress == id.LocalAddress) {
				seen[ep] = true
				found = append(found, ep)
				if t.children[ep] == nil {
					t.children[ep] = &child{listener: l, state: "LISTEN"}
				}
				break
			}
		}
	}
	// Children in a stable order (by peer address) so traces are deterministic.
	byPeer := func(eps []tcpip.Endpoint) {
		sort.Slice(eps, func(i, j int) bool {
			_, pa := endpointAddrs(eps[i])
			_, pb := endpointAddrs(eps[j])
			return pa < pb
		})
	}
	byPeer(found)
	for _, ep := range found {
		c := t.children[ep]
		if st := epState(ep); st != c.state {
			emit(-1, ep, c.state, st)
			c.state = st
		}
	}
	var gone []tcpip.Endpoint
	for ep := range t.children {
		if !seen[ep] {
			gone = append(gone, ep)
		}
	}
	byPeer(gone)
	for _, ep := range gone {
		// Gone without accept: reset, or the listener closed.
		if c := t.children[ep]; c.state != "CLOSED" {
			emit(-1, ep, c.state, "CLOSED")
		}
		delete(t.children, ep)
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
