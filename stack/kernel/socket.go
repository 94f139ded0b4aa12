package kernel

import (
	"encoding/binary"
	"fmt"
	"strconv"

	"netplay/stack/fs"
	"netplay/stack/linux/errno"
	"netplay/stack/sock"
)

// socketFile is a socket of either family: what the socket calls need.
type socketFile interface {
	File
	family() int
	sockType() int
	isListening() bool
	bind(t *Task, addr []byte) errno.Errno
	listen(t *Task, backlog int) errno.Errno
	accept(t *Task, d *Desc) (socketFile, []byte, errno.Errno)
	connect(t *Task, d *Desc, addr []byte) errno.Errno
	shutdown(t *Task, how int) errno.Errno
	sockName(t *Task, peer bool) ([]byte, errno.Errno)
	send(t *Task, d *Desc, b []byte, flags int, to []byte) (int, errno.Errno)
	recv(t *Task, d *Desc, b []byte, flags int, from bool) (int, []byte, errno.Errno)
	setOpt(t *Task, level, name int, val []byte) errno.Errno
	getOpt(t *Task, level, name int) ([]byte, errno.Errno)
	// attach is called once the socket has its descriptor.
	attach(t *Task, fd int)
}

// socket returns the socket fd points at.
func (t *Task) socket(fd int) (*Desc, socketFile, errno.Errno) {
	d, err := t.get(fd)
	if err != 0 {
		return nil, nil, err
	}
	s, ok := d.file.(socketFile)
	if !ok {
		return nil, nil, errno.ENOTSOCK
	}
	return d, s, 0
}

// Socket implements socket(2).
func (t *Task) Socket(domain, typ, proto int) (r0 int, r1 errno.Errno) {
	if j, at, rec := t.journal("socket"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("socket", at, []any{r0, r1}) }()
	}
	start := t.th.Now()
	args := domainName(domain) + ", " + typeName(typ) + ", " + strconv.Itoa(proto)
	fail := func(e errno.Errno) (int, errno.Errno) {
		t.syscall(start, "socket", -1, args, -1, e)
		return -1, e
	}
	fd, err := t.lowest(0)
	if err != 0 {
		return fail(err)
	}
	var s socketFile
	switch domain {
	case AF_UNIX:
		u, err := t.host.newUnix(typ&^(sock.SOCK_NONBLOCK|sock.SOCK_CLOEXEC), proto)
		if err != 0 {
			return fail(err)
		}
		s = u
	default:
		is, err := t.host.inet().NewSocket(domain, typ, proto)
		if err != 0 {
			return fail(err)
		}
		s = &inetFile{s: is, stat: t.host.anonStat(devSockFS, fs.S_IFSOCK|0o777)}
	}
	t.newSocketFd(fd, s, typ)
	t.syscall(start, "socket", fd, args, int64(fd), 0)
	return fd, 0
}

// newSocketFd installs socket s at fd (free), with typ's SOCK_NONBLOCK and
// SOCK_CLOEXEC.
func (t *Task) newSocketFd(fd int, s socketFile, typ int) {
	flags := O_RDWR
	if typ&sock.SOCK_NONBLOCK != 0 {
		flags |= O_NONBLOCK
	}
	t.install(fd, &Desc{file: s, flags: flags, label: fd}, typ&sock.SOCK_CLOEXEC != 0)
	s.attach(t, fd)
}

// Socketpair implements socketpair(2): two connected local sockets.
func (t *Task) Socketpair(domain, typ, proto int) (r0 [2]int, r1 errno.Errno) {
	if j, at, rec := t.journal("socketpair"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].([2]int)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("socketpair", at, []any{r0, r1}) }()
	}
	start := t.th.Now()
	args := domainName(domain) + ", " + typeName(typ) + ", " + strconv.Itoa(proto)
	fail := func(e errno.Errno) ([2]int, errno.Errno) {
		t.syscall(start, "socketpair", -1, args, -1, e)
		return [2]int{-1, -1}, e
	}
	switch domain {
	case AF_UNIX:
	case sock.AF_INET, sock.AF_INET6:
		return fail(errno.EOPNOTSUPP)
	default:
		return fail(errno.EAFNOSUPPORT)
	}
	a, b, err := t.host.unixPair(typ&^(sock.SOCK_NONBLOCK|sock.SOCK_CLOEXEC), proto)
	if err != 0 {
		return fail(err)
	}
	fd0, err := t.lowest(0)
	if err != 0 {
		return fail(err)
	}
	t.newSocketFd(fd0, a, typ)
	fd1, err := t.lowest(0)
	if err != 0 {
		t.drop(fd0)
		return fail(err)
	}
	t.newSocketFd(fd1, b, typ)
	t.syscall(start, "socketpair", -1, args+fmt.Sprintf(", [%d, %d]", fd0, fd1), 0, 0)
	return [2]int{fd0, fd1}, 0
}

