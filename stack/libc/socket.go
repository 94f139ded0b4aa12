package libc

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strconv"
	"time"

	"netplay/stack/kernel"
	"netplay/stack/linux/errno"
)

var socketFuncs = []named{
	{"socket", func(p *Proc, a []uint64) uint64 {
		t := p.kernel()
		fd, e := t.Socket(int(int32(a[0])), int(int32(a[1])), int(int32(a[2])))
		return p.ret(int64(fd), e)
	}},
	{"bind", func(p *Proc, a []uint64) uint64 {
		addr, e := p.addrIn(a[1], a[2])
		if e != 0 {
			return p.badAddr("bind", a[0], a[1], a[2], e)
		}
		return p.ret(0, p.kernel().Bind(int(int32(a[0])), addr))
	}},
	{"listen", func(p *Proc, a []uint64) uint64 {
		return p.ret(0, p.kernel().Listen(int(int32(a[0])), int(int32(a[1]))))
	}},
	{"accept", func(p *Proc, a []uint64) uint64 {
		return p.accept(a[0], a[1], a[2], 0)
	}},
	{"accept4", func(p *Proc, a []uint64) uint64 {
		return p.accept(a[0], a[1], a[2], int(int32(a[3])))
	}},
	{"connect", func(p *Proc, a []uint64) uint64 {
		addr, e := p.addrIn(a[1], a[2])
		if e != 0 {
			return p.badAddr("connect", a[0], a[1], a[2], e)
		}
		return p.ret(0, p.kernel().Connect(int(int32(a[0])), addr))
	}},
	{"send", func(p *Proc, a []uint64) uint64 {
		b, ok := p.userBuf(a[1], a[2])
		if !ok {
			return p.badAddress("send", a, false)
		}
		n, e := p.kernel().Send(int(int32(a[0])), b, int(int32(a[3])))
		return p.ret(int64(n), e)
	}},
	{"sendto", func(p *Proc, a []uint64) uint64 {
		b, ok := p.userBuf(a[1], a[2])
		if !ok {
			return p.badAddress("sendto", a, false)
		}
		var to []byte
		if a[4] != 0 {
			var e errno.Errno
			if to, e = p.addrIn(a[4], a[5]); e != 0 {
				return p.fail(p.kernel().BadArgument("sendto", int(int32(a[0])),
					fmt.Sprintf("%d, %#x, %d, %d, %#x, %d", int32(a[0]), a[1], a[2], int32(a[3]), a[4], int32(a[5])), e, true))
			}
		}
		n, e := p.kernel().SendTo(int(int32(a[0])), b, int(int32(a[3])), to)
		return p.ret(int64(n), e)
	}},
	{"recv", func(p *Proc, a []uint64) uint64 {
		b, ok := p.userBuf(a[1], a[2])
		if !ok {
			return p.badAddress("recv", a, false)
		}
		n, e := p.kernel().Recv(int(int32(a[0])), b, int(int32(a[3])))
		return p.ret(int64(n), e)
	}},
	{"recvfrom", func(p *Proc, a []uint64) uint64 {
		b, ok := p.userBuf(a[1], a[2])
		if !ok {
			return p.badAddress("recvfrom", a, false)
		}
		if e := p.addrOutOK(a[0], a[4], a[5]); e != 0 {
			// As Linux: the data is taken, then its sender cannot
			// be given back.
			return p.fail(p.kernel().RecvFromFault(int(int32(a[0])), b, int(int32(a[3])), e))
		}
		n, from, e := p.kernel().RecvFrom(int(int32(a[0])), b, int(int32(a[3])))
		if e == 0 {
			p.addrOut(from, a[4], a[5])
		}
		return p.ret(int64(n), e)
	}},
	{"read", func(p *Proc, a []uint64) uint64 {
		b, ok := p.userBuf(a[1], a[2])
		if !ok && p.Kernel != nil {
			return p.badAddress("read", a, true)
		}
		n, e := p.sysRead(int(int32(a[0])), b)
		return p.ret(int64(n), e)
	}},
	{"write", func(p *Proc, a []uint64) uint64 {
		fd := int(int32(a[0]))
		b, ok := p.userBuf(a[1], a[2])
		if !ok && p.Kernel != nil {
			return p.badAddress("write", a, true)
		}
		if !ok {
			b = p.Mem.Slice(a[1], a[2]) // faults
		}
		if p.Kernel == nil {
			return p.ret(int64(len(b)), p.sysWrite(fd, b))
		}
		n, e := p.writer(fd).Write(fd, b)
		return p.ret(int64(n), e)
	}},
	{"close", func(p *Proc, a []uint64) uint64 {
		if p.Kernel == nil {
			return p.fail(errno.EBADF)
		}
		return p.ret(0, p.kernel().Close(int(int32(a[0]))))
	}},
	{"socketpair", func(p *Proc, a []uint64) uint64 {
		fds, e := p.kernel().Socketpair(int(int32(a[0])), int(int32(a[1])), int(int32(a[2])))
		if e == 0 {
			p.Mem.S32(a[3], uint32(fds[0]))
			p.Mem.S32(a[3]+4, uint32(fds[1]))
		}
		return p.ret(0, e)
	}},
	{"shutdown", func(p *Proc, a []uint64) uint64 {
		return p.ret(0, p.kernel().Shutdown(int(int32(a[0])), int(int32(a[1]))))
	}},
	{"getsockname", func(p *Proc, a []uint64) uint64 {
		if e := p.nameOutOK(a[0], a[1], a[2]); e != 0 {
			return p.badName("getsockname", a, e)
		}
		b, e := p.kernel().GetSockName(int(int32(a[0])))
		if e == 0 {
			p.addrOut(b, a[1], a[2])
		}
		return p.ret(0, e)
	}},
	{"getpeername", func(p *Proc, a []uint64) uint64 {
		if e := p.nameOutOK(a[0], a[1], a[2]); e != 0 {
			return p.badName("getpeername", a, e)
		}
		b, e := p.kernel().GetPeerName(int(int32(a[0])))
		if e == 0 {
			p.addrOut(b, a[1], a[2])
		}
		return p.ret(0, e)
	}},
	{"setsockopt", func(p *Proc, a []uint64) uint64 {
		optlen := int(int32(a[4]))
		if optlen > 0 && !p.Mem.Valid(a[3], uint64(optlen)) {
			return p.ret(0, p.kernel().SetSockOptFault(int(int32(a[0])), int(int32(a[1])), int(int32(a[2])), optlen))
		}
		val := append([]byte(nil), p.Mem.Slice(a[3], uint64(uint32(a[4])))...)
		return p.ret(0, p.kernel().SetSockOpt(int(int32(a[0])), int(int32(a[1])), int(int32(a[2])), val))
	}},
	{"getsockopt", func(p *Proc, a []uint64) uint64 {
		// Linux reads *optlen first and writes the value last: a
		// length or a value not in the program's memory is EFAULT.
		if !p.Mem.Valid(a[4], 4) || a[4] == 0 || !p.Mem.Valid(a[3], uint64(p.Mem.L32(a[4]))) {
			return p.fail(p.kernel().BadAddress("getsockopt", int(int32(a[0])),
				fmt.Sprintf("%d, %d, %d, %#x, %#x", int32(a[0]), int32(a[1]), int32(a[2]), a[3], a[4]), true))
		}
		b, e := p.kernel().GetSockOpt(int(int32(a[0])), int(int32(a[1])), int(int32(a[2])))
		if e == 0 {
			p.addrOut(b, a[3], a[4])
		}
		return p.ret(0, e)
	}},
	{"fcntl", func(p *Proc, a []uint64) uint64 {
		arg := 0
		if len(a) > 2 {
			arg = int(int32(a[2]))
		}
		r, e := p.kernel().Fcntl(int(int32(a[0])), int(int32(a[1])), arg)
		return p.ret(int64(r), e)
	}},
	{"select", func(p *Proc, a []uint64) uint64 {
		nfds := int32(a[0])
		sets, e := p.fdSets(nfds, a[1:4])
		if e != 0 || a[4] != 0 && !p.Mem.Valid(a[4], 16) {
			return p.fail(p.kernel().BadAddress("select", -1, fmt.Sprintf("%d, bad address", nfds), false))
		}
		var timeout *time.Duration
		if a[4] != 0 {
			d := time.Duration(int64(p.Mem.L64(a[4])))*time.Second + time.Duration(int64(p.Mem.L64(a[4]+8)))*time.Microsecond
			timeout = &d
		}
		p.Flush()
		began := p.Sys.Clock()
		n, e := p.kernel().Select(int(nfds), sets[0], sets[1], sets[2], timeout)
		if timeout != nil && *timeout >= 0 {
			// Linux writes back the time not slept.
			left := max(*timeout-(p.Sys.Clock()-began), 0)
			p.Mem.S64(a[4], uint64(left/time.Second))
			p.Mem.S64(a[4]+8, uint64(left%time.Second/time.Microsecond))
		}
		if e == 0 {
			p.putFdSets(nfds, a[1:4], sets)
		}
		return p.ret(int64(n), e)
	}},
	{"poll", func(p *Proc, a []uint64) uint64 {
		ms := int(int32(a[2]))
		return p.poll(a[0], a[1], func(fds []kernel.PollFd) (int, errno.Errno) { return p.kernel().Poll(fds, ms) })
	}},
	{"getaddrinfo", getaddrinfo},
	{"freeaddrinfo", func(p *Proc, a []uint64) uint64 { p.freeaddrinfo(a[0]); return 0 }},
	{"gai_strerror", func(p *Proc, a []uint64) uint64 {
		s, ok := gaiText[int32(a[0])]
		if !ok {
			s = "Unknown error"
		}
		buf := p.static("gai_strerror:"+s, uint64(len(s)+1))
		p.Mem.PutCString(buf, s)
		return buf
	}},
	{"gethostbyname", gethostbyname},
	{"getnameinfo", getnameinfo},
	{"herror", func(p *Proc, a []uint64) uint64 {
		msg := hText(int(int32(p.Mem.L32(p.herrnoAddr))))
		if a[0] != 0 {
			if s := p.Mem.CString(a[0]); s != "" {
				msg = s + ": " + msg
			}
		}
		p.write(2, []byte(msg+"\n"))
		return 0
	}},
	{"hstrerror", func(p *Proc, a []uint64) uint64 {
		s := hText(int(int32(a[0])))
		buf := p.static("hstrerror:"+s, uint64(len(s)+1))
		p.Mem.PutCString(buf, s)
		return buf
	}},
}

