package libc

import (
	"time"

	"netplay/stack/kernel"
	"netplay/stack/linux/errno"
)

// The calls on files, directories and descriptors (unistd.h, fcntl.h,
// sys/stat.h and stdlib.h's temporary files): each a system call of the
// kernel's, with errno set from its result.

var fileioFuncs = []named{
	{"open", func(p *Proc, a []uint64) uint64 {
		mode := uint64(0)
		if len(a) > 2 {
			mode = a[2]
		}
		fd, e := p.kernel().Open(p.Mem.CString(a[0]), int(int32(a[1])), uint32(mode))
		return p.ret(int64(fd), e)
	}},
	{"creat", func(p *Proc, a []uint64) uint64 {
		fd, e := p.kernel().Open(p.Mem.CString(a[0]), kernel.O_CREAT|kernel.O_WRONLY|kernel.O_TRUNC, uint32(a[1]))
		return p.ret(int64(fd), e)
	}},
	{"lseek", func(p *Proc, a []uint64) uint64 {
		off, e := p.kernel().Lseek(int(int32(a[0])), int64(a[1]), int(int32(a[2])))
		return p.ret(off, e)
	}},
	{"unlink", func(p *Proc, a []uint64) uint64 { return p.ret(0, p.kernel().Unlink(p.Mem.CString(a[0]))) }},
	{"rmdir", func(p *Proc, a []uint64) uint64 { return p.ret(0, p.kernel().Rmdir(p.Mem.CString(a[0]))) }},
	{"mkdir", func(p *Proc, a []uint64) uint64 {
		return p.ret(0, p.kernel().Mkdir(p.Mem.CString(a[0]), uint32(a[1])))
	}},
	{"rename", func(p *Proc, a []uint64) uint64 {
		return p.ret(0, p.kernel().Rename(p.Mem.CString(a[0]), p.Mem.CString(a[1])))
	}},
	// remove is unlink, or rmdir for a directory (as glibc does it).
	{"remove", func(p *Proc, a []uint64) uint64 {
		path := p.Mem.CString(a[0])
		e := p.kernel().Unlink(path)
		if e == errno.EISDIR {
			e = p.kernel().Rmdir(path)
		}
		return p.ret(0, e)
	}},
	{"stat", func(p *Proc, a []uint64) uint64 {
		st, e := p.kernel().Stat("stat", p.Mem.CString(a[0]))
		return p.statOut(st, a[1], e)
	}},
	{"lstat", func(p *Proc, a []uint64) uint64 {
		st, e := p.kernel().Stat("lstat", p.Mem.CString(a[0]))
		return p.statOut(st, a[1], e)
	}},
	{"fstat", func(p *Proc, a []uint64) uint64 {
		st, e := p.kernel().Fstat(int(int32(a[0])))
		return p.statOut(st, a[1], e)
	}},
	{"symlink", func(p *Proc, a []uint64) uint64 {
		return p.ret(0, p.kernel().Symlink(p.Mem.CString(a[0]), p.Mem.CString(a[1])))
	}},
	{"link", func(p *Proc, a []uint64) uint64 {
		return p.ret(0, p.kernel().Link(p.Mem.CString(a[0]), p.Mem.CString(a[1])))
	}},
	{"readlink", func(p *Proc, a []uint64) uint64 {
		size := int64(a[2])
		if size > 1<<30 {
			size = 1 << 30 // a size_t past any path: the target is shorter
		}
		target, e := p.kernel().Readlink(p.Mem.CString(a[0]), int(size))
		if e != 0 {
			return p.ret(-1, e)
		}
		copy(p.Mem.Slice(a[1], uint64(len(target))), target)
		return uint64(len(target))
	}},
	{"chmod", func(p *Proc, a []uint64) uint64 {
		return p.ret(0, p.kernel().Chmod(p.Mem.CString(a[0]), uint32(a[1])))
	}},
	{"fchmod", func(p *Proc, a []uint64) uint64 {
		return p.ret(0, p.kernel().Fchmod(int(int32(a[0])), uint32(a[1])))
	}},
	{"access", func(p *Proc, a []uint64) uint64 {
		return p.ret(0, p.kernel().Access(p.Mem.CString(a[0]), int(int32(a[1]))))
	}},
	{"getcwd", func(p *Proc, a []uint64) uint64 {
		buf, size := a[0], int(a[1])
		if buf == 0 && size == 0 {
			size = 4096 // glibc allocates what the path needs
		}
		if buf != 0 && size == 0 {
			return p.failNull(errno.EINVAL)
		}
		path, e := p.kernel().Getcwd(size)
		if e != 0 {
			return p.failNull(e)
		}
		if buf == 0 {
			if buf = p.Mem.Malloc(uint64(max(size, len(path)+1))); buf == 0 {
				return p.failNull(errno.ENOMEM)
			}
		}
		p.Mem.PutCString(buf, path)
		return buf
	}},
	{"chdir", func(p *Proc, a []uint64) uint64 { return p.ret(0, p.kernel().Chdir(p.Mem.CString(a[0]))) }},
	{"pipe", func(p *Proc, a []uint64) uint64 { return p.pipe(a[0], 0) }},
	{"pipe2", func(p *Proc, a []uint64) uint64 { return p.pipe(a[0], int(int32(a[1]))) }},
	{"dup", func(p *Proc, a []uint64) uint64 {
		fd, e := p.kernel().Dup(int(int32(a[0])))
		return p.ret(int64(fd), e)
	}},
	{"dup2", func(p *Proc, a []uint64) uint64 {
		fd, e := p.kernel().Dup3(int(int32(a[0])), int(int32(a[1])), -1)
		return p.ret(int64(fd), e)
	}},
	{"dup3", func(p *Proc, a []uint64) uint64 {
		fd, e := p.kernel().Dup3(int(int32(a[0])), int(int32(a[1])), int(int32(a[2])))
		return p.ret(int64(fd), e)
	}},
	{"truncate", func(p *Proc, a []uint64) uint64 {
		return p.ret(0, p.kernel().Truncate(-1, p.Mem.CString(a[0]), int64(a[1])))
	}},
	{"ftruncate", func(p *Proc, a []uint64) uint64 {
		return p.ret(0, p.kernel().Truncate(int(int32(a[0])), "", int64(a[1])))
	}},
	{"fsync", func(p *Proc, a []uint64) uint64 { return p.ret(0, p.kernel().Fsync(int(int32(a[0])))) }},
	{"fdatasync", func(p *Proc, a []uint64) uint64 { return p.ret(0, p.kernel().Fsync(int(int32(a[0])))) }},
	{"umask", func(p *Proc, a []uint64) uint64 { return uint64(p.kernel().Umask(uint32(a[0]))) }},
	{"isatty", func(p *Proc, a []uint64) uint64 {
		if p.Kernel == nil {
			p.SetErrno(errno.EBADF) // no descriptors at all
			return 0
		}
		st, e := p.kernel().Describe(int(int32(a[0])))
		switch {
		case e != 0:
			p.SetErrno(e)
			return 0
		case !isTerminal(st):
			p.SetErrno(errno.ENOTTY)
			return 0
		}
		return 1
	}},
	{"mkstemp", func(p *Proc, a []uint64) uint64 {
		fd, e := p.mkstemp(a[0])
		return p.ret(int64(fd), e)
	}},
	{"tmpnam", func(p *Proc, a []uint64) uint64 {
		buf := a[0]
		if buf == 0 {
			buf = p.static("tmpnam", lTmpnam)
		}
		for try := 0; try < tmpMax; try++ {
			name := "/tmp/file" + p.randomName(6)
			if _, e := p.kernel().Stat("lstat", name); e == errno.ENOENT {
				p.Mem.PutCString(buf, name)
				return buf
			}
		}
		return 0
	}},
}

