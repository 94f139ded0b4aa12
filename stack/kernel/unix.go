package kernel

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"time"

	"gvisor.dev/gvisor/pkg/waiter"

	"netplay/stack/fs"
	"netplay/stack/linux/errno"
	"netplay/stack/sock"
	"netplay/stack/vnet"
)

// sockMax is the largest socket type number Linux knows (SOCK_PACKET):
// beyond it socket says EINVAL.
const sockMax = 10

// Sizes of local sockets, as Linux has them: a socket's send buffer
// (net.core.wmem_default), and how many datagrams wait in a receiver's
// queue before senders wait (net.unix.max_dgram_qlen).
const (
	unixBuf       = 212992
	maxDgramQueue = 10
)

// unixSocket is a local (AF_UNIX) socket: stream, seqpacket (a
// connection of records) or datagram. A connection is two sockets, each
// reading what the other wrote into its queue; a listener holds the server ends of the connections accept has
// not taken yet (they exist, and take data, as soon as connect returns).
type unixSocket struct {
	h     *Host
	typ   int
	label int    // the descriptor it was made as (-1: a connection not accepted yet)
	name  string // bound name: a path, "\x00…" in the abstract namespace, "" unnamed
	node  *fs.Inode
	wq    waiter.Queue
	stat  Stat

	listening bool
	backlog   int
	pending   []*unixSocket

	peer      *unixSocket // stream: the other end; datagram: connect's destination
	connected bool        // stream: connect or accept made it one end of a connection
	in        byteQueue   // stream: what the peer wrote
	dgrams    []dgram     // datagram: what was sent to it
	shutRd    bool        // it reads no more (shutdown, or the peer's SHUT_WR)
	shutWr    bool        // it writes no more
	err       errno.Errno // pending error (SO_ERROR): ECONNRESET
	closed    bool

	rcvTimeo, sndTimeo time.Duration
	passCred           bool
}

type dgram struct {
	data []byte
	from []byte // the sender's sockaddr (empty when unnamed)
	msg  int    // its local message in the trace
}

func (h *Host) newUnix(typ, proto int) (*unixSocket, errno.Errno) {
	switch {
	case typ < 1 || typ > sockMax:
		return nil, errno.EINVAL
	case typ != sock.SOCK_STREAM && typ != sock.SOCK_DGRAM && typ != SOCK_SEQPACKET:
		return nil, errno.ESOCKTNOSUPPORT
	case proto != 0:
		return nil, errno.EPROTONOSUPPORT
	}
	return &unixSocket{h: h, typ: typ, label: -1, in: byteQueue{cap: unixBuf},
		stat: h.anonStat(devSockFS, fs.S_IFSOCK|0o777)}, 0
}

func (h *Host) unixPair(typ, proto int) (*unixSocket, *unixSocket, errno.Errno) {
	a, err := h.newUnix(typ, proto)
	if err != 0 {
		return nil, nil, err
	}
	b, _ := h.newUnix(typ, proto)
	a.peer, b.peer = b, a
	a.connected, b.connected = a.conn(), b.conn()
	return a, b, 0
}

// parseUnixAddr returns the name a sockaddr_un gives: the path up to its
// first NUL, or "\x00…" (the whole rest) in the abstract namespace; ""
// for a sockaddr of just the family.
func parseUnixAddr(b []byte) (string, errno.Errno) {
	if len(b) < 2 || binary.LittleEndian.Uint16(b) != AF_UNIX || len(b) > SizeofSockaddrUn {
		return "", errno.EINVAL
	}
	path := b[2:]
	if len(path) > 0 && path[0] == 0 {
		return string(path), 0
	}
	if i := bytes.IndexByte(path, 0); i >= 0 {
		path = path[:i]
	}
	return string(path), 0
}

// unixSockaddr is the sockaddr_un Linux returns for name: the family, then
// the path and its NUL, or the abstract name as bound; just the family
// when unnamed.
func unixSockaddr(name string) []byte {
	b := []byte{AF_UNIX, 0}
	b = append(b, name...)
	if name != "" && name[0] != 0 {
		b = append(b, 0)
	}
	return b
}

// displayUnix shows a name as the trace does: an abstract one as "@name".
func displayUnix(name string) string {
	if name != "" && name[0] == 0 {
		return "@" + name[1:]
	}
	return name
}

// end names a socket in the trace: its descriptor, or for a connection
// not accepted yet the listener's name.
func (s *unixSocket) end() string {
	if s.label >= 0 {
		return fdName(s.label)
	}
	return "(not accepted)"
}

