// Package sock is netplay's socket layer: a per-process file descriptor
// table over gVisor endpoints with the system calls a sockets course uses,
// with Linux semantics (blocking and O_NONBLOCK, errno values, ephemeral
// ports, wildcard binds). Every call is traced with its arguments, result,
// errno and source line; every TCP state change is read from the endpoints.
//
// Addresses cross the API as raw sockaddr bytes, exactly as C memory holds
// them, so the C library passes them through as the kernel would get them.
package sock

import (
	"fmt"
	"net/netip"
	"strconv"
	"time"

	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/tcpip/network/ipv4"
	"gvisor.dev/gvisor/pkg/tcpip/network/ipv6"
	"gvisor.dev/gvisor/pkg/tcpip/stack"
	"gvisor.dev/gvisor/pkg/tcpip/transport/tcp"
	"gvisor.dev/gvisor/pkg/tcpip/transport/udp"
	"gvisor.dev/gvisor/pkg/waiter"

	"netplay/stack/linux/errno"
	"netplay/stack/trace"
	"netplay/stack/vnet"
)

// Table is the file descriptor table of one process. Descriptors 0, 1 and 2
// are standard input (always at end of file), output and error (the
// program's output in the trace); sockets get the lowest free number.
type Table struct {
	p     *vnet.Process
	files []*file // indexed by fd; nil when free

	// closed holds sockets the program closed whose connection lives on
	// (FIN_WAIT, TIME_WAIT …), so their states stay in the trace.
	closed []*file
	// closedIn is the host's Inbound count when closed was last read,
	// closedNew whether a socket joined it since.
	closedIn  uint64
	closedNew bool
	// children are connections a listener holds that accept has not
	// returned yet (SYN_RECV, then ESTABLISHED in the accept queue).
	children map[tcpip.Endpoint]*child
	// childrenChanged says a child changed state or left since the
	// listeners' queue lengths were last counted.
	childrenChanged bool
	// owned holds the endpoints of descriptors, open or in closed.
	owned map[tcpip.Endpoint]bool
	// inbound, synIn and listeners are the host's Inbound and SynIn counts
	// and the number of listeners when the children were last looked for.
	inbound   uint64
	synIn     uint64
	listeners int

	sigpipeIgnored bool
	listenBuf      []*file // observe's list of listeners, reused
}

type fileKind int

const (
	kindStdin fileKind = iota
	kindStdout
	kindStderr
	kindSocket
)

type file struct {
	fd       int
	kind     fileKind
	ep       tcpip.Endpoint
	wq       *waiter.Queue
	family   int
	typ      int
	nonblock bool
	cloexec  bool
	rcvTimeo time.Duration
	sndTimeo time.Duration

	listening bool
	backlog   int
	state     string // last TCP state traced
	synq      int    // last queue lengths traced (listeners)
	acceptq   int
	names     addrNames // the addresses of the last state event
}

type child struct {
	listener *file
	state    string
	id       stack.TransportEndpointID
	names    addrNames
}

// New returns the descriptor table of process p; the table closes whatever
// the program left open when it exits, as the kernel does.
func New(p *vnet.Process) *Table {
	t := &Table{p: p, children: map[tcpip.Endpoint]*child{}, owned: map[tcpip.Endpoint]bool{}}
	t.files = []*file{{fd: 0, kind: kindStdin}, {fd: 1, kind: kindStdout}, {fd: 2, kind: kindStderr}}
	p.Observe(t.observe)
	p.OnExit(t.closeAll)
	return t
}

// IgnoreSIGPIPE records the program's SIGPIPE disposition
// (signal(SIGPIPE, SIG_IGN)): when ignored, writing to a broken connection
// returns EPIPE instead of ending the program.
func (t *Table) IgnoreSIGPIPE(ignored bool) { t.sigpipeIgnored = ignored }

func (t *Table) get(fd int) (*file, errno.Errno) {
	if fd < 0 || fd >= len(t.files) || t.files[fd] == nil {
		return nil, errno.EBADF
	}
	return t.files[fd], 0
}

func (t *Table) socket(fd int) (*file, errno.Errno) {
	f, err := t.get(fd)
	if err != 0 {
		return nil, err
	}
	if f.kind != kindSocket {
		return nil, errno.ENOTSOCK
	}
	return f, 0
}

func (t *Table) alloc(f *file) int {
	if f.ep != nil {
		t.owned[f.ep] = true
	}
	for i, g := range t.files {
		if g == nil {
			f.fd = i
			t.files[i] = f
			return i
		}
	}
	f.fd = len(t.files)
	t.files = append(t.files, f)
	return f.fd
}

