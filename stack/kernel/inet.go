package kernel

import (
	"gvisor.dev/gvisor/pkg/waiter"

	"netplay/stack/fs"
	"netplay/stack/linux/errno"
	"netplay/stack/sock"
)

// inetFile is an Internet socket (stack/sock) as an open file.
type inetFile struct {
	s    *sock.Socket
	stat Stat
}

func (f *inetFile) Read(t *Task, d *Desc, b []byte) (int, errno.Errno) {
	n, _, err := f.s.Recv(t.th, b, 0, false, d.Nonblock())
	return n, err
}

func (f *inetFile) Write(t *Task, d *Desc, b []byte) (int, errno.Errno) {
	return f.s.Send(t.th, b, 0, nil, d.Nonblock())
}

func (f *inetFile) Readiness(mask waiter.EventMask) waiter.EventMask { return f.s.Readiness(mask) }
func (f *inetFile) Queue() *waiter.Queue                             { return f.s.Queue() }
func (f *inetFile) Stat() Stat                                       { return f.stat }
func (f *inetFile) Release(t *Task)                                  { f.s.Release() }

func (f *inetFile) family() int       { return f.s.Family() }
func (f *inetFile) sockType() int     { return f.s.Type() }
func (f *inetFile) isListening() bool { return f.s.Listening() }

func (f *inetFile) bind(t *Task, addr []byte) errno.Errno {
	if !t.bindService {
		return f.s.BindUnprivileged(addr)
	}
	return f.s.Bind(addr)
}
func (f *inetFile) listen(t *Task, backlog int) errno.Errno {
	return f.s.Listen(backlog)
}

func (f *inetFile) accept(t *Task, d *Desc) (socketFile, []byte, errno.Errno) {
	ns, peer, err := f.s.Accept(t.th, d.Nonblock())
	if err != 0 {
		return nil, nil, err
	}
	return &inetFile{s: ns, stat: t.host.anonStat(devSockFS, fs.S_IFSOCK|0o777)}, peer, 0
}

func (f *inetFile) connect(t *Task, d *Desc, addr []byte) errno.Errno {
	return f.s.Connect(t.th, addr, d.Nonblock())
}

func (f *inetFile) shutdown(t *Task, how int) errno.Errno             { return f.s.Shutdown(how) }
func (f *inetFile) sockName(t *Task, peer bool) ([]byte, errno.Errno) { return f.s.Name(peer) }

func (f *inetFile) send(t *Task, d *Desc, b []byte, flags int, to []byte) (int, errno.Errno) {
	return f.s.Send(t.th, b, flags, to, d.Nonblock())
}

func (f *inetFile) recv(t *Task, d *Desc, b []byte, flags int, from bool) (int, []byte, errno.Errno) {
	return f.s.Recv(t.th, b, flags, from, d.Nonblock())
}

func (f *inetFile) setOpt(t *Task, level, name int, val []byte) errno.Errno {
	return f.s.SetOpt(level, name, val)
}

func (f *inetFile) getOpt(t *Task, level, name int) ([]byte, errno.Errno) {
	return f.s.GetOpt(level, name)
}

func (f *inetFile) attach(t *Task, fd int) { t.host.inet().Attach(f.s, fd) }
