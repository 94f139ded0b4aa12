package libc

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// argSource yields printf/scanf arguments: from the call's argument slice,
// or from a va_list (8-byte slots in memory).
type argSource struct {
	a  []uint64
	va uint64 // address of the next va_list slot when a is nil
	m  *Memory
}

func (s *argSource) next() uint64 {
	if s.a != nil || s.va == 0 {
		if len(s.a) == 0 {
			return 0 // too few arguments: C reads garbage, we read 0
		}
		v := s.a[0]
		s.a = s.a[1:]
		return v
	}
	v := s.m.L64(s.va)
	s.va += 8
	return v
}

// Format implements printf's formatting of format with args: the output,
// at most Cap bytes of it (the rest is counted in n), and false when its
// length does not fit in an int (printf's result).
func (p *Proc) Format(format []byte, args *argSource) (out []byte, n int64, ok bool) {
	var o fmtOut
	p.format(&o, format, args)
	return o.b, o.n, o.ok()
}

// fmtOut is where printf's output goes. A width or a precision may ask for
// two billion characters: the output is passed on in pieces as it grows
// (fprintf, dprintf), or kept up to Cap bytes and counted beyond (sprintf,
// asprintf, syslog), never built whole.
type fmtOut struct {
	b    []byte
	n    int64               // bytes produced in all
	pass func(b []byte) bool // takes the pieces (nil: keep them); false: an error
	err  bool                // pass failed: the rest is counted only
}

// fmtChunk is how much output fmtOut holds before passing it on.
const fmtChunk = 64 << 10

func (o *fmtOut) byte(c byte) {
	o.n++
	if len(o.b) < Cap {
		o.b = append(o.b, c)
	}
}

func (o *fmtOut) str(s string) {
	o.n += int64(len(s))
	if len(o.b) < Cap {
		o.b = append(o.b, s[:min(len(s), Cap-len(o.b))]...)
	}
	if len(o.b) >= fmtChunk && o.pass != nil {
		o.flush()
	}
}

// repeat writes c n times.
func (o *fmtOut) repeat(c byte, n int) {
	if n <= 0 {
		return
	}
	o.n += int64(n)
	for n > 0 {
		room := Cap - len(o.b)
		if room <= 0 {
			return // kept no more: counted
		}
		k := min(n, fmtChunk, room)
		at := len(o.b)
		o.b = slices.Grow(o.b, k)[:at+k]
		for i := range o.b[at:] {
			o.b[at+i] = c
		}
		n -= k
		if len(o.b) >= fmtChunk && o.pass != nil {
			o.flush()
		}
	}
}

// flush passes on what is held.
func (o *fmtOut) flush() {
	if o.pass != nil && len(o.b) > 0 {
		if !o.err && !o.pass(o.b) {
			o.err = true
		}
		o.b = o.b[:0]
	}
}

// ok reports whether the output's length fits printf's int result: glibc
// fails with EOVERFLOW beyond INT_MAX.
func (o *fmtOut) ok() bool { return o.n <= math.MaxInt32 }

