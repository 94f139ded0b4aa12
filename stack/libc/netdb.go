package libc

import (
	_ "embed"
	"encoding/binary"
	"net/netip"
	"strconv"
	"strings"
	"sync"

	"netplay/stack/linux/errno"
)

// The protocols and services databases are Debian's netbase files
// (etc/protocols, etc/services), the ones glibc reads on Linux, so
// getprotobyname("tcp"), getservbyname("daytime", "tcp") and getaddrinfo's
// service names give what they give there.

//go:embed etc/protocols
var protocolsFile string

//go:embed etc/services
var servicesFile string

type protoEntry struct {
	name    string
	aliases []string
	number  int
}

type servEntry struct {
	name    string
	aliases []string
	port    int
	proto   string
}

// protocols and services are the databases parsed, on first use: most
// programs never look a name up, and every Go instance of the page (its
// thread and the engine worker) runs this package's inits as it starts.
var protocols = sync.OnceValue(func() []protoEntry {
	var list []protoEntry
	for _, f := range dbLines(protocolsFile) {
		if len(f) < 2 {
			continue
		}
		n, err := strconv.Atoi(f[1])
		if err != nil {
			continue
		}
		list = append(list, protoEntry{f[0], f[2:], n})
	}
	return list
})

var services = sync.OnceValue(func() []servEntry {
	var list []servEntry
	for _, f := range dbLines(servicesFile) {
		if len(f) < 2 {
			continue
		}
		port, proto, ok := strings.Cut(f[1], "/")
		n, err := strconv.Atoi(port)
		if !ok || err != nil {
			continue
		}
		list = append(list, servEntry{f[0], f[2:], n, proto})
	}
	return list
})

func init() {
	register([]named{
		{"getprotobyname", func(p *Proc, a []uint64) uint64 {
			name := p.Mem.CString(a[0])
			for i, e := range protocols() {
				if e.name == name || contains(e.aliases, name) {
					return p.protoent(i)
				}
			}
			return 0
		}},
		{"getprotobynumber", func(p *Proc, a []uint64) uint64 {
			for i, e := range protocols() {
				if e.number == int(int32(a[0])) {
					return p.protoent(i)
				}
			}
			return 0
		}},
		{"setprotoent", func(p *Proc, a []uint64) uint64 { p.protoNext = 0; return 0 }},
		{"endprotoent", func(p *Proc, a []uint64) uint64 { p.protoNext = 0; return 0 }},
		{"getprotoent", func(p *Proc, a []uint64) uint64 {
			if p.protoNext >= len(protocols()) {
				return 0
			}
			p.protoNext++
			return p.protoent(p.protoNext - 1)
		}},
		{"getservbyname", func(p *Proc, a []uint64) uint64 {
			name, proto := p.Mem.CString(a[0]), ""
			if a[1] != 0 {
				proto = p.Mem.CString(a[1])
			}
			if i := findService(name, proto); i >= 0 {
				return p.servent(i)
			}
			return 0
		}},
		{"getservbyport", func(p *Proc, a []uint64) uint64 {
			// The port arrives in network byte order, as s_port holds it.
			port := int(binary.BigEndian.Uint16([]byte{byte(a[0]), byte(a[0] >> 8)}))
			proto := ""
			if a[1] != 0 {
				proto = p.Mem.CString(a[1])
			}
			for i, e := range services() {
				if e.port == port && (proto == "" || e.proto == proto) {
					return p.servent(i)
				}
			}
			return 0
		}},
		{"setservent", func(p *Proc, a []uint64) uint64 { p.servNext = 0; return 0 }},
		{"endservent", func(p *Proc, a []uint64) uint64 { p.servNext = 0; return 0 }},
		{"getservent", func(p *Proc, a []uint64) uint64 {
			if p.servNext >= len(services()) {
				return 0
			}
			p.servNext++
			return p.servent(p.servNext - 1)
		}},
		// No networks database (/etc/networks has only link-local).
		{"getnetbyname", func(p *Proc, a []uint64) uint64 { return 0 }},
		{"getnetbyaddr", func(p *Proc, a []uint64) uint64 { return 0 }},
		{"sethostent", func(p *Proc, a []uint64) uint64 { return 0 }},
		{"endhostent", func(p *Proc, a []uint64) uint64 { return 0 }},
		// The hosts database is the scenario's hosts: not enumerable.
		{"gethostent", func(p *Proc, a []uint64) uint64 { return 0 }},
		{"gethostbyname2", func(p *Proc, a []uint64) uint64 {
			switch int32(a[1]) {
			case afInet:
				return gethostbyname(p, a[:1])
			case afInet6:
				return p.hostent6(p.Mem.CString(a[0]))
			}
			p.Mem.S32(p.herrnoAddr, 3) // NO_RECOVERY, errno errno.EAFNOSUPPORT
			p.SetErrno(errno.EAFNOSUPPORT)
			return 0
		}},
		// gethostbyaddr: the scenario's hosts have no reverse names.
		{"gethostbyaddr", func(p *Proc, a []uint64) uint64 {
			p.Mem.S32(p.herrnoAddr, 1) // HOST_NOT_FOUND
			return 0
		}},
		{"inet_lnaof", func(p *Proc, a []uint64) uint64 {
			ip := binary.BigEndian.Uint32(p.Mem.Slice(a[0], 4))
			return uint64(ip & ^classNetmask(ip))
		}},
		{"inet_netof", func(p *Proc, a []uint64) uint64 {
			ip := binary.BigEndian.Uint32(p.Mem.Slice(a[0], 4))
			m := classNetmask(ip)
			sh := 0
			for sh < 32 && (m>>sh)&1 == 0 {
				sh++
			}
			return uint64((ip & m) >> sh)
		}},
		{"inet_makeaddr", func(p *Proc, a []uint64) uint64 {
			net, host := uint32(a[0]), uint32(a[1])
			var ip uint32
			switch {
			case net < 128:
				ip = net<<24 | host&0xffffff
			case net < 65536:
				ip = net<<16 | host&0xffff
			case net < 16777216:
				ip = net<<8 | host&0xff
			default:
				ip = net | host
			}
			r := p.static("inet_makeaddr", 4)
			binary.BigEndian.PutUint32(p.Mem.Slice(r, 4), ip)
			return r
		}},
		{"inet_network", func(p *Proc, a []uint64) uint64 {
			ip, ok := parseAton(p.Mem.CString(a[0]))
			if !ok {
				return 0xffffffff
			}
			return uint64(binary.BigEndian.Uint32(ip[:]))
		}},
	})
}

