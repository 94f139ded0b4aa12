package libc

import (
	"fmt"
	"strings"
)

// getopt, getopt_long and getopt_long_only: glibc's posix/getopt.c, line
// for line, so that programs see the same results, the same permuted argv
// (GNU getopt moves non-options after the options) and the same messages
// on stderr. optind, opterr, optopt and optarg are the program's variables
// (Vars).

const (
	requireOrder = iota
	permute
	returnInOrder
)

type getoptState struct {
	initialized             bool
	nextchar                uint64 // C pointer into the current argv element; 0: none
	ordering                int
	firstNonopt, lastNonopt int
}

// getoptCall is one call's view: the globals read in, written back after.
type getoptCall struct {
	p           *Proc
	d           *getoptState
	argc        int
	argv        uint64
	optind      int
	opterr      int
	optopt      int
	optarg      uint64
	printErrors bool
}

func (g *getoptCall) arg(i int) uint64    { return g.p.Mem.L64(g.argv + uint64(8*i)) }
func (g *getoptCall) argStr(i int) string { return g.p.Mem.CString(g.arg(i)) }
func (g *getoptCall) setArg(i int, v uint64) {
	g.p.Mem.S64(g.argv+uint64(8*i), v)
}
func (g *getoptCall) ch(a uint64) byte { return g.p.Mem.L8(a) }

func (g *getoptCall) errorf(format string, args ...any) {
	g.p.fprint(g.p.std[2], []byte(fmt.Sprintf(format, args...)))
}

func (g *getoptCall) exchange() {
	d := g.d
	bottom, middle, top := d.firstNonopt, d.lastNonopt, g.optind
	for top > middle && middle > bottom {
		if top-middle > middle-bottom {
			n := middle - bottom
			for i := 0; i < n; i++ {
				t := g.arg(bottom + i)
				g.setArg(bottom+i, g.arg(top-(middle-bottom)+i))
				g.setArg(top-(middle-bottom)+i, t)
			}
			top -= n
		} else {
			n := top - middle
			for i := 0; i < n; i++ {
				t := g.arg(bottom + i)
				g.setArg(bottom+i, g.arg(middle+i))
				g.setArg(middle+i, t)
			}
			bottom += n
		}
	}
	d.firstNonopt += g.optind - d.lastNonopt
	d.lastNonopt = g.optind
}

// getopt runs _getopt_internal_r; longopts is 0 for plain getopt.
func (p *Proc) getopt(a []uint64, longopts, longind uint64, longOnly bool) uint64 {
	g := &getoptCall{p: p, d: &p.getoptSt, argc: int(int32(a[0])), argv: a[1]}
	g.optind = int(int32(p.Mem.L32(p.varAddr("optind"))))
	g.opterr = int(int32(p.Mem.L32(p.varAddr("opterr"))))
	g.optopt = int(int32(p.Mem.L32(p.varAddr("optopt"))))
	r := g.run(p.Mem.CString(a[2]), longopts, longind, longOnly)
	p.Mem.S32(p.varAddr("optind"), uint32(int32(g.optind)))
	p.Mem.S64(p.varAddr("optarg"), g.optarg)
	p.Mem.S32(p.varAddr("optopt"), uint32(int32(g.optopt)))
	return uint64(int64(r))
}

func (g *getoptCall) nonoption() bool {
	a := g.arg(g.optind)
	return g.ch(a) != '-' || g.ch(a+1) == 0
}

