// Package sock is netplay's Internet sockets: gVisor endpoints with the
// calls a sockets course makes on them, with Linux semantics (blocking and
// O_NONBLOCK, errno values, ephemeral ports, wildcard binds, Nagle on by
// default), and the observation of every TCP socket's state and every
// listener's queues, traced as they change.
//
// A Socket is the kind of open file description stack/kernel's descriptors
// point at for AF_INET and AF_INET6; the kernel keeps the descriptors and
// traces the calls. Addresses cross the API as raw sockaddr bytes, exactly
// as C memory holds them, so the C library passes them through as the
// kernel would get them.
package sock

import (
	"cmp"
	"slices"
	"sync"
	"time"

	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/tcpip/header"
	"gvisor.dev/gvisor/pkg/tcpip/network/ipv4"
	"gvisor.dev/gvisor/pkg/tcpip/network/ipv6"
	"gvisor.dev/gvisor/pkg/tcpip/stack"
	"gvisor.dev/gvisor/pkg/tcpip/transport/tcp"
	"gvisor.dev/gvisor/pkg/tcpip/transport/udp"
	"gvisor.dev/gvisor/pkg/waiter"

	"netplay/stack/linux/errno"
	"netplay/stack/vnet"
)

// Stack is the socket layer of one host: the sockets its programs hold,
// those they closed whose connection lives on, and the connections its
// listeners hold that accept has not returned yet. After every scheduler
// step that touched the host it reads from netstack the TCP states of the
// sockets the step may have changed and traces what changed: what that
// costs grows with what happened, not with how many sockets are open.
type Stack struct {
	h *vnet.Host

	// open holds the sockets descriptors point at, by label (the fd each
	// was made as; the one attached last first among equal labels), so
	// that changes of one step are traced in fd order.
	open []*Socket
	// listening holds the open sockets listen was called on, in open's
	// order.
	listening []*Socket
	// closed holds sockets the program closed whose connection lives on
	// (FIN_WAIT, TIME_WAIT …), so their states stay in the trace, in the
	// order they were closed; those whose connection ended since are
	// dropped from it when they are as many as the others (gone).
	closed []*Socket
	gone   int
	// dirty holds the sockets whose state may have changed since the host
	// was last observed settled: a call was made on it, a TCP segment
	// reached it. rescan says any may have (a timer of the stack fired, a
	// packet came that names no socket): every socket is read.
	dirty  []*Socket
	rescan bool
	// rescans is the host's Rescans count when last read.
	rescans uint64
	// notified holds the sockets whose endpoint reported a hang-up or an
	// error (a timer of gVisor's ended the connection: TIME_WAIT or
	// FIN_WAIT2 over, retransmissions or keepalives given up), until
	// observe marks them; gVisor's goroutines add to it.
	notifyMu sync.Mutex
	notified []*Socket
	// selves counts the sockets (open or in closed) connected to the
	// host itself: while there are any, every socket is read.
	selves int
	// order numbers attaches and releases (Socket.attached, released).
	order uint64
	// children are connections a listener holds that accept has not
	// returned yet (SYN_RECV, then ESTABLISHED in the accept queue).
	children map[tcpip.Endpoint]*child
	// childrenChanged says a child changed state or left since the
	// listeners' queue lengths were last counted.
	childrenChanged bool
	// owned maps the endpoints of sockets, open or in closed, to them.
	owned map[tcpip.Endpoint]*Socket
	// inbound, synIn and listeners are the host's Inbound and SynIn counts
	// and the number of listeners when the children were last looked for.
	inbound   uint64
	synIn     uint64
	listeners int

	listenBuf []*Socket // observe's list of listeners, reused
	checkBuf  []*Socket // observe's list of sockets to read, reused
	// syns are the SYNs that reached the host whose connections are yet
	// to be looked up (Observe, discoverSyns).
	syns []vnet.ConnID
}

type stackKey struct{}

// Of returns the socket layer of host h, made on first use.
func Of(h *vnet.Host) *Stack {
	return h.Value(stackKey{}, func() any {
		s := &Stack{h: h, children: map[tcpip.Endpoint]*child{}, owned: map[tcpip.Endpoint]*Socket{}}
		h.Observe(s.observeSettled)
		return s
	}).(*Stack)
}

