package libc

import (
	"math"

	"netplay/stack/linux/errno"
	"netplay/stack/linux/signal"
)

// The rest of stdlib.h: div, the 48-bit generators, rand_r, aligned
// allocation. The generators are glibc's, bit for bit.
var stdlib2Funcs = []named{
	{"div", func(p *Proc, a []uint64) uint64 {
		n, d := int32(a[0]), int32(a[1])
		if d == 0 || n == math.MinInt32 && d == -1 {
			panic(Fault{Msg: signal.SIGFPE.Text(), Signal: signal.SIGFPE})
		}
		r := p.static("div_t", 8)
		p.Mem.S32(r, uint32(n/d))
		p.Mem.S32(r+4, uint32(n%d))
		return r
	}},
	{"ldiv", ldiv},
	{"lldiv", ldiv},
	{"rand_r", func(p *Proc, a []uint64) uint64 {
		next := p.Mem.L32(a[0])
		next = next*1103515245 + 12345
		result := next / 65536 % 2048
		next = next*1103515245 + 12345
		result = result<<10 ^ next/65536%1024
		next = next*1103515245 + 12345
		result = result<<10 ^ next/65536%1024
		p.Mem.S32(a[0], next)
		return uint64(result)
	}},
	{"srand48", func(p *Proc, a []uint64) uint64 { p.srand48(uint32(a[0])); return 0 }},
	{"drand48", func(p *Proc, a []uint64) uint64 {
		x := p.drand48Next()
		bits := uint64(0x3ff)<<52 | uint64(x[2])<<36 | uint64(x[1])<<20 | uint64(x[0])<<4
		return math.Float64bits(math.Float64frombits(bits) - 1.0)
	}},
	{"lrand48", func(p *Proc, a []uint64) uint64 {
		x := p.drand48Next()
		return uint64(x[2])<<15 | uint64(x[1])>>1
	}},
	{"mrand48", func(p *Proc, a []uint64) uint64 {
		x := p.drand48Next()
		return uint64(int64(int32(uint32(x[2])<<16 | uint32(x[1]))))
	}},
	{"posix_memalign", func(p *Proc, a []uint64) uint64 {
		al := a[1]
		if al < 8 || al&(al-1) != 0 {
			return uint64(errno.EINVAL)
		}
		if al > 16 {
			panic(Fault{Msg: "posix_memalign() with an alignment over 16 is not supported in netplay yet", Signal: signal.SIGABRT})
		}
		r := p.Mem.Malloc(a[2])
		if r == 0 {
			return uint64(errno.ENOMEM)
		}
		p.Mem.S64(a[0], r)
		return 0
	}},
	{"aligned_alloc", func(p *Proc, a []uint64) uint64 {
		al := a[0]
		if al == 0 || al&(al-1) != 0 {
			p.SetErrno(errno.EINVAL)
			return 0
		}
		if al > 16 {
			panic(Fault{Msg: "aligned_alloc() with an alignment over 16 is not supported in netplay yet", Signal: signal.SIGABRT})
		}
		return p.malloc(a[1])
	}},
}

func init() { register(stdlib2Funcs) }

func ldiv(p *Proc, a []uint64) uint64 {
	n, d := int64(a[0]), int64(a[1])
	if d == 0 || n == math.MinInt64 && d == -1 {
		panic(Fault{Msg: signal.SIGFPE.Text(), Signal: signal.SIGFPE})
	}
	r := p.static("ldiv_t", 16)
	p.Mem.S64(r, uint64(n/d))
	p.Mem.S64(r+8, uint64(n%d))
	return r
}

// srand48 seeds the 48-bit generator as glibc does (the low 32 bits).
func (p *Proc) srand48(seed uint32) {
	p.drand = [3]uint16{0x330e, uint16(seed), uint16(seed >> 16)}
	p.drandA, p.drandC = [3]uint16{0xe66d, 0xdeec, 0x5}, 0xb
}

// drand48Next steps X = a*X + c mod 2^48 and returns the new X.
func (p *Proc) drand48Next() [3]uint16 {
	x := uint64(p.drand[2])<<32 | uint64(p.drand[1])<<16 | uint64(p.drand[0])
	a := uint64(p.drandA[2])<<32 | uint64(p.drandA[1])<<16 | uint64(p.drandA[0])
	x = (x*a + uint64(p.drandC)) & (1<<48 - 1)
	p.drand = [3]uint16{uint16(x), uint16(x >> 16), uint16(x >> 32)}
	return p.drand
}