func (g *getoptCall) run(optstring string, longopts, longind uint64, longOnly bool) int {
	d := g.d
	g.printErrors = g.opterr != 0
	if g.argc < 1 {
		return -1
	}
	g.optarg = 0
	if g.optind == 0 || !d.initialized {
		if g.optind == 0 {
			g.optind = 1
		}
		d.firstNonopt, d.lastNonopt = g.optind, g.optind
		d.nextchar = 0
		switch {
		case strings.HasPrefix(optstring, "-"):
			d.ordering = returnInOrder
			optstring = optstring[1:]
		case strings.HasPrefix(optstring, "+"):
			d.ordering = requireOrder
			optstring = optstring[1:]
		case g.p.envHas("POSIXLY_CORRECT"):
			d.ordering = requireOrder
		default:
			d.ordering = permute
		}
		d.initialized = true
	} else if strings.HasPrefix(optstring, "-") || strings.HasPrefix(optstring, "+") {
		optstring = optstring[1:]
	}
	if strings.HasPrefix(optstring, ":") {
		g.printErrors = false
	}
	argv0 := g.argStr(0)

	if d.nextchar == 0 || g.ch(d.nextchar) == 0 {
		if d.lastNonopt > g.optind {
			d.lastNonopt = g.optind
		}
		if d.firstNonopt > g.optind {
			d.firstNonopt = g.optind
		}
		if d.ordering == permute {
			if d.firstNonopt != d.lastNonopt && d.lastNonopt != g.optind {
				g.exchange()
			} else if d.lastNonopt != g.optind {
				d.firstNonopt = g.optind
			}
			for g.optind < g.argc && g.nonoption() {
				g.optind++
			}
			d.lastNonopt = g.optind
		}
		if g.optind != g.argc && g.argStr(g.optind) == "--" {
			g.optind++
			if d.firstNonopt != d.lastNonopt && d.lastNonopt != g.optind {
				g.exchange()
			} else if d.firstNonopt == d.lastNonopt {
				d.firstNonopt = g.optind
			}
			d.lastNonopt = g.argc
			g.optind = g.argc
		}
		if g.optind == g.argc {
			if d.firstNonopt != d.lastNonopt {
				g.optind = d.firstNonopt
			}
			return -1
		}
		if g.nonoption() {
			if d.ordering == requireOrder {
				return -1
			}
			g.optarg = g.arg(g.optind)
			g.optind++
			return 1
		}
		if longopts != 0 {
			cur := g.arg(g.optind)
			if g.ch(cur+1) == '-' {
				d.nextchar = cur + 2
				return g.longOption(optstring, longopts, longind, longOnly, "--")
			}
			if longOnly && (g.ch(cur+2) != 0 || strings.IndexByte(optstring, g.ch(cur+1)) < 0) {
				d.nextchar = cur + 1
				if code := g.longOption(optstring, longopts, longind, longOnly, "-"); code != -1 {
					return code
				}
			}
		}
		d.nextchar = g.arg(g.optind) + 1
	}

	c := g.ch(d.nextchar)
	d.nextchar++
	i := strings.IndexByte(optstring, c)
	if g.ch(d.nextchar) == 0 {
		g.optind++
	}
	if i < 0 || c == ':' || c == ';' || c == 0 {
		if g.printErrors {
			g.errorf("%s: invalid option -- '%s'\n", argv0, string(c))
		}
		g.optopt = int(int8(c))
		return '?'
	}
	temp := optstring[i:]
	if strings.HasPrefix(temp, "W;") && longopts != 0 {
		if g.ch(d.nextchar) != 0 {
			g.optarg = d.nextchar
		} else if g.optind == g.argc {
			if g.printErrors {
				g.errorf("%s: option requires an argument -- '%s'\n", argv0, string(c))
			}
			g.optopt = int(int8(c))
			if strings.HasPrefix(optstring, ":") {
				return ':'
			}
			return '?'
		} else {
			g.optarg = g.arg(g.optind)
		}
		d.nextchar = g.optarg
		g.optarg = 0
		return g.longOption(optstring, longopts, longind, false, "-W ")
	}
	if len(temp) > 1 && temp[1] == ':' {
		if len(temp) > 2 && temp[2] == ':' {
			if g.ch(d.nextchar) != 0 {
				g.optarg = d.nextchar
				g.optind++
			} else {
				g.optarg = 0
			}
			d.nextchar = 0
		} else {
			if g.ch(d.nextchar) != 0 {
				g.optarg = d.nextchar
				g.optind++
			} else if g.optind == g.argc {
				if g.printErrors {
					g.errorf("%s: option requires an argument -- '%s'\n", argv0, string(c))
				}
				g.optopt = int(int8(c))
				if strings.HasPrefix(optstring, ":") {
					c = ':'
				} else {
					c = '?'
				}
			} else {
				g.optarg = g.arg(g.optind)
				g.optind++
			}
			d.nextchar = 0
		}
	}
	return int(c)
}