// Bind implements bind(2).
func (t *Task) Bind(fd int, addr []byte) (r0 errno.Errno) {
	if j, at, rec := t.journal("bind"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(errno.Errno)
			return
		}
		defer func() { j.Record("bind", at, []any{r0}) }()
	}
	start := t.th.Now()
	args := fmt.Sprintf("%d, %s", fd, FormatSockaddr(addr))
	_, s, err := t.socket(fd)
	if err == 0 {
		err = s.bind(t, addr)
	}
	t.observe()
	return t.done(start, "bind", fd, args, err)
}

// Listen implements listen(2).
func (t *Task) Listen(fd, backlog int) (r0 errno.Errno) {
	if j, at, rec := t.journal("listen"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(errno.Errno)
			return
		}
		defer func() { j.Record("listen", at, []any{r0}) }()
	}
	start := t.th.Now()
	args := fmt.Sprintf("%d, %d", fd, backlog)
	_, s, err := t.socket(fd)
	if err == 0 {
		err = s.listen(t, backlog)
	}
	t.observe()
	return t.done(start, "listen", fd, args, err)
}

// Accept implements accept4(2) (accept is flags 0). It returns the new
// descriptor and the peer's sockaddr.
func (t *Task) Accept(fd int, flags int) (r0 int, r1 []byte, r2 errno.Errno) {
	return t.accept(fd, flags, 0)
}

// AcceptFault is accept4(2) whose address or address length is not the
// program's memory: as on Linux, the connection is taken from the queue
// and closed (its descriptor given and put back), and the call fails with
// fault (EFAULT; EINVAL for a negative length).
func (t *Task) AcceptFault(fd int, flags int, fault errno.Errno) errno.Errno {
	_, _, err := t.accept(fd, flags, fault)
	return err
}

func (t *Task) accept(fd int, flags int, fault errno.Errno) (r0 int, r1 []byte, r2 errno.Errno) {
	if j, at, rec := t.journal("accept"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].([]byte)
			r2 = v[2].(errno.Errno)
			return
		}
		defer func() { j.Record("accept", at, []any{r0, r1, r2}) }()
	}
	start := t.th.Now()
	args := strconv.Itoa(fd)
	fail := func(e errno.Errno) (int, []byte, errno.Errno) {
		t.observe()
		t.syscall(start, "accept", fd, args, -1, e)
		return -1, nil, e
	}
	d, s, err := t.socket(fd)
	if err != 0 {
		return fail(err)
	}
	if typ := s.sockType(); typ != sock.SOCK_STREAM && typ != SOCK_SEQPACKET {
		return fail(errno.EOPNOTSUPP)
	}
	if !s.isListening() {
		return fail(errno.EINVAL)
	}
	if flags&^(sock.SOCK_NONBLOCK|sock.SOCK_CLOEXEC) != 0 {
		return fail(errno.EINVAL)
	}
	nfd, err := t.lowest(0)
	if err != 0 {
		return fail(err)
	}
	ns, peer, err := s.accept(t, d)
	if err != 0 {
		return fail(err)
	}
	t.newSocketFd(nfd, ns, flags)
	if fault != 0 {
		t.drop(nfd)
		return fail(fault)
	}
	t.observe()
	t.syscall(start, "accept", fd, strconv.Itoa(fd)+", "+FormatSockaddr(peer), int64(nfd), 0)
	return nfd, peer, 0
}

// Connect implements connect(2).
func (t *Task) Connect(fd int, addr []byte) (r0 errno.Errno) {
	if j, at, rec := t.journal("connect"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(errno.Errno)
			return
		}
		defer func() { j.Record("connect", at, []any{r0}) }()
	}
	start := t.th.Now()
	args := strconv.Itoa(fd) + ", " + FormatSockaddr(addr)
	d, s, err := t.socket(fd)
	if err == 0 {
		err = s.connect(t, d, addr)
	}
	t.observe()
	return t.done(start, "connect", fd, args, err)
}

// Shutdown implements shutdown(2).
func (t *Task) Shutdown(fd, how int) (r0 errno.Errno) {
	if j, at, rec := t.journal("shutdown"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(errno.Errno)
			return
		}
		defer func() { j.Record("shutdown", at, []any{r0}) }()
	}
	start := t.th.Now()
	args := fmt.Sprintf("%d, %s", fd, shutName(how))
	_, s, err := t.socket(fd)
	if err == 0 {
		err = s.shutdown(t, how)
	}
	t.observe()
	return t.done(start, "shutdown", fd, args, err)
}

