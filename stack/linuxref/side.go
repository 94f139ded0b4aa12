//go:build linux

package linuxref

import (
	"net/netip"
	"sort"
	"strings"
	"time"

	"netplay/stack/trace"
)

// Frame is one frame on a link, as either side saw it.
type Frame struct {
	T      int64  // ns since the run began (virtual for netplay, real for Linux)
	Link   int    // index of the link in the scenario
	Sender string // host that put the frame on the link
	Kind   string // "tcp", "udp", "icmp", "arp", "other"
	// Src and Dst: "ip:port" for TCP/UDP (netip.AddrPort form), "ip" else.
	Src, Dst string
	Flags    string // TCP flags in tcpdump letters
	Seq      uint32 // absolute sequence number (TCP)
	Ack      uint32 // absolute acknowledgment number (TCP)
	Len      int    // TCP/UDP payload length
	Type     int    // ICMP type
	Code     int    // ICMP code
	// Inner is the quoted packet of an ICMP error: "tcp" or "udp" with its
	// Src/Dst as above; empty when the ICMP quotes nothing usable.
	InnerProto         string
	InnerSrc, InnerDst string
	Dropped            bool
}

// Call is one socket call of a program.
type Call struct {
	Name  string // canonical: "socket", "connect", "send", "recv", "select"…
	FD    int    // the fd argument; -1 when the call has none (select, poll)
	Ret   int64
	Errno string // errno name, "" when none
	// Family is the socket family of socket() ("AF_INET"…), else "".
	Family string
	// Port is the port of the address bind, connect, getsockname or
	// getpeername gave or returned; -1 when none.
	Port int
	// Dur is how long the call took (informational: timing is not compared).
	Dur time.Duration
}

// HostRun is what one host's program did.
type HostRun struct {
	Calls  []Call
	Stdout string
	Stderr string
	Status int  // exit status (128+signal when killed)
	Ran    bool // the host had a program that started
}

// Side is a run of a scenario as one system saw it.
type Side struct {
	Name   string // "netplay" or "Linux"
	Frames []Frame
	Hosts  map[string]*HostRun
}

// canonCall maps the names both sides use for one socket call to one.
func canonCall(name string) string {
	switch name {
	case "sendto", "sendmsg":
		return "send"
	case "recvfrom", "recvmsg":
		return "recv"
	case "accept4":
		return "accept"
	case "pselect6", "_newselect":
		return "select"
	case "ppoll":
		return "poll"
	case "fcntl64":
		return "fcntl"
	}
	return name
}

// FromTrace turns netplay's trace into a Side.
func FromTrace(events []trace.Event) *Side {
	s := &Side{Name: "netplay", Hosts: map[string]*HostRun{}}
	host := func(name string) *HostRun {
		h := s.Hosts[name]
		if h == nil {
			h = &HostRun{}
			s.Hosts[name] = h
		}
		return h
	}
	for _, e := range events {
		switch e.Kind {
		case trace.KindSegment, trace.KindICMP, trace.KindARP, trace.KindUDP, trace.KindFrame:
			if e.Frame == 0 {
				continue
			}
			f := Frame{T: e.T, Link: e.Link, Sender: e.Host, Dropped: e.Dropped,
				Src: normAddr(e.Src), Dst: normAddr(e.Dst)}
			switch e.Kind {
			case trace.KindSegment:
				f.Kind, f.Flags, f.Seq, f.Ack, f.Len = "tcp", e.Flags, e.SeqAbs, e.AckAbs, e.Len
			case trace.KindUDP:
				f.Kind, f.Len = "udp", e.Len
			case trace.KindICMP:
				f.Kind, f.Type, f.Code = "icmp", e.Type, e.Code
				f.InnerProto, f.InnerSrc, f.InnerDst = innerOf(e.Data)
			case trace.KindARP:
				f.Kind = "arp"
			default:
				f.Kind = "other"
			}
			s.Frames = append(s.Frames, f)
		case trace.KindSyscall:
			h := host(e.Host)
			h.Ran = true
			c := Call{Name: canonCall(e.Call), FD: e.FD, Ret: e.Ret, Errno: e.Errno, Port: -1, Dur: time.Duration(e.T - e.Start)}
			switch c.Name {
			case "bind", "connect", "getsockname", "getpeername":
				if i := strings.LastIndex(e.Args, ", "); i >= 0 {
					if ap, err := netip.ParseAddrPort(strings.TrimSpace(e.Args[i+2:])); err == nil {
						c.Port = int(ap.Port())
					}
				}
			}
			if c.Name == "socket" {
				c.Family, _, _ = strings.Cut(e.Args, ",")
				c.FD = -1
			}
			if c.Name == "select" || c.Name == "poll" {
				c.FD = -1
			}
			h.Calls = append(h.Calls, c)
		case trace.KindOutput:
			h := host(e.Host)
			h.Ran = true
			if e.Stream == "stderr" {
				h.Stderr += e.Text
			} else {
				h.Stdout += e.Text
			}
		case trace.KindExit:
			h := host(e.Host)
			h.Ran = true
			h.Status = e.Status
		}
	}
	sort.SliceStable(s.Frames, func(i, j int) bool { return s.Frames[i].T < s.Frames[j].T })
	return s
}