// struct option: name, has_arg, flag, val (32 bytes).
type longOpt struct {
	addr   uint64
	name   string
	hasArg int
	flag   uint64
	val    int
}

func (g *getoptCall) longOption(optstring string, longopts, longind uint64, longOnly bool, prefix string) int {
	d := g.d
	argv0 := g.argStr(0)
	var opts []longOpt
	for o := longopts; ; o += 32 {
		name := g.p.Mem.L64(o)
		if name == 0 {
			break
		}
		opts = append(opts, longOpt{o, g.p.Mem.CString(name), int(int32(g.p.Mem.L32(o + 8))), g.p.Mem.L64(o + 16), int(int32(g.p.Mem.L32(o + 24)))})
	}
	rest := g.p.Mem.CString(d.nextchar)
	name, _, hasValue := strings.Cut(rest, "=")
	nameend := d.nextchar + uint64(len(name))

	found, index := -1, -1
	for i, o := range opts {
		if o.name == name {
			found, index = i, i
			break
		}
	}
	if found < 0 {
		var ambig []int
		for i, o := range opts {
			if !strings.HasPrefix(o.name, name) {
				continue
			}
			if found < 0 {
				found = i
				ambig = []int{i}
			} else if longOnly || opts[found].hasArg != o.hasArg || opts[found].flag != o.flag || opts[found].val != o.val {
				ambig = append(ambig, i)
			}
		}
		if len(ambig) > 1 {
			if g.printErrors {
				msg := argv0 + ": option '" + prefix + rest + "' is ambiguous; possibilities:"
				for _, i := range ambig {
					msg += " '" + prefix + opts[i].name + "'"
				}
				g.p.fprint(g.p.std[2], []byte(msg+"\n"))
			}
			d.nextchar += uint64(len(rest))
			g.optind++
			g.optopt = 0
			return '?'
		}
		index = found
	}
	if found < 0 {
		if !longOnly || g.ch(g.arg(g.optind)+1) == '-' || strings.IndexByte(optstring, g.ch(d.nextchar)) < 0 {
			if g.printErrors {
				g.errorf("%s: unrecognized option '%s%s'\n", argv0, prefix, rest)
			}
			d.nextchar = 0
			g.optind++
			g.optopt = 0
			return '?'
		}
		return -1
	}
	o := opts[found]
	g.optind++
	d.nextchar = 0
	if hasValue {
		if o.hasArg != 0 {
			g.optarg = nameend + 1
		} else {
			if g.printErrors {
				g.errorf("%s: option '%s%s' doesn't allow an argument\n", argv0, prefix, o.name)
			}
			g.optopt = o.val
			return '?'
		}
	} else if o.hasArg == 1 {
		if g.optind < g.argc {
			g.optarg = g.arg(g.optind)
			g.optind++
		} else {
			if g.printErrors {
				g.errorf("%s: option '%s%s' requires an argument\n", argv0, prefix, o.name)
			}
			g.optopt = o.val
			if strings.HasPrefix(optstring, ":") {
				return ':'
			}
			return '?'
		}
	}
	if longind != 0 {
		g.p.Mem.S32(longind, uint32(int32(index)))
	}
	if o.flag != 0 {
		g.p.Mem.S32(o.flag, uint32(int32(o.val)))
		return 0
	}
	return o.val
}

// envHas reports whether the environment has name.
func (p *Proc) envHas(name string) bool {
	i, _ := p.envFind(name)
	return i >= 0
}

var getoptFuncs = []named{
	{"getopt", func(p *Proc, a []uint64) uint64 { return p.getopt(a, 0, 0, false) }},
	{"getopt_long", func(p *Proc, a []uint64) uint64 { return p.getopt(a, a[3], a[4], false) }},
	{"getopt_long_only", func(p *Proc, a []uint64) uint64 { return p.getopt(a, a[3], a[4], true) }},
}

func init() { register(getoptFuncs) }
