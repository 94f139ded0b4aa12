package libc

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"netplay/stack/linux/errno"
)

var stdlibFuncs = []named{
	{"malloc", func(p *Proc, a []uint64) uint64 { return p.malloc(a[0]) }},
	{"calloc", func(p *Proc, a []uint64) uint64 {
		n := a[0] * a[1]
		if a[0] != 0 && n/a[0] != a[1] {
			p.SetErrno(errno.ENOMEM)
			return 0
		}
		r := p.malloc(n)
		if r != 0 {
			p.Mem.Set(r, 0, max(n, 1))
		}
		return r
	}},
	{"realloc", func(p *Proc, a []uint64) uint64 {
		r := p.Mem.Realloc(a[0], a[1])
		if r == 0 && a[1] != 0 {
			p.SetErrno(errno.ENOMEM)
		}
		return r
	}},
	{"reallocarray", func(p *Proc, a []uint64) uint64 {
		n := a[1] * a[2]
		if a[1] != 0 && n/a[1] != a[2] {
			p.SetErrno(errno.ENOMEM)
			return 0
		}
		return p.Mem.Realloc(a[0], n)
	}},
	{"free", func(p *Proc, a []uint64) uint64 { p.Mem.Free(a[0]); return 0 }},
	{"exit", func(p *Proc, a []uint64) uint64 { p.Exit(int(int32(a[0])) & 0xff); return 0 }},
	{"_Exit", func(p *Proc, a []uint64) uint64 { p.Sys.Exit(int(int32(a[0])) & 0xff); return 0 }},
	{"_exit", func(p *Proc, a []uint64) uint64 { p.Sys.Exit(int(int32(a[0])) & 0xff); return 0 }},
	{"atexit", func(p *Proc, a []uint64) uint64 {
		p.atexit = append(p.atexit, a[0])
		return 0
	}},
	{"abort", func(p *Proc, a []uint64) uint64 { Abort("Aborted"); return 0 }},
	{"__assert_fail", func(p *Proc, a []uint64) uint64 {
		msg := p.Mem.CString(a[1]) + ":" + strconv.Itoa(int(uint32(a[2]))) + ": " + p.Mem.CString(a[3]) +
			": Assertion `" + p.Mem.CString(a[0]) + "' failed.\n"
		p.Flush()
		p.write(2, []byte(p.progName()+": "+msg))
		Abort("Aborted")
		return 0
	}},
	{"atoi", func(p *Proc, a []uint64) uint64 {
		v, _, _ := parseInt(p.Mem.CString(a[0]), 10, true)
		return uint64(int64(int32(v)))
	}},
	{"atol", func(p *Proc, a []uint64) uint64 { v, _, _ := parseInt(p.Mem.CString(a[0]), 10, true); return v }},
	{"atoll", func(p *Proc, a []uint64) uint64 { v, _, _ := parseInt(p.Mem.CString(a[0]), 10, true); return v }},
	{"strtol", func(p *Proc, a []uint64) uint64 { return p.strtoi(a, true) }},
	{"strtoll", func(p *Proc, a []uint64) uint64 { return p.strtoi(a, true) }},
	{"strtoul", func(p *Proc, a []uint64) uint64 { return p.strtoi(a, false) }},
	{"strtoull", func(p *Proc, a []uint64) uint64 {
		return p.strtoi(a, false)
	}},
	{"atof", func(p *Proc, a []uint64) uint64 {
		v, _ := parseFloatPrefix(p.Mem.CString(a[0]))
		return math.Float64bits(v)
	}},
	{"strtod", func(p *Proc, a []uint64) uint64 { return math.Float64bits(p.strtod(a)) }},
	{"strtof", func(p *Proc, a []uint64) uint64 { return math.Float64bits(float64(float32(p.strtod(a)))) }},
	{"abs", func(p *Proc, a []uint64) uint64 {
		v := int32(a[0])
		if v < 0 {
			v = -v
		}
		return uint64(int64(v))
	}},
	{"labs", absl},
	{"llabs", absl},
	{"rand", func(p *Proc, a []uint64) uint64 { return uint64(p.rng().next()) }},
	{"random", func(p *Proc, a []uint64) uint64 {
		return uint64(p.rng().next())
	}},
	{"srand", func(p *Proc, a []uint64) uint64 { p.rand = newGlibcRand(uint32(a[0])); return 0 }},
	{"srandom", func(p *Proc, a []uint64) uint64 { p.rand = newGlibcRand(uint32(a[0])); return 0 }},
	{"qsort", func(p *Proc, a []uint64) uint64 {
		base, n, size, cmp := a[0], a[1], a[2], a[3]
		if n < 2 || size == 0 {
			return 0
		}
		p.Mem.Check(base, n*size)
		elems := make([][]byte, n)
		for i := range elems {
			elems[i] = append([]byte(nil), p.Mem.B[base+uint64(i)*size:base+uint64(i+1)*size]...)
		}
		tmpA, tmpB := p.malloc(size), p.malloc(size)
		sort.SliceStable(elems, func(i, j int) bool {
			copy(p.Mem.B[tmpA:tmpA+size], elems[i])
			copy(p.Mem.B[tmpB:tmpB+size], elems[j])
			return int32(p.Call(cmp, tmpA, tmpB)) < 0
		})
		p.Mem.Free(tmpA)
		p.Mem.Free(tmpB)
		for i, e := range elems {
			copy(p.Mem.B[base+uint64(i)*size:], e)
		}
		return 0
	}},
	{"bsearch", func(p *Proc, a []uint64) uint64 {
		key, base, n, size, cmp := a[0], a[1], a[2], a[3], a[4]
		lo, hi := uint64(0), n
		for lo < hi {
			mid := (lo + hi) / 2
			e := base + mid*size
			c := int32(p.Call(cmp, key, e))
			switch {
			case c == 0:
				return e
			case c < 0:
				hi = mid
			default:
				lo = mid + 1
			}
		}
		return 0
	}},
}

