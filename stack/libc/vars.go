package libc

// Var is a global variable of the C library a program can name (optind,
// environ, in6addr_any, ...). The compiler places it in the program's data
// when the program refers to it and tells the library where
// (Proc.Vars); otherwise the library places it on first use.
type Var struct {
	Size, Align uint64
	// Init returns the initial bytes (nil: zeros); place puts bytes in
	// the program's memory (8-aligned) and returns their address.
	Init func(place func([]byte) uint64) []byte
}

func cstr(s string) []byte { return append([]byte(s), 0) }

// Vars are the C library's variables by name.
var Vars = map[string]Var{
	"in6addr_any":      {Size: 16, Align: 4},
	"in6addr_loopback": {Size: 16, Align: 4, Init: func(func([]byte) uint64) []byte { return append(make([]byte, 15), 1) }},
	"optarg":           {Size: 8, Align: 8},
	"optind":           {Size: 4, Align: 4, Init: func(func([]byte) uint64) []byte { return le32(1) }},
	"opterr":           {Size: 4, Align: 4, Init: func(func([]byte) uint64) []byte { return le32(1) }},
	"optopt":           {Size: 4, Align: 4, Init: func(func([]byte) uint64) []byte { return le32('?') }},
	// The environment starts empty: an array holding only its NULL.
	"environ": {Size: 8, Align: 8, Init: func(place func([]byte) uint64) []byte { return le64(place(make([]byte, 8))) }},
	// Time zone: UTC, as tzset leaves it with TZ unset on a UTC system.
	"tzname": {Size: 16, Align: 8, Init: func(place func([]byte) uint64) []byte {
		return append(le64(place(cstr("UTC"))), le64(place(cstr("UTC")))...)
	}},
	"timezone": {Size: 8, Align: 8},
	"daylight": {Size: 4, Align: 4},
}

func le32(v uint32) []byte { b := make([]byte, 4); Store32(b, 0, v); return b }
func le64(v uint64) []byte { b := make([]byte, 8); Store64(b, 0, v); return b }

// varAddr returns the address of the library variable name: where the
// compiler put it, or a place of the library's own.
func (p *Proc) varAddr(name string) uint64 {
	if a, ok := p.Vars[name]; ok {
		return a
	}
	key := "var:" + name
	if a, ok := p.statics[key]; ok {
		return a
	}
	v, ok := Vars[name]
	if !ok {
		panic("libc: no variable " + name)
	}
	a := p.static(key, v.Size)
	if v.Init != nil {
		copy(p.Mem.Slice(a, v.Size), v.Init(func(b []byte) uint64 {
			r := p.malloc(uint64(len(b)))
			copy(p.Mem.Slice(r, uint64(len(b))), b)
			return r
		}))
	}
	return a
}