// format formats format with args into o.
func (p *Proc) format(o *fmtOut, format []byte, args *argSource) {
	f := format
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c != '%' {
			o.byte(c)
			if len(o.b) >= fmtChunk && o.pass != nil {
				o.flush()
			}
			continue
		}
		i++
		if i >= len(f) {
			break
		}
		var minus, plus, space, zero, alt bool
	flags:
		for ; i < len(f); i++ {
			switch f[i] {
			case '-':
				minus = true
			case '+':
				plus = true
			case ' ':
				space = true
			case '0':
				zero = true
			case '#':
				alt = true
			default:
				break flags
			}
		}
		width := -1
		if i < len(f) && f[i] == '*' {
			width = int(int32(args.next()))
			if width < 0 {
				minus, width = true, -width
			}
			i++
		} else {
			for ; i < len(f) && f[i] >= '0' && f[i] <= '9'; i++ {
				if width < 0 {
					width = 0
				}
				width = min(width*10+int(f[i]-'0'), math.MaxInt32+1)
			}
		}
		prec := -1
		if i < len(f) && f[i] == '.' {
			i++
			prec = 0
			if i < len(f) && f[i] == '*' {
				prec = int(int32(args.next()))
				i++
			} else {
				for ; i < len(f) && f[i] >= '0' && f[i] <= '9'; i++ {
					prec = min(prec*10+int(f[i]-'0'), math.MaxInt32+1)
				}
			}
		}
		var size int
		size, i = lengthModifier(f, i)
		if i >= len(f) {
			break
		}
		conv := f[i]
		if width > math.MaxInt32 || prec > math.MaxInt32 {
			o.n = math.MaxInt32 + 1 // glibc: EOVERFLOW, before any output
			return
		}
		var body, prefix string
		// zeros are '0's that belong in body at zeroAt: a precision's,
		// counted rather than built (it may be two billion).
		zeros, zeroAt := 0, 0
		numeric := false
		switch conv {
		case '%':
			o.byte('%')
			continue
		case 'd', 'i':
			v := int64(args.next())
			switch size {
			case 1:
				v = int64(int8(v))
			case 2:
				v = int64(int16(v))
			case 4:
				v = int64(int32(v))
			}
			neg := v < 0
			u := uint64(v)
			if neg {
				u = -u
			}
			body, zeros = intDigits(u, 10, false, prec)
			switch {
			case neg:
				prefix = "-"
			case plus:
				prefix = "+"
			case space:
				prefix = " "
			}
			numeric = true
		case 'u', 'x', 'X', 'o':
			u := args.next()
			switch size {
			case 1:
				u = uint64(uint8(u))
			case 2:
				u = uint64(uint16(u))
			case 4:
				u = uint64(uint32(u))
			}
			base := 10
			switch conv {
			case 'x', 'X':
				base = 16
			case 'o':
				base = 8
			}
			body, zeros = intDigits(u, base, conv == 'X', prec)
			if alt {
				switch {
				case conv == 'o' && zeros == 0 && !strings.HasPrefix(body, "0"):
					body = "0" + body
				case conv == 'x' && u != 0:
					prefix = "0x"
				case conv == 'X' && u != 0:
					prefix = "0X"
				}
			}
			numeric = true
		case 'c':
			body = string([]byte{byte(args.next())})
		case 's':
			a := args.next()
			if a == 0 {
				body = "(null)"
				if prec >= 0 && prec < 6 {
					body = ""
				}
			} else if prec >= 0 {
				b := p.Mem.B
				n := uint64(0)
				for ; n < uint64(prec); n++ {
					if a+n < Guard || a+n >= uint64(len(b)) {
						Segv()
					}
					if b[a+n] == 0 {
						break
					}
				}
				body = string(b[a : a+n])
			} else {
				body = p.Mem.CString(a)
			}
		case 'p':
			a := args.next()
			if a == 0 {
				body = "(nil)"
			} else {
				body = "0x" + strconv.FormatUint(a, 16)
			}
		case 'n':
			a := args.next()
			p.Mem.S32(a, uint32(o.n))
			continue
		case 'm': // glibc: strerror(errno), no argument
			body = p.Errno().Error()
			if prec >= 0 && prec < len(body) {
				body = body[:prec]
			}
		case 'f', 'F', 'e', 'E', 'g', 'G', 'a', 'A':
			v := math.Float64frombits(args.next())
			if prec < 0 && conv != 'a' && conv != 'A' { // %a without a precision is exact
				prec = 6
			}
			neg := math.Signbit(v)
			if neg {
				v = -v
			}
			body, zeros, zeroAt = formatFloat(v, conv, prec, alt)
			switch {
			case neg:
				prefix = "-"
			case plus:
				prefix = "+"
			case space:
				prefix = " "
			}
			if math.IsInf(v, 0) || math.IsNaN(v) {
				zero = false
			} else {
				numeric = true
				prec = -1
			}
		default:
			// Unknown conversion: glibc prints it as is.
			o.byte('%')
			o.byte(conv)
			continue
		}
		n := len(prefix) + len(body) + zeros
		pad := 0
		if width > n {
			pad = width - n
		}
		writeBody := func() {
			o.str(body[:zeroAt])
			o.repeat('0', zeros)
			o.str(body[zeroAt:])
		}
		switch {
		case minus:
			o.str(prefix)
			writeBody()
			o.repeat(' ', pad)
		case zero && numeric && (prec < 0 || !isIntConv(conv)):
			o.str(prefix)
			o.repeat('0', pad)
			writeBody()
		default:
			o.repeat(' ', pad)
			o.str(prefix)
			writeBody()
		}
	}
}

func isIntConv(c byte) bool { return strings.IndexByte("diuxXo", c) >= 0 }

// intDigits returns u's digits in base and how many zeros go before them
// for the precision prec.
func intDigits(u uint64, base int, upper bool, prec int) (string, int) {
	s := strconv.FormatUint(u, base)
	if upper {
		s = strings.ToUpper(s)
	}
	if prec == 0 && u == 0 {
		return "", 0
	}
	return s, max(prec-len(s), 0)
}

