package libc

import (
	"fmt"
	"time"

	"netplay/stack/kernel"
	"netplay/stack/linux/errno"
)

// Vectored I/O (readv, writev, sendmsg, recvmsg) and the select and poll
// variants with a nanosecond timeout and a signal mask (pselect, ppoll).

const iovMax = 1024 // IOV_MAX, UIO_MAXIOV

// iovecs returns the buffers an array of n struct iovec (base, len: 16
// bytes each) at a describes, as slices of the program's memory: EFAULT
// when the array is not the program's memory, EINVAL when the lengths add
// up to more than SSIZE_MAX; bad is the index of the first buffer that is
// not the program's memory (-1: none), which Linux finds only as it copies
// (the buffers before it move, a message fails whole).
func (p *Proc) iovecs(a uint64, n int) (bufs [][]byte, bad int, e errno.Errno) {
	if !p.Mem.Valid(a, uint64(16*n)) {
		return nil, -1, errno.EFAULT
	}
	bufs = make([][]byte, n)
	bad = -1
	total := uint64(0)
	for i := range bufs {
		base, l := p.Mem.L64(a+uint64(16*i)), p.Mem.L64(a+uint64(16*i)+8)
		if int64(l) < 0 || total+l < total || int64(total+l) < 0 {
			return nil, -1, errno.EINVAL // more than SSIZE_MAX in all
		}
		total += l
		switch {
		case l == 0 || bad >= 0:
		case !p.Mem.Valid(base, l):
			bad = i
		default:
			bufs[i] = p.Mem.Slice(base, l)
		}
	}
	return bufs, bad, 0
}

// usable cuts bufs at the first buffer that is not the program's memory
// (bad, from iovecs): the buffers before it move as Linux moves them until
// its copy faults; none before it, or a message sent or received whole
// (message), is EFAULT.
func usable(bufs [][]byte, bad int, message bool) ([][]byte, errno.Errno) {
	if bad < 0 {
		return bufs, 0
	}
	if message || vecTotal(bufs[:bad]) == 0 {
		return nil, errno.EFAULT
	}
	return bufs[:bad], 0
}

func vecTotal(bufs [][]byte) int {
	n := 0
	for _, b := range bufs {
		n += len(b)
	}
	return n
}

// msghdr is a struct msghdr's fields netplay uses.
type msghdr struct {
	name, namelen, iov, control uint64
	iovlen, controllen          uint64
}

func (p *Proc) readMsghdr(a uint64) msghdr {
	return msghdr{
		name: p.Mem.L64(a), namelen: a + 8, iov: p.Mem.L64(a + 16), iovlen: p.Mem.L64(a + 24),
		control: p.Mem.L64(a + 32), controllen: p.Mem.L64(a + 40),
	}
}

// cmsgs lists the control messages of a msghdr, each checked as the
// kernel's CMSG_OK does (EINVAL when one does not fit).
func (p *Proc) cmsgs(m msghdr) ([]kernel.Cmsg, errno.Errno) {
	var out []kernel.Cmsg
	if m.controllen < 16 {
		return nil, 0
	}
	for c := m.control; c != 0; {
		clen := p.Mem.L64(c)
		if clen < 16 || clen > m.controllen-(c-m.control) {
			return nil, errno.EINVAL
		}
		out = append(out, kernel.Cmsg{Level: int(int32(p.Mem.L32(c + 8))), Type: int(int32(p.Mem.L32(c + 12)))})
		next := c + (clen+7)&^7
		if next+16 > m.control+m.controllen {
			break
		}
		c = next
	}
	return out, 0
}

// vector checks readv's or writev's arguments (fd, iov, iovcnt: a) as
// Linux does after it looked the descriptor up (EBADF first): iovcnt out
// of range is EINVAL, an iovec array or buffers not the program's memory
// EFAULT (usable). On failure r is the call's C result, the failure traced.
func (p *Proc) vector(call string, a []uint64) (bufs [][]byte, r uint64) {
	fd, n := int(int32(a[0])), int(int32(a[2]))
	fail := func(e errno.Errno) ([][]byte, uint64) {
		if p.Kernel == nil {
			return nil, p.fail(e)
		}
		return nil, p.fail(p.kernel().BadArgument(call, fd, fmt.Sprintf("%d, %#x, %d", fd, a[1], n), e, true))
	}
	if n < 0 || n > iovMax {
		return fail(errno.EINVAL)
	}
	bufs, bad, e := p.iovecs(a[1], n)
	if e == 0 {
		bufs, e = usable(bufs, bad, p.Kernel != nil && p.Kernel.Datagram(fd))
	}
	if e != 0 {
		return fail(e)
	}
	return bufs, 0
}

