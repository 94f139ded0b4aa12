package libc

import (
	"math"
	"strconv"
	"strings"

	"netplay/stack/kernel"
	"netplay/stack/linux/errno"
)

var stdioFuncs = []named{
	{"__netplay_stream", func(p *Proc, a []uint64) uint64 { return p.std[a[0]%3].addr }},
	{"printf", func(p *Proc, a []uint64) uint64 {
		return p.fprintf(p.std[1], a[0], &argSource{a: a[1:], m: p.Mem})
	}},
	{"fprintf", func(p *Proc, a []uint64) uint64 {
		return p.fprintf(p.stream(a[0]), a[1], &argSource{a: a[2:], m: p.Mem})
	}},
	{"dprintf", func(p *Proc, a []uint64) uint64 {
		return p.dprintf(int(int32(a[0])), a[1], &argSource{a: a[2:], m: p.Mem})
	}},
	{"vprintf", func(p *Proc, a []uint64) uint64 {
		return p.fprintf(p.std[1], a[0], &argSource{va: a[1], m: p.Mem})
	}},
	{"vfprintf", func(p *Proc, a []uint64) uint64 {
		return p.fprintf(p.stream(a[0]), a[1], &argSource{va: a[2], m: p.Mem})
	}},
	{"vdprintf", func(p *Proc, a []uint64) uint64 {
		return p.dprintf(int(int32(a[0])), a[1], &argSource{va: a[2], m: p.Mem})
	}},
	{"sprintf", func(p *Proc, a []uint64) uint64 {
		return p.sprintf(a[0], math.MaxInt64, a[1], &argSource{a: a[2:], m: p.Mem})
	}},
	{"snprintf", func(p *Proc, a []uint64) uint64 {
		return p.sprintf(a[0], a[1], a[2], &argSource{a: a[3:], m: p.Mem})
	}},
	{"vsprintf", func(p *Proc, a []uint64) uint64 {
		return p.sprintf(a[0], math.MaxInt64, a[1], &argSource{va: a[2], m: p.Mem})
	}},
	{"vsnprintf", func(p *Proc, a []uint64) uint64 {
		return p.sprintf(a[0], a[1], a[2], &argSource{va: a[3], m: p.Mem})
	}},
	{"puts", func(p *Proc, a []uint64) uint64 {
		s := p.std[1]
		if !p.put(s, p.Mem.CBytes(a[0])) || !p.putc(s, '\n') {
			return neg1
		}
		return 1
	}},
	{"fputs", func(p *Proc, a []uint64) uint64 {
		if !p.put(p.stream(a[1]), p.Mem.CBytes(a[0])) {
			return neg1
		}
		return 1
	}},
	{"putchar", func(p *Proc, a []uint64) uint64 { return p.fputc(p.std[1], byte(a[0])) }},
	{"fputc", func(p *Proc, a []uint64) uint64 { return p.fputc(p.stream(a[1]), byte(a[0])) }},
	{"putc", func(p *Proc, a []uint64) uint64 { return p.fputc(p.stream(a[1]), byte(a[0])) }},
	{"getchar", func(p *Proc, a []uint64) uint64 { return uint64(int64(p.getc(p.std[0]))) }},
	{"fgetc", func(p *Proc, a []uint64) uint64 { return uint64(int64(p.getc(p.stream(a[0])))) }},
	{"getc", func(p *Proc, a []uint64) uint64 { return uint64(int64(p.getc(p.stream(a[0])))) }},
	{"ungetc", func(p *Proc, a []uint64) uint64 {
		s := p.stream(a[1])
		if int32(a[0]) == -1 {
			return neg1
		}
		s.unread([]byte{byte(a[0])})
		s.eof = false
		return uint64(uint8(a[0]))
	}},
	{"fgets", func(p *Proc, a []uint64) uint64 {
		s, n := p.stream(a[2]), int(int32(a[1]))
		if n <= 0 {
			return 0
		}
		var line []byte
		for len(line) < n-1 {
			c := p.getc(s)
			if c < 0 {
				break
			}
			line = append(line, byte(c))
			if c == '\n' {
				break
			}
		}
		if len(line) == 0 || s.err {
			return 0
		}
		p.Mem.PutCString(a[0], string(line))
		return a[0]
	}},
	{"getline", func(p *Proc, a []uint64) uint64 { return p.getdelim(a[0], a[1], '\n', p.stream(a[2])) }},
	{"getdelim", func(p *Proc, a []uint64) uint64 {
		return p.getdelim(a[0], a[1], byte(a[2]), p.stream(a[3]))
	}},
	{"fread", func(p *Proc, a []uint64) uint64 {
		size, n := a[1], a[2]
		if size == 0 || n == 0 {
			return 0
		}
		s := p.stream(a[3])
		got := p.getn(s, p.Mem.Slice(a[0], size*n))
		return uint64(got) / size
	}},
	{"fwrite", func(p *Proc, a []uint64) uint64 {
		size, n := a[1], a[2]
		if size == 0 || n == 0 {
			return 0
		}
		if !p.put(p.stream(a[3]), p.Mem.Slice(a[0], size*n)) {
			return 0
		}
		return n
	}},
	{"scanf", func(p *Proc, a []uint64) uint64 {
		return uint64(int64(p.scan(&streamInput{p: p, s: p.std[0]}, p.Mem.CBytes(a[0]), &argSource{a: a[1:], m: p.Mem})))
	}},
	{"fscanf", func(p *Proc, a []uint64) uint64 {
		return uint64(int64(p.scan(&streamInput{p: p, s: p.stream(a[0])}, p.Mem.CBytes(a[1]), &argSource{a: a[2:], m: p.Mem})))
	}},
	{"vscanf", func(p *Proc, a []uint64) uint64 {
		return uint64(int64(p.scan(&streamInput{p: p, s: p.std[0]}, p.Mem.CBytes(a[0]), &argSource{va: a[1], m: p.Mem})))
	}},
	{"vfscanf", func(p *Proc, a []uint64) uint64 {
		return uint64(int64(p.scan(&streamInput{p: p, s: p.stream(a[0])}, p.Mem.CBytes(a[1]), &argSource{va: a[2], m: p.Mem})))
	}},
	{"sscanf", func(p *Proc, a []uint64) uint64 {
		return uint64(int64(p.scan(&stringInput{s: p.Mem.CString(a[0])}, p.Mem.CBytes(a[1]), &argSource{a: a[2:], m: p.Mem})))
	}},
	{"fflush", func(p *Proc, a []uint64) uint64 {
		if a[0] == 0 {
			p.FlushAll()
			return 0
		}
		if !p.flush(p.stream(a[0])) {
			return neg1
		}
		return 0
	}},
	{"perror", func(p *Proc, a []uint64) uint64 {
		msg := p.Errno().Error()
		if a[0] != 0 {
			if s := p.Mem.CString(a[0]); s != "" {
				msg = s + ": " + msg
			}
		}
		p.put(p.std[2], []byte(msg+"\n"))
		return 0
	}},
	{"setvbuf", func(p *Proc, a []uint64) uint64 {
		s, mode, size := p.stream(a[0]), int(int32(a[2])), int(a[3])
		if mode < ioFBF || mode > ioNBF {
			p.SetErrno(errno.EINVAL)
			return neg1
		}
		p.setMode(s, mode, size)
		return 0
	}},
	{"setbuf", func(p *Proc, a []uint64) uint64 {
		if a[1] == 0 {
			p.setMode(p.stream(a[0]), ioNBF, 0)
		} else {
			p.setMode(p.stream(a[0]), ioFBF, bufSize)
		}
		return 0
	}},
	{"setlinebuf", func(p *Proc, a []uint64) uint64 { p.setMode(p.stream(a[0]), ioLBF, 0); return 0 }},
	{"fopen", func(p *Proc, a []uint64) uint64 {
		flags, read, write, ok := openMode(p.Mem.CString(a[1]))
		if !ok {
			return p.failNull(errno.EINVAL)
		}
		fd, e := p.kernel().Open(p.Mem.CString(a[0]), flags, 0o666)
		if e != 0 {
			return p.failNull(e)
		}
		return p.newStream(fd, read, write).addr
	}},
	{"fdopen", func(p *Proc, a []uint64) uint64 {
		fd := int(int32(a[0]))
		_, read, write, ok := openMode(p.Mem.CString(a[1]))
		if !ok {
			return p.failNull(errno.EINVAL)
		}
		fl, e := p.kernel().Fcntl(fd, kernel.F_GETFL, 0)
		if e != 0 {
			return p.failNull(e)
		}
		acc := fl & kernel.O_ACCMODE
		if read && acc == kernel.O_WRONLY || write && acc == kernel.O_RDONLY {
			return p.failNull(errno.EINVAL)
		}
		return p.newStream(fd, read, write).addr
	}},
	{"tmpfile", func(p *Proc, a []uint64) uint64 {
		tmpl := p.Mem.Malloc(32)
		defer p.Mem.Free(tmpl)
		p.Mem.PutCString(tmpl, "/tmp/tmpfXXXXXX")
		fd, e := p.mkstemp(tmpl)
		if e != 0 {
			return p.failNull(e)
		}
		p.kernel().Unlink(p.Mem.CString(tmpl))
		return p.newStream(fd, true, true).addr
	}},
	{"fclose", func(p *Proc, a []uint64) uint64 {
		if !p.closeStream(p.stream(a[0])) {
			return neg1
		}
		return 0
	}},
	{"fseek", func(p *Proc, a []uint64) uint64 {
		return p.ret(0, p.seek(p.stream(a[0]), int64(a[1]), int(int32(a[2]))))
	}},
	{"fseeko", func(p *Proc, a []uint64) uint64 {
		return p.ret(0, p.seek(p.stream(a[0]), int64(a[1]), int(int32(a[2]))))
	}},
	{"ftell", func(p *Proc, a []uint64) uint64 {
		pos, e := p.tell(p.stream(a[0]))
		return p.ret(pos, e)
	}},
	{"ftello", func(p *Proc, a []uint64) uint64 {
		pos, e := p.tell(p.stream(a[0]))
		return p.ret(pos, e)
	}},
	{"rewind", func(p *Proc, a []uint64) uint64 {
		s := p.stream(a[0])
		p.seek(s, 0, kernel.SEEK_SET)
		s.err = false
		return 0
	}},
	{"fgetpos", func(p *Proc, a []uint64) uint64 {
		pos, e := p.tell(p.stream(a[0]))
		if e == 0 {
			p.Mem.S64(a[1], uint64(pos))
		}
		return p.ret(0, e)
	}},
	{"fsetpos", func(p *Proc, a []uint64) uint64 {
		return p.ret(0, p.seek(p.stream(a[0]), int64(p.Mem.L64(a[1])), kernel.SEEK_SET))
	}},
	{"feof", func(p *Proc, a []uint64) uint64 { return b2u(p.stream(a[0]).eof) }},
	{"ferror", func(p *Proc, a []uint64) uint64 { return b2u(p.stream(a[0]).err) }},
	{"clearerr", func(p *Proc, a []uint64) uint64 {
		s := p.stream(a[0])
		s.eof, s.err = false, false
		return 0
	}},
	{"fileno", func(p *Proc, a []uint64) uint64 { return uint64(p.stream(a[0]).fd) }},
}