func init() { register(socketFuncs) }

var gaiText = map[int32]string{
	-1: "Bad value for ai_flags", -2: "Name or service not known", -3: "Temporary failure in name resolution",
	-4: "Non-recoverable failure in name resolution", -6: "ai_family not supported",
	-7: "ai_socktype not supported", -8: "Servname not supported for ai_socktype",
	-10: "Memory allocation failure", -11: "System error",
}

func hText(e int) string {
	switch e {
	case 1:
		return "Unknown host"
	case 2:
		return "Host name lookup failure"
	case 3:
		return "Unknown server error"
	case 4:
		return "No address associated with name"
	}
	return "Resolver internal error"
}

// maxRW is MAX_RW_COUNT: Linux moves at most this many bytes in a call.
const maxRW = 0x7ffff000

// userBuf returns the memory a read or write system call moves: the n
// bytes at a, at most maxRW; ok false when they are not the program's.
// netplay looks at the whole buffer when the call is made, where Linux
// finds a bad one only as it copies (a recv on a bad buffer with nothing
// to read is EAGAIN there).
func (p *Proc) userBuf(a, n uint64) (b []byte, ok bool) {
	n = min(n, maxRW)
	if n == 0 {
		return nil, true
	}
	if !p.Mem.Valid(a, n) {
		return nil, false
	}
	return p.Mem.B[a : a+n : a+n], true
}

