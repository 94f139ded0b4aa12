package sock

import (
	"bytes"

	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/waiter"

	"netplay/stack/linux/errno"
	"netplay/stack/vnet"
)

// Send implements send(2) and sendto(2) (addr nil for send): a stream
// socket sends all of b unless it would block when nonblock (or
// MSG_DONTWAIT), a datagram socket one datagram. EPIPE is returned as it
// is; raising SIGPIPE is the caller's business.
func (s *Socket) Send(p *vnet.Thread, b []byte, flags int, addr []byte, nonblock bool) (int, errno.Errno) {
	if flags&^(MSG_DONTWAIT|MSG_NOSIGNAL) != 0 {
		return -1, errno.EOPNOTSUPP
	}
	s.touched()
	defer s.touched()
	var opts tcpip.WriteOptions
	if addr != nil && s.typ == SOCK_DGRAM {
		fa, err := s.fullAddr(addr)
		if err != 0 {
			return -1, err
		}
		opts.To = &fa
	}
	nonblock = nonblock || flags&MSG_DONTWAIT != 0
	sent := 0
	for {
		var r bytes.Reader
		r.Reset(b[sent:])
		n, terr := s.ep.Write(&r, opts)
		sent += int(n)
		if terr == nil && (sent == len(b) || s.typ != SOCK_STREAM) {
			break
		}
		if terr == nil {
			continue
		}
		if _, again := terr.(*tcpip.ErrWouldBlock); !again {
			if sent > 0 {
				break // report what went out; the error comes next call
			}
			return -1, errnoOf(terr)
		}
		if nonblock {
			if sent > 0 {
				break
			}
			return -1, errno.EAGAIN
		}
		if err := wait(p, s.wq, waiter.WritableEvents|waiter.EventHUp|waiter.EventErr, s.sndTimeo, func() bool {
			return s.ep.Readiness(waiter.WritableEvents|waiter.EventHUp|waiter.EventErr) != 0
		}); err != 0 {
			if sent > 0 {
				break
			}
			return -1, err
		}
	}
	return sent, 0
}

// Recv implements recv(2) and recvfrom(2): with from it also returns the
// sender's sockaddr (the peer's on a stream socket).
func (s *Socket) Recv(p *vnet.Thread, b []byte, flags int, from, nonblock bool) (int, []byte, errno.Errno) {
	if flags&^(MSG_PEEK|MSG_DONTWAIT|MSG_WAITALL|MSG_TRUNC) != 0 || flags&MSG_TRUNC != 0 && s.typ != SOCK_DGRAM {
		return -1, nil, errno.EOPNOTSUPP
	}
	if s.listening {
		return -1, nil, errno.ENOTCONN
	}
	s.touched()
	defer s.touched()
	nonblock = nonblock || flags&MSG_DONTWAIT != 0
	waitAll := flags&MSG_WAITALL != 0 && flags&MSG_PEEK == 0 && s.typ == SOCK_STREAM
	got := 0
	var sender tcpip.FullAddress
	for {
		w := tcpip.SliceWriter(b[got:])
		res, terr := s.ep.Read(&w, tcpip.ReadOptions{Peek: flags&MSG_PEEK != 0, NeedRemoteAddr: from})
		if terr == nil {
			got += res.Count
			if flags&MSG_TRUNC != 0 {
				got = res.Total // a datagram's whole length, as Linux returns it with MSG_TRUNC
			}
			if from {
				sender = res.RemoteAddr
			}
			if res.Count == 0 || !waitAll || got == len(b) || len(b) == 0 {
				break
			}
			continue
		}
		switch terr.(type) {
		case *tcpip.ErrClosedForReceive:
			// End of stream: the peer sent FIN (or we shut down reading).
		case *tcpip.ErrWouldBlock:
			if nonblock {
				if got > 0 {
					break
				}
				return -1, nil, errno.EAGAIN
			}
			if err := wait(p, s.wq, waiter.ReadableEvents|waiter.EventHUp|waiter.EventErr, s.rcvTimeo, func() bool {
				return s.ep.Readiness(waiter.ReadableEvents|waiter.EventHUp|waiter.EventErr) != 0
			}); err != 0 {
				if got > 0 {
					break
				}
				return -1, nil, err
			}
			continue
		default:
			if got > 0 {
				break
			}
			return -1, nil, errnoOf(terr)
		}
		break
	}
	var sa []byte
	if from && s.typ == SOCK_DGRAM {
		sa = Sockaddr(s.family, fromTCPIP(sender.Addr, s.family), sender.Port)
	} else if from {
		if a, terr := s.ep.GetRemoteAddress(); terr == nil {
			sa = Sockaddr(s.family, fromTCPIP(a.Addr, s.family), a.Port)
		}
	}
	return got, sa, 0
}