// Socket is one Internet socket: a gVisor endpoint and what Linux keeps
// beside it (timeouts, the listen backlog), and what the trace last showed
// of it.
type Socket struct {
	st       *Stack
	label    int // the descriptor it was made as: its state events' fd
	ep       tcpip.Endpoint
	wq       *waiter.Queue
	family   int
	typ      int
	rcvTimeo time.Duration
	sndTimeo time.Duration

	listening bool
	backlog   int
	// Where the socket is in its Stack's lists (place), its position there
	// (attached: in open among equal labels, released: in closed), and
	// whether it is in dirty.
	place    place
	attached uint64
	released uint64
	dirty    bool
	// peerKnown: whether the socket is connected to its own host (self)
	// has been looked at, once it had a peer.
	peerKnown bool
	self      bool
	// watch is the socket's entry on its endpoint's waiter queue for
	// hang-ups and errors (Stack.notified).
	watch waiter.Entry

	state   string // last TCP state traced
	synq    int    // last queue lengths traced (listeners)
	acceptq int
	names   addrNames // the addresses of the last state event
}

// place says which of its Stack's lists a socket is in.
type place uint8

const (
	nowhere  place = iota // not attached, or its connection ended
	inOpen                // Stack.open: a descriptor points at it
	inClosed              // Stack.closed: released, its connection lives on
)

type child struct {
	listener *Socket
	state    string
	id       stack.TransportEndpointID
	names    addrNames
}

// NewSocket implements socket(2) for AF_INET and AF_INET6; typ may carry
// SOCK_NONBLOCK and SOCK_CLOEXEC, which are the descriptor's business.
func (st *Stack) NewSocket(domain, typ, proto int) (*Socket, errno.Errno) {
	var netProto tcpip.NetworkProtocolNumber
	switch domain {
	case AF_INET:
		netProto = ipv4.ProtocolNumber
	case AF_INET6:
		netProto = ipv6.ProtocolNumber
	default:
		return nil, errno.EAFNOSUPPORT
	}
	base := typ &^ (SOCK_NONBLOCK | SOCK_CLOEXEC)
	var transProto tcpip.TransportProtocolNumber
	switch base {
	case SOCK_STREAM:
		if proto != 0 && proto != IPPROTO_TCP {
			return nil, errno.EPROTONOSUPPORT
		}
		transProto = tcp.ProtocolNumber
	case SOCK_DGRAM:
		if proto != 0 && proto != IPPROTO_UDP {
			return nil, errno.EPROTONOSUPPORT
		}
		transProto = udp.ProtocolNumber
	case SOCK_RAW:
		return nil, errno.EPERM
	default:
		return nil, errno.EINVAL
	}
	wq := &waiter.Queue{}
	ep, terr := st.h.Stack().NewEndpoint(transProto, netProto, wq)
	if terr != nil {
		return nil, errnoOf(terr)
	}
	s := &Socket{st: st, ep: ep, wq: wq, family: domain, typ: base}
	if base == SOCK_STREAM {
		s.watchEnd()
		s.state = "CLOSED"
		// Nagle's algorithm is on by default on Linux (TCP_NODELAY 0);
		// netstack starts with it off.
		ep.SocketOptions().SetDelayOption(true)
	}
	return s, 0
}

// Attach makes s one of the host's open sockets, shown in the trace as
// descriptor fd (the one it was made as), until Release.
func (st *Stack) Attach(s *Socket, fd int) {
	s.label = fd
	st.owned[s.ep] = s
	st.order++
	s.place, s.attached = inOpen, st.order
	i, _ := slices.BinarySearchFunc(st.open, s, openOrder)
	st.open = slices.Insert(st.open, i, s)
	if s.listening {
		st.addListening(s)
	}
	s.touched()
}

// openOrder is the order of Stack.open: by label, the one attached last
// first among equal labels (a descriptor dup'ed keeps the label of the
// first, which a new socket may take again once that one is closed).
func openOrder(a, b *Socket) int {
	if a.label != b.label {
		return a.label - b.label
	}
	return cmp.Compare(b.attached, a.attached)
}