// badAddress fails a read or write system call (fd, buffer, length: a)
// whose buffer is not the program's memory with EFAULT, as Linux does.
// Linux looks at a buffer twice: whether it lies in the address space
// (access_ok, before anything else in send, recv and their kin), and as
// it copies (after the descriptor is looked up); a buffer that runs past
// the end of the largest memory a program has here (Cap) fails the
// first, one elsewhere outside its memory (NULL) the second. read and
// write look the descriptor up first (fdFirst).
func (p *Proc) badAddress(call string, a []uint64, fdFirst bool) uint64 {
	fd := int(int32(a[0]))
	n := min(a[2], maxRW)
	inSpace := a[1]+n >= a[1] && a[1]+n <= Cap
	return p.fail(p.kernel().BadAddress(call, fd, fmt.Sprintf("%d, %#x, %d", fd, a[1], a[2]), fdFirst || inSpace))
}

// ret turns a socket-layer result into C's: -1 with errno on error.
func (p *Proc) ret(v int64, e errno.Errno) uint64 {
	if e != 0 {
		return p.fail(e)
	}
	return uint64(v)
}

// addrIn copies a sockaddr argument (n bytes at a) out of C memory as
// Linux's move_addr_to_kernel does: a length over sizeof(struct
// sockaddr_storage) (or negative) is EINVAL, memory not the program's
// EFAULT; a length of 0 reads nothing.
func (p *Proc) addrIn(a, n uint64) ([]byte, errno.Errno) {
	l := int32(n)
	switch {
	case l < 0 || l > 128:
		return nil, errno.EINVAL
	case l == 0:
		return []byte{}, 0
	case !p.Mem.Valid(a, uint64(l)):
		return nil, errno.EFAULT
	}
	return append([]byte(nil), p.Mem.Slice(a, uint64(l))...), 0
}

