//go:build linux

package linuxref

import (
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"time"

	"netplay/stack/frame"
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
	// Family and Type are the socket family and type of socket()
	// ("AF_INET", "SOCK_STREAM"; the type without its flags), else "".
	Family, Type string
	// Port is the port of the address bind, connect, getsockname or
	// getpeername gave or returned; -1 when none.
	Port int
	// Dur is how long the call took (informational: timing is not compared).
	Dur time.Duration
	// Pid is the thread that made it (a Linux tid; netplay's tid, 0 for a
	// program that shows none); for fork and thread, Child is the new
	// process's or thread's id (Thread: a thread).
	Pid    int
	Child  int
	Thread bool
}

// HostRun is what one host's program did.
type HostRun struct {
	Calls  []Call
	Stdout string
	Stderr string
	Status int   // exit status of the last run (128+signal when killed)
	Exits  []int // the exit status of each run, in order (a restart, a boot run the program again)
	Ran    bool  // the host had a program that started
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
	case "epoll_pwait":
		return "epoll_wait"
	case "epoll_create1":
		return "epoll_create"
	case "fcntl64":
		return "fcntl"
	}
	return name
}

// FromTrace turns netplay's trace into a Side.
func FromTrace(events []trace.Event) *Side {
	s := &Side{Name: "netplay", Hosts: map[string]*HostRun{}}
	forked := map[string]bool{} // "host:pid" of the processes programs forked
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
			if e.Frame == 0 || strings.HasPrefix(e.Fault, trace.NoCarrier) {
				continue // a frame a host could not send: no capture on Linux sees it
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
				fr := frame.Decode(e.Data)
				f.InnerProto, f.InnerSrc, f.InnerDst = quotedOf(&fr)
			case trace.KindARP:
				f.Kind = "arp"
			default:
				f.Kind = "other"
			}
			s.Frames = append(s.Frames, f)
		case trace.KindSyscall:
			h := host(e.Host)
			h.Ran = true
			c := Call{Name: canonCall(e.Call), FD: e.FD, Ret: e.Ret, Errno: e.Errno, Port: -1, Dur: time.Duration(e.T - e.Start), Pid: e.Tid}
			if c.Name == "fork" && c.Ret > 0 {
				c.Child = int(c.Ret)
				forked[e.Host+":"+strconv.Itoa(c.Child)] = true
			}
			switch c.Name {
			case "bind", "connect", "getsockname", "getpeername":
				if i := strings.LastIndex(e.Args, ", "); i >= 0 {
					if ap, err := netip.ParseAddrPort(strings.TrimSpace(e.Args[i+2:])); err == nil {
						c.Port = int(ap.Port())
					}
				}
			}
			if c.Name == "socket" {
				c.Family, c.Type = socketArgs(e.Args)
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
		case trace.KindThread:
			if e.Op == "create" {
				h := host(e.Host)
				h.Calls = append(h.Calls, Call{Name: "thread", FD: -1, Ret: int64(e.Child), Port: -1, Pid: e.Tid, Child: e.Child, Thread: true})
			}
		case trace.KindExit:
			if forked[e.Host+":"+strconv.Itoa(e.Pid)] {
				continue // a process the program forked: the run is the program's
			}
			// Each run of the host's program ends once; the calls
			// get a mark there, as the Linux side puts one after each
			// run's strace log.
			h := host(e.Host)
			h.Ran = true
			h.Status = e.Status
			h.Exits = append(h.Exits, e.Status)
			h.Calls = append(h.Calls, Call{Name: "exit", FD: -1, Ret: int64(e.Status), Port: -1})
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

// quotedOf is what the ICMP error in f quotes of the TCP or UDP packet
// that caused it: its protocol and "ip:port" source and destination; all
// empty when f is no ICMP error or quotes no ports.
func quotedOf(f *frame.Frame) (proto, src, dst string) {
	var q frame.Quoted
	var ok bool
	switch {
	case f.ICMPv4 != nil && f.ICMPv4.IsError():
		q, ok = f.ICMPv4.Quoted()
	case f.ICMPv6 != nil && f.ICMPv6.IsError():
		q, ok = f.ICMPv6.Quoted()
	}
	if !ok || !q.HasPorts {
		return "", "", ""
	}
	switch q.Proto {
	case frame.ProtoTCP:
		proto = "tcp"
	case frame.ProtoUDP:
		proto = "udp"
	default:
		return "", "", ""
	}
	return proto, addrPort(q.Src, q.SrcPort), addrPort(q.Dst, q.DstPort)
}

// addrPort writes an address and port as the comparison does ("ip:port",
// IPv4-mapped addresses unmapped).
func addrPort(a netip.Addr, port uint16) string {
	return netip.AddrPortFrom(a.Unmap(), port).String()
}

// frameOf describes the Ethernet frame b as the comparison sees it: its
// kind, addresses, TCP flags and numbers, UDP length, ICMP type and code
// and what an ICMP error quotes. The Linux side reads its captures so.
func frameOf(b []byte) Frame {
	f := frame.Decode(b)
	var out Frame
	switch {
	case f.Err != nil:
		out.Kind = "other"
	case f.ARP != nil:
		out.Kind = "arp"
	case f.ICMPv4 != nil || f.ICMPv6 != nil:
		out.Kind = "icmp"
		out.Src, out.Dst = f.Src.Unmap().String(), f.Dst.Unmap().String()
		if m := f.ICMPv4; m != nil {
			out.Type, out.Code = int(m.Type()), int(m.Code())
		} else {
			out.Type, out.Code = int(f.ICMPv6.Type()), int(f.ICMPv6.Code())
		}
		out.InnerProto, out.InnerSrc, out.InnerDst = quotedOf(&f)
	case f.TCP != nil:
		t := f.TCP
		out.Kind = "tcp"
		out.Src, out.Dst = addrPort(f.Src, t.SrcPort()), addrPort(f.Dst, t.DstPort())
		out.Flags = t.Flags().String()
		out.Seq, out.Ack, out.Len = t.Seq(), t.Ack(), len(t.Payload())
	case f.UDP != nil:
		out.Kind = "udp"
		out.Src, out.Dst = addrPort(f.Src, f.UDP.SrcPort()), addrPort(f.Dst, f.UDP.DstPort())
		out.Len = len(f.UDP.Payload())
	default:
		out.Kind = "other"
	}
	return out
}

// socketArgs reads the family and the type (without SOCK_NONBLOCK or
// SOCK_CLOEXEC) of socket()'s arguments, as either side writes them.
func socketArgs(args string) (family, typ string) {
	family, rest, _ := strings.Cut(args, ",")
	typ, _, _ = strings.Cut(strings.TrimSpace(rest), ",")
	typ, _, _ = strings.Cut(typ, "|")
	return strings.TrimSpace(family), strings.TrimSpace(typ)
}