// message checks sendmsg's or recvmsg's arguments (fd, msg, flags: a) in
// Linux's order, after the socket is looked up (EBADF, ENOTSOCK): the
// struct msghdr, the name sendmsg reads, msg_iovlen (EMSGSIZE past
// IOV_MAX), the iovec array and its buffers (usable: a datagram's are sent
// or received whole), the control messages sendmsg reads. On failure r is
// the call's C result, the failure traced.
func (p *Proc) message(call string, a []uint64) (m msghdr, bufs [][]byte, r uint64) {
	fd := int(int32(a[0]))
	fail := func(e errno.Errno) (msghdr, [][]byte, uint64) {
		return m, nil, p.fail(p.kernel().BadArgument(call, fd, fmt.Sprintf("%d, %#x, %d", fd, a[1], int32(a[2])), e, true))
	}
	if !p.Mem.Valid(a[1], 56) {
		return fail(errno.EFAULT)
	}
	m = p.readMsghdr(a[1])
	send := call == "sendmsg"
	if send && m.name != 0 {
		if _, e := p.addrIn(m.name, uint64(min(p.Mem.L32(m.namelen), 128))); e != 0 {
			return fail(e)
		}
	}
	if m.iovlen > iovMax {
		return fail(errno.EMSGSIZE)
	}
	bufs, bad, e := p.iovecs(m.iov, int(m.iovlen))
	if e == 0 {
		bufs, e = usable(bufs, bad, p.Kernel.Datagram(fd))
	}
	if e == 0 && send && m.controllen > 0 && !p.Mem.Valid(m.control, m.controllen) {
		e = errno.EFAULT
	}
	if e != 0 {
		return fail(e)
	}
	return m, bufs, 0
}

// timespecArg reads a struct timespec argument (NULL: nil, forever).
func (p *Proc) timespecArg(a uint64) (*time.Duration, errno.Errno) {
	if a == 0 {
		return nil, 0
	}
	sec, nsec := int64(p.Mem.L64(a)), int64(p.Mem.L64(a+8))
	if sec < 0 || nsec < 0 || nsec > 999999999 {
		return nil, errno.EINVAL
	}
	d := time.Duration(sec)*time.Second + time.Duration(nsec)
	return &d, 0
}

var vecioFuncs = []named{
	{"readv", func(p *Proc, a []uint64) uint64 {
		bufs, fail := p.vector("readv", a)
		if fail != 0 {
			return fail
		}
		if p.Kernel == nil { // no system: read as read does, then scatter
			b := make([]byte, vecTotal(bufs))
			r, e := p.sysRead(int(int32(a[0])), b)
			if e != 0 {
				return p.fail(e)
			}
			rest := b[:r]
			for _, v := range bufs {
				rest = rest[copy(v, rest):]
			}
			return uint64(r)
		}
		r, e := p.kernel().Readv(int(int32(a[0])), bufs)
		return p.ret(int64(r), e)
	}},
	{"writev", func(p *Proc, a []uint64) uint64 {
		bufs, fail := p.vector("writev", a)
		if fail != 0 {
			return fail
		}
		fd := int(int32(a[0]))
		if p.Kernel == nil { // no system: the output streams only
			var b []byte
			for _, v := range bufs {
				b = append(b, v...)
			}
			return p.ret(int64(len(b)), p.sysWrite(fd, b))
		}
		r, e := p.writer(fd).Writev(fd, bufs)
		return p.ret(int64(r), e)
	}},
	// recvmsg receives no control messages; sendmsg's are checked
	// as the kernel checks them (kernel.SendMsg says which it takes).
	{"sendmsg", func(p *Proc, a []uint64) uint64 {
		m, bufs, r := p.message("sendmsg", a)
		if r != 0 {
			return r
		}
		fd := int(int32(a[0]))
		var to []byte
		if m.name != 0 {
			// sendmsg cuts a name longer than sockaddr_storage.
			to, _ = p.addrIn(m.name, uint64(min(p.Mem.L32(m.namelen), 128)))
		}
		control, e := p.cmsgs(m)
		if e != 0 {
			return p.fail(e)
		}
		n, e := p.kernel().SendMsg(fd, bufs, int(int32(a[2])), to, control)
		return p.ret(int64(n), e)
	}},
	{"recvmsg", func(p *Proc, a []uint64) uint64 {
		m, bufs, r := p.message("recvmsg", a)
		if r != 0 {
			return r
		}
		if e := p.addrOutOK(a[0], m.name, m.namelen); e != 0 {
			// As Linux: the message is taken, then its sender
			// cannot be given back.
			return p.fail(p.kernel().RecvMsgFault(int(int32(a[0])), bufs, int(int32(a[2])), e))
		}
		n, from, flags, e := p.kernel().RecvMsg(int(int32(a[0])), bufs, int(int32(a[2])))
		if e == 0 {
			if m.name != 0 {
				p.addrOut(from, m.name, m.namelen)
			} else {
				p.Mem.S32(m.namelen, 0)
			}
			p.Mem.S64(a[1]+40, 0) // msg_controllen: no control messages
			p.Mem.S32(a[1]+48, uint32(flags))
		}
		return p.ret(int64(n), e)
	}},
	{"pselect", func(p *Proc, a []uint64) uint64 {
		sets, e := p.fdSets(int32(a[0]), a[1:4])
		if e == errno.EFAULT {
			return p.fail(p.kernel().BadAddress("pselect6", -1, fmt.Sprintf("%d, bad address", int32(a[0])), false))
		}
		if e == 0 {
			var timeout *time.Duration
			if timeout, e = p.timespecArg(a[4]); e == 0 {
				p.Flush()
				var n int
				n, e = p.kernel().Pselect(int(int32(a[0])), sets[0], sets[1], sets[2], timeout, p.sigmaskArg(a[5]))
				if e == 0 {
					p.putFdSets(int32(a[0]), a[1:4], sets)
					return uint64(n)
				}
			}
		}
		return p.fail(e)
	}},
	{"ppoll", func(p *Proc, a []uint64) uint64 {
		timeout, e := p.timespecArg(a[2])
		if e != 0 {
			return p.fail(e)
		}
		mask := p.sigmaskArg(a[3])
		return p.poll(a[0], a[1], func(fds []kernel.PollFd) (int, errno.Errno) { return p.kernel().Ppoll(fds, timeout, mask) })
	}},
}