// badAddr fails a call taking an address (fd, address, length: bind,
// connect) whose address or length addrIn refused, as Linux: connect
// looks the descriptor up first (EBADF), bind the socket (ENOTSOCK too).
func (p *Proc) badAddr(call string, fd, a, n uint64, e errno.Errno) uint64 {
	return p.fail(p.kernel().BadArgument(call, int(int32(fd)), fmt.Sprintf("%d, %#x, %d", int32(fd), a, int32(n)), e, true))
}

// addrOutOK checks the memory a call gives an address back in (addr, at
// most *lenp bytes, and *lenp) before the call, as Linux's
// move_addr_to_user finds it after: no address wanted (addr NULL) is
// fine; *lenp not the program's is EFAULT, negative EINVAL; the address's
// bytes (as many as fd's socket gives back) not the program's EFAULT.
// Linux finds it after the call: netplay fails the call before it, so a
// connection or datagram stays queued where Linux took it.
func (p *Proc) addrOutOK(fd, addr, lenp uint64) errno.Errno {
	if addr == 0 {
		return 0
	}
	return p.nameOutOK(fd, addr, lenp)
}

// nameOutOK is addrOutOK for getsockname and getpeername, which give the
// address back whatever addr is: NULL with a length is EFAULT.
func (p *Proc) nameOutOK(fd, addr, lenp uint64) errno.Errno {
	if p.Kernel == nil {
		p.kernel() // no system: the call fails as every system call does
	}
	if lenp == 0 || !p.Mem.Valid(lenp, 4) {
		return errno.EFAULT
	}
	l := int32(p.Mem.L32(lenp))
	if l < 0 {
		return errno.EINVAL
	}
	if n := min(int(l), p.Kernel.SockaddrSize(int(int32(fd)))); !p.Mem.Valid(addr, uint64(n)) {
		return errno.EFAULT
	}
	return 0
}

// badName fails getsockname or getpeername (fd, address, length: a)
// whose address or length is not the program's memory (e), after the
// socket's own errors (EBADF, ENOTSOCK, ENOTCONN).
func (p *Proc) badName(call string, a []uint64, e errno.Errno) uint64 {
	return p.fail(p.kernel().BadArgument(call, int(int32(a[0])), fmt.Sprintf("%d, %#x, %#x", int32(a[0]), a[1], a[2]), e, true))
}

// addrOut stores a result address as accept/getsockname do: at most
// *lenp bytes, and *lenp set to the full size (addrOutOK or nameOutOK
// checked the memory).
func (p *Proc) addrOut(b []byte, a, lenp uint64) {
	if a == 0 || lenp == 0 {
		return
	}
	max := uint64(p.Mem.L32(lenp))
	n := uint64(len(b))
	if n > max {
		n = max
	}
	copy(p.Mem.Slice(a, n), b[:n])
	p.Mem.S32(lenp, uint32(len(b)))
}

func (p *Proc) accept(fd, addr, lenp uint64, flags int) uint64 {
	if e := p.addrOutOK(fd, addr, lenp); e != 0 {
		// As Linux: the connection is taken, then its address cannot
		// be given back.
		return p.fail(p.kernel().AcceptFault(int(int32(fd)), flags, e))
	}
	nfd, b, e := p.kernel().Accept(int(int32(fd)), flags)
	if e == 0 {
		p.addrOut(b, addr, lenp)
	}
	return p.ret(int64(nfd), e)
}

// resolve returns the addresses of name: numeric, localhost, or a host of
// the scenario.
func (p *Proc) resolve(name string) []netip.Addr {
	if ad, err := netip.ParseAddr(name); err == nil {
		return []netip.Addr{ad}
	}
	if ip, ok := parseAton(name); ok {
		return []netip.Addr{netip.AddrFrom4(ip)}
	}
	if name == "localhost" || name == p.Sys.HostName() && false {
		return []netip.Addr{netip.AddrFrom4([4]byte{127, 0, 0, 1}), netip.IPv6Loopback()}
	}
	return p.Sys.LookupHost(name)
}

