//go:build linux

package linuxref

import (
	"bufio"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"netplay/stack/frame"
)

// straceCalls is the -e trace= list the Linux run gives strace.
const straceCalls = "socket,bind,listen,accept,accept4,connect,send,sendto,sendmsg,recv,recvfrom,recvmsg," +
	"read,write,readv,writev,close,shutdown,select,pselect6,poll,ppoll,fcntl,setsockopt,getsockopt,getsockname,getpeername," +
	"epoll_create,epoll_create1,epoll_ctl,epoll_wait,epoll_pwait," +
	"clone,clone3,wait4,kill,tgkill,alarm,pause,rt_sigsuspend,rt_sigreturn"

// ParseStrace reads the output of strace -f -qq -s 0 -T (optionally with
// pid prefixes) into calls, in the order they returned, each with the
// thread that made it (Pid; 0 for lines without a prefix, the first
// thread's before it had company). Calls that never returned (the
// program was killed in them) are left out, as netplay traces a call when
// it returns; a call a signal handler interrupted is there once, with
// EINTR when it returned that, or once restarted, as netplay traces it.
func ParseStrace(text string) []Call {
	var calls []Call
	pending := map[string]string{}   // pid -> "name(args" of an unfinished call
	interrupted := map[string]Call{} // pid -> a call a signal interrupted
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
		if c.Name == "rt_sigreturn" {
			// The end of a handler: the call it interrupted returns
			// EINTR now, or is made again (restarted).
			if ic, was := interrupted[pid]; was && c.Ret == -1 && c.Errno == "EINTR" {
				ic.Pid = atoi(pid)
				calls = append(calls, ic)
			}
			delete(interrupted, pid)
			continue
		}
		if c.Errno == "ERESTART" {
			c.Ret, c.Errno = -1, "EINTR"
			interrupted[pid] = c
			continue
		}
		if ok {
			c.Pid = atoi(pid)
			calls = append(calls, c)
		}
	}
	return calls
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
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
	interrupted := len(res) > 1 && res[0] == "?" && strings.HasPrefix(res[1], "ERESTART")
	if interrupted {
		// A signal came: what it returns comes with rt_sigreturn.
		res = []string{"-1", "ERESTART"}
	}
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
	}
	if name == "clone" || name == "clone3" {
		// fork (glibc's is clone with SIGCHLD) or pthread_create.
		c.Name, c.Child, c.Thread = "fork", int(ret), strings.Contains(args, "CLONE_THREAD")
		if c.Thread {
			c.Name = "thread"
		}
		return c, true
	}
	first, _, _ := strings.Cut(args, ",")
	first = strings.TrimSpace(first)
	switch c.Name {
	case "socket":
		c.Family, c.Type = socketArgs(args)
	case "select", "poll":
	default:
		if fd, err := strconv.Atoi(first); err == nil {
			c.FD = fd
		}
	}
	// glibc's send/recv are sendto/recvfrom without an address; the
	// canonical name covers both. A call on an unconnected socket with
	// an address keeps its meaning through the socket's own calls.
	return c, !interrupted
}

var (
	portRE = regexp.MustCompile(`sin6?_port=htons\((\d+)\)`)
	durRE  = regexp.MustCompile(`<(\d+\.\d+)>\s*$`)
)

// Port is one bridge port of the Linux wire: which host's NIC it joins.
type Port struct {
	Name string // interface name in the wire namespace
	Link int
	Host string
	MAC  string // the host NIC's MAC, lower case
}

// capFrame is a captured frame before deduplication.
type capFrame struct {
	packet
	f    Frame
	used bool
}

// ReadCapture reads a pcapng capture of every port of the wire (dumpcap's
// file) into the frames each host sent, in time order, decoded with
// stack/frame; a frame no other port of its link forwarded is marked
// dropped.
func ReadCapture(pcapng []byte, ports []Port) ([]Frame, error) {
	pkts, err := readPcapng(pcapng)
	if err != nil {
		return nil, err
	}
	return hostFrames(pkts, ports), nil
}

// hostFrames turns the packets captured on the wire's ports into the frames the
// hosts sent (see ReadCapture).
func hostFrames(pkts []packet, ports []Port) []Frame {
	byName := map[string]Port{}
	for _, p := range ports {
		byName[p.Name] = p
	}
	all := make([]*capFrame, len(pkts))
	for i, p := range pkts {
		all[i] = &capFrame{packet: p, f: frameOf(p.data)}
		all[i].f.T = p.t
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].t < all[j].t })
	var out []Frame
	for i, cf := range all {
		p, ok := byName[cf.iface]
		if !ok || len(cf.data) < frame.EthernetSize || frame.Ethernet(cf.data).Src().String() != p.MAC {
			continue // a copy leaving the wire, or not from a host
		}
		f := cf.f
		f.Link, f.Sender = p.Link, p.Host
		// The copies the hub put out on the link's other ports are the
		// same bytes.
		same := func(o *capFrame) bool {
			op, ok := byName[o.iface]
			return ok && !o.used && o.iface != cf.iface && op.Link == p.Link && string(o.data) == string(cf.data)
		}
		f.Dropped = true
		for _, o := range all[i+1:] {
			if same(o) {
				o.used = true
				f.Dropped = false
				break
			}
		}
		if f.Dropped {
			// Also a copy stamped a hair before the original.
			for _, o := range all[:i] {
				if same(o) && cf.t-o.t < 1e6 {
					o.used = true
					f.Dropped = false
					break
				}
			}
		}
		out = append(out, f)
	}
	return out
}