// conn reports whether the socket is connection-oriented (stream or
// seqpacket).
func (s *unixSocket) conn() bool { return s.typ != sock.SOCK_DGRAM }

func (s *unixSocket) family() int            { return AF_UNIX }
func (s *unixSocket) sockType() int          { return s.typ }
func (s *unixSocket) isListening() bool      { return s.listening }
func (s *unixSocket) attach(t *Task, fd int) { s.label = fd }
func (s *unixSocket) Queue() *waiter.Queue   { return &s.wq }
func (s *unixSocket) Stat() Stat             { return s.stat }

// lookup finds the socket bound to name, as connect and sendto do.
func (t *Task) lookupUnix(name string, typ int) (*unixSocket, errno.Errno) {
	var target *unixSocket
	if name[0] == 0 {
		target = t.host.abstract[name]
		if target == nil {
			return nil, errno.ECONNREFUSED
		}
	} else {
		n, err := t.host.fs.Lookup(t.cwd, name, User)
		if err != 0 {
			return nil, err
		}
		if n.Type() != fs.S_IFSOCK {
			return nil, errno.ECONNREFUSED
		}
		if err := fs.Permission(n, User, fs.MayWrite); err != 0 {
			return nil, err
		}
		target, _ = n.Socket.(*unixSocket)
		if target == nil {
			return nil, errno.ECONNREFUSED
		}
	}
	if target.typ != typ {
		return nil, errno.EPROTOTYPE
	}
	return target, 0
}

func (s *unixSocket) bind(t *Task, addr []byte) errno.Errno {
	if len(addr) >= 2 && binary.LittleEndian.Uint16(addr) != AF_UNIX {
		return errno.EINVAL
	}
	name, err := parseUnixAddr(addr)
	if err != 0 {
		return err
	}
	if s.name != "" && (name == "" || name[0] == 0) {
		return errno.EINVAL
	}
	switch {
	case name == "": // autobind: a name of five hex digits in the abstract namespace
		for i := 0; ; i++ {
			cand := fmt.Sprintf("\x00%05x", (t.host.anonIno+uint64(i))&0xfffff)
			if t.host.abstract[cand] == nil {
				name = cand
				break
			}
		}
		t.host.abstract[name] = s
	case name[0] == 0:
		if t.host.abstract[name] != nil {
			return errno.EADDRINUSE
		}
		t.host.abstract[name] = s
	default:
		dir, base, err := t.host.fs.Parent(t.cwd, name, User)
		if err != 0 {
			return err
		}
		if dir.Child(base) != nil || base == "" || base == "." || base == ".." {
			return errno.EADDRINUSE // the name is checked before the socket, as on Linux
		}
		if s.name != "" {
			return errno.EINVAL
		}
		n, err := t.host.fs.Make(dir, base, fs.S_IFSOCK|0o777&^t.umask, User)
		if err != 0 {
			return err
		}
		n.Socket, s.node = s, n
	}
	s.name = name
	return 0
}

func (s *unixSocket) listen(t *Task, backlog int) errno.Errno {
	if !s.conn() {
		return errno.EOPNOTSUPP
	}
	if s.connected {
		return errno.EINVAL
	}
	if s.name == "" {
		return errno.EINVAL // Linux: listen needs a bound socket
	}
	if backlog < 0 || backlog > sock.SOMAXCONN {
		backlog = sock.SOMAXCONN
	}
	s.listening, s.backlog = true, backlog
	s.wq.Notify(waiter.EventHUp)
	return 0
}

// waitFor blocks until ready, for at most timeo (0: no limit): EAGAIN when
// the timeout passed first, EINTR when a signal handler interrupted it
// (a call with a timeout is never restarted, as Linux's).
func (s *unixSocket) waitFor(t *Task, on *waiter.Queue, mask waiter.EventMask, timeo time.Duration, ready func() bool) errno.Errno {
	deadline, r := int64(-1), vnet.Restartable
	if timeo > 0 {
		deadline, r = int64(t.th.Now()+timeo), vnet.NotRestarted
	}
	return waitErr(t.th.Wait([]*waiter.Queue{on}, mask|waiter.EventErr|waiter.EventHUp, deadline, r, ready))
}

