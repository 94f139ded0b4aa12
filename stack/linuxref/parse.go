//go:build linux

package linuxref

import (
	"bufio"
	"fmt"
	"net/netip"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// straceCalls is the -e trace= list the Linux run gives strace.
const straceCalls = "socket,bind,listen,accept,accept4,connect,send,sendto,sendmsg,recv,recvfrom,recvmsg," +
	"read,write,close,shutdown,select,pselect6,poll,ppoll,fcntl,setsockopt,getsockopt,getsockname,getpeername"

// ParseStrace reads the output of strace -f -qq -s 0 -T (optionally with
// pid prefixes) into calls, in the order they returned. Calls that never
// returned (the program was killed in them) are left out, as netplay
// traces a call when it returns.
func ParseStrace(text string) []Call {
	var calls []Call
	pending := map[string]string{} // pid -> "name(args" of an unfinished call
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		pid := ""
		if i := strings.IndexByte(line, ' '); i > 0 && isDigits(line[:i]) {
			pid, line = line[:i], strings.TrimSpace(line[i+1:])
		}
		if strings.HasPrefix(line, "---") || strings.HasPrefix(line, "+++") {
			continue
		}
		if before, ok := strings.CutSuffix(line, "<unfinished ...>"); ok {
			pending[pid] = strings.TrimSpace(before)
			continue
		}
		if strings.HasPrefix(line, "<... ") {
			rest := line[len("<... "):]
			i := strings.Index(rest, " resumed>")
			if i < 0 {
				continue
			}
			start, ok := pending[pid]
			delete(pending, pid)
			if !ok {
				continue
			}
			if !strings.HasSuffix(start, "(") && !strings.HasSuffix(start, ", ") {
				start += " "
			}
			line = start + rest[i+len(" resumed>"):]
		}
		c, ok := parseStraceLine(line)
		if ok {
			calls = append(calls, c)
		}
	}
	return calls
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func parseStraceLine(line string) (Call, bool) {
	open := strings.IndexByte(line, '(')
	eq := strings.LastIndex(line, " = ")
	if open <= 0 || eq < open {
		return Call{}, false
	}
	head := strings.TrimRight(line[:eq], " ")
	if !strings.HasSuffix(head, ")") {
		return Call{}, false
	}
	name := line[:open]
	args := head[open+1 : len(head)-1]
	res := strings.Fields(line[eq+len(" = "):])
	if len(res) == 0 || res[0] == "?" {
		return Call{}, false
	}
	ret, err := strconv.ParseInt(res[0], 0, 64)
	if err != nil {
		return Call{}, false
	}
	c := Call{Name: canonCall(name), FD: -1, Ret: ret, Port: -1}
	switch c.Name {
	case "bind", "connect", "getsockname", "getpeername":
		if m := portRE.FindStringSubmatch(args); m != nil {
			c.Port, _ = strconv.Atoi(m[1])
		}
	}
	if m := durRE.FindStringSubmatch(line); m != nil {
		if d, err := strconv.ParseFloat(m[1], 64); err == nil {
			c.Dur = time.Duration(d * 1e9)
		}
	}
	if ret < 0 && len(res) > 1 {
		c.Errno = res[1]
		if strings.HasPrefix(c.Errno, "ERESTART") {
			return Call{}, false // interrupted and restarted: no return yet
		}
	}
	first, _, _ := strings.Cut(args, ",")
	first = strings.TrimSpace(first)
	switch c.Name {
	case "socket":
		c.Family = first
	case "select", "poll":
	default:
		if fd, err := strconv.Atoi(first); err == nil {
			c.FD = fd
		}
	}
	// glibc's send/recv are sendto/recvfrom without an address; the
	// canonical name covers both. A call on an unconnected socket with
	// an address keeps its meaning through the socket's own calls.
	return c, true
}

var (
	portRE = regexp.MustCompile(`sin6?_port=htons\((\d+)\)`)
	durRE  = regexp.MustCompile(`<(\d+\.\d+)>\s*$`)
)

// tsharkFields is what the Linux run asks tshark for, in this order.
var tsharkFields = []string{
	"frame.interface_name", "frame.time_epoch", "eth.src", "eth.dst", "eth.type",
	"ip.src", "ip.dst", "ipv6.src", "ipv6.dst", "ip.proto", "ipv6.nxt",
	"tcp.srcport", "tcp.dstport", "tcp.flags", "tcp.seq_raw", "tcp.ack_raw", "tcp.len",
	"udp.srcport", "udp.dstport", "udp.length",
	"icmp.type", "icmp.code", "icmpv6.type", "icmpv6.code", "arp.opcode", "ip.id", "tcp.options.timestamp.tsval", "frame.len",
}

// Port is one bridge port of the Linux wire: which host's NIC it joins.
type Port struct {
	Name string // interface name in the wire namespace
	Link int
	Host string
	MAC  string // the host NIC's MAC, lower case
}

// capFrame is a captured frame before deduplication.
type capFrame struct {
	iface string
	t     int64
	key   string // everything but interface and time
	f     Frame
	src   string // eth.src
	used  bool
}

// ParseCapture turns tshark -T fields output (tsharkFields, separator '|',
// occurrences joined by ',') of a capture on every port into the frames
// each host sent, in time order; a frame no other port of its link
// forwarded is marked dropped.
func ParseCapture(text string, ports []Port) ([]Frame, error) {
	byName := map[string]Port{}
	for _, p := range ports {
		byName[p.Name] = p
	}
	var all []*capFrame
	for ln, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		v := strings.Split(line, "|")
		if len(v) < len(tsharkFields) {
			return nil, fmt.Errorf("tshark line %d: %d fields, want %d: %q", ln+1, len(v), len(tsharkFields), line)
		}
		get := func(name string) string {
			for i, f := range tsharkFields {
				if f == name {
					return v[i]
				}
			}
			panic(name)
		}
		cf := &capFrame{iface: get("frame.interface_name"), src: strings.ToLower(get("eth.src"))}
		cf.t = parseEpoch(get("frame.time_epoch"))
		cf.key = strings.Join(v[2:], "|")
		f := Frame{T: cf.t}
		first := func(s string) string { x, _, _ := strings.Cut(s, ","); return x }
		nth := func(s string, i int) string {
			p := strings.Split(s, ",")
			if i < len(p) {
				return p[i]
			}
			return ""
		}
		srcIP, dstIP := get("ip.src"), get("ip.dst")
		if srcIP == "" {
			srcIP, dstIP = get("ipv6.src"), get("ipv6.dst")
		}
		atoi := func(s string) int { n, _ := strconv.ParseInt(first(s), 0, 64); return int(n) }
		ap := func(ip, port string) string {
			a, err := netip.ParseAddr(ip)
			if err != nil {
				return ip
			}
			p, _ := strconv.Atoi(port)
			return netip.AddrPortFrom(a.Unmap(), uint16(p)).String()
		}
		icmpT, icmpC := get("icmp.type"), get("icmp.code")
		if icmpT == "" {
			icmpT, icmpC = get("icmpv6.type"), get("icmpv6.code")
		}
		switch {
		case get("arp.opcode") != "":
			f.Kind = "arp"
		case icmpT != "":
			f.Kind = "icmp"
			f.Src, f.Dst = normAddr(first(srcIP)), normAddr(first(dstIP))
			f.Type, f.Code = atoi(icmpT), atoi(icmpC)
			// The quoted packet: the second IP header, its ports.
			if is, id := nth(srcIP, 1), nth(dstIP, 1); is != "" {
				if sp := first(get("tcp.srcport")); sp != "" {
					f.InnerProto = "tcp"
					f.InnerSrc, f.InnerDst = ap(is, sp), ap(id, first(get("tcp.dstport")))
				} else if sp := first(get("udp.srcport")); sp != "" {
					f.InnerProto = "udp"
					f.InnerSrc, f.InnerDst = ap(is, sp), ap(id, first(get("udp.dstport")))
				}
			}
		case get("tcp.srcport") != "":
			f.Kind = "tcp"
			f.Src, f.Dst = ap(first(srcIP), get("tcp.srcport")), ap(first(dstIP), get("tcp.dstport"))
			fl, _ := strconv.ParseUint(get("tcp.flags"), 0, 16)
			f.Flags = flagLetters(uint16(fl))
			s, _ := strconv.ParseUint(get("tcp.seq_raw"), 10, 32)
			f.Seq = uint32(s)
			a, _ := strconv.ParseUint(get("tcp.ack_raw"), 10, 32)
			f.Ack = uint32(a)
			f.Len = atoi(get("tcp.len"))
		case get("udp.srcport") != "":
			f.Kind = "udp"
			f.Src, f.Dst = ap(first(srcIP), get("udp.srcport")), ap(first(dstIP), get("udp.dstport"))
			f.Len = atoi(get("udp.length")) - 8
		default:
			f.Kind = "other"
		}
		cf.f = f
		all = append(all, cf)
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].t < all[j].t })
	var out []Frame
	for i, cf := range all {
		p, ok := byName[cf.iface]
		if !ok || cf.src != p.MAC {
			continue // a copy leaving the wire, or not from a host
		}
		f := cf.f
		f.Link, f.Sender = p.Link, p.Host
		f.Dropped = true
		for _, o := range all[i+1:] {
			if o.used || o.key != cf.key || o.iface == cf.iface {
				continue
			}
			if op, ok := byName[o.iface]; ok && op.Link == p.Link {
				o.used = true
				f.Dropped = false
				break
			}
		}
		if f.Dropped {
			// Also a copy stamped a hair before the original.
			for _, o := range all[:i] {
				if !o.used && o.key == cf.key && o.iface != cf.iface && byName[o.iface].Link == p.Link && cf.t-o.t < 1e6 {
					o.used = true
					f.Dropped = false
					break
				}
			}
		}
		out = append(out, f)
	}
	return out, nil
}

func parseEpoch(s string) int64 {
	sec, frac, _ := strings.Cut(s, ".")
	n, _ := strconv.ParseInt(sec, 10, 64)
	frac = (frac + "000000000")[:9]
	f, _ := strconv.ParseInt(frac, 10, 64)
	return n*1e9 + f
}

// flagLetters writes TCP flags as tcpdump does: F S R P . U E W.
func flagLetters(f uint16) string {
	var b strings.Builder
	for _, x := range []struct {
		bit uint16
		c   byte
	}{{0x01, 'F'}, {0x02, 'S'}, {0x04, 'R'}, {0x08, 'P'}, {0x10, '.'}, {0x20, 'U'}, {0x40, 'E'}, {0x80, 'W'}} {
		if f&x.bit != 0 {
			b.WriteByte(x.c)
		}
	}
	if b.Len() == 0 {
		return "none"
	}
	return b.String()
}
