package libc

import (
	"math"
	"strconv"
	"strings"

	"netplay/stack/linux/errno"
)

func init() {
	register(map[string]Func{
		"__netplay_stream": func(p *Proc, a []uint64) uint64 { return p.streams[a[0]%3] },
		"printf": func(p *Proc, a []uint64) uint64 {
			return p.fprint(1, p.Format(p.Mem.CBytes(a[0]), &argSource{a: a[1:], m: p.Mem}))
		},
		"fprintf": func(p *Proc, a []uint64) uint64 {
			return p.fprint(p.streamFd(a[0]), p.Format(p.Mem.CBytes(a[1]), &argSource{a: a[2:], m: p.Mem}))
		},
		"dprintf": func(p *Proc, a []uint64) uint64 {
			return p.fprint(int(int32(a[0])), p.Format(p.Mem.CBytes(a[1]), &argSource{a: a[2:], m: p.Mem}))
		},
		"vprintf": func(p *Proc, a []uint64) uint64 {
			return p.fprint(1, p.Format(p.Mem.CBytes(a[0]), &argSource{va: a[1], m: p.Mem}))
		},
		"vfprintf": func(p *Proc, a []uint64) uint64 {
			return p.fprint(p.streamFd(a[0]), p.Format(p.Mem.CBytes(a[1]), &argSource{va: a[2], m: p.Mem}))
		},
		"vdprintf": func(p *Proc, a []uint64) uint64 {
			return p.fprint(int(int32(a[0])), p.Format(p.Mem.CBytes(a[1]), &argSource{va: a[2], m: p.Mem}))
		},
		"sprintf": func(p *Proc, a []uint64) uint64 {
			return p.sprint(a[0], math.MaxInt64, p.Format(p.Mem.CBytes(a[1]), &argSource{a: a[2:], m: p.Mem}))
		},
		"snprintf": func(p *Proc, a []uint64) uint64 {
			return p.sprint(a[0], a[1], p.Format(p.Mem.CBytes(a[2]), &argSource{a: a[3:], m: p.Mem}))
		},
		"vsprintf": func(p *Proc, a []uint64) uint64 {
			return p.sprint(a[0], math.MaxInt64, p.Format(p.Mem.CBytes(a[1]), &argSource{va: a[2], m: p.Mem}))
		},
		"vsnprintf": func(p *Proc, a []uint64) uint64 {
			return p.sprint(a[0], a[1], p.Format(p.Mem.CBytes(a[2]), &argSource{va: a[3], m: p.Mem}))
		},
		"puts": func(p *Proc, a []uint64) uint64 {
			b := append(append([]byte(nil), p.Mem.CBytes(a[0])...), '\n')
			return p.fprint(1, b)
		},
		"fputs": func(p *Proc, a []uint64) uint64 {
			p.fprint(p.streamFd(a[1]), append([]byte(nil), p.Mem.CBytes(a[0])...))
			return 1
		},
		"putchar": func(p *Proc, a []uint64) uint64 { p.fprint(1, []byte{byte(a[0])}); return uint64(uint8(a[0])) },
		"fputc": func(p *Proc, a []uint64) uint64 {
			p.fprint(p.streamFd(a[1]), []byte{byte(a[0])})
			return uint64(uint8(a[0]))
		},
		"putc": func(p *Proc, a []uint64) uint64 {
			p.fprint(p.streamFd(a[1]), []byte{byte(a[0])})
			return uint64(uint8(a[0]))
		},
		// stdin is empty (a program's standard input is at EOF).
		"getchar": func(p *Proc, a []uint64) uint64 { return neg1 },
		"fgetc":   func(p *Proc, a []uint64) uint64 { p.streamFd(a[0]); return neg1 },
		"getc":    func(p *Proc, a []uint64) uint64 { p.streamFd(a[0]); return neg1 },
		"ungetc":  func(p *Proc, a []uint64) uint64 { return neg1 },
		"fgets":   func(p *Proc, a []uint64) uint64 { p.streamFd(a[2]); return 0 },
		"fread":   func(p *Proc, a []uint64) uint64 { p.streamFd(a[3]); return 0 },
		"scanf":   func(p *Proc, a []uint64) uint64 { return neg1 },
		"fscanf":  func(p *Proc, a []uint64) uint64 { p.streamFd(a[0]); return neg1 },
		"fwrite": func(p *Proc, a []uint64) uint64 {
			n := a[1] * a[2]
			p.fprint(p.streamFd(a[3]), append([]byte(nil), p.Mem.Slice(a[0], n)...))
			return a[2]
		},
		"fflush": func(p *Proc, a []uint64) uint64 {
			if a[0] == 0 || p.streamFd(a[0]) == 1 {
				p.Flush()
			}
			return 0
		},
		"perror": func(p *Proc, a []uint64) uint64 {
			msg := p.Errno().Error()
			if a[0] != 0 {
				if s := p.Mem.CString(a[0]); s != "" {
					msg = s + ": " + msg
				}
			}
			p.fprint(2, []byte(msg+"\n"))
			return 0
		},
		"setvbuf":    func(p *Proc, a []uint64) uint64 { p.streamFd(a[0]); return 0 },
		"setbuf":     func(p *Proc, a []uint64) uint64 { p.streamFd(a[0]); return 0 },
		"setlinebuf": func(p *Proc, a []uint64) uint64 { p.streamFd(a[0]); return 0 },
		"fopen":      func(p *Proc, a []uint64) uint64 { p.SetErrno(errno.ENOENT); return 0 },
		"fdopen": func(p *Proc, a []uint64) uint64 {
			if a[0] < 3 {
				return p.streams[a[0]]
			}
			p.SetErrno(errno.EINVAL)
			return 0
		},
		"fclose":   func(p *Proc, a []uint64) uint64 { p.streamFd(a[0]); p.Flush(); return 0 },
		"feof":     func(p *Proc, a []uint64) uint64 { return b2u(p.streamFd(a[0]) == 0) },
		"ferror":   func(p *Proc, a []uint64) uint64 { p.streamFd(a[0]); return 0 },
		"clearerr": func(p *Proc, a []uint64) uint64 { p.streamFd(a[0]); return 0 },
		"fileno":   func(p *Proc, a []uint64) uint64 { return uint64(p.streamFd(a[0])) },
		"remove":   func(p *Proc, a []uint64) uint64 { return p.fail(errno.ENOENT) },
		"sscanf": func(p *Proc, a []uint64) uint64 {
			return uint64(int64(p.scan(p.Mem.CString(a[0]), p.Mem.CBytes(a[1]), &argSource{a: a[2:], m: p.Mem})))
		},
	})
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// fprint writes b to fd's stdio stream and returns printf's result.
func (p *Proc) fprint(fd int, b []byte) uint64 {
	if fd == 1 || fd == 2 {
		p.write(fd, b)
		return uint64(len(b))
	}
	if p.Sock != nil {
		n, e := p.Sock.Write(fd, b)
		if e != 0 {
			return p.fail(e)
		}
		return uint64(n)
	}
	return p.fail(errno.EBADF)
}

// sprint stores b at dst as snprintf with size n does.
func (p *Proc) sprint(dst, n uint64, b []byte) uint64 {
	if n > 0 {
		k := uint64(len(b))
		if k > n-1 {
			k = n - 1
		}
		m := p.Mem.Slice(dst, k+1)
		copy(m, b[:k])
		m[k] = 0
	}
	return uint64(len(b))
}

// scan implements sscanf's common conversions (%d %i %u %x %o %c %s %f
// %[...] %n, with l/h/ll modifiers and widths).
func (p *Proc) scan(in string, format []byte, args *argSource) int {
	f := string(format)
	pos, assigned := 0, 0
	skipSpace := func() {
		for pos < len(in) && isSpace(in[pos]) {
			pos++
		}
	}
	for i := 0; i < len(f); i++ {
		c := f[i]
		if isSpace(c) {
			skipSpace()
			continue
		}
		if c != '%' {
			if pos >= len(in) {
				if assigned == 0 {
					return -1
				}
				return assigned
			}
			if in[pos] != c {
				return assigned
			}
			pos++
			continue
		}
		i++
		if i >= len(f) {
			break
		}
		if f[i] == '%' {
			skipSpace()
			if pos < len(in) && in[pos] == '%' {
				pos++
				continue
			}
			return assigned
		}
		suppress := false
		if f[i] == '*' {
			suppress = true
			i++
		}
		width := 0
		for ; i < len(f) && f[i] >= '0' && f[i] <= '9'; i++ {
			width = width*10 + int(f[i]-'0')
		}
		size := 4
		for ; i < len(f); i++ {
			switch f[i] {
			case 'h':
				if size == 2 {
					size = 1
				} else {
					size = 2
				}
				continue
			case 'l', 'z', 'j', 't', 'q', 'L':
				size = 8
				continue
			}
			break
		}
		if i >= len(f) {
			break
		}
		conv := f[i]
		if conv != 'c' && conv != '[' && conv != 'n' {
			skipSpace()
		}
		if pos >= len(in) && conv != 'n' {
			if assigned == 0 {
				return -1
			}
			return assigned
		}
		limit := len(in)
		if width > 0 && pos+width < limit {
			limit = pos + width
		}
		store := func(v uint64) {
			if suppress {
				return
			}
			a := args.next()
			switch size {
			case 1:
				p.Mem.S8(a, uint8(v))
			case 2:
				p.Mem.S16(a, uint16(v))
			case 4:
				p.Mem.S32(a, uint32(v))
			default:
				p.Mem.S64(a, v)
			}
			assigned++
		}
		switch conv {
		case 'd', 'i', 'u', 'x', 'X', 'o', 'p':
			base := 10
			switch conv {
			case 'i':
				base = 0
			case 'x', 'X', 'p':
				base = 16
			case 'o':
				base = 8
			}
			v, n, ok := parseInt(in[pos:limit], base, conv != 'u' && conv != 'x' && conv != 'X' && conv != 'o' && conv != 'p')
			if !ok {
				return assigned
			}
			pos += n
			if conv == 'p' {
				size = 8
			}
			store(v)
		case 'f', 'e', 'g', 'E', 'G', 'a':
			v, n := parseFloatPrefix(in[pos:limit])
			if n == 0 {
				return assigned
			}
			pos += n
			if !suppress {
				a := args.next()
				if size == 8 {
					p.Mem.SF64(a, v)
				} else {
					p.Mem.SF32(a, v)
				}
				assigned++
			}
		case 's':
			st := pos
			for pos < limit && !isSpace(in[pos]) {
				pos++
			}
			if !suppress {
				p.Mem.PutCString(args.next(), in[st:pos])
				assigned++
			}
		case 'c':
			if width == 0 {
				width = 1
			}
			if pos+width > len(in) {
				return assigned
			}
			if !suppress {
				copy(p.Mem.Slice(args.next(), uint64(width)), in[pos:pos+width])
				assigned++
			}
			pos += width
		case '[':
			i++
			neg := false
			if i < len(f) && f[i] == '^' {
				neg = true
				i++
			}
			st := i
			if i < len(f) && f[i] == ']' {
				i++
			}
			for i < len(f) && f[i] != ']' {
				i++
			}
			set := f[st:i]
			s0 := pos
			for pos < limit && (strings.IndexByte(set, in[pos]) >= 0) != neg {
				pos++
			}
			if pos == s0 {
				return assigned
			}
			if !suppress {
				p.Mem.PutCString(args.next(), in[s0:pos])
				assigned++
			}
		case 'n':
			if !suppress {
				p.Mem.S32(args.next(), uint32(pos))
			}
		default:
			return assigned
		}
	}
	return assigned
}

func isSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

// parseInt parses an integer prefix of s as strtol does (base 0 detects
// 0x and 0), returning its 64-bit pattern, the bytes used and whether any
// digit was found. Overflow saturates as strtol/strtoul do.
func parseInt(s string, base int, signed bool) (uint64, int, bool) {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	if (base == 0 || base == 16) && i+1 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X') && i+2 < len(s) && digitVal(s[i+2]) < 16 {
		i += 2
		base = 16
	} else if base == 0 && i < len(s) && s[i] == '0' {
		base = 8
	} else if base == 0 {
		base = 10
	}
	st := i
	var v uint64
	over := false
	for i < len(s) {
		d := digitVal(s[i])
		if d >= base {
			break
		}
		nv := v*uint64(base) + uint64(d)
		if nv/uint64(base) != v && !over || v > math.MaxUint64/uint64(base) {
			over = true
		}
		v = nv
		i++
	}
	if i == st {
		return 0, 0, false
	}
	if signed {
		switch {
		case over || (!neg && v > math.MaxInt64):
			if neg {
				return 1 << 63, i, true
			}
			return math.MaxInt64, i, true
		case neg && v > 1<<63:
			return 1 << 63, i, true
		}
	} else if over {
		return math.MaxUint64, i, true
	}
	if neg {
		v = -v
	}
	return v, i, true
}

func digitVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return 99
}

// parseFloatPrefix parses the longest floating point prefix of s, as strtod.
func parseFloatPrefix(s string) (float64, int) {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	st := i
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	low := strings.ToLower(s[i:])
	for _, w := range []string{"infinity", "inf", "nan"} {
		if strings.HasPrefix(low, w) {
			v, _ := strconv.ParseFloat(s[st:i+len(w)], 64)
			return v, i + len(w)
		}
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return 0, 0
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			i = j
		}
	}
	v, _ := strconv.ParseFloat(s[st:i], 64)
	return v, i
}