func (s *unixSocket) accept(t *Task, d *Desc) (socketFile, []byte, errno.Errno) {
	if len(s.pending) == 0 {
		if d.Nonblock() {
			return nil, nil, errno.EAGAIN
		}
		if e := s.waitFor(t, &s.wq, waiter.ReadableEvents, s.rcvTimeo, func() bool { return len(s.pending) > 0 || !s.listening }); e != 0 {
			return nil, nil, e
		}
		if len(s.pending) == 0 {
			return nil, nil, errno.EINVAL
		}
	}
	c := s.pending[0]
	s.pending = s.pending[1:]
	s.wq.Notify(waiter.WritableEvents) // a connect may be waiting for room
	var from []byte
	if c.peer != nil {
		from = unixSockaddr(c.peer.name)
	} else {
		from = unixSockaddr("")
	}
	return c, from, 0
}

func (s *unixSocket) connect(t *Task, d *Desc, addr []byte) errno.Errno {
	if s.typ == sock.SOCK_DGRAM && len(addr) >= 2 && binary.LittleEndian.Uint16(addr) == sock.AF_UNSPEC {
		s.peer = nil // dissolve the association
		return 0
	}
	name, err := parseUnixAddr(addr)
	if err != 0 {
		return err
	}
	if name == "" {
		return errno.EINVAL
	}
	target, err := t.lookupUnix(name, s.typ)
	if err != 0 {
		return err
	}
	if s.typ == sock.SOCK_DGRAM {
		if target.peer != nil && target.peer != s {
			return errno.EPERM
		}
		s.peer = target
		return 0
	}
	switch {
	case s.listening:
		return errno.EINVAL
	case s.connected:
		return errno.EISCONN
	case !target.listening:
		return errno.ECONNREFUSED
	}
	if len(target.pending) > target.backlog {
		if d.Nonblock() {
			return errno.EAGAIN
		}
		e := s.waitFor(t, &target.wq, waiter.WritableEvents, s.sndTimeo, func() bool {
			return len(target.pending) <= target.backlog || !target.listening
		})
		if e != 0 {
			return e
		}
		if !target.listening {
			return errno.ECONNREFUSED
		}
	}
	c, _ := t.host.newUnix(target.typ, 0)
	c.name = target.name
	c.peer, s.peer = s, c
	c.connected, s.connected = true, true
	target.pending = append(target.pending, c)
	target.wq.Notify(waiter.ReadableEvents)
	s.wq.Notify(waiter.WritableEvents)
	return 0
}

func (s *unixSocket) shutdown(t *Task, how int) errno.Errno {
	if how < sock.SHUT_RD || how > sock.SHUT_RDWR {
		return errno.EINVAL
	}
	if s.conn() && !s.connected {
		return errno.ENOTCONN
	}
	rd, wr := how != sock.SHUT_WR, how != sock.SHUT_RD
	s.shutRd = s.shutRd || rd
	s.shutWr = s.shutWr || wr
	if p := s.peer; p != nil && s.conn() {
		// The other end learns it: it reads EOF after what is there, or
		// writes into a closed pipe.
		p.shutRd = p.shutRd || wr
		p.shutWr = p.shutWr || rd
		p.wq.Notify(waiter.ReadableEvents | waiter.WritableEvents | waiter.EventHUp | waiter.EventRdHUp)
	}
	s.wq.Notify(waiter.ReadableEvents | waiter.WritableEvents | waiter.EventHUp | waiter.EventRdHUp)
	return 0
}

func (s *unixSocket) sockName(t *Task, peer bool) ([]byte, errno.Errno) {
	if !peer {
		return unixSockaddr(s.name), 0
	}
	if s.peer == nil || s.conn() && s.peer.closed {
		return nil, errno.ENOTCONN
	}
	return unixSockaddr(s.peer.name), 0
}

func (s *unixSocket) Read(t *Task, d *Desc, b []byte) (int, errno.Errno) {
	n, _, err := s.recv(t, d, b, 0, false)
	return n, err
}

func (s *unixSocket) Write(t *Task, d *Desc, b []byte) (int, errno.Errno) {
	return s.send(t, d, b, 0, nil)
}