// syscall records a socket call in the trace. start is when it was made.
func (t *Table) syscall(start time.Duration, call string, fd int, args string, ret int64, err errno.Errno) {
	t.p.Trace().Add(trace.Event{
		T: int64(t.p.Now()), Start: int64(start), Host: t.p.HostName(), Kind: trace.KindSyscall,
		Call: call, FD: fd, Args: args, Ret: ret, Errno: err.Name(), Line: t.p.Line(),
	})
}

// done traces a call that returns 0 or -1 and returns err.
func (t *Table) done(start time.Duration, call string, fd int, args string, err errno.Errno) errno.Errno {
	t.observe()
	ret := int64(0)
	if err != 0 {
		ret = -1
	}
	t.syscall(start, call, fd, args, ret, err)
	return err
}

// Socket implements socket(2).
func (t *Table) Socket(domain, typ, proto int) (int, errno.Errno) {
	start := t.p.Now()
	args := domainName(domain) + ", " + typeName(typ) + ", " + strconv.Itoa(proto)
	fail := func(e errno.Errno) (int, errno.Errno) {
		t.syscall(start, "socket", -1, args, -1, e)
		return -1, e
	}
	var netProto tcpip.NetworkProtocolNumber
	switch domain {
	case AF_INET:
		netProto = ipv4.ProtocolNumber
	case AF_INET6:
		netProto = ipv6.ProtocolNumber
	default:
		return fail(errno.EAFNOSUPPORT)
	}
	base := typ &^ (SOCK_NONBLOCK | SOCK_CLOEXEC)
	var transProto tcpip.TransportProtocolNumber
	switch base {
	case SOCK_STREAM:
		if proto != 0 && proto != IPPROTO_TCP {
			return fail(errno.EPROTONOSUPPORT)
		}
		transProto = tcp.ProtocolNumber
	case SOCK_DGRAM:
		if proto != 0 && proto != IPPROTO_UDP {
			return fail(errno.EPROTONOSUPPORT)
		}
		transProto = udp.ProtocolNumber
	case SOCK_RAW:
		return fail(errno.EPERM)
	default:
		return fail(errno.EINVAL)
	}
	wq := &waiter.Queue{}
	ep, terr := t.p.Host().Stack().NewEndpoint(transProto, netProto, wq)
	if terr != nil {
		return fail(errnoOf(terr))
	}
	f := &file{kind: kindSocket, ep: ep, wq: wq, family: domain, typ: base,
		nonblock: typ&SOCK_NONBLOCK != 0, cloexec: typ&SOCK_CLOEXEC != 0}
	if base == SOCK_STREAM {
		f.state = "CLOSED"
		// Nagle's algorithm is on by default on Linux (TCP_NODELAY 0);
		// netstack starts with it off.
		ep.SocketOptions().SetDelayOption(true)
	}
	fd := t.alloc(f)
	t.syscall(start, "socket", fd, args, int64(fd), 0)
	return fd, 0
}

// fullAddr converts sockaddr bytes for socket f into a netstack address.
func (f *file) fullAddr(addr []byte) (tcpip.FullAddress, errno.Errno) {
	fam, ip, port, err := ParseSockaddr(addr)
	if err != 0 {
		return tcpip.FullAddress{}, err
	}
	if fam != f.family {
		if f.family == AF_INET && fam == AF_INET6 {
			return tcpip.FullAddress{}, errno.EAFNOSUPPORT
		}
		if f.family == AF_INET6 && fam == AF_INET {
			return tcpip.FullAddress{}, errno.EINVAL
		}
	}
	if f.family == AF_INET6 && fam == AF_INET6 && ip.Is4In6() {
		// v4-mapped on a dual-stack socket: netstack wants it mapped.
		return tcpip.FullAddress{Addr: tcpip.AddrFromSlice(ip.AsSlice()), Port: port}, 0
	}
	return tcpip.FullAddress{Addr: toTCPIP(ip), Port: port}, 0
}

// Bind implements bind(2).
func (t *Table) Bind(fd int, addr []byte) errno.Errno {
	start := t.p.Now()
	args := fmt.Sprintf("%d, %s", fd, FormatSockaddr(addr))
	f, err := t.socket(fd)
	if err != 0 {
		return t.done(start, "bind", fd, args, err)
	}
	fa, err := f.fullAddr(addr)
	if err != 0 {
		return t.done(start, "bind", fd, args, err)
	}
	if terr := f.ep.Bind(fa); terr != nil {
		e := errnoOf(terr)
		if _, ok := terr.(*tcpip.ErrInvalidEndpointState); ok {
			e = errno.EINVAL // already bound
		}
		return t.done(start, "bind", fd, args, e)
	}
	return t.done(start, "bind", fd, args, 0)
}