// addListening adds an open socket to the listeners.
func (st *Stack) addListening(s *Socket) {
	i, found := slices.BinarySearchFunc(st.listening, s, openOrder)
	if !found {
		st.listening = slices.Insert(st.listening, i, s)
	}
}

// watchEnd has the endpoint's hang-ups and errors mark the socket: the
// state changes a timer of gVisor's makes (to CLOSED) are notified so,
// from the scheduler's goroutine or gVisor's.
func (s *Socket) watchEnd() {
	s.watch = waiter.NewFunctionEntry(waiter.EventHUp|waiter.EventErr, func(waiter.EventMask) {
		st := s.st
		st.notifyMu.Lock()
		st.notified = append(st.notified, s)
		st.notifyMu.Unlock()
	})
	s.wq.EventRegister(&s.watch)
}

// touched marks that the socket's state may have changed: it is read at
// the host's next observation (Observe).
func (s *Socket) touched() {
	if !s.dirty {
		s.dirty = true
		s.st.dirty = append(s.st.dirty, s)
	}
}

// Family returns the socket's address family (AF_INET or AF_INET6).
func (s *Socket) Family() int { return s.family }

// Type returns SOCK_STREAM or SOCK_DGRAM.
func (s *Socket) Type() int { return s.typ }

// Listening reports whether listen was called on the socket.
func (s *Socket) Listening() bool { return s.listening }

// Queue is where the endpoint notifies readiness.
func (s *Socket) Queue() *waiter.Queue { return s.wq }

// Readiness returns which events of mask (poll's bits) are ready, as
// Linux's tcp_poll says them where netstack differs: a TCP socket not
// connected yet is writable and hung up (EPOLLOUT|EPOLLHUP), and one whose
// connection has ended (CLOSED after the FINs, TIME_WAIT) is readable,
// writable and hung up, with no error or urgent data to report (netstack
// reports every event there). A connection that failed (reset, timed out)
// keeps its error. Urgent data (EPOLLPRI) is never there.
func (s *Socket) Readiness(mask waiter.EventMask) waiter.EventMask {
	r := s.ep.Readiness(mask)
	if s.typ != SOCK_STREAM {
		return r
	}
	switch tcp.EndpointState(s.ep.State()) {
	case tcp.StateInitial, tcp.StateBound:
		r |= mask & waiter.WritableEvents
	case tcp.StateClose, tcp.StateTimeWait:
		r &^= waiter.EventErr | waiter.EventPri
	case tcp.StateError:
		r &^= waiter.EventPri
	}
	return r
}

// Queued returns the bytes a read would find now: the unread bytes of a
// stream, the size of the next datagram (FIONREAD).
func (s *Socket) Queued() int {
	v, err := s.ep.GetSockOptInt(tcpip.ReceiveQueueSizeOption)
	if err != nil {
		return 0
	}
	return v
}

// fullAddr converts sockaddr bytes for s into a netstack address.
func (s *Socket) fullAddr(addr []byte) (tcpip.FullAddress, errno.Errno) {
	fam, ip, port, err := ParseSockaddr(addr)
	if err != 0 {
		return tcpip.FullAddress{}, err
	}
	if fam != s.family {
		if s.family == AF_INET && fam == AF_INET6 {
			return tcpip.FullAddress{}, errno.EAFNOSUPPORT
		}
		if s.family == AF_INET6 && fam == AF_INET {
			return tcpip.FullAddress{}, errno.EINVAL
		}
	}
	if s.family == AF_INET6 && fam == AF_INET6 && ip.Is4In6() {
		// v4-mapped on a dual-stack socket: netstack wants it mapped.
		return tcpip.FullAddress{Addr: tcpip.AddrFromSlice(ip.AsSlice()), Port: port}, 0
	}
	return tcpip.FullAddress{Addr: toTCPIP(ip), Port: port}, 0
}

// PrivilegedPorts is net.ipv4.ip_unprivileged_port_start: a user without
// CAP_NET_BIND_SERVICE cannot bind a port below it.
const PrivilegedPorts = 1024

// Bind implements bind(2) for a privileged user (a program in Go).
func (s *Socket) Bind(addr []byte) errno.Errno { return s.bind(addr, true) }

