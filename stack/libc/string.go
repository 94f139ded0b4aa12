package libc

import (
	"bytes"

	"netplay/stack/linux/errno"
)

var stringFuncs = []named{
	{"memcpy", func(p *Proc, a []uint64) uint64 { p.Mem.Move(a[0], a[1], a[2]); return a[0] }},
	{"memmove", func(p *Proc, a []uint64) uint64 { p.Mem.Move(a[0], a[1], a[2]); return a[0] }},
	{"bcopy", func(p *Proc, a []uint64) uint64 { p.Mem.Move(a[1], a[0], a[2]); return 0 }},
	{"memset", func(p *Proc, a []uint64) uint64 { p.Mem.Set(a[0], byte(a[1]), a[2]); return a[0] }},
	{"bzero", func(p *Proc, a []uint64) uint64 { p.Mem.Set(a[0], 0, a[1]); return 0 }},
	{"memcmp", func(p *Proc, a []uint64) uint64 {
		return cmpResult(bytes.Compare(p.Mem.Slice(a[0], a[2]), p.Mem.Slice(a[1], a[2])))
	}},
	{"bcmp", func(p *Proc, a []uint64) uint64 {
		return cmpResult(bytes.Compare(p.Mem.Slice(a[0], a[2]), p.Mem.Slice(a[1], a[2])))
	}},
	{"memchr", func(p *Proc, a []uint64) uint64 {
		if i := bytes.IndexByte(p.Mem.Slice(a[0], a[2]), byte(a[1])); i >= 0 {
			return a[0] + uint64(i)
		}
		return 0
	}},
	{"strlen", func(p *Proc, a []uint64) uint64 { return p.Mem.StrLen(a[0]) }},
	{"strnlen", func(p *Proc, a []uint64) uint64 {
		for i := uint64(0); i < a[1]; i++ {
			if p.Mem.L8(a[0]+i) == 0 {
				return i
			}
		}
		return a[1]
	}},
	{"strcpy", func(p *Proc, a []uint64) uint64 {
		n := p.Mem.StrLen(a[1]) + 1
		p.Mem.Move(a[0], a[1], n)
		return a[0]
	}},
	{"stpcpy", func(p *Proc, a []uint64) uint64 {
		n := p.Mem.StrLen(a[1])
		p.Mem.Move(a[0], a[1], n+1)
		return a[0] + n
	}},
	{"strncpy", func(p *Proc, a []uint64) uint64 {
		n := p.Mem.StrLen(a[1])
		if n > a[2] {
			n = a[2]
		}
		p.Mem.Move(a[0], a[1], n)
		p.Mem.Set(a[0]+n, 0, a[2]-n)
		return a[0]
	}},
	{"strcat", func(p *Proc, a []uint64) uint64 {
		d := a[0] + p.Mem.StrLen(a[0])
		p.Mem.Move(d, a[1], p.Mem.StrLen(a[1])+1)
		return a[0]
	}},
	{"strncat", func(p *Proc, a []uint64) uint64 {
		d := a[0] + p.Mem.StrLen(a[0])
		n := p.Mem.StrLen(a[1])
		if n > a[2] {
			n = a[2]
		}
		p.Mem.Move(d, a[1], n)
		p.Mem.S8(d+n, 0)
		return a[0]
	}},
	{"strcmp", func(p *Proc, a []uint64) uint64 { return strncmp(p, a[0], a[1], ^uint64(0), false) }},
	{"strcoll", func(p *Proc, a []uint64) uint64 { return strncmp(p, a[0], a[1], ^uint64(0), false) }},
	{"strncmp", func(p *Proc, a []uint64) uint64 { return strncmp(p, a[0], a[1], a[2], false) }},
	{"strcasecmp", func(p *Proc, a []uint64) uint64 {
		return strncmp(p, a[0], a[1], ^uint64(0), true)
	}},
	{"strncasecmp", func(p *Proc, a []uint64) uint64 { return strncmp(p, a[0], a[1], a[2], true) }},
	{"strchr", strchr},
	{"index", strchr},
	{"strrchr", strrchr},
	{"rindex", strrchr},
	{"strstr", func(p *Proc, a []uint64) uint64 {
		if i := bytes.Index(p.Mem.CBytes(a[0]), p.Mem.CBytes(a[1])); i >= 0 {
			return a[0] + uint64(i)
		}
		return 0
	}},
	{"strdup", func(p *Proc, a []uint64) uint64 {
		n := p.Mem.StrLen(a[0]) + 1
		d := p.Mem.Malloc(n)
		if d == 0 {
			p.SetErrno(errno.ENOMEM)
			return 0
		}
		p.Mem.Move(d, a[0], n)
		return d
	}},
	{"strndup", func(p *Proc, a []uint64) uint64 {
		n := uint64(0)
		for n < a[1] && p.Mem.L8(a[0]+n) != 0 {
			n++
		}
		d := p.Mem.Malloc(n + 1)
		if d == 0 {
			p.SetErrno(errno.ENOMEM)
			return 0
		}
		p.Mem.Move(d, a[0], n)
		p.Mem.S8(d+n, 0)
		return d
	}},
	{"strspn", func(p *Proc, a []uint64) uint64 {
		s, set := p.Mem.CBytes(a[0]), p.Mem.CBytes(a[1])
		i := 0
		for i < len(s) && bytes.IndexByte(set, s[i]) >= 0 {
			i++
		}
		return uint64(i)
	}},
	{"strcspn", func(p *Proc, a []uint64) uint64 {
		s, set := p.Mem.CBytes(a[0]), p.Mem.CBytes(a[1])
		i := 0
		for i < len(s) && bytes.IndexByte(set, s[i]) < 0 {
			i++
		}
		return uint64(i)
	}},
	{"strpbrk", func(p *Proc, a []uint64) uint64 {
		s, set := p.Mem.CBytes(a[0]), p.Mem.CBytes(a[1])
		if i := bytes.IndexAny(s, string(set)); i >= 0 {
			return a[0] + uint64(i)
		}
		return 0
	}},
	{"strtok", func(p *Proc, a []uint64) uint64 { return strtok(p, a[0], a[1], &p.strtok) }},
	{"strtok_r", func(p *Proc, a []uint64) uint64 {
		save := p.Mem.L64(a[2])
		r := strtok(p, a[0], a[1], &save)
		p.Mem.S64(a[2], save)
		return r
	}},
	// glibc's strerror returns its table's constant string for an
	// errno it knows (two calls give two strings, as a printf with two
	// of them shows) and writes others into one buffer.
	{"strerror", func(p *Proc, a []uint64) uint64 {
		e := errno.Errno(int32(a[0]))
		s := e.Error()
		if _, known := errno.ByName(e.Name()); known || e == 0 {
			name := "strerror " + s
			_, made := p.statics[name]
			buf := p.static(name, uint64(len(s)+1))
			if !made {
				p.Mem.PutCString(buf, s)
			}
			return buf
		}
		buf := p.static("strerror", 64)
		if len(s) > 63 {
			s = s[:63]
		}
		p.Mem.PutCString(buf, s)
		return buf
	}},
}