func init() { register(fileioFuncs) }

// Sizes stdio.h gives temporary names: L_tmpnam bytes, TMP_MAX tries.
const (
	lTmpnam = 20
	tmpMax  = 238328
)

// failNull sets errno and returns a null pointer.
func (p *Proc) failNull(e errno.Errno) uint64 {
	p.SetErrno(e)
	return 0
}

func (p *Proc) pipe(fds uint64, flags int) uint64 {
	pair, e := p.kernel().Pipe(flags)
	if e == 0 {
		p.Mem.S32(fds, uint32(pair[0]))
		p.Mem.S32(fds+4, uint32(pair[1]))
	}
	return p.ret(0, e)
}

// isTerminal reports whether a stat is the terminal's (a pts device).
func isTerminal(st kernel.Stat) bool { return st.Mode&0o170000 == 0o020000 && st.Rdev>>8 == 136 }

// statOut stores a struct stat as x86-64 Linux lays it out (144 bytes).
func (p *Proc) statOut(st kernel.Stat, buf uint64, e errno.Errno) uint64 {
	if e != 0 {
		return p.fail(e)
	}
	m := p.Mem
	m.Set(buf, 0, 144)
	m.S64(buf, st.Dev)
	m.S64(buf+8, st.Ino)
	m.S64(buf+16, uint64(st.Nlink))
	m.S32(buf+24, st.Mode)
	m.S32(buf+28, uint32(st.Uid))
	m.S32(buf+32, uint32(st.Gid))
	m.S64(buf+40, st.Rdev)
	m.S64(buf+48, uint64(st.Size))
	m.S64(buf+56, uint64(st.Blksize))
	m.S64(buf+64, uint64(st.Blocks()))
	for i, t := range []time.Duration{st.Atime, st.Mtime, st.Ctime} {
		m.S64(buf+72+uint64(16*i), uint64(t/time.Second))
		m.S64(buf+80+uint64(16*i), uint64(t%time.Second))
	}
	return 0
}

// randomName returns n characters of a temporary name from the host's
// random bytes (letters and digits, as glibc's).
func (p *Proc) randomName(n int) string {
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := make([]byte, n)
	p.Kernel.Random(b)
	for i := range b {
		b[i] = letters[int(b[i])%len(letters)]
	}
	return string(b)
}

// mkstemp replaces the template's last six X with a name no file has and
// creates it (O_RDWR|O_CREAT|O_EXCL, mode 0600).
func (p *Proc) mkstemp(tmpl uint64) (int, errno.Errno) {
	name := p.Mem.CString(tmpl)
	if len(name) < 6 || name[len(name)-6:] != "XXXXXX" {
		return -1, errno.EINVAL
	}
	for try := 0; try < tmpMax; try++ {
		cand := name[:len(name)-6] + p.randomName(6)
		fd, e := p.kernel().Open(cand, kernel.O_RDWR|kernel.O_CREAT|kernel.O_EXCL, 0o600)
		if e == errno.EEXIST {
			continue
		}
		if e == 0 {
			p.Mem.PutCString(tmpl, cand)
		}
		return fd, e
	}
	return -1, errno.EEXIST
}