func init() { register(vecioFuncs) }

// fdSets reads select's three fd_set arguments (a NULL one is nil): the
// words that hold descriptors below nfds, as far as Linux looks (its
// descriptor table's size, kernel.FdTableSize); EFAULT when one is not
// the program's memory.
func (p *Proc) fdSets(nfds int32, a []uint64) ([3]*kernel.FdSet, errno.Errno) {
	var sets [3]*kernel.FdSet
	words := p.fdSetWords(nfds)
	for i := range sets {
		if a[i] != 0 {
			if !p.Mem.Valid(a[i], uint64(8*words)) {
				return sets, errno.EFAULT
			}
			sets[i] = new(kernel.FdSet)
			for w := range words {
				sets[i][w] = p.Mem.L64(a[i] + uint64(8*w))
			}
		}
	}
	return sets, 0
}

// fdSetWords is how many 64-bit words of an fd_set select reads and
// writes back for nfds.
func (p *Proc) fdSetWords(nfds int32) int {
	n := max(int(nfds), 0)
	if p.Kernel != nil {
		n = min(n, p.Kernel.FdTableSize())
	}
	return min((n+63)/64, len(kernel.FdSet{}))
}

// putFdSets writes the sets select rewrote back to the program.
func (p *Proc) putFdSets(nfds int32, a []uint64, sets [3]*kernel.FdSet) {
	words := p.fdSetWords(nfds)
	for i, s := range sets {
		if s != nil {
			for w := range words {
				p.Mem.S64(a[i]+uint64(8*w), s[w])
			}
		}
	}
}

// poll runs poll or ppoll (call) over the n struct pollfd at a and writes
// their revents back.
func (p *Proc) poll(a, n uint64, call func([]kernel.PollFd) (int, errno.Errno)) uint64 {
	// As Linux: more descriptors than RLIMIT_NOFILE's soft limit is
	// EINVAL, an array not the program's memory EFAULT.
	if n > p.rlimits[rlimNofile].cur {
		return p.fail(p.kernel().BadArgument("poll", -1, fmt.Sprintf("%#x, %d", a, n), errno.EINVAL, false))
	}
	if !p.Mem.Valid(a, 8*n) {
		return p.fail(p.kernel().BadAddress("poll", -1, fmt.Sprintf("%#x, %d", a, n), false))
	}
	fds := make([]kernel.PollFd, n)
	for i := range fds {
		b := a + uint64(8*i)
		fds[i] = kernel.PollFd{FD: int32(p.Mem.L32(b)), Events: int16(p.Mem.L16(b + 4))}
	}
	p.Flush()
	r, e := call(fds)
	if e == 0 {
		for i, f := range fds {
			p.Mem.S16(a+uint64(8*i)+6, uint16(f.Revents))
		}
	}
	return p.ret(int64(r), e)
}

var vecioFuncs2 = []named{
	// ioctl: the requests kernel.Ioctl answers; its third argument
	// is a pointer to an int for them.
	{"ioctl", func(p *Proc, a []uint64) uint64 {
		req := uint(uint32(a[1]))
		arg := 0
		switch req {
		case kernel.FIONBIO, kernel.FIONREAD, kernel.SIOCATMARK:
			if len(a) < 3 || a[2] == 0 {
				return p.fail(errno.EFAULT)
			}
			if req == kernel.FIONBIO {
				arg = int(int32(p.Mem.L32(a[2])))
			}
		}
		r, e := p.kernel().Ioctl(int(int32(a[0])), req, arg)
		if e != 0 {
			return p.fail(e)
		}
		if req == kernel.FIONREAD || req == kernel.SIOCATMARK {
			p.Mem.S32(a[2], uint32(r))
		}
		return 0
	}},
}

func init() { register(vecioFuncs2) }