// Listen implements listen(2). The backlog reaches netstack as given,
// capped at SOMAXCONN as Linux caps it.
func (t *Table) Listen(fd, backlog int) errno.Errno {
	start := t.p.Now()
	args := fmt.Sprintf("%d, %d", fd, backlog)
	f, err := t.socket(fd)
	if err != 0 {
		return t.done(start, "listen", fd, args, err)
	}
	if f.typ != SOCK_STREAM {
		return t.done(start, "listen", fd, args, errno.EOPNOTSUPP)
	}
	if backlog < 0 || backlog > SOMAXCONN {
		backlog = SOMAXCONN
	}
	if terr := f.ep.Listen(backlog); terr != nil {
		return t.done(start, "listen", fd, args, errnoOf(terr))
	}
	f.listening, f.backlog = true, backlog
	return t.done(start, "listen", fd, args, 0)
}

// deadline returns the absolute virtual deadline for a timeout (0: none).
func (t *Table) deadline(d time.Duration) int64 {
	if d <= 0 {
		return -1
	}
	return int64(t.p.Now() + d)
}

// Accept implements accept4(2) (accept is flags 0). It returns the new
// descriptor and the peer's sockaddr.
func (t *Table) Accept(fd int, flags int) (int, []byte, errno.Errno) {
	start := t.p.Now()
	args := strconv.Itoa(fd)
	fail := func(e errno.Errno) (int, []byte, errno.Errno) {
		t.observe()
		t.syscall(start, "accept", fd, args, -1, e)
		return -1, nil, e
	}
	f, err := t.socket(fd)
	if err != 0 {
		return fail(err)
	}
	if !f.listening {
		return fail(errno.EINVAL)
	}
	if flags&^(SOCK_NONBLOCK|SOCK_CLOEXEC) != 0 {
		return fail(errno.EINVAL)
	}
	var peer tcpip.FullAddress
	var nep tcpip.Endpoint
	var nwq *waiter.Queue
	var terr tcpip.Error
	ready := func() bool {
		nep, nwq, terr = f.ep.Accept(&peer)
		_, again := terr.(*tcpip.ErrWouldBlock)
		return !again
	}
	if !ready() {
		if f.nonblock {
			return fail(errno.EAGAIN)
		}
		if !t.p.Wait([]*waiter.Queue{f.wq}, waiter.ReadableEvents, t.deadline(f.rcvTimeo), ready) {
			return fail(errno.EAGAIN)
		}
	}
	if terr != nil {
		return fail(errnoOf(terr))
	}
	nf := &file{kind: kindSocket, ep: nep, wq: nwq, family: f.family, typ: f.typ,
		nonblock: flags&SOCK_NONBLOCK != 0, cloexec: flags&SOCK_CLOEXEC != 0}
	if c := t.children[nep]; c != nil {
		nf.state = c.state
		delete(t.children, nep)
		t.childrenChanged = true
	} else {
		nf.state = "SYN_RECV"
	}
	nfd := t.alloc(nf)
	sa := Sockaddr(f.family, fromTCPIP(peer.Addr, f.family), peer.Port)
	t.observe()
	t.syscall(start, "accept", fd, strconv.Itoa(fd)+", "+FormatSockaddr(sa), int64(nfd), 0)
	return nfd, sa, 0
}

// Connect implements connect(2): blocking sockets wait for the handshake
// to finish (or fail); non-blocking ones return EINPROGRESS.
func (t *Table) Connect(fd int, addr []byte) errno.Errno {
	start := t.p.Now()
	args := strconv.Itoa(fd) + ", " + FormatSockaddr(addr)
	f, err := t.socket(fd)
	if err != 0 {
		return t.done(start, "connect", fd, args, err)
	}
	fa, err := f.fullAddr(addr)
	if err != 0 {
		return t.done(start, "connect", fd, args, err)
	}
	if f.typ == SOCK_STREAM && f.listening {
		return t.done(start, "connect", fd, args, errno.EISCONN)
	}
	terr := f.ep.Connect(fa)
	if _, started := terr.(*tcpip.ErrConnectStarted); started && !f.nonblock {
		t.observe()
		connected := t.p.Wait([]*waiter.Queue{f.wq}, waiter.WritableEvents|waiter.EventHUp|waiter.EventErr, t.deadline(f.sndTimeo), func() bool {
			return f.ep.Readiness(waiter.WritableEvents|waiter.EventHUp|waiter.EventErr) != 0
		})
		if !connected {
			return t.done(start, "connect", fd, args, errno.EINPROGRESS)
		}
		// As Linux does, a second connect reports how the first ended.
		terr = f.ep.Connect(fa)
	}
	return t.done(start, "connect", fd, args, errnoOf(terr))
}

