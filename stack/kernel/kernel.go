// Package kernel is the operating system a netplay program calls. Per host
// it keeps a file system (stack/fs), a terminal and the host's Internet
// sockets (stack/sock); per process a table of file descriptors.
//
// A descriptor points at an open file description (Desc, Linux's struct
// file): one kind's object (File) with the status flags and the reference
// count Linux keeps there, so that dup, and fork later, share a
// description between descriptors and the kind's object is released only
// when the last of them closes (a TCP connection closes on the wire then).
// Every kind is behind File: the terminal, regular files, directories and
// devices, pipes, local (AF_UNIX) sockets and Internet sockets. Each reads
// and writes, says what it is ready for and notifies changes on a gVisor
// waiter.Queue (what select, poll and later epoll wait on), and describes
// itself as fstat does.
//
// System calls are methods of Task, the calling thread. Each is traced
// with its arguments, result, errno and source line, except what a program
// writes to its terminal, which is its output.
package kernel

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math/rand"
	"time"

	"gvisor.dev/gvisor/pkg/waiter"

	"netplay/stack/fs"
	"netplay/stack/linux/errno"
	"netplay/stack/sock"
	"netplay/stack/vnet"
)

// User is who every program runs as: an ordinary user (uid and gid 1000),
// whose home directory, /home/<host>, is the program's working directory.
var User = fs.Cred{Uid: 1000, Gid: 1000}

// Host is the kernel's state of one host.
type Host struct {
	vh       *vnet.Host
	fs       *fs.FS
	home     *fs.Inode
	term     *Terminal
	abstract map[string]*unixSocket // the abstract socket namespace
	random   *rand.Rand             // /dev/urandom and /dev/random
	anonIno  uint64                 // inode numbers of pipes and sockets
	causes   causeState             // what makes descriptors ready (cause.go)
}

type hostKey struct{}

// Of returns the kernel of host h, made on first use with its file system
// laid out (see newFS).
func Of(h *vnet.Host) *Host {
	return h.Value(hostKey{}, func() any {
		k := &Host{vh: h, abstract: map[string]*unixSocket{}}
		purpose := "urandom"
		if h.Boots() > 0 { // a host booted again draws numbers of its own
			purpose = fmt.Sprintf("urandom after boot %d", h.Boots())
		}
		k.random = rand.New(rand.NewSource(seed(h.World().Seed(), h.Name(), purpose)))
		k.fs = fs.New(func() time.Duration { return h.World().Now() }, 0)
		k.home = k.layout()
		k.term = newTerminal(k)
		return k
	}).(*Host)
}

// seed derives a seed for one purpose of one host from the world's.
func seed(world int64, host, purpose string) int64 {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(world))
	sum := sha256.Sum256(append(append(b[:], host...), purpose...))
	return int64(binary.LittleEndian.Uint64(sum[:8]))
}

// FS returns the host's file system.
func (h *Host) FS() *fs.FS { return h.fs }

// Terminal returns the host's terminal (its programs' fds 0, 1 and 2).
func (h *Host) Terminal() *Terminal { return h.term }

// HomeDir returns the path of the programs' working directory.
func (h *Host) HomeDir() string { return "/home/" + h.vh.Name() }

// inet returns the host's Internet sockets.
func (h *Host) inet() *sock.Stack { return sock.Of(h.vh) }

// File is what one kind of open file does. Read and Write may block (in
// t.wait) unless the description is non-blocking; they return EAGAIN then.
type File interface {
	Read(t *Task, d *Desc, b []byte) (int, errno.Errno)
	Write(t *Task, d *Desc, b []byte) (int, errno.Errno)
	// Readiness returns which events of mask (poll's bits, as gVisor's
	// waiter numbers them) are ready now; POLLERR and POLLHUP whatever
	// mask says.
	Readiness(mask waiter.EventMask) waiter.EventMask
	// Queue is where the file notifies its readiness changes.
	Queue() *waiter.Queue
	// Stat describes the file as fstat does.
	Stat() Stat
	// Release is called when the last descriptor of the description
	// closes.
	Release(t *Task)
}

// Stat is what fstat and stat return (struct stat's fields).
type Stat struct {
	Dev, Ino            uint64
	Mode                uint32
	Nlink, Uid, Gid     int
	Rdev                uint64
	Size                int64
	Blksize             int64
	Atime, Mtime, Ctime time.Duration
}

// Blocks returns st_blocks: 512-byte blocks, a file system block at a time.
func (s Stat) Blocks() int64 {
	if s.Mode&fs.S_IFMT != fs.S_IFREG && s.Mode&fs.S_IFMT != fs.S_IFDIR {
		return 0
	}
	return (s.Size + 4095) / 4096 * 8
}

// Device numbers st_dev gives: the file system, and the pseudo file
// systems of pipes and sockets (as Linux's anonymous ones).
const (
	devFS     = 0x803
	devPipeFS = 0xd
	devSockFS = 0x8
)

// Desc is an open file description.
type Desc struct {
	file  File
	flags int // access mode and status flags, as F_GETFL gives them
	refs  int // descriptors pointing at it, in any process
	label int // the descriptor it was made as: how the trace names it
	// watchers are the epoll items watching the description: they go
	// when its last descriptor closes, as Linux's do.
	watchers []*epollItem
	causes   *causes // what changed its readiness (cause.go)
}

// File returns the description's kind.
func (d *Desc) File() File { return d.file }

// Nonblock reports whether O_NONBLOCK is set.
func (d *Desc) Nonblock() bool { return d.flags&O_NONBLOCK != 0 }

func (d *Desc) readable() bool { return d.flags&O_ACCMODE != O_WRONLY }
func (d *Desc) writable() bool { return d.flags&O_ACCMODE != O_RDONLY }

// anonStat is the stat of a pipe or socket: no size, one link.
func (h *Host) anonStat(dev uint64, mode uint32) Stat {
	h.anonIno++
	now := h.vh.World().Now()
	return Stat{Dev: dev, Ino: h.anonIno, Mode: mode, Nlink: 1, Uid: User.Uid, Gid: User.Gid,
		Blksize: 4096, Atime: now, Mtime: now, Ctime: now}
}