// BindUnprivileged implements bind(2) for a user without
// CAP_NET_BIND_SERVICE, as the learner's C programs run (user 1000): a
// port below PrivilegedPorts on an address of the host is refused with
// EACCES (an address not the host's is EADDRNOTAVAIL first, as Linux
// checks it first).
func (s *Socket) BindUnprivileged(addr []byte) errno.Errno { return s.bind(addr, false) }

func (s *Socket) bind(addr []byte, privileged bool) errno.Errno {
	fa, err := s.fullAddr(addr)
	if err != 0 {
		return err
	}
	if !privileged && fa.Port != 0 && fa.Port < PrivilegedPorts {
		if s.localAddr(fa.Addr) {
			return errno.EACCES
		}
		return errno.EADDRNOTAVAIL
	}
	s.touched()
	if terr := s.ep.Bind(fa); terr != nil {
		if _, ok := terr.(*tcpip.ErrInvalidEndpointState); ok {
			return errno.EINVAL // already bound
		}
		return errnoOf(terr)
	}
	return 0
}

// localAddr reports whether a may be bound: the unspecified address, or
// one of the host's own, a broadcast or multicast address.
func (s *Socket) localAddr(a tcpip.Address) bool {
	st := s.st.h.Stack()
	proto := header.IPv4ProtocolNumber
	if a.Len() == 16 {
		proto = header.IPv6ProtocolNumber
	}
	return a.Unspecified() || st.CheckLocalAddress(0, proto, a) != 0 ||
		(a.Len() == 4 && (a == header.IPv4Broadcast || header.IsV4MulticastAddress(a) || st.IsSubnetBroadcast(0, proto, a))) ||
		(a.Len() == 16 && header.IsV6MulticastAddress(a))
}

// Listen implements listen(2). The backlog is capped at SOMAXCONN as
// Linux caps it, and netstack gets one more: Linux's accept queue is full
// only when it holds more than backlog connections (sk_acceptq_is_full),
// netstack's when it holds capacity, so backlog + 1 finished connections
// wait on both (gVisor's own listen(2) adds the one too). The trace shows
// the program's value.
func (s *Socket) Listen(backlog int) errno.Errno {
	if s.typ != SOCK_STREAM {
		return errno.EOPNOTSUPP
	}
	if backlog < 0 || backlog > SOMAXCONN {
		backlog = SOMAXCONN
	}
	s.touched()
	if terr := s.ep.Listen(backlog + 1); terr != nil {
		return errnoOf(terr)
	}
	s.listening, s.backlog = true, backlog
	if s.place == inOpen {
		s.st.addListening(s)
	}
	return 0
}

// wait blocks p until ready, re-checking it when q notifies one of mask's
// events, for at most timeo (0: no limit): EAGAIN when the timeout passed
// first, EINTR when a signal handler interrupted it. A socket call is
// restarted after a handler with SA_RESTART, unless it has a timeout, as
// on Linux.
func wait(p *vnet.Thread, q *waiter.Queue, mask waiter.EventMask, timeo time.Duration, ready func() bool) errno.Errno {
	deadline, r := int64(-1), vnet.Restartable
	if timeo > 0 {
		deadline, r = int64(p.Now()+timeo), vnet.NotRestarted
	}
	switch p.Wait([]*waiter.Queue{q}, mask, deadline, r, ready) {
	case vnet.TimedOut:
		return errno.EAGAIN
	case vnet.Interrupted:
		return errno.EINTR
	}
	return 0
}

