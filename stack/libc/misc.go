package libc

import (
	"math"
	"time"

	"netplay/stack/linux/errno"
)

var miscFuncs = []named{
	{"__errno_location", func(p *Proc, a []uint64) uint64 { return p.errnoAddr }},
	{"__h_errno_location", func(p *Proc, a []uint64) uint64 { return p.herrnoAddr }},
	{"isalnum", ctype(func(c byte) bool { return isAlpha(c) || isDigit(c) })},
	{"isalpha", ctype(isAlpha)},
	{"isascii", func(p *Proc, a []uint64) uint64 { return b2u(uint32(a[0]) < 128) }},
	{"isblank", ctype(func(c byte) bool { return c == ' ' || c == '\t' })},
	{"iscntrl", ctype(func(c byte) bool { return c < 32 || c == 127 })},
	{"isdigit", ctype(isDigit)},
	{"isgraph", ctype(func(c byte) bool { return c > 32 && c < 127 })},
	{"islower", ctype(func(c byte) bool { return c >= 'a' && c <= 'z' })},
	{"isprint", ctype(func(c byte) bool { return c >= 32 && c < 127 })},
	{"ispunct", ctype(func(c byte) bool {
		return c > 32 && c < 127 && !isAlpha(c) && !isDigit(c)
	})},
	{"isspace", ctype(isSpace)},
	{"isupper", ctype(func(c byte) bool { return c >= 'A' && c <= 'Z' })},
	{"isxdigit", ctype(func(c byte) bool { return digitVal(c) < 16 })},
	{"tolower", func(p *Proc, a []uint64) uint64 {
		if c := int32(a[0]); c >= 'A' && c <= 'Z' {
			return uint64(c + 32)
		}
		return a[0]
	}},
	{"toupper", func(p *Proc, a []uint64) uint64 {
		if c := int32(a[0]); c >= 'a' && c <= 'z' {
			return uint64(c - 32)
		}
		return a[0]
	}},

	{"sqrt", math1(math.Sqrt)},
	{"sqrtf", math1(func(x float64) float64 { return float64(float32(math.Sqrt(x))) })},
	{"fabs", math1(math.Abs)},
	{"fabsf", math1(math.Abs)},
	{"floor", math1(math.Floor)},
	{"ceil", math1(math.Ceil)},
	{"round", math1(math.Round)},
	{"trunc", math1(math.Trunc)},
	{"sin", math1(math.Sin)},
	{"cos", math1(math.Cos)},
	{"tan", math1(math.Tan)},
	{"atan", math1(math.Atan)},
	{"exp", math1(math.Exp)},
	{"log", math1(math.Log)},
	{"log2", math1(math.Log2)},
	{"log10", math1(math.Log10)},
	{"pow", math2(math.Pow)},
	{"fmod", math2(math.Mod)},
	{"atan2", math2(math.Atan2)},
	{"isnan", func(p *Proc, a []uint64) uint64 { return b2u(math.IsNaN(math.Float64frombits(a[0]))) }},
	{"isinf", func(p *Proc, a []uint64) uint64 {
		f := math.Float64frombits(a[0])
		switch {
		case math.IsInf(f, 1):
			return 1
		case math.IsInf(f, -1):
			return neg1
		}
		return 0
	}},
	{"__builtin_huge_val", func(p *Proc, a []uint64) uint64 { return math.Float64bits(math.Inf(1)) }},
	{"__builtin_inff", func(p *Proc, a []uint64) uint64 { return math.Float64bits(math.Inf(1)) }},
	{"__builtin_nanf", func(p *Proc, a []uint64) uint64 { return math.Float64bits(math.NaN()) }},

	// Time is the virtual clock: the world starts at the Unix epoch
	// plus the virtual time elapsed.
	{"time", func(p *Proc, a []uint64) uint64 {
		t := uint64(p.Sys.Clock() / time.Second)
		if a[0] != 0 {
			p.Mem.S64(a[0], t)
		}
		return t
	}},
	{"clock", func(p *Proc, a []uint64) uint64 {
		return uint64((p.Sys.Clock() - p.started) / time.Microsecond)
	}},
	{"difftime", func(p *Proc, a []uint64) uint64 {
		return math.Float64bits(float64(int64(a[0])) - float64(int64(a[1])))
	}},
	{"gettimeofday", func(p *Proc, a []uint64) uint64 {
		if a[0] != 0 {
			now := p.Sys.Clock()
			p.Mem.S64(a[0], uint64(now/time.Second))
			p.Mem.S64(a[0]+8, uint64(now%time.Second/time.Microsecond))
		}
		return 0
	}},
	{"clock_gettime", func(p *Proc, a []uint64) uint64 {
		now := p.Sys.Clock()
		p.Mem.S64(a[1], uint64(now/time.Second))
		p.Mem.S64(a[1]+8, uint64(now%time.Second))
		return 0
	}},
	// A signal handler cuts a sleep short (never restarted, as Linux's):
	// sleep returns the seconds left, rounded as glibc rounds them;
	// usleep and nanosleep fail with EINTR, nanosleep giving the rest.
	{"sleep", func(p *Proc, a []uint64) uint64 {
		p.chargeCall()
		p.Flush()
		left := p.Sys.Sleep(time.Duration(uint32(a[0])) * time.Second)
		secs := uint64(left / time.Second)
		if left%time.Second >= 500*time.Millisecond {
			secs++
		}
		return secs
	}},
	{"usleep", func(p *Proc, a []uint64) uint64 {
		p.chargeCall()
		p.Flush()
		if p.Sys.Sleep(time.Duration(uint32(a[0]))*time.Microsecond) > 0 {
			return p.fail(errno.EINTR)
		}
		return 0
	}},
	{"nanosleep", func(p *Proc, a []uint64) uint64 {
		p.chargeCall()
		sec, nsec := int64(p.Mem.L64(a[0])), int64(p.Mem.L64(a[0]+8))
		if sec < 0 || nsec < 0 || nsec > 999999999 {
			return p.fail(errno.EINVAL)
		}
		p.Flush()
		left := p.Sys.Sleep(time.Duration(sec)*time.Second + time.Duration(nsec))
		if left > 0 {
			if a[1] != 0 {
				p.Mem.S64(a[1], uint64(left/time.Second))
				p.Mem.S64(a[1]+8, uint64(left%time.Second))
			}
			return p.fail(errno.EINTR)
		}
		if a[1] != 0 {
			p.Mem.S64(a[1], 0)
			p.Mem.S64(a[1]+8, 0)
		}
		return 0
	}},

	{"getuid", func(p *Proc, a []uint64) uint64 { return 1000 }},
	{"gethostname", func(p *Proc, a []uint64) uint64 {
		n := p.Sys.HostName()
		if uint64(len(n))+1 > a[1] {
			return p.fail(errno.ENAMETOOLONG)
		}
		p.Mem.PutCString(a[0], n)
		return 0
	}},
}

func init() { register(miscFuncs) }

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func ctype(f func(byte) bool) Func {
	return func(p *Proc, a []uint64) uint64 {
		c := int32(a[0])
		if c < 0 || c > 255 {
			return 0
		}
		return b2u(f(byte(c)))
	}
}

func math1(f func(float64) float64) Func {
	return func(p *Proc, a []uint64) uint64 { return math.Float64bits(f(math.Float64frombits(a[0]))) }
}

func math2(f func(float64, float64) float64) Func {
	return func(p *Proc, a []uint64) uint64 {
		return math.Float64bits(f(math.Float64frombits(a[0]), math.Float64frombits(a[1])))
	}
}