func (s *unixSocket) send(t *Task, d *Desc, b []byte, flags int, to []byte) (int, errno.Errno) {
	if flags&^(sock.MSG_DONTWAIT|sock.MSG_NOSIGNAL) != 0 {
		return -1, errno.EOPNOTSUPP
	}
	nonblock := d.Nonblock() || flags&sock.MSG_DONTWAIT != 0
	if s.typ == sock.SOCK_DGRAM {
		return s.sendDgram(t, b, to, nonblock)
	}
	if s.typ == SOCK_SEQPACKET {
		if !s.connected {
			return -1, errno.ENOTCONN
		}
		return s.sendRecord(t, b, nonblock) // an address is ignored, as Linux does
	}
	switch {
	case to != nil && s.connected:
		return -1, errno.EISCONN
	case to != nil:
		return -1, errno.EOPNOTSUPP
	case !s.connected:
		return -1, errno.ENOTCONN
	}
	sent := 0
	for {
		p := s.peer
		if s.shutWr || p.closed || p.shutRd {
			if sent > 0 {
				return sent, 0
			}
			return -1, errno.EPIPE
		}
		if n := p.in.put(t.host, b[sent:], "unix-stream", s.end(), p.end(), displayUnix(s.connName())); n > 0 {
			sent += n
			p.wq.Notify(waiter.ReadableEvents)
		}
		if sent == len(b) {
			return sent, 0
		}
		if nonblock {
			if sent > 0 {
				return sent, 0
			}
			return -1, errno.EAGAIN
		}
		e := s.waitFor(t, &s.wq, waiter.WritableEvents, s.sndTimeo, func() bool {
			return p.in.space() || p.closed || p.shutRd || s.shutWr
		})
		if e != 0 {
			if sent > 0 {
				return sent, 0
			}
			return -1, e
		}
	}
}

// sendRecord sends b as one record of a SOCK_SEQPACKET connection: whole,
// once there is room for all of it.
func (s *unixSocket) sendRecord(t *Task, b []byte, nonblock bool) (int, errno.Errno) {
	p := s.peer
	if len(b) > unixBuf-32 {
		return -1, errno.EMSGSIZE
	}
	broken := func() bool { return s.shutWr || p.closed || p.shutRd }
	room := func() bool { return p.in.cap-len(p.in.buf) >= len(b) }
	if !broken() && !room() {
		if nonblock {
			return -1, errno.EAGAIN
		}
		if e := s.waitFor(t, &s.wq, waiter.WritableEvents, s.sndTimeo, func() bool { return room() || broken() }); e != 0 {
			return -1, e
		}
	}
	if broken() {
		return -1, errno.EPIPE
	}
	p.in.put(t.host, b, "unix-seqpacket", s.end(), p.end(), displayUnix(s.connName()))
	p.wq.Notify(waiter.ReadableEvents)
	return len(b), 0
}

// connName is the name of a stream connection: the listener's (which the
// server end carries), whichever end has it.
func (s *unixSocket) connName() string {
	if s.name != "" || s.peer == nil {
		return s.name
	}
	return s.peer.name
}

func (s *unixSocket) sendDgram(t *Task, b []byte, to []byte, nonblock bool) (int, errno.Errno) {
	target := s.peer
	if to != nil {
		name, err := parseUnixAddr(to)
		if err != 0 {
			return -1, err
		}
		if name == "" {
			return -1, errno.EINVAL
		}
		if target, err = t.lookupUnix(name, s.typ); err != 0 {
			return -1, err
		}
	}
	if target == nil {
		return -1, errno.ENOTCONN
	}
	if target.closed {
		if to == nil {
			s.peer = nil // as Linux: the next send says ENOTCONN
		}
		return -1, errno.ECONNREFUSED
	}
	if target.peer != nil && target.peer != s {
		return -1, errno.EPERM
	}
	if s.shutWr {
		return -1, errno.EPIPE
	}
	if len(b) > unixBuf-32 {
		return -1, errno.EMSGSIZE
	}
	full := func() bool { return len(target.dgrams) > maxDgramQueue }
	if full() {
		if nonblock {
			return -1, errno.EAGAIN
		}
		e := s.waitFor(t, &target.wq, waiter.WritableEvents, s.sndTimeo, func() bool { return !full() || target.closed })
		if e != 0 {
			return -1, e
		}
		if target.closed {
			return -1, errno.ECONNREFUSED
		}
	}
	var from []byte
	if s.name != "" {
		from = unixSockaddr(s.name)
	}
	msg := t.host.local("unix-dgram", s.end(), target.end(), displayUnix(target.name), len(b))
	target.dgrams = append(target.dgrams, dgram{data: append([]byte(nil), b...), from: from, msg: msg})
	target.wq.Notify(waiter.ReadableEvents)
	return len(b), 0
}

