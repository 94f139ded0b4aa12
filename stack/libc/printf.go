package libc

import (
	"fmt"
	"math"
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

// Format implements printf's formatting of format with args.
func (p *Proc) Format(format []byte, args *argSource) []byte {
	var out []byte
	f := format
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c != '%' {
			out = append(out, c)
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
				width = width*10 + int(f[i]-'0')
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
					prec = prec*10 + int(f[i]-'0')
				}
			}
		}
		size := 4 // int
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
		var body, prefix string
		numeric := false
		switch conv {
		case '%':
			out = append(out, '%')
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
			body = intDigits(u, 10, false, prec)
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
			body = intDigits(u, base, conv == 'X', prec)
			if alt {
				switch {
				case conv == 'o' && !strings.HasPrefix(body, "0"):
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
			p.Mem.S32(a, uint32(len(out)))
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
			body = formatFloat(v, conv, prec, alt)
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
			out = append(out, '%', conv)
			continue
		}
		n := len(prefix) + len(body)
		pad := 0
		if width > n {
			pad = width - n
		}
		switch {
		case minus:
			out = append(out, prefix...)
			out = append(out, body...)
			out = appendN(out, ' ', pad)
		case zero && numeric && (prec < 0 || !isIntConv(conv)):
			out = append(out, prefix...)
			out = appendN(out, '0', pad)
			out = append(out, body...)
		default:
			out = appendN(out, ' ', pad)
			out = append(out, prefix...)
			out = append(out, body...)
		}
	}
	return out
}

func isIntConv(c byte) bool { return strings.IndexByte("diuxXo", c) >= 0 }

func appendN(b []byte, c byte, n int) []byte {
	for ; n > 0; n-- {
		b = append(b, c)
	}
	return b
}

func intDigits(u uint64, base int, upper bool, prec int) string {
	s := strconv.FormatUint(u, base)
	if upper {
		s = strings.ToUpper(s)
	}
	if prec == 0 && u == 0 {
		return ""
	}
	if prec > len(s) {
		s = strings.Repeat("0", prec-len(s)) + s
	}
	return s
}

// hexFloat formats a finite non-negative v as glibc's %a: "0x1.8p+1",
// the mantissa's hex digits exact (trailing zeros dropped) or rounded to
// prec digits (half to even; a carry makes the leading digit 2, as glibc
// leaves it), a subnormal as 0x0.…p-1022.
func hexFloat(v float64, prec int, alt bool) string {
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
	if prec < 0 {
		frac = strings.TrimRight(frac, "0")
	} else if prec > 13 {
		frac += strings.Repeat("0", prec-13)
	}
	s := "0x" + strconv.FormatUint(lead, 10)
	if frac != "" || alt {
		s += "." + frac
	}
	sign := "+"
	if exp < 0 {
		sign, exp = "-", -exp
	}
	return s + "p" + sign + strconv.Itoa(exp)
}

func formatFloat(v float64, conv byte, prec int, alt bool) string {
	upper := conv >= 'A' && conv <= 'Z'
	if math.IsInf(v, 0) {
		if upper {
			return "INF"
		}
		return "inf"
	}
	if math.IsNaN(v) {
		if upper {
			return "NAN"
		}
		return "nan"
	}
	var s string
	switch conv {
	case 'f', 'F':
		s = strconv.FormatFloat(v, 'f', prec, 64)
		if alt && prec == 0 {
			s += "."
		}
	case 'e', 'E':
		s = strconv.FormatFloat(v, 'e', prec, 64)
		if alt && prec == 0 {
			s = strings.Replace(s, "e", ".e", 1)
		}
	case 'a', 'A':
		s = hexFloat(v, prec, alt)
	default: // g, G
		if prec == 0 {
			prec = 1
		}
		if v == 0 {
			if alt {
				s = "0." + strings.Repeat("0", prec-1)
			} else {
				s = "0"
			}
			break
		}
		e := strconv.FormatFloat(v, 'e', prec-1, 64)
		exp, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
		if exp < -4 || exp >= prec {
			s = e
			if !alt {
				mant, ex, _ := strings.Cut(s, "e")
				if strings.Contains(mant, ".") {
					mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
				}
				s = mant + "e" + ex
			}
		} else {
			s = strconv.FormatFloat(v, 'f', prec-1-exp, 64)
			if !alt && strings.Contains(s, ".") {
				s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
			}
		}
	}
	if upper {
		s = strings.ToUpper(s)
	}
	return s
}