// hexFloat formats a finite non-negative v as glibc's %a: "0x1.8p+1",
// the mantissa's hex digits exact (trailing zeros dropped) or rounded to
// prec digits (half to even; a carry makes the leading digit 2, as glibc
// leaves it), a subnormal as 0x0.…p-1022; zeros are the precision's
// further zeros, to go before the 'p'.
func hexFloat(v float64, prec int, alt bool) (s string, zeros int) {
	b := math.Float64bits(v)
	mant, exp := b&(1<<52-1), int(b>>52&0x7ff)
	lead := uint64(1)
	switch {
	case exp == 0 && mant == 0:
		lead, exp = 0, 0
	case exp == 0:
		lead, exp = 0, -1022
	default:
		exp -= 1023
	}
	digits := 13
	if prec >= 0 && prec < 13 {
		shift := uint(4 * (13 - prec))
		rest := mant & (1<<shift - 1)
		mant >>= shift
		half := uint64(1) << (shift - 1)
		if rest > half || rest == half && mant&1 == 1 {
			mant++
			if mant == 1<<(4*uint(prec)) {
				mant, lead = 0, lead+1
			}
		}
		digits = prec
	}
	frac := ""
	if digits > 0 {
		frac = fmt.Sprintf("%0*x", digits, mant)
	}
	zeros = 0
	if prec < 0 {
		frac = strings.TrimRight(frac, "0")
	} else if prec > 13 {
		zeros = prec - 13
	}
	s = "0x" + strconv.FormatUint(lead, 10)
	if frac != "" || alt || zeros > 0 {
		s += "." + frac
	}
	sign := "+"
	if exp < 0 {
		sign, exp = "-", -exp
	}
	return s + "p" + sign + strconv.Itoa(exp), zeros
}

// Digits a float64 can have: its exact decimal value has at most 767
// significant digits and 1074 after the point, so a longer precision only
// adds zeros, which formatFloat counts rather than builds.
const (
	maxSig  = 800
	maxFrac = 1100
)

// formatFloat formats a non-negative v as printf's conv with prec; zeros
// are '0's that belong in s at zeroAt (a long precision's).
func formatFloat(v float64, conv byte, prec int, alt bool) (s string, zeros, zeroAt int) {
	upper := conv >= 'A' && conv <= 'Z'
	if math.IsInf(v, 0) {
		if upper {
			return "INF", 0, 0
		}
		return "inf", 0, 0
	}
	if math.IsNaN(v) {
		if upper {
			return "NAN", 0, 0
		}
		return "nan", 0, 0
	}
	// fixed and sci format with digits after the point, a long count
	// as zeros after the exact ones.
	fixed := func(digits int) {
		zeros = max(digits-maxFrac, 0)
		s = strconv.FormatFloat(v, 'f', digits-zeros, 64)
		if zeros > 0 && !strings.Contains(s, ".") {
			s += "."
		}
		zeroAt = len(s)
	}
	sci := func(digits int) {
		zeros = max(digits-maxSig, 0)
		s = strconv.FormatFloat(v, 'e', digits-zeros, 64)
		zeroAt = strings.IndexByte(s, 'e')
		if zeros > 0 && !strings.Contains(s[:zeroAt], ".") {
			s = s[:zeroAt] + "." + s[zeroAt:]
			zeroAt++
		}
	}
	switch conv {
	case 'f', 'F':
		fixed(prec)
		if alt && prec == 0 {
			s += "."
			zeroAt = len(s)
		}
	case 'e', 'E':
		sci(prec)
		if alt && prec == 0 {
			s = strings.Replace(s, "e", ".e", 1)
			zeroAt = strings.IndexByte(s, 'e')
		}
	case 'a', 'A':
		s, zeros = hexFloat(v, prec, alt)
		zeroAt = strings.IndexByte(s, 'p')
	default: // g, G
		if prec == 0 {
			prec = 1
		}
		if !alt {
			// Trailing zeros go: a longer precision changes nothing.
			prec = min(prec, maxFrac+maxSig)
		}
		if v == 0 {
			if alt {
				s, zeros = "0.", prec-1
				zeroAt = len(s)
			} else {
				s = "0"
			}
			break
		}
		e := strconv.FormatFloat(v, 'e', min(prec-1, maxSig), 64)
		exp, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
		if exp < -4 || exp >= prec {
			sci(prec - 1)
			if !alt {
				mant, ex, _ := strings.Cut(s, "e")
				if strings.Contains(mant, ".") {
					mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
				}
				s, zeros, zeroAt = mant+"e"+ex, 0, 0 // the zeros went too
			}
		} else {
			fixed(prec - 1 - exp)
			if !alt && strings.Contains(s, ".") {
				s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
				zeros, zeroAt = 0, 0
			}
		}
	}
	if upper {
		s = strings.ToUpper(s)
	}
	return s, zeros, zeroAt
}

// lengthModifier reads a conversion's length modifier (hh, h, l, ll, z, j,
// t, q, L) at f[i:], for printf and scanf alike: the size in bytes of the
// integer it names (4 without one) and the index after it.
func lengthModifier[S string | []byte](f S, i int) (size, next int) {
	size = 4 // int
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
	return size, i
}
