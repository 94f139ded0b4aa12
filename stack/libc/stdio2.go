package libc

import "netplay/stack/linux/errno"

// The rest of stdio.h that needs no files: asprintf, vsscanf, the stream
// locks (one thread: always free), setbuffer.
var stdio2Funcs = []named{
	{"asprintf", func(p *Proc, a []uint64) uint64 {
		return p.asprintf(a[0], p.Mem.CBytes(a[1]), &argSource{a: a[2:], m: p.Mem})
	}},
	{"vasprintf", func(p *Proc, a []uint64) uint64 {
		return p.asprintf(a[0], p.Mem.CBytes(a[1]), &argSource{va: a[2], m: p.Mem})
	}},
	{"vsscanf", func(p *Proc, a []uint64) uint64 {
		return uint64(int64(p.scan(&stringInput{s: p.Mem.CString(a[0])}, p.Mem.CBytes(a[1]), &argSource{va: a[2], m: p.Mem})))
	}},
	{"setbuffer", func(p *Proc, a []uint64) uint64 {
		if a[1] == 0 {
			p.setMode(p.stream(a[0]), ioNBF, 0)
		} else {
			p.setMode(p.stream(a[0]), ioFBF, int(a[2]))
		}
		return 0
	}},
	{"flockfile", func(p *Proc, a []uint64) uint64 { p.stream(a[0]); return 0 }},
	{"ftrylockfile", func(p *Proc, a []uint64) uint64 { p.stream(a[0]); return 0 }},
	{"funlockfile", func(p *Proc, a []uint64) uint64 { p.stream(a[0]); return 0 }},
	{"ctermid", func(p *Proc, a []uint64) uint64 {
		buf := a[0]
		if buf == 0 {
			buf = p.static("ctermid", 9)
		}
		p.Mem.PutCString(buf, "/dev/tty")
		return buf
	}},
}

func init() { register(stdio2Funcs) }

// asprintf stores a malloc'd copy of s at *strp and returns its length.
func (p *Proc) asprintf(strp uint64, format []byte, args *argSource) uint64 {
	var o fmtOut
	p.format(&o, format, args)
	if !o.ok() {
		return p.fail(errno.EOVERFLOW)
	}
	if o.n > int64(len(o.b)) { // more than a program's memory holds
		return p.fail(errno.ENOMEM)
	}
	s := o.b
	b := p.malloc(uint64(len(s)) + 1)
	if b == 0 {
		return neg1
	}
	copy(p.Mem.Slice(b, uint64(len(s))), s)
	p.Mem.S8(b+uint64(len(s)), 0)
	p.Mem.S64(strp, b)
	return uint64(len(s))
}