func init() { register(stdioFuncs) }

// bufSize is BUFSIZ, the buffer setbuf gives a stream.
const bufSize = 8192

// setMode sets a stream's buffering as setvbuf does (size 0: the file's
// block size).
func (p *Proc) setMode(s *stream, mode, size int) {
	p.flush(s)
	p.setup(s)
	s.mode = mode
	switch {
	case mode == ioNBF:
		s.size = 1
	case size > 0:
		s.size = size
	}
}

// fprint writes printf's output to stream s and returns printf's result.
// fprintf formats to s, passing the output on in pieces as it grows.
func (p *Proc) fprintf(s *stream, format uint64, args *argSource) uint64 {
	o := fmtOut{pass: func(b []byte) bool { return p.put(s, b) }}
	p.format(&o, p.Mem.CBytes(format), args)
	o.flush()
	return p.printed(&o)
}

// dprintf formats to fd: one write, or one a piece for a long output.
func (p *Proc) dprintf(fd int, format uint64, args *argSource) uint64 {
	o := fmtOut{pass: func(b []byte) bool {
		if e := p.sysWrite(fd, b); e != 0 {
			p.SetErrno(e)
			return false
		}
		return true
	}}
	p.format(&o, p.Mem.CBytes(format), args)
	o.flush()
	return p.printed(&o)
}