func sockaddr(ad netip.Addr, port int) []byte {
	if ad.Is4() {
		b := make([]byte, 16)
		binary.LittleEndian.PutUint16(b, afInet)
		binary.BigEndian.PutUint16(b[2:], uint16(port))
		ip := ad.As4()
		copy(b[4:], ip[:])
		return b
	}
	b := make([]byte, 28)
	binary.LittleEndian.PutUint16(b, afInet6)
	binary.BigEndian.PutUint16(b[2:], uint16(port))
	ip := ad.As16()
	copy(b[8:], ip[:])
	return b
}

func getaddrinfo(p *Proc, a []uint64) uint64 {
	var flags, family, socktype, proto int32
	if a[2] != 0 {
		flags = int32(p.Mem.L32(a[2]))
		family = int32(p.Mem.L32(a[2] + 4))
		socktype = int32(p.Mem.L32(a[2] + 8))
		proto = int32(p.Mem.L32(a[2] + 12))
	}
	if family != 0 && family != afInet && family != afInet6 {
		return eai(-6)
	}
	port := 0
	if a[1] != 0 {
		s := p.Mem.CString(a[1])
		if v, err := strconv.Atoi(s); err == nil && v >= 0 && v < 65536 {
			port = v
		} else if v, ok := servicePort(s, socktype); ok && flags&0x400 == 0 {
			port = v
		} else {
			return eai(-8)
		}
	}
	var addrs []netip.Addr
	node := ""
	if a[0] == 0 {
		if a[1] == 0 {
			return eai(-2)
		}
		if flags&1 != 0 { // AI_PASSIVE
			addrs = []netip.Addr{netip.IPv4Unspecified(), netip.IPv6Unspecified()}
		} else {
			addrs = []netip.Addr{netip.AddrFrom4([4]byte{127, 0, 0, 1}), netip.IPv6Loopback()}
		}
	} else {
		node = p.Mem.CString(a[0])
		if _, err := netip.ParseAddr(node); err != nil && flags&4 != 0 { // AI_NUMERICHOST
			return eai(-2)
		}
		addrs = p.resolve(node)
	}
	var keep []netip.Addr
	for _, ad := range addrs {
		if family == 0 || family == afInet && ad.Is4() || family == afInet6 && !ad.Is4() {
			keep = append(keep, ad)
		}
	}
	if len(keep) == 0 {
		return eai(-2)
	}
	types := [][2]int32{{1, 6}, {2, 17}, {3, 0}}
	if socktype != 0 {
		pr := proto
		if pr == 0 {
			switch socktype {
			case 1:
				pr = 6
			case 2:
				pr = 17
			}
		}
		types = [][2]int32{{socktype, pr}}
	}
	var head, prev uint64
	for _, ad := range keep {
		for _, ty := range types {
			sa := sockaddr(ad, port)
			ai := p.Mem.Malloc(48)
			sp := p.Mem.Malloc(uint64(len(sa)))
			if ai == 0 || sp == 0 {
				return eai(-10)
			}
			p.Mem.Set(ai, 0, 48)
			copy(p.Mem.Slice(sp, uint64(len(sa))), sa)
			fam := int32(afInet)
			if !ad.Is4() {
				fam = afInet6
			}
			p.Mem.S32(ai, uint32(flags))
			p.Mem.S32(ai+4, uint32(fam))
			p.Mem.S32(ai+8, uint32(ty[0]))
			p.Mem.S32(ai+12, uint32(ty[1]))
			p.Mem.S32(ai+16, uint32(len(sa)))
			p.Mem.S64(ai+24, sp)
			if head == 0 && flags&2 != 0 && node != "" { // AI_CANONNAME
				cn := p.Mem.Malloc(uint64(len(node) + 1))
				p.Mem.PutCString(cn, node)
				p.Mem.S64(ai+32, cn)
			}
			if prev == 0 {
				head = ai
			} else {
				p.Mem.S64(prev+40, ai)
			}
			prev = ai
		}
	}
	p.Mem.S64(a[3], head)
	return 0
}