func (s *unixSocket) recv(t *Task, d *Desc, b []byte, flags int, from bool) (int, []byte, errno.Errno) {
	if flags&^(sock.MSG_PEEK|sock.MSG_DONTWAIT|sock.MSG_WAITALL|sock.MSG_TRUNC) != 0 || flags&sock.MSG_TRUNC != 0 && s.typ != sock.SOCK_DGRAM {
		return -1, nil, errno.EOPNOTSUPP
	}
	nonblock := d.Nonblock() || flags&sock.MSG_DONTWAIT != 0
	peek := flags&sock.MSG_PEEK != 0
	if s.typ == sock.SOCK_DGRAM {
		return s.recvDgram(t, b, peek, nonblock, flags&sock.MSG_TRUNC != 0)
	}
	if !s.connected {
		return -1, nil, errno.EINVAL
	}
	var sa []byte
	if from && s.peer != nil && s.peer.name != "" {
		sa = unixSockaddr(s.peer.name)
	}
	waitAll := flags&sock.MSG_WAITALL != 0 && !peek
	got := 0
	for {
		if s.err != 0 && len(s.in.buf) == 0 && got == 0 {
			err := s.err
			s.err = 0
			return -1, nil, err
		}
		if s.typ == SOCK_SEQPACKET && len(s.in.msgs) > 0 {
			// One record a call; what b cannot hold of it is lost.
			n := s.in.takeRecord(t.host, b, peek)
			if p := s.peer; p != nil && !peek {
				p.wq.Notify(waiter.WritableEvents)
			}
			return n, sa, 0
		}
		if n := s.in.take(t.host, b[got:], peek); n > 0 {
			got += n
			if p := s.peer; p != nil {
				p.wq.Notify(waiter.WritableEvents) // the writer waits on its own queue
			}
			if !waitAll || got == len(b) {
				return got, sa, 0
			}
			continue
		}
		if len(b) == 0 || s.shutRd || s.peer == nil || s.peer.closed {
			return got, sa, 0 // end of stream
		}
		if nonblock {
			if got > 0 {
				return got, sa, 0
			}
			return -1, nil, errno.EAGAIN
		}
		e := s.waitFor(t, &s.wq, waiter.ReadableEvents, s.rcvTimeo, func() bool {
			return len(s.in.buf) > 0 || s.shutRd || s.peer.closed || s.err != 0
		})
		if e != 0 {
			if got > 0 {
				return got, sa, 0
			}
			return -1, nil, e
		}
	}
}

// recvDgram takes the next datagram; with whole (MSG_TRUNC) it returns
// the datagram's length even when b is shorter, as Linux does.
func (s *unixSocket) recvDgram(t *Task, b []byte, peek, nonblock, whole bool) (int, []byte, errno.Errno) {
	if len(s.dgrams) == 0 {
		if s.shutRd {
			return 0, nil, 0
		}
		if nonblock {
			return -1, nil, errno.EAGAIN
		}
		if e := s.waitFor(t, &s.wq, waiter.ReadableEvents, s.rcvTimeo, func() bool { return len(s.dgrams) > 0 || s.shutRd }); e != 0 {
			return -1, nil, e
		}
		if len(s.dgrams) == 0 {
			return 0, nil, 0
		}
	}
	dg := s.dgrams[0]
	n := copy(b, dg.data) // the rest of a longer datagram is lost
	if !peek {
		s.dgrams = s.dgrams[1:]
		t.host.localRead(dg.msg)
		s.wq.Notify(waiter.WritableEvents)
	}
	if whole {
		n = len(dg.data)
	}
	return n, dg.from, 0
}

// Readiness says what Linux's unix_poll and unix_dgram_poll say: an
// error; EPOLLRDHUP and readable once it reads no more (its shutdown, or
// the peer's SHUT_WR or close); hung up once it neither reads nor writes
// (a closed peer does both to it) or, a connection-oriented socket, while
// not connected; writable unless what it sent waits unread beyond its
// buffer (a listener never is): a write to a closed peer fails at once
// rather than waiting.
func (s *unixSocket) Readiness(mask waiter.EventMask) waiter.EventMask {
	var r waiter.EventMask
	if s.err != 0 {
		r |= waiter.EventErr
	}
	peerGone := s.conn() && s.connected && (s.peer == nil || s.peer.closed)
	shutRd, shutWr := s.shutRd || peerGone, s.shutWr || peerGone
	if shutRd {
		r |= waiter.ReadableEvents | waiter.EventRdHUp
	}
	if shutRd && shutWr {
		r |= waiter.EventHUp
	}
	switch {
	case s.typ == sock.SOCK_DGRAM:
		if len(s.dgrams) > 0 {
			r |= waiter.ReadableEvents
		}
		if s.peer == nil || len(s.peer.dgrams) <= maxDgramQueue {
			r |= waiter.WritableEvents
		}
	case s.listening:
		if len(s.pending) > 0 {
			r |= waiter.ReadableEvents
		}
	default:
		if len(s.in.buf) > 0 {
			r |= waiter.ReadableEvents
		}
		if !s.connected {
			r |= waiter.EventHUp
		}
		if !s.connected || peerGone || len(s.peer.in.buf) <= unixBuf*3/4 {
			r |= waiter.WritableEvents
		}
	}
	return r & (mask | waiter.EventErr | waiter.EventHUp)
}