func init() { register(stringFuncs) }

func cmpResult(c int) uint64 { return uint64(int64(c)) }

func strncmp(p *Proc, x, y, n uint64, fold bool) uint64 {
	for i := uint64(0); i < n; i++ {
		a, b := p.Mem.L8(x+i), p.Mem.L8(y+i)
		if fold {
			a, b = lower(a), lower(b)
		}
		if a != b {
			return uint64(int64(int(a) - int(b)))
		}
		if a == 0 {
			return 0
		}
	}
	return 0
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 32
	}
	return c
}

func strchr(p *Proc, a []uint64) uint64 {
	c := byte(a[1])
	for s := a[0]; ; s++ {
		b := p.Mem.L8(s)
		if b == c {
			return s
		}
		if b == 0 {
			return 0
		}
	}
}

func strrchr(p *Proc, a []uint64) uint64 {
	c := byte(a[1])
	r := uint64(0)
	for s := a[0]; ; s++ {
		b := p.Mem.L8(s)
		if b == c {
			r = s
		}
		if b == 0 {
			return r
		}
	}
}

func strtok(p *Proc, s, delim uint64, save *uint64) uint64 {
	if s == 0 {
		s = *save
	}
	if s == 0 {
		return 0
	}
	d := p.Mem.CBytes(delim)
	for {
		c := p.Mem.L8(s)
		if c == 0 {
			*save = 0
			return 0
		}
		if bytes.IndexByte(d, c) < 0 {
			break
		}
		s++
	}
	d = append([]byte(nil), d...)
	for e := s; ; e++ {
		c := p.Mem.L8(e)
		if c == 0 {
			*save = 0
			return s
		}
		if bytes.IndexByte(d, c) >= 0 {
			p.Mem.S8(e, 0)
			*save = e + 1
			return s
		}
	}
}