func init() { register(stdlibFuncs) }

func absl(p *Proc, a []uint64) uint64 {
	v := int64(a[0])
	if v < 0 {
		v = -v
	}
	return uint64(v)
}

func (p *Proc) malloc(n uint64) uint64 {
	r := p.Mem.Malloc(n)
	if r == 0 {
		p.SetErrno(errno.ENOMEM)
	}
	return r
}

func (p *Proc) progName() string {
	n := p.File
	if i := strings.LastIndexByte(n, '.'); i > 0 {
		n = n[:i]
	}
	return "./" + n
}

func (p *Proc) strtoi(a []uint64, signed bool) uint64 {
	s := p.Mem.CString(a[0])
	v, n, ok := parseInt(s, int(int32(a[2])), signed)
	if a[1] != 0 {
		if !ok {
			n = 0
		}
		p.Mem.S64(a[1], a[0]+uint64(n))
	}
	if ok && signed && (v == 1<<63 || v == math.MaxInt64) || ok && !signed && v == math.MaxUint64 {
		// parseInt saturates on overflow: tell the true extremes from it.
		if _, _, ok2 := parseInt(s, int(int32(a[2])), !signed); !ok2 || saturated(s) {
			p.SetErrno(errno.ERANGE)
		}
	}
	return v
}

// saturated reports whether the digits of s overflow 64 bits.
func saturated(s string) bool {
	s = strings.TrimLeft(strings.TrimSpace(s), "+-")
	d := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			break
		}
		d++
	}
	return d > 19
}

func (p *Proc) strtod(a []uint64) float64 {
	v, n := parseFloatPrefix(p.Mem.CString(a[0]))
	if a[1] != 0 {
		p.Mem.S64(a[1], a[0]+uint64(n))
	}
	return v
}

// glibcRand is glibc's random() (TYPE_3 additive feedback generator), so
// rand() gives the same sequence as on Linux for the same seed.
type glibcRand struct {
	r [34]int32
	i int
}

func newGlibcRand(seed uint32) *glibcRand {
	g := &glibcRand{}
	if seed == 0 {
		seed = 1
	}
	var r [344]int32
	r[0] = int32(seed)
	for i := 1; i < 31; i++ {
		hi := int64(r[i-1]) / 127773
		lo := int64(r[i-1]) % 127773
		w := 16807*lo - 2836*hi
		if w < 0 {
			w += 2147483647
		}
		r[i] = int32(w)
	}
	for i := 31; i < 34; i++ {
		r[i] = r[i-31]
	}
	for i := 34; i < 344; i++ {
		r[i] = int32(uint32(r[i-31]) + uint32(r[i-3]))
	}
	copy(g.r[:], r[344-34:])
	return g
}

func (g *glibcRand) next() int32 {
	// g.r holds the last 34 values, oldest first, as a ring starting at i.
	v := int32(uint32(g.r[(g.i+34-31)%34]) + uint32(g.r[(g.i+34-3)%34]))
	g.r[g.i] = v
	g.i = (g.i + 1) % 34
	return int32(uint32(v) >> 1)
}

func (p *Proc) rng() *glibcRand {
	if p.rand == nil {
		p.rand = newGlibcRand(1)
	}
	return p.rand
}