func (p *Proc) freeaddrinfo(ai uint64) {
	for ai != 0 {
		next := p.Mem.L64(ai + 40)
		p.Mem.Free(p.Mem.L64(ai + 24))
		p.Mem.Free(p.Mem.L64(ai + 32))
		p.Mem.Free(ai)
		ai = next
	}
}

// gethostbyname fills the library's static struct hostent (IPv4 only).
func gethostbyname(p *Proc, a []uint64) uint64 {
	name := p.Mem.CString(a[0])
	var v4 []netip.Addr
	for _, ad := range p.resolve(name) {
		if ad.Is4() || ad.Is4In6() {
			v4 = append(v4, ad.Unmap())
		}
	}
	if len(v4) == 0 {
		p.Mem.S32(p.herrnoAddr, 1) // HOST_NOT_FOUND
		return 0
	}
	if len(v4) > 8 {
		v4 = v4[:8]
	}
	h := p.static("hostent", 32)
	nameBuf := p.static("hostent.name", 256)
	list := p.static("hostent.addrs", 8*9)
	data := p.static("hostent.data", 4*8)
	aliases := p.static("hostent.aliases", 8)
	if len(name) > 255 {
		name = name[:255]
	}
	p.Mem.PutCString(nameBuf, name)
	for i, ad := range v4 {
		ip := ad.As4()
		copy(p.Mem.Slice(data+uint64(4*i), 4), ip[:])
		p.Mem.S64(list+uint64(8*i), data+uint64(4*i))
	}
	p.Mem.S64(list+uint64(8*len(v4)), 0)
	p.Mem.S64(aliases, 0)
	p.Mem.S64(h, nameBuf)
	p.Mem.S64(h+8, aliases)
	p.Mem.S32(h+16, afInet)
	p.Mem.S32(h+20, 4)
	p.Mem.S64(h+24, list)
	return h
}

func getnameinfo(p *Proc, a []uint64) uint64 {
	sa := p.Mem.Slice(a[0], uint64(uint32(a[1])))
	if len(sa) < 2 {
		return eai(-6)
	}
	var host string
	var port int
	switch binary.LittleEndian.Uint16(sa) {
	case afInet:
		if len(sa) < 8 {
			return eai(-6)
		}
		var ip [4]byte
		copy(ip[:], sa[4:8])
		host, port = netip.AddrFrom4(ip).String(), int(binary.BigEndian.Uint16(sa[2:]))
	case afInet6:
		if len(sa) < 24 {
			return eai(-6)
		}
		var ip [16]byte
		copy(ip[:], sa[8:24])
		host, port = ntop6(ip), int(binary.BigEndian.Uint16(sa[2:]))
	default:
		return eai(-6)
	}
	if a[2] != 0 && uint32(a[3]) > 0 {
		if uint32(a[3]) < uint32(len(host)+1) {
			return eai(-12) // EAI_OVERFLOW
		}
		p.Mem.PutCString(a[2], host)
	}
	if a[4] != 0 && uint32(a[5]) > 0 {
		s := strconv.Itoa(port)
		if flags := int32(a[6]); flags&2 == 0 { // not NI_NUMERICSERV: the service's name
			proto := "tcp"
			if flags&16 != 0 { // NI_DGRAM
				proto = "udp"
			}
			for _, e := range services() {
				if e.port == port && e.proto == proto {
					s = e.name
					break
				}
			}
		}
		if uint32(a[5]) < uint32(len(s)+1) {
			return eai(-12)
		}
		p.Mem.PutCString(a[4], s)
	}
	return 0
}

// eai returns a getaddrinfo error code as a C int result.
func eai(code int64) uint64 { return uint64(code) }

// cmsgNxthdr is CMSG_NXTHDR: the control message after cmsg in msg's
// control buffer, or NULL; glibc's __cmsg_nxthdr, unsigned arithmetic and
// all.
func cmsgNxthdr(p *Proc, a []uint64) uint64 {
	msg, cmsg := a[0], a[1]
	clen := p.Mem.L64(cmsg)
	needed := 16 + (8-clen&7)&7 // the header and the current one's padding
	if clen < 16 {
		return 0
	}
	room := p.Mem.L64(msg+32) + p.Mem.L64(msg+40) - cmsg
	if room < needed || room-needed < clen {
		return 0
	}
	return cmsg + (clen+7)&^7
}

var socketFuncs2 = []named{{"__cmsg_nxthdr", cmsgNxthdr}}

func init() { register(socketFuncs2) }
