package libc

import (
	"bytes"
	"strings"

	"netplay/stack/linux/errno"
	"netplay/stack/linux/signal"
)

// The rest of string.h, strings.h and libgen.h: the GNU and BSD additions
// socket programs use (memmem to find a delimiter in a buffer, strsep to
// split a request line, strsignal in a reaper's message).
var string2Funcs = []named{
	{"memmem", func(p *Proc, a []uint64) uint64 {
		if a[3] == 0 {
			return a[0] // glibc: an empty needle is found at the start
		}
		if i := bytes.Index(p.Mem.Slice(a[0], a[1]), p.Mem.Slice(a[2], a[3])); i >= 0 {
			return a[0] + uint64(i)
		}
		return 0
	}},
	{"memrchr", func(p *Proc, a []uint64) uint64 {
		if i := bytes.LastIndexByte(p.Mem.Slice(a[0], a[2]), byte(a[1])); i >= 0 {
			return a[0] + uint64(i)
		}
		return 0
	}},
	{"mempcpy", func(p *Proc, a []uint64) uint64 { p.Mem.Move(a[0], a[1], a[2]); return a[0] + a[2] }},
	{"memccpy", func(p *Proc, a []uint64) uint64 {
		src := p.Mem.Slice(a[1], a[3])
		if i := bytes.IndexByte(src, byte(a[2])); i >= 0 {
			p.Mem.Move(a[0], a[1], uint64(i)+1)
			return a[0] + uint64(i) + 1
		}
		p.Mem.Move(a[0], a[1], a[3])
		return 0
	}},
	{"explicit_bzero", func(p *Proc, a []uint64) uint64 { p.Mem.Set(a[0], 0, a[1]); return 0 }},
	{"ffs", func(p *Proc, a []uint64) uint64 {
		v := uint32(a[0])
		for i := uint64(1); i <= 32; i++ {
			if v&1 != 0 {
				return i
			}
			v >>= 1
		}
		return 0
	}},
	{"stpncpy", func(p *Proc, a []uint64) uint64 {
		n := p.Mem.StrLen(a[1])
		if n > a[2] {
			n = a[2]
		}
		p.Mem.Move(a[0], a[1], n)
		p.Mem.Set(a[0]+n, 0, a[2]-n)
		return a[0] + n
	}},
	{"strcasestr", func(p *Proc, a []uint64) uint64 {
		h, n := strings.ToLower(p.Mem.CString(a[0])), strings.ToLower(p.Mem.CString(a[1]))
		if i := strings.Index(h, n); i >= 0 {
			return a[0] + uint64(i)
		}
		return 0
	}},
	{"strchrnul", func(p *Proc, a []uint64) uint64 {
		s := p.Mem.CBytes(a[0])
		if byte(a[1]) != 0 {
			if i := bytes.IndexByte(s, byte(a[1])); i >= 0 {
				return a[0] + uint64(i)
			}
		}
		return a[0] + uint64(len(s))
	}},
	{"strsep", func(p *Proc, a []uint64) uint64 {
		s := p.Mem.L64(a[0])
		if s == 0 {
			return 0
		}
		str, delim := p.Mem.CBytes(s), p.Mem.CBytes(a[1])
		if i := bytes.IndexAny(str, string(delim)); i >= 0 {
			p.Mem.S8(s+uint64(i), 0)
			p.Mem.S64(a[0], s+uint64(i)+1)
		} else {
			p.Mem.S64(a[0], 0)
		}
		return s
	}},
	{"strxfrm", func(p *Proc, a []uint64) uint64 {
		// The C locale: the transformed string is the string.
		n := p.Mem.StrLen(a[1])
		if n < a[2] {
			p.Mem.Move(a[0], a[1], n+1)
		}
		return n
	}},
	// GNU strerror_r returns the message (buf may be unused); the
	// XSI one (the default without _GNU_SOURCE) fills buf and
	// returns 0, or errno.ERANGE when it does not fit.
	{"strerror_r", func(p *Proc, a []uint64) uint64 {
		s := errno.Errno(int32(a[0])).Error()
		if a[2] > 0 {
			if uint64(len(s)) >= a[2] {
				s = s[:a[2]-1]
			}
			p.Mem.PutCString(a[1], s)
		}
		return a[1]
	}},
	{"__xpg_strerror_r", func(p *Proc, a []uint64) uint64 {
		e := errno.Errno(int32(a[0]))
		s := e.Error()
		if !knownErrno(e) {
			if a[2] > 0 {
				p.Mem.PutCString(a[1], truncate(s, a[2]-1))
			}
			return uint64(errno.EINVAL)
		}
		if uint64(len(s)) >= a[2] {
			if a[2] > 0 {
				p.Mem.PutCString(a[1], s[:a[2]-1])
			}
			return uint64(errno.ERANGE)
		}
		p.Mem.PutCString(a[1], s)
		return 0
	}},
	{"strsignal", func(p *Proc, a []uint64) uint64 {
		s := signal.Signal(int32(a[0])).StrSignal()
		buf := p.static("strsignal", 64)
		p.Mem.PutCString(buf, s)
		return buf
	}},
	// basename: GNU's (string.h with _GNU_SOURCE) never modifies its
	// argument: "/usr/" gives "". libgen.h's (POSIX) strips trailing
	// slashes in place: "/usr/" gives "usr", "/" gives "/".
	{"basename", func(p *Proc, a []uint64) uint64 {
		s := p.Mem.CBytes(a[0])
		if i := bytes.LastIndexByte(s, '/'); i >= 0 {
			return a[0] + uint64(i) + 1
		}
		return a[0]
	}},
	{"__xpg_basename", func(p *Proc, a []uint64) uint64 {
		if a[0] == 0 || p.Mem.L8(a[0]) == 0 {
			return p.dotString()
		}
		s := p.Mem.CBytes(a[0])
		end := len(s)
		for end > 1 && s[end-1] == '/' {
			end--
		}
		if end < len(s) {
			p.Mem.S8(a[0]+uint64(end), 0)
		}
		if end == 1 && s[0] == '/' {
			return a[0]
		}
		if i := bytes.LastIndexByte(s[:end], '/'); i >= 0 {
			return a[0] + uint64(i) + 1
		}
		return a[0]
	}},
	{"dirname", func(p *Proc, a []uint64) uint64 {
		if a[0] == 0 {
			return p.dotString()
		}
		s := p.Mem.CBytes(a[0])
		end := len(s)
		for end > 1 && s[end-1] == '/' { // trailing slashes
			end--
		}
		i := bytes.LastIndexByte(s[:end], '/')
		if i < 0 {
			return p.dotString()
		}
		for i > 0 && s[i-1] == '/' { // the slashes before the last part
			i--
		}
		if i == 0 {
			i = 1 // the root
		}
		p.Mem.S8(a[0]+uint64(i), 0)
		return a[0]
	}},
}

func init() { register(string2Funcs) }

// dotString returns the address of a static ".".
func (p *Proc) dotString() uint64 {
	a := p.static("dot", 2)
	p.Mem.PutCString(a, ".")
	return a
}

func truncate(s string, n uint64) string {
	if uint64(len(s)) > n {
		return s[:n]
	}
	return s
}

// knownErrno reports whether e has a message of its own (not "Unknown error").
func knownErrno(e errno.Errno) bool {
	return e == 0 || !strings.HasPrefix(e.Error(), "Unknown error")
}
