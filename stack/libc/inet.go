package libc

import (
	"encoding/binary"
	"math/bits"
	"net/netip"
	"strconv"
	"strings"

	"netplay/stack/linux/errno"
)

const (
	afInet  = 2
	afInet6 = 10
)

var inetFuncs = []named{
	{"htons", func(p *Proc, a []uint64) uint64 { return uint64(bits.ReverseBytes16(uint16(a[0]))) }},
	{"ntohs", func(p *Proc, a []uint64) uint64 { return uint64(bits.ReverseBytes16(uint16(a[0]))) }},
	{"htonl", func(p *Proc, a []uint64) uint64 { return uint64(bits.ReverseBytes32(uint32(a[0]))) }},
	{"ntohl", func(p *Proc, a []uint64) uint64 { return uint64(bits.ReverseBytes32(uint32(a[0]))) }},
	{"inet_addr", func(p *Proc, a []uint64) uint64 {
		ip, ok := parseAton(p.Mem.CString(a[0]))
		if !ok {
			return 0xffffffff // INADDR_NONE
		}
		return uint64(binary.LittleEndian.Uint32(ip[:]))
	}},
	{"inet_aton", func(p *Proc, a []uint64) uint64 {
		ip, ok := parseAton(p.Mem.CString(a[0]))
		if !ok {
			return 0
		}
		if a[1] != 0 {
			copy(p.Mem.Slice(a[1], 4), ip[:])
		}
		return 1
	}},
	{"inet_ntoa", func(p *Proc, a []uint64) uint64 {
		// struct in_addr arrives by address (aggregates travel by address).
		var ip [4]byte
		copy(ip[:], p.Mem.Slice(a[0], 4))
		buf := p.static("inet_ntoa", 18)
		p.Mem.PutCString(buf, netip.AddrFrom4(ip).String())
		return buf
	}},
	{"inet_pton", func(p *Proc, a []uint64) uint64 {
		s := p.Mem.CString(a[1])
		switch int32(a[0]) {
		case afInet:
			ad, err := netip.ParseAddr(s)
			if err != nil || !ad.Is4() || strings.Count(s, ".") != 3 {
				return 0
			}
			b := ad.As4()
			copy(p.Mem.Slice(a[2], 4), b[:])
			return 1
		case afInet6:
			ad, err := netip.ParseAddr(s)
			if err != nil || ad.Zone() != "" || !strings.Contains(s, ":") {
				return 0
			}
			b := ad.As16()
			copy(p.Mem.Slice(a[2], 16), b[:])
			return 1
		}
		return p.fail(errno.EAFNOSUPPORT)
	}},
	{"inet_ntop", func(p *Proc, a []uint64) uint64 {
		var s string
		switch int32(a[0]) {
		case afInet:
			var b [4]byte
			copy(b[:], p.Mem.Slice(a[1], 4))
			s = netip.AddrFrom4(b).String()
		case afInet6:
			var b [16]byte
			copy(b[:], p.Mem.Slice(a[1], 16))
			s = ntop6(b)
		default:
			p.SetErrno(errno.EAFNOSUPPORT)
			return 0
		}
		if uint64(len(s))+1 > uint64(uint32(a[3])) {
			p.SetErrno(errno.ENOSPC)
			return 0
		}
		p.Mem.PutCString(a[2], s)
		return a[2]
	}},
}

func init() { register(inetFuncs) }

// ntop6 formats an IPv6 address as glibc does (v4-mapped as ::ffff:a.b.c.d).
func ntop6(b [16]byte) string {
	ad := netip.AddrFrom16(b)
	if ad.Is4In6() {
		return "::ffff:" + ad.Unmap().String()
	}
	return ad.String()
}

// parseAton parses the inet_aton forms: a.b.c.d, a.b.c, a.b, a, each part
// decimal, octal (0...) or hex (0x...).
func parseAton(s string) ([4]byte, bool) {
	var out [4]byte
	parts := strings.Split(s, ".")
	if len(parts) == 0 || len(parts) > 4 {
		return out, false
	}
	vals := make([]uint64, len(parts))
	for i, part := range parts {
		if part == "" {
			return out, false
		}
		v, err := strconv.ParseUint(part, 0, 32)
		if err != nil || strings.HasPrefix(part, "+") || strings.HasPrefix(part, "-") {
			return out, false
		}
		vals[i] = v
	}
	var n uint64
	last := len(vals) - 1
	for i, v := range vals[:last] {
		if v > 255 {
			return out, false
		}
		n |= v << (24 - 8*uint(i))
	}
	if vals[last] >= 1<<(32-8*uint(last)) {
		return out, false
	}
	n |= vals[last]
	binary.BigEndian.PutUint32(out[:], uint32(n))
	return out, true
}