// Release closes the socket: its peer reads the end of the stream (or
// ECONNRESET, when what it wrote was never read), connections waiting to
// be accepted are reset, its name's file stays (a later bind says
// EADDRINUSE until unlink) but nobody is bound to it any more.
func (s *unixSocket) Release(t *Task) {
	s.closed = true
	if s.node != nil && s.node.Socket == s {
		s.node.Socket = nil
	}
	if s.name != "" && s.name[0] == 0 && s.h.abstract[s.name] == s {
		delete(s.h.abstract, s.name)
	}
	for _, c := range s.pending {
		c.Release(t)
	}
	s.pending, s.listening = nil, false
	if p := s.peer; p != nil && s.conn() {
		if len(s.in.buf) > 0 {
			p.err = errno.ECONNRESET
		}
		p.wq.Notify(waiter.ReadableEvents | waiter.WritableEvents | waiter.EventHUp | waiter.EventRdHUp | waiter.EventErr)
	}
	s.wq.Notify(waiter.ReadableEvents | waiter.WritableEvents | waiter.EventHUp | waiter.EventErr)
}

func (s *unixSocket) setOpt(t *Task, level, name int, val []byte) errno.Errno {
	if level != sock.SOL_SOCKET {
		return errno.EOPNOTSUPP
	}
	switch name {
	case sock.SO_RCVTIMEO, sock.SO_SNDTIMEO:
		if len(val) < 16 {
			return errno.EINVAL
		}
		sec, usec := int64(binary.LittleEndian.Uint64(val)), int64(binary.LittleEndian.Uint64(val[8:]))
		if sec < 0 || usec < 0 || usec >= 1000000 {
			return errno.EDOM
		}
		d := time.Duration(sec)*time.Second + time.Duration(usec)*time.Microsecond
		if name == sock.SO_RCVTIMEO {
			s.rcvTimeo = d
		} else {
			s.sndTimeo = d
		}
		return 0
	}
	if len(val) < 4 {
		return errno.EINVAL
	}
	switch name {
	case sock.SO_REUSEADDR, sock.SO_REUSEPORT, sock.SO_KEEPALIVE, sock.SO_SNDBUF, sock.SO_RCVBUF:
		return 0 // accepted; local sockets make no use of them here
	case soPassCred:
		s.passCred = binary.LittleEndian.Uint32(val) != 0
		return 0
	}
	return errno.ENOPROTOOPT
}

// soPassCred is SO_PASSCRED.
const soPassCred = 16

func (s *unixSocket) getOpt(t *Task, level, name int) ([]byte, errno.Errno) {
	if level != sock.SOL_SOCKET {
		return nil, errno.EOPNOTSUPP
	}
	i32 := func(v int) []byte { return binary.LittleEndian.AppendUint32(nil, uint32(int32(v))) }
	switch name {
	case sock.SO_TYPE:
		return i32(s.typ), 0
	case sock.SO_ERROR:
		err := s.err
		s.err = 0
		return i32(int(err)), 0
	case sock.SO_ACCEPTCONN:
		return i32(map[bool]int{false: 0, true: 1}[s.listening]), 0
	case sock.SO_SNDBUF, sock.SO_RCVBUF:
		return i32(unixBuf), 0
	case soPassCred:
		return i32(map[bool]int{false: 0, true: 1}[s.passCred]), 0
	case sock.SO_RCVTIMEO, sock.SO_SNDTIMEO:
		d := s.rcvTimeo
		if name == sock.SO_SNDTIMEO {
			d = s.sndTimeo
		}
		b := binary.LittleEndian.AppendUint64(nil, uint64(d/time.Second))
		return binary.LittleEndian.AppendUint64(b, uint64(d%time.Second/time.Microsecond)), 0
	}
	return nil, errno.ENOPROTOOPT
}
