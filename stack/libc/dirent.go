package libc

import (
	"netplay/stack/kernel"
	"netplay/stack/linux/errno"
)

// Directory streams (<dirent.h>), as glibc's: opendir opens the directory
// (O_RDONLY|O_NONBLOCK|O_DIRECTORY|O_CLOEXEC), readdir reads its entries
// with getdents64 a buffer at a time and returns each in the stream's own
// struct dirent (the next readdir of the stream overwrites it), NULL at
// the end with errno untouched.

// A DIR in the program's memory: its descriptor, then the struct dirent
// readdir returns (glibc's layout: d_ino, d_off, d_reclen, d_type,
// d_name[256]).
const (
	dirFD       = 0
	dirEntry    = 8
	direntSize  = 280
	dirSize     = dirEntry + direntSize
	dirBufBytes = 32768 // what glibc asks getdents64 for
)

type dirStream struct {
	fd      int
	pending []kernel.Dirent
}

var direntFuncs = []named{
	{"opendir", func(p *Proc, a []uint64) uint64 {
		fd, e := p.kernel().Open(p.Mem.CString(a[0]), kernel.O_RDONLY|kernel.O_NONBLOCK|kernel.O_DIRECTORY|kernel.O_CLOEXEC, 0)
		if e != 0 {
			return p.failNull(e)
		}
		return p.newDir(fd)
	}},
	{"fdopendir", func(p *Proc, a []uint64) uint64 {
		fd := int(int32(a[0]))
		st, e := p.kernel().Fstat(fd)
		if e != 0 {
			return p.failNull(e)
		}
		if st.Mode&0o170000 != 0o040000 {
			return p.failNull(errno.ENOTDIR)
		}
		return p.newDir(fd)
	}},
	{"readdir", func(p *Proc, a []uint64) uint64 {
		d := p.dir(a[0])
		if len(d.pending) == 0 {
			ents, e := p.kernel().Getdents64(d.fd, dirBufBytes)
			if e != 0 {
				return p.failNull(e)
			}
			if len(ents) == 0 {
				return 0
			}
			d.pending = ents
		}
		ent := d.pending[0]
		d.pending = d.pending[1:]
		at := a[0] + dirEntry
		p.Mem.Set(at, 0, direntSize)
		p.Mem.S64(at, ent.Ino)
		p.Mem.S64(at+8, uint64(ent.Off))
		p.Mem.S16(at+16, uint16(ent.Reclen()))
		p.Mem.S8(at+18, ent.Type)
		p.Mem.PutCString(at+19, ent.Name)
		return at
	}},
	{"rewinddir", func(p *Proc, a []uint64) uint64 {
		d := p.dir(a[0])
		d.pending = nil
		p.kernel().Lseek(d.fd, 0, kernel.SEEK_SET)
		return 0
	}},
	{"dirfd", func(p *Proc, a []uint64) uint64 { return uint64(int64(p.dir(a[0]).fd)) }},
	{"closedir", func(p *Proc, a []uint64) uint64 {
		d := p.dir(a[0])
		delete(p.dirs, a[0])
		p.Mem.Free(a[0])
		return p.ret(0, p.kernel().Close(d.fd))
	}},
}

func init() { register(direntFuncs) }

// newDir makes the DIR of directory fd.
func (p *Proc) newDir(fd int) uint64 {
	at := p.Mem.Malloc(dirSize)
	if at == 0 {
		p.kernel().Close(fd)
		return p.failNull(errno.ENOMEM)
	}
	p.Mem.Set(at, 0, dirSize)
	p.Mem.S32(at+dirFD, uint32(fd))
	if p.dirs == nil {
		p.dirs = map[uint64]*dirStream{}
	}
	p.dirs[at] = &dirStream{fd: fd}
	return at
}

// dir returns the stream a DIR pointer names; anything else is a crash in
// glibc (it reads the pointer as its struct), a segmentation fault here.
func (p *Proc) dir(at uint64) *dirStream {
	d, ok := p.dirs[at]
	if !ok {
		Segv()
	}
	return d
}