// classNetmask is the mask of an address's class (A, B, C).
func classNetmask(ip uint32) uint32 {
	switch {
	case ip&0x80000000 == 0:
		return 0xff000000
	case ip&0xc0000000 == 0x80000000:
		return 0xffff0000
	}
	return 0xffffff00
}

// dbLines splits a netbase file into fields, comments dropped.
func dbLines(text string) [][]string {
	var out [][]string
	for _, l := range strings.Split(text, "\n") {
		if i := strings.IndexByte(l, '#'); i >= 0 {
			l = l[:i]
		}
		if f := strings.Fields(l); len(f) > 0 {
			out = append(out, f)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// findService returns the index of service name (or alias) for proto ("":
// any), -1 if none.
func findService(name, proto string) int {
	for i, e := range services() {
		if (e.name == name || contains(e.aliases, name)) && (proto == "" || e.proto == proto) {
			return i
		}
	}
	return -1
}

// servicePort resolves a getaddrinfo service name for a socket type (0:
// any).
func servicePort(name string, socktype int32) (int, bool) {
	proto := ""
	switch socktype {
	case 1:
		proto = "tcp"
	case 2:
		proto = "udp"
	}
	if i := findService(name, proto); i >= 0 {
		return services()[i].port, true
	}
	return 0, false
}

// strList places a NULL-terminated array of strings in the library's
// static memory called key.
func (p *Proc) strList(key string, list []string) uint64 {
	arr := p.static(key, uint64(8*(len(list)+1)))
	for i, s := range list {
		b := p.static(key+"."+strconv.Itoa(i), uint64(len(s))+1)
		p.Mem.PutCString(b, s)
		p.Mem.S64(arr+uint64(8*i), b)
	}
	p.Mem.S64(arr+uint64(8*len(list)), 0)
	return arr
}

// protoent fills the static struct protoent with protocols()[i].
func (p *Proc) protoent(i int) uint64 {
	e := protocols()[i]
	r := p.static("protoent", 24)
	key := "protoent:" + strconv.Itoa(i)
	name := p.static(key+".name", uint64(len(e.name))+1)
	p.Mem.PutCString(name, e.name)
	p.Mem.S64(r, name)
	p.Mem.S64(r+8, p.strList(key+".aliases", e.aliases))
	p.Mem.S32(r+16, uint32(e.number))
	return r
}

// servent fills the static struct servent with services()[i] (s_port in
// network byte order).
func (p *Proc) servent(i int) uint64 {
	e := services()[i]
	r := p.static("servent", 32)
	key := "servent:" + strconv.Itoa(i)
	name := p.static(key+".name", uint64(len(e.name))+1)
	p.Mem.PutCString(name, e.name)
	proto := p.static("servent.proto:"+e.proto, uint64(len(e.proto))+1)
	p.Mem.PutCString(proto, e.proto)
	p.Mem.S64(r, name)
	p.Mem.S64(r+8, p.strList(key+".aliases", e.aliases))
	p.Mem.S32(r+16, uint32(uint16(e.port)>>8|uint16(e.port)<<8))
	p.Mem.S64(r+24, proto)
	return r
}

// hostent6 fills the static struct hostent with name's IPv6 addresses.
func (p *Proc) hostent6(name string) uint64 {
	var v6 []netip.Addr
	for _, ad := range p.resolve(name) {
		if ad.Is6() && !ad.Is4In6() {
			v6 = append(v6, ad)
		}
	}
	if len(v6) == 0 {
		p.Mem.S32(p.herrnoAddr, 1) // HOST_NOT_FOUND
		return 0
	}
	if len(v6) > 8 {
		v6 = v6[:8]
	}
	h := p.static("hostent", 32)
	nameBuf := p.static("hostent.name", 256)
	list := p.static("hostent.addrs", 8*9)
	data := p.static("hostent6.data", 16*8)
	p.Mem.PutCString(nameBuf, truncate(name, 255))
	for i, ad := range v6 {
		ip := ad.As16()
		copy(p.Mem.Slice(data+uint64(16*i), 16), ip[:])
		p.Mem.S64(list+uint64(8*i), data+uint64(16*i))
	}
	p.Mem.S64(list+uint64(8*len(v6)), 0)
	p.Mem.S64(h, nameBuf)
	p.Mem.S64(h+8, p.strList("hostent.aliases", nil))
	p.Mem.S32(h+16, afInet6)
	p.Mem.S32(h+20, 16)
	p.Mem.S64(h+24, list)
	return h
}