// sprintf formats into the n bytes at dst (snprintf; sprintf with n
// unbounded).
func (p *Proc) sprintf(dst, n, format uint64, args *argSource) uint64 {
	var o fmtOut
	p.format(&o, p.Mem.CBytes(format), args)
	p.sprint(dst, n, o.b)
	return p.printed(&o)
}

// printed is printf's result: the count of bytes, -1 after a write
// error (errno set) or with EOVERFLOW when the count is over INT_MAX.
func (p *Proc) printed(o *fmtOut) uint64 {
	switch {
	case o.err:
		return neg1
	case !o.ok():
		return p.fail(errno.EOVERFLOW)
	}
	return uint64(o.n)
}

func (p *Proc) fprint(s *stream, b []byte) uint64 {
	if !p.put(s, b) {
		return neg1
	}
	return uint64(len(b))
}

func (p *Proc) fputc(s *stream, c byte) uint64 {
	if !p.putc(s, c) {
		return neg1
	}
	return uint64(c)
}

// getdelim reads up to and including delim into *linep (malloc'd, grown
// as needed, its size in *np), as getline and getdelim do: the length
// read, or -1 at the end of the file with nothing read.
func (p *Proc) getdelim(linep, np uint64, delim byte, s *stream) uint64 {
	if linep == 0 || np == 0 {
		return p.fail(errno.EINVAL)
	}
	var line []byte
	for {
		c := p.getc(s)
		if c < 0 {
			break
		}
		line = append(line, byte(c))
		if byte(c) == delim {
			break
		}
	}
	if len(line) == 0 || s.err {
		return neg1
	}
	buf, size := p.Mem.L64(linep), p.Mem.L64(np)
	if buf == 0 || size < uint64(len(line)+1) {
		size = max(120, uint64(len(line)+1))
		nb := p.Mem.Realloc(buf, size)
		if nb == 0 {
			return p.fail(errno.ENOMEM)
		}
		buf = nb
		p.Mem.S64(linep, buf)
		p.Mem.S64(np, size)
	}
	copy(p.Mem.Slice(buf, uint64(len(line))), line)
	p.Mem.S8(buf+uint64(len(line)), 0)
	return uint64(len(line))
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
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

// scanInput is what scanf reads: a string (sscanf) or a stream.
type scanInput interface {
	peek() int // the next byte, -1 at the end
	next()     // takes the byte peek returned
	unread(b []byte)
	count() int // bytes taken so far (%n)
}

type stringInput struct {
	s   string
	pos int
}

func (in *stringInput) peek() int {
	if in.pos >= len(in.s) {
		return -1
	}
	return int(in.s[in.pos])
}
func (in *stringInput) next()           { in.pos++ }
func (in *stringInput) unread(b []byte) { in.pos -= len(b) }
func (in *stringInput) count() int      { return in.pos }

// streamInput reads a stream for scanf: a byte at a time, waiting for
// input as getc does.
type streamInput struct {
	p     *Proc
	s     *stream
	taken int
}

func (in *streamInput) peek() int { return in.p.peekc(in.s) }
func (in *streamInput) next() {
	in.p.getc(in.s)
	in.taken++
}
func (in *streamInput) unread(b []byte) {
	in.s.unread(b)
	in.taken -= len(b)
}
func (in *streamInput) count() int { return in.taken }

// token takes up to width bytes (0: no limit) for which ok is true.
func token(in scanInput, width int, ok func(c byte, sofar []byte) bool) []byte {
	var b []byte
	for width == 0 || len(b) < width {
		c := in.peek()
		if c < 0 || !ok(byte(c), b) {
			break
		}
		b = append(b, byte(c))
		in.next()
	}
	return b
}

// scan implements scanf's common conversions (%d %i %u %x %o %c %s %f
// %[...] %n, with l/h/ll modifiers and widths) over in.
func (p *Proc) scan(in scanInput, format []byte, args *argSource) int {
	f := string(format)
	assigned := 0
	skipSpace := func() {
		for c := in.peek(); c >= 0 && isSpace(byte(c)); c = in.peek() {
			in.next()
		}
	}
	// end is scanf's result when the input ends: EOF before any
	// conversion, otherwise how many were assigned.
	end := func() int {
		if assigned == 0 {
			return -1
		}
		return assigned
	}
	for i := 0; i < len(f); i++ {
		c := f[i]
		if isSpace(c) {
			skipSpace()
			continue
		}
		if c != '%' {
			got := in.peek()
			if got < 0 {
				return end()
			}
			if byte(got) != c {
				return assigned
			}
			in.next()
			continue
		}
		i++
		if i >= len(f) {
			break
		}
		if f[i] == '%' {
			skipSpace()
			if in.peek() == '%' {
				in.next()
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
		var size int
		size, i = lengthModifier(f, i)
		if i >= len(f) {
			break
		}
		conv := f[i]
		if conv != 'c' && conv != '[' && conv != 'n' {
			skipSpace()
		}
		if conv != 'n' && in.peek() < 0 {
			return end()
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
			tok := token(in, width, func(c byte, sofar []byte) bool {
				switch {
				case len(sofar) == 0 && (c == '+' || c == '-'):
					return true
				case c == 'x' || c == 'X':
					n := len(sofar)
					return (base == 0 || base == 16) && n > 0 && sofar[n-1] == '0' && (n == 1 || n == 2 && (sofar[0] == '+' || sofar[0] == '-'))
				}
				b := base
				if b == 0 {
					b = 16 // which digits count is decided by parseInt
				}
				return digitVal(c) < b
			})
			v, n, ok := parseInt(string(tok), base, conv != 'u' && conv != 'x' && conv != 'X' && conv != 'o' && conv != 'p')
			in.unread(tok[n:])
			if !ok {
				return assigned
			}
			if conv == 'p' {
				size = 8
			}
			store(v)
		case 'f', 'e', 'g', 'E', 'G', 'a':
			tok := token(in, width, func(c byte, sofar []byte) bool {
				return c >= '0' && c <= '9' || c == '.' || c == '+' || c == '-' || c == 'e' || c == 'E' ||
					c == 'x' || c == 'X' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' ||
					strings.ContainsRune("infityINFITYn", rune(c))
			})
			v, n := parseFloatPrefix(string(tok))
			in.unread(tok[n:])
			if n == 0 {
				return assigned
			}
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
			tok := token(in, width, func(c byte, _ []byte) bool { return !isSpace(c) })
			if !suppress {
				p.Mem.PutCString(args.next(), string(tok))
				assigned++
			}
		case 'c':
			if width == 0 {
				width = 1
			}
			tok := token(in, width, func(byte, []byte) bool { return true })
			if len(tok) < width {
				if len(tok) == 0 {
					return end()
				}
				return assigned
			}
			if !suppress {
				copy(p.Mem.Slice(args.next(), uint64(width)), tok)
				assigned++
			}
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
			tok := token(in, width, func(c byte, _ []byte) bool { return (strings.IndexByte(set, c) >= 0) != neg })
			if len(tok) == 0 {
				return assigned
			}
			if !suppress {
				p.Mem.PutCString(args.next(), string(tok))
				assigned++
			}
		case 'n':
			if !suppress {
				p.Mem.S32(args.next(), uint32(in.count()))
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