// Accept implements accept(2): it waits (unless nonblock) for a connection
// and returns it as a new socket with the peer's sockaddr. The caller
// attaches it.
func (s *Socket) Accept(p *vnet.Thread, nonblock bool) (*Socket, []byte, errno.Errno) {
	if !s.listening {
		return nil, nil, errno.EINVAL
	}
	s.touched()
	defer s.touched()
	var peer tcpip.FullAddress
	var nep tcpip.Endpoint
	var nwq *waiter.Queue
	var terr tcpip.Error
	ready := func() bool {
		nep, nwq, terr = s.ep.Accept(&peer)
		_, again := terr.(*tcpip.ErrWouldBlock)
		return !again
	}
	if !ready() {
		if nonblock {
			return nil, nil, errno.EAGAIN
		}
		if err := wait(p, s.wq, waiter.ReadableEvents, s.rcvTimeo, ready); err != 0 {
			return nil, nil, err
		}
	}
	if terr != nil {
		return nil, nil, errnoOf(terr)
	}
	// An accepted socket inherits TCP_NODELAY from its listener, as Linux's
	// clone of the listening socket does (netstack's starts with Nagle off).
	nep.SocketOptions().SetDelayOption(s.ep.SocketOptions().GetDelayOption())
	ns := &Socket{st: s.st, ep: nep, wq: nwq, family: s.family, typ: s.typ}
	ns.watchEnd()
	if c := s.st.children[nep]; c != nil {
		ns.state = c.state
		delete(s.st.children, nep)
		s.st.childrenChanged = true
	} else {
		ns.state = "SYN_RECV"
	}
	return ns, Sockaddr(s.family, fromTCPIP(peer.Addr, s.family), peer.Port), 0
}

// Connect implements connect(2): a blocking socket waits for the handshake
// to finish (or fail); a non-blocking one returns EINPROGRESS.
func (s *Socket) Connect(p *vnet.Thread, addr []byte, nonblock bool) errno.Errno {
	fa, err := s.fullAddr(addr)
	if err != 0 {
		return err
	}
	if s.typ == SOCK_STREAM && s.listening {
		return errno.EISCONN
	}
	s.touched()
	defer s.touched() // the connection ended while it waited
	terr := s.ep.Connect(fa)
	if _, started := terr.(*tcpip.ErrConnectStarted); started && !nonblock {
		s.st.Observe()
		switch wait(p, s.wq, waiter.WritableEvents|waiter.EventHUp|waiter.EventErr, s.sndTimeo, func() bool {
			return s.ep.Readiness(waiter.WritableEvents|waiter.EventHUp|waiter.EventErr) != 0
		}) {
		case errno.EAGAIN:
			return errno.EINPROGRESS // SO_SNDTIMEO passed: the handshake goes on
		case errno.EINTR:
			return errno.EINTR
		}
		// As Linux does, a second connect reports how the first ended.
		terr = s.ep.Connect(fa)
	}
	return errnoOf(terr)
}

// Release closes the socket's endpoint when its last descriptor closes; a
// TCP connection lives on in the trace.
func (s *Socket) Release() {
	st := s.st
	if s.place == inOpen {
		if i, found := slices.BinarySearchFunc(st.open, s, openOrder); found {
			st.open = slices.Delete(st.open, i, i+1)
		}
		if i, found := slices.BinarySearchFunc(st.listening, s, openOrder); found {
			st.listening = slices.Delete(st.listening, i, i+1)
		}
	}
	s.ep.Close()
	if s.typ == SOCK_STREAM {
		st.order++
		s.place, s.released = inClosed, st.order
		st.closed = append(st.closed, s)
		s.touched()
	} else {
		s.place = nowhere
		delete(st.owned, s.ep)
	}
}

// Shutdown implements shutdown(2).
func (s *Socket) Shutdown(how int) errno.Errno {
	var flags tcpip.ShutdownFlags
	switch how {
	case SHUT_RD:
		flags = tcpip.ShutdownRead
	case SHUT_WR:
		flags = tcpip.ShutdownWrite
	case SHUT_RDWR:
		flags = tcpip.ShutdownRead | tcpip.ShutdownWrite
	default:
		return errno.EINVAL
	}
	s.touched()
	return errnoOf(s.ep.Shutdown(flags))
}

// Name implements getsockname(2) and, with peer, getpeername(2).
func (s *Socket) Name(peer bool) ([]byte, errno.Errno) {
	var a tcpip.FullAddress
	var terr tcpip.Error
	if peer {
		a, terr = s.ep.GetRemoteAddress()
	} else {
		a, terr = s.ep.GetLocalAddress()
	}
	if terr != nil {
		return nil, errnoOf(terr)
	}
	return Sockaddr(s.family, fromTCPIP(a.Addr, s.family), a.Port), 0
}