// GetSockName implements getsockname(2).
func (t *Task) GetSockName(fd int) (r0 []byte, r1 errno.Errno) {
	if j, at, rec := t.journal("getsockname"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].([]byte)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("getsockname", at, []any{r0, r1}) }()
	}
	return t.name(fd, "getsockname", false)
}

// GetPeerName implements getpeername(2).
func (t *Task) GetPeerName(fd int) (r0 []byte, r1 errno.Errno) {
	if j, at, rec := t.journal("getpeername"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].([]byte)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("getpeername", at, []any{r0, r1}) }()
	}
	return t.name(fd, "getpeername", true)
}

func (t *Task) name(fd int, call string, peer bool) ([]byte, errno.Errno) {
	start := t.th.Now()
	_, s, err := t.socket(fd)
	var sa []byte
	if err == 0 {
		sa, err = s.sockName(t, peer)
	}
	if err != 0 {
		t.syscall(start, call, fd, strconv.Itoa(fd), -1, err)
		return nil, err
	}
	t.syscall(start, call, fd, fmt.Sprintf("%d, %s", fd, FormatSockaddr(sa)), 0, 0)
	return sa, 0
}

// SetSockOpt implements setsockopt(2); val is the option's bytes as C
// memory holds them.
func (t *Task) SetSockOpt(fd, level, name int, val []byte) (r0 errno.Errno) {
	if j, at, rec := t.journal("setsockopt"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(errno.Errno)
			return
		}
		defer func() { j.Record("setsockopt", at, []any{r0}) }()
	}
	start := t.th.Now()
	args := fmt.Sprintf("%d, %s, %s", fd, sock.OptArgs(level, name), sock.OptValue(level, name, val))
	_, s, err := t.socket(fd)
	if err == 0 {
		err = s.setOpt(t, level, name, val)
	}
	return t.done(start, "setsockopt", fd, args, err)
}

// GetSockOpt implements getsockopt(2), returning the option's bytes.
func (t *Task) GetSockOpt(fd, level, name int) (r0 []byte, r1 errno.Errno) {
	if j, at, rec := t.journal("getsockopt"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].([]byte)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("getsockopt", at, []any{r0, r1}) }()
	}
	start := t.th.Now()
	args := fmt.Sprintf("%d, %s", fd, sock.OptArgs(level, name))
	_, s, err := t.socket(fd)
	var val []byte
	if err == 0 {
		val, err = s.getOpt(t, level, name)
	}
	if err == 0 {
		args += " → " + sock.OptValue(level, name, val)
	}
	t.done(start, "getsockopt", fd, args, err)
	return val, err
}

// FormatSockaddr writes sockaddr bytes as the trace shows them:
// "10.0.0.2:80", "[fd00::2]:80", "/tmp/echo.sock" (a local socket's
// path, "@name" in the abstract namespace, "AF_UNIX" when unnamed).
func FormatSockaddr(b []byte) string {
	if len(b) >= 2 && binary.LittleEndian.Uint16(b) == AF_UNIX {
		name, err := parseUnixAddr(b)
		switch {
		case err != 0:
			return fmt.Sprintf("{invalid sockaddr_un, %d bytes}", len(b))
		case name == "":
			return "AF_UNIX"
		}
		return strconv.Quote(displayUnix(name))
	}
	return sock.FormatSockaddr(b)
}

func domainName(d int) string {
	switch d {
	case sock.AF_INET:
		return "AF_INET"
	case sock.AF_INET6:
		return "AF_INET6"
	case sock.AF_UNSPEC:
		return "AF_UNSPEC"
	case AF_UNIX:
		return "AF_UNIX"
	}
	return strconv.Itoa(d)
}

func typeName(typ int) string {
	s := ""
	switch typ &^ (sock.SOCK_NONBLOCK | sock.SOCK_CLOEXEC) {
	case sock.SOCK_STREAM:
		s = "SOCK_STREAM"
	case sock.SOCK_DGRAM:
		s = "SOCK_DGRAM"
	case sock.SOCK_RAW:
		s = "SOCK_RAW"
	case SOCK_SEQPACKET:
		s = "SOCK_SEQPACKET"
	default:
		s = strconv.Itoa(typ &^ (sock.SOCK_NONBLOCK | sock.SOCK_CLOEXEC))
	}
	if typ&sock.SOCK_NONBLOCK != 0 {
		s += "|SOCK_NONBLOCK"
	}
	if typ&sock.SOCK_CLOEXEC != 0 {
		s += "|SOCK_CLOEXEC"
	}
	return s
}

func shutName(how int) string {
	switch how {
	case sock.SHUT_RD:
		return "SHUT_RD"
	case sock.SHUT_WR:
		return "SHUT_WR"
	case sock.SHUT_RDWR:
		return "SHUT_RDWR"
	}
	return strconv.Itoa(how)
}