// Close implements close(2).
func (t *Table) Close(fd int) errno.Errno {
	start := t.p.Now()
	args := strconv.Itoa(fd)
	f, err := t.get(fd)
	if err != 0 {
		return t.done(start, "close", fd, args, err)
	}
	t.files[fd] = nil
	if f.kind != kindSocket {
		return 0 // closing stdio is not a socket call; not traced
	}
	t.release(f)
	return t.done(start, "close", fd, args, 0)
}

// release closes f's endpoint; a TCP connection lives on in the trace.
func (t *Table) release(f *file) {
	f.ep.Close()
	if f.typ == SOCK_STREAM {
		t.closed = append(t.closed, f)
		t.closedNew = true
	} else {
		delete(t.owned, f.ep)
	}
}

func (t *Table) closeAll() {
	for fd, f := range t.files {
		if f != nil && f.kind == kindSocket {
			t.files[fd] = nil
			t.release(f)
		}
	}
	t.observe()
}

// Shutdown implements shutdown(2).
func (t *Table) Shutdown(fd, how int) errno.Errno {
	start := t.p.Now()
	args := fmt.Sprintf("%d, %s", fd, shutName(how))
	f, err := t.socket(fd)
	if err != 0 {
		return t.done(start, "shutdown", fd, args, err)
	}
	var flags tcpip.ShutdownFlags
	switch how {
	case SHUT_RD:
		flags = tcpip.ShutdownRead
	case SHUT_WR:
		flags = tcpip.ShutdownWrite
	case SHUT_RDWR:
		flags = tcpip.ShutdownRead | tcpip.ShutdownWrite
	default:
		return t.done(start, "shutdown", fd, args, errno.EINVAL)
	}
	return t.done(start, "shutdown", fd, args, errnoOf(f.ep.Shutdown(flags)))
}

// GetSockName implements getsockname(2).
func (t *Table) GetSockName(fd int) ([]byte, errno.Errno) {
	return t.name(fd, "getsockname", false)
}

// GetPeerName implements getpeername(2).
func (t *Table) GetPeerName(fd int) ([]byte, errno.Errno) {
	return t.name(fd, "getpeername", true)
}

func (t *Table) name(fd int, call string, peer bool) ([]byte, errno.Errno) {
	start := t.p.Now()
	f, err := t.socket(fd)
	if err != 0 {
		t.syscall(start, call, fd, fmt.Sprint(fd), -1, err)
		return nil, err
	}
	var a tcpip.FullAddress
	var terr tcpip.Error
	if peer {
		a, terr = f.ep.GetRemoteAddress()
	} else {
		a, terr = f.ep.GetLocalAddress()
	}
	if terr != nil {
		e := errnoOf(terr)
		t.syscall(start, call, fd, fmt.Sprint(fd), -1, e)
		return nil, e
	}
	sa := Sockaddr(f.family, fromTCPIP(a.Addr, f.family), a.Port)
	t.syscall(start, call, fd, fmt.Sprintf("%d, %s", fd, FormatSockaddr(sa)), 0, 0)
	return sa, 0
}

func domainName(d int) string {
	switch d {
	case AF_INET:
		return "AF_INET"
	case AF_INET6:
		return "AF_INET6"
	case AF_UNSPEC:
		return "AF_UNSPEC"
	}
	return fmt.Sprint(d)
}

func typeName(typ int) string {
	s := ""
	switch typ &^ (SOCK_NONBLOCK | SOCK_CLOEXEC) {
	case SOCK_STREAM:
		s = "SOCK_STREAM"
	case SOCK_DGRAM:
		s = "SOCK_DGRAM"
	case SOCK_RAW:
		s = "SOCK_RAW"
	default:
		s = fmt.Sprint(typ &^ (SOCK_NONBLOCK | SOCK_CLOEXEC))
	}
	if typ&SOCK_NONBLOCK != 0 {
		s += "|SOCK_NONBLOCK"
	}
	if typ&SOCK_CLOEXEC != 0 {
		s += "|SOCK_CLOEXEC"
	}
	return s
}

func shutName(how int) string {
	switch how {
	case SHUT_RD:
		return "SHUT_RD"
	case SHUT_WR:
		return "SHUT_WR"
	case SHUT_RDWR:
		return "SHUT_RDWR"
	}
	return fmt.Sprint(how)
}

var _ = netip.Addr{}
