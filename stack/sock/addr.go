package sock

import (
	"encoding/binary"
	"fmt"
	"net/netip"

	"gvisor.dev/gvisor/pkg/tcpip"

	"netplay/stack/linux/errno"
)

// SockaddrInet4 returns the bytes of a struct sockaddr_in, as C memory holds
// it (family in host order, port and address in network order).
func SockaddrInet4(ip netip.Addr, port uint16) []byte {
	b := make([]byte, SizeofSockaddrIn)
	binary.LittleEndian.PutUint16(b[0:], AF_INET)
	binary.BigEndian.PutUint16(b[2:], port)
	a := ip.Unmap().As4()
	copy(b[4:8], a[:])
	return b
}

// SockaddrInet6 returns the bytes of a struct sockaddr_in6.
func SockaddrInet6(ip netip.Addr, port uint16) []byte {
	b := make([]byte, SizeofSockaddrIn6)
	binary.LittleEndian.PutUint16(b[0:], AF_INET6)
	binary.BigEndian.PutUint16(b[2:], port)
	a := ip.As16()
	copy(b[8:24], a[:])
	return b
}

// Sockaddr returns the sockaddr bytes of ip:port for a socket of family.
// An IPv4 address on an AF_INET6 socket is written v4-mapped.
func Sockaddr(family int, ip netip.Addr, port uint16) []byte {
	if family == AF_INET6 {
		if ip.Is4() {
			ip = netip.AddrFrom16(ip.As16())
		}
		return SockaddrInet6(ip, port)
	}
	return SockaddrInet4(ip, port)
}

// ParseSockaddr decodes sockaddr bytes into an address and port.
func ParseSockaddr(b []byte) (family int, ip netip.Addr, port uint16, err errno.Errno) {
	if len(b) < 2 {
		return 0, netip.Addr{}, 0, errno.EINVAL
	}
	family = int(binary.LittleEndian.Uint16(b))
	switch family {
	case AF_INET:
		if len(b) < SizeofSockaddrIn {
			return family, netip.Addr{}, 0, errno.EINVAL
		}
		return family, netip.AddrFrom4([4]byte(b[4:8])), binary.BigEndian.Uint16(b[2:]), 0
	case AF_INET6:
		if len(b) < 24 { // Linux accepts sockaddr_in6 without scope id (SIN6_LEN_RFC2133)
			return family, netip.Addr{}, 0, errno.EINVAL
		}
		return family, netip.AddrFrom16([16]byte(b[8:24])), binary.BigEndian.Uint16(b[2:]), 0
	case AF_UNSPEC:
		return family, netip.Addr{}, 0, 0
	}
	return family, netip.Addr{}, 0, errno.EAFNOSUPPORT
}

// FormatSockaddr writes sockaddr bytes as the trace shows them:
// "10.0.0.2:80", "[fd00::2]:80".
func FormatSockaddr(b []byte) string {
	fam, ip, port, err := ParseSockaddr(b)
	if err != 0 {
		return fmt.Sprintf("{invalid sockaddr, %d bytes}", len(b))
	}
	if fam == AF_UNSPEC {
		return "AF_UNSPEC"
	}
	return netip.AddrPortFrom(ip, port).String()
}

func toTCPIP(ip netip.Addr) tcpip.Address {
	if !ip.IsValid() || ip.IsUnspecified() {
		return tcpip.Address{}
	}
	return tcpip.AddrFromSlice(ip.AsSlice())
}

func fromTCPIP(a tcpip.Address, family int) netip.Addr {
	if a.Len() == 0 {
		if family == AF_INET6 {
			return netip.IPv6Unspecified()
		}
		return netip.IPv4Unspecified()
	}
	ip, _ := netip.AddrFromSlice(a.AsSlice())
	return ip
}