// normAddr writes "ip:port" or "ip" in netip's canonical form; other text
// is kept.
func normAddr(a string) string {
	if ap, err := netip.ParseAddrPort(a); err == nil {
		return netip.AddrPortFrom(ap.Addr().Unmap(), ap.Port()).String()
	}
	if ip, err := netip.ParseAddr(a); err == nil {
		return ip.Unmap().String()
	}
	return a
}

// innerOf decodes the packet an ICMP error in the Ethernet frame b quotes:
// its protocol and "ip:port" source and destination.
func innerOf(b []byte) (proto, src, dst string) {
	if len(b) < 14 {
		return "", "", ""
	}
	et := uint16(b[12])<<8 | uint16(b[13])
	b = b[14:]
	var icmp []byte
	switch et {
	case 0x0800:
		if len(b) < 20 {
			return "", "", ""
		}
		hl := int(b[0]&0x0f) * 4
		if len(b) < hl || b[9] != 1 {
			return "", "", ""
		}
		icmp = b[hl:]
	case 0x86dd:
		if len(b) < 40 || b[6] != 58 {
			return "", "", ""
		}
		icmp = b[40:]
	default:
		return "", "", ""
	}
	if len(icmp) < 8 {
		return "", "", ""
	}
	switch icmp[0] {
	case 3, 11, 12, 1, 2, 4: // v4 unreach, time exceeded, param; v6 unreach, too big, param
	default:
		return "", "", ""
	}
	return quoted(icmp[8:])
}

// quoted decodes an IPv4/IPv6 header and the first 4 bytes (ports) after it.
func quoted(b []byte) (proto, src, dst string) {
	if len(b) < 1 {
		return "", "", ""
	}
	var p uint8
	var s, d netip.Addr
	var l4 []byte
	switch b[0] >> 4 {
	case 4:
		if len(b) < 20 {
			return "", "", ""
		}
		hl := int(b[0]&0x0f) * 4
		p = b[9]
		s = netip.AddrFrom4([4]byte(b[12:16]))
		d = netip.AddrFrom4([4]byte(b[16:20]))
		if len(b) < hl {
			return "", "", ""
		}
		l4 = b[hl:]
	case 6:
		if len(b) < 40 {
			return "", "", ""
		}
		p = b[6]
		s = netip.AddrFrom16([16]byte(b[8:24]))
		d = netip.AddrFrom16([16]byte(b[24:40]))
		l4 = b[40:]
	default:
		return "", "", ""
	}
	if len(l4) < 4 {
		return "", "", ""
	}
	sp := uint16(l4[0])<<8 | uint16(l4[1])
	dp := uint16(l4[2])<<8 | uint16(l4[3])
	switch p {
	case 6:
		proto = "tcp"
	case 17:
		proto = "udp"
	default:
		return "", "", ""
	}
	return proto, netip.AddrPortFrom(s, sp).String(), netip.AddrPortFrom(d, dp).String()
}
