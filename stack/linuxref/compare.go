//go:build linux

package linuxref

import (
	"fmt"
	"maps"
	"net/netip"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"netplay/stack/frame"
)

// Token is one frame of a connection: who sent it and what it was
// ("S.", "S dropped", "ICMP 3/1", "UDP 5").
type Token struct {
	Host string
	What string
	ack  uint32 // TCP: acknowledgment number
	bare bool   // TCP: a pure ACK (flags ".", no payload, not dropped)
}

// Conn is one connection (or ICMP/UDP exchange) on one link.
type Conn struct {
	Key    string // e.g. "link 0: 10.0.0.1:#1 > 10.0.0.2:12345"
	Tokens []Token
}

// Norm is a Side normalised for comparison (see the package doc).
type Norm struct {
	Conns  []*Conn
	Calls  map[string][]string // per host, "connect(fd#1) = -1 ECONNREFUSED"
	Stdout map[string]string   // per host, masked
	Stderr map[string]string
	Status map[string]string // per host, "exit 0" / "not run"
	// Fails lists the socket calls that failed, with how long a slow one
	// took ("connect ETIMEDOUT after 127 s"), for the summary.
	Fails []string
}

func (n *Norm) conn(key string) *Conn {
	for _, c := range n.Conns {
		if c.Key == key {
			return c
		}
	}
	return nil
}

// ndp reports ICMP messages Linux sends on its own timers (IPv6 neighbour
// and router discovery, MLD), which are not compared.
func ndp(f Frame) bool {
	if !strings.Contains(f.Src, ":") {
		return false
	}
	t := uint8(f.Type)
	return t >= frame.ICMPv6MLDQuery && t <= frame.ICMPv6Redirect || t == frame.ICMPv6MLDv2Report
}

type tcpConn struct {
	c      *Conn
	client string // "ip:port" of the side that sent the first SYN
	isn    uint32
	hasSyn bool
}

// Normalize turns a Side into what Compare compares.
func Normalize(s *Side) *Norm {
	n := &Norm{Calls: map[string][]string{}, Stdout: map[string]string{}, Stderr: map[string]string{}, Status: map[string]string{}}
	labels := map[string]string{} // client "ip:port" -> "ip:#k"
	perIP := map[string]int{}
	// Ports programs learnt with getsockname on sockets bound to port 0 or
	// not bound: ephemeral too, "L1", "L2"… in host and call order.
	local := map[int]string{}
	for _, name := range sortedKeys(s.Hosts) {
		bound := map[int]int{}
		for _, c := range s.Hosts[name].Calls {
			if c.Errno != "" {
				continue
			}
			switch c.Name {
			case "socket":
				delete(bound, int(c.Ret))
			case "accept":
				bound[int(c.Ret)] = -2 // the listener's port
			case "bind":
				bound[c.FD] = c.Port
			case "getsockname":
				if p, ok := bound[c.FD]; (!ok || p == 0) && c.Port > 0 && local[c.Port] == "" {
					local[c.Port] = "L" + strconv.Itoa(len(local)+1)
				}
			}
		}
	}
	label := func(ap string) string {
		if l, ok := labels[ap]; ok {
			return l
		}
		if p, err := netip.ParseAddrPort(ap); err == nil && local[int(p.Port())] != "" {
			l := netip.AddrPortFrom(p.Addr(), 0).String()
			return strings.TrimSuffix(l, ":0") + ":" + local[int(p.Port())]
		}
		return ap
	}
	assign := func(ap string) string {
		if l, ok := labels[ap]; ok {
			return l
		}
		p, err := netip.ParseAddrPort(ap)
		if err != nil {
			return ap
		}
		ip := p.Addr().String()
		perIP[ip]++
		l := netip.AddrPortFrom(p.Addr(), 0).String()
		l = strings.TrimSuffix(l, ":0") + ":#" + strconv.Itoa(perIP[ip])
		labels[ap] = l
		return l
	}
	type tkey struct {
		link int
		a, b string
	}
	pair := func(link int, x, y string) tkey {
		if x > y {
			x, y = y, x
		}
		return tkey{link, x, y}
	}
	tcps := map[tkey]*tcpConn{}
	uses := map[string]int{}
	other := map[string]*Conn{}
	newConn := func(key string) *Conn {
		uses[key]++
		if uses[key] > 1 {
			key += fmt.Sprintf(" (#%d use)", uses[key])
		}
		c := &Conn{Key: key}
		n.Conns = append(n.Conns, c)
		return c
	}
	var isns []isn
	for _, f := range s.Frames {
		switch f.Kind {
		case "tcp":
			what := f.Flags
			if f.Dropped {
				what += " dropped"
			}
			syn := strings.Contains(f.Flags, "S")
			if syn {
				isns = append(isns, isn{f.Sender, f.Seq})
			}
			k := pair(f.Link, f.Src, f.Dst)
			tc := tcps[k]
			pureSyn := syn && !strings.Contains(f.Flags, ".")
			if tc == nil || (pureSyn && tc.hasSyn && tc.isn != f.Seq) {
				tc = &tcpConn{}
				if pureSyn {
					tc.client, tc.isn, tc.hasSyn = f.Src, f.Seq, true
					assign(f.Src)
				}
				cl, sv := label(f.Src), label(f.Dst)
				if tc.client == "" && labels[f.Dst] != "" {
					cl, sv = sv, cl
				}
				tc.c = newConn(fmt.Sprintf("link %d: %s > %s", f.Link, cl, sv))
				tcps[k] = tc
			}
			tc.c.Tokens = append(tc.c.Tokens, Token{Host: f.Sender, What: what, ack: f.Ack, bare: f.Flags == "." && f.Len == 0 && !f.Dropped})
		case "icmp":
			if ndp(f) {
				continue
			}
			what := fmt.Sprintf("ICMP %d/%d", f.Type, f.Code)
			if f.Dropped {
				what += " dropped"
			}
			if f.InnerProto == "tcp" {
				if tc := tcps[pair(f.Link, f.InnerSrc, f.InnerDst)]; tc != nil {
					tc.c.Tokens = append(tc.c.Tokens, Token{Host: f.Sender, What: what})
					continue
				}
			}
			key := fmt.Sprintf("link %d: icmp %s > %s", f.Link, f.Src, f.Dst)
			if f.InnerProto != "" {
				key = fmt.Sprintf("link %d: %s %s > %s", f.Link, f.InnerProto, label(f.InnerSrc), label(f.InnerDst))
			}
			rev := fmt.Sprintf("link %d: icmp %s > %s", f.Link, f.Dst, f.Src)
			c := other[key]
			if c == nil {
				c = other[rev]
			}
			if c == nil {
				c = newConn(key)
				other[key] = c
			}
			c.Tokens = append(c.Tokens, Token{Host: f.Sender, What: what})
		case "udp":
			k := pair(f.Link, f.Src, f.Dst)
			tc := tcps[k]
			if tc == nil {
				assign(f.Src)
				tc = &tcpConn{client: f.Src}
				tc.c = newConn(fmt.Sprintf("link %d: udp %s > %s", f.Link, label(f.Src), label(f.Dst)))
				tcps[k] = tc
			}
			what := fmt.Sprintf("UDP %d", f.Len)
			if f.Dropped {
				what += " dropped"
			}
			tc.c.Tokens = append(tc.c.Tokens, Token{Host: f.Sender, What: what})
		}
	}
	ports := map[int]string{}
	for p, l := range local {
		ports[p] = "<port " + l + ">"
	}
	for ap, l := range labels {
		if p, err := netip.ParseAddrPort(ap); err == nil {
			ports[int(p.Port())] = "<port " + l[strings.LastIndex(l, "#"):] + ">"
		}
	}
	for _, name := range sortedKeys(s.Hosts) {
		h := s.Hosts[name]
		if !h.Ran {
			n.Status[name] = "not run"
			continue
		}
		n.Calls[name] = normCalls(h.Calls)
		for _, c := range h.Calls {
			if c.Errno == "" || c.Errno == "EAGAIN" || c.Errno == "EWOULDBLOCK" || !(alwaysSocket[c.Name] || c.Name == "socket") {
				continue
			}
			f := c.Name + " " + c.Errno
			if c.Dur >= 500*time.Millisecond {
				f += fmt.Sprintf(" after %.0f s", c.Dur.Seconds())
			}
			if !contains(n.Fails, f) {
				n.Fails = append(n.Fails, f)
			}
		}
		n.Stdout[name] = mask(h.Stdout, ports, isns)
		n.Stderr[name] = mask(h.Stderr, ports, isns)
		if spawns(h.Calls) {
			// Several processes or threads: how they interleave is each
			// scheduler's, so their calls compare as ProcCalls does and
			// their lines as a set.
			n.Calls[name] = ProcCalls(h.Calls)
			n.Stdout[name] = linesSorted(n.Stdout[name])
			n.Stderr[name] = linesSorted(n.Stderr[name])
		}
		var exits []string
		for _, st := range h.Exits {
			exits = append(exits, fmt.Sprintf("exit %d", st))
		}
		if len(exits) == 0 { // a side built without Exits
			exits = append(exits, fmt.Sprintf("exit %d", h.Status))
		}
		n.Status[name] = strings.Join(exits, ", ")
	}
	return n
}

// spawns reports whether a program forked or made a thread.
func spawns(calls []Call) bool {
	for _, c := range calls {
		if (c.Name == "fork" || c.Name == "thread") && c.Child > 0 {
			return true
		}
	}
	return false
}

// linesSorted returns the lines of s in sorted order.
func linesSorted(s string) string {
	l := strings.Split(s, "\n")
	sort.Strings(l)
	return strings.Join(l, "\n")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

type isn struct {
	host string
	seq  uint32
}

// alwaysSocket are calls whose first argument must be a socket: they are
// compared whatever the fd.
var alwaysSocket = map[string]bool{
	"bind": true, "listen": true, "accept": true, "connect": true, "send": true, "recv": true,
	"shutdown": true, "setsockopt": true, "getsockopt": true, "getsockname": true, "getpeername": true,
}

// fdCalls are compared only on fds socket() or accept() returned.
var fdCalls = map[string]bool{"read": true, "write": true, "close": true, "fcntl": true}

func normCalls(calls []Call) []string {
	labels := map[int]string{}
	next := 0
	fdName := func(fd int) string {
		if l, ok := labels[fd]; ok {
			return l
		}
		return "fd" + strconv.Itoa(fd)
	}
	var out []string
	for _, c := range calls {
		var text string
		res := func(ret string) string {
			if c.Errno != "" {
				return fmt.Sprintf(" = %d %s", c.Ret, c.Errno)
			}
			return " = " + ret
		}
		switch {
		case c.Name == "socket":
			fam := strings.Replace(strings.TrimSpace(c.Family), "PF_", "AF_", 1)
			if c.Ret >= 0 && fam != "AF_INET" && fam != "AF_INET6" {
				continue // libc's own sockets (AF_UNIX…), not the program's
			}
			r := ""
			if c.Ret >= 0 {
				next++
				labels[int(c.Ret)] = "fd#" + strconv.Itoa(next)
				r = labels[int(c.Ret)]
			}
			text = "socket(" + fam + ")" + res(r)
		case c.Name == "exit":
			// A run of the program ended: its descriptors are gone.
			text = "exit " + strconv.FormatInt(c.Ret, 10)
			clear(labels)
		case c.Name == "select" || c.Name == "poll" || c.Name == "epoll_wait" || c.Name == "epoll_create" || c.Name == "epoll_ctl":
			text = c.Name + "()" + res(strconv.FormatInt(c.Ret, 10))
		case alwaysSocket[c.Name]:
			r := strconv.FormatInt(c.Ret, 10)
			if c.Name == "accept" && c.Ret >= 0 {
				next++
				labels[int(c.Ret)] = "fd#" + strconv.Itoa(next)
				r = labels[int(c.Ret)]
			}
			text = c.Name + "(" + fdName(c.FD) + ")" + res(r)
		case fdCalls[c.Name]:
			l, ok := labels[c.FD]
			if !ok {
				continue
			}
			text = c.Name + "(" + l + ")" + res(strconv.FormatInt(c.Ret, 10))
			if c.Name == "close" && c.Errno == "" {
				delete(labels, c.FD)
			}
		default:
			continue
		}
		if len(out) > 0 && out[len(out)-1] == text {
			continue // a loop repeating the same call with the same result
		}
		out = append(out, text)
	}
	return out
}

var numRE = regexp.MustCompile(`\b\d+\b`)

// mask replaces ephemeral ports and sequence numbers near an ISN in a
// program's output.
func mask(s string, ports map[int]string, isns []isn) string {
	if s == "" {
		return s
	}
	return numRE.ReplaceAllStringFunc(s, func(w string) string {
		v, err := strconv.ParseUint(w, 10, 64)
		if err != nil {
			return w
		}
		if l, ok := ports[int(v)]; ok && v < 65536 {
			return l
		}
		if v < 1<<32 && v > 65535 {
			for _, i := range isns {
				if d := uint32(v) - i.seq; d < 1<<20 {
					return fmt.Sprintf("<ISN %s+%d>", i.host, d)
				}
			}
		}
		return w
	})
}

// Report is the outcome of comparing one scenario.
type Report struct {
	Same  bool
	Diffs []Diff   // the differences, one per host and place
	Notes []string // what differs without failing (interleaving, delayed ACK)
	// DelayedACK: a side sent the ACK of a FIN on its own FIN where the
	// other sent it apart (see sentMerged); not a difference.
	DelayedACK bool
	// Netplay and Linux sum each side up in one line for the README table.
	Netplay, Linux string
}

// Text is the report as a readable block.
func (r *Report) Text() string {
	var b strings.Builder
	if r.Same {
		b.WriteString("same\n")
	} else {
		b.WriteString("differs:\n")
	}
	for _, d := range r.Diffs {
		b.WriteString(d.Text)
		b.WriteString("\n")
	}
	for _, d := range r.Notes {
		b.WriteString("note: ")
		b.WriteString(d)
		b.WriteString("\n")
	}
	return b.String()
}

func sent(c *Conn, host string) []string {
	var out []string
	for _, t := range c.Tokens {
		if t.Host == host {
			out = append(out, t.What)
		}
	}
	return out
}

// sentMerged is what host sent, with a pure ACK left out when the host's
// next segment is its FIN acknowledging the same: the FIN carries that ACK.
// Linux delays the ACK of a FIN (up to 40 ms) and usually sends it on its
// own FIN when the program closes at once, but not always (it depends on
// scheduling); netstack acknowledges a FIN at once.
func sentMerged(c *Conn, host string) []string {
	var mine []Token
	for _, t := range c.Tokens {
		if t.Host == host {
			mine = append(mine, t)
		}
	}
	var out []string
	for i, t := range mine {
		if t.bare && i+1 < len(mine) && mine[i+1].What == "F." && mine[i+1].ack == t.ack {
			continue
		}
		out = append(out, t.What)
	}
	return out
}

func hostsOf(cs ...*Conn) []string {
	m := map[string]bool{}
	for _, c := range cs {
		if c == nil {
			continue
		}
		for _, t := range c.Tokens {
			m[t.Host] = true
		}
	}
	return sortedKeys(m)
}

func sortedKeys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Wire is a connection's frames in wire order, "host flags" each.
func (c *Conn) Wire() string {
	var w []string
	for _, t := range c.Tokens {
		w = append(w, t.Host+" "+t.What)
	}
	return strings.Join(w, ", ")
}

// Compare compares netplay's side with Linux's (see the package doc for
// what is strict).
func Compare(np, lx *Side) *Report {
	a, b := Normalize(np), Normalize(lx)
	r := &Report{Netplay: a.Summary(), Linux: b.Summary()}
	keys := map[string]bool{}
	var order []string
	for _, c := range append(append([]*Conn{}, a.Conns...), b.Conns...) {
		if !keys[c.Key] {
			keys[c.Key] = true
			order = append(order, c.Key)
		}
	}
	for _, k := range order {
		ca, cb := a.conn(k), b.conn(k)
		switch {
		case cb == nil:
			for _, h := range hostsOf(ca) {
				sa := sent(ca, h)
				r.Diffs = append(r.Diffs, Diff{Host: h, In: "sent", Conn: k, Netplay: Compact(sa), Linux: Compact(nil),
					Text: fmt.Sprintf("%s: only in netplay: %s", k, ca.Wire())})
			}
			continue
		case ca == nil:
			for _, h := range hostsOf(cb) {
				sb := sent(cb, h)
				r.Diffs = append(r.Diffs, Diff{Host: h, In: "sent", Conn: k, Netplay: Compact(nil), Linux: Compact(sb),
					Text: fmt.Sprintf("%s: only on Linux: %s", k, cb.Wire())})
			}
			continue
		}
		same := true
		for _, h := range hostsOf(ca, cb) {
			sa, sb := sent(ca, h), sent(cb, h)
			if strings.Join(sa, " ") == strings.Join(sb, " ") {
				continue
			}
			same = false
			if strings.Join(sentMerged(ca, h), " ") == strings.Join(sentMerged(cb, h), " ") {
				r.Notes = append(r.Notes, fmt.Sprintf("%s: %s sent the ACK of a FIN on its own FIN on one side only (delayed ACK)\n  netplay: %s\n  Linux:   %s", k, h, list(sa), list(sb)))
				r.DelayedACK = true
				continue
			}
			r.Diffs = append(r.Diffs, Diff{Host: h, In: "sent", Conn: k, Netplay: Compact(sa), Linux: Compact(sb),
				Text: fmt.Sprintf("%s: %s sent\n  netplay: %s\n  Linux:   %s", k, h, list(sa), list(sb))})
		}
		if same && ca.Wire() != cb.Wire() {
			r.Notes = append(r.Notes, fmt.Sprintf("%s: same frames, interleaved otherwise on the wire\n  netplay: %s\n  Linux:   %s", k, ca.Wire(), cb.Wire()))
		}
	}
	hosts := map[string]bool{}
	for h := range a.Status {
		hosts[h] = true
	}
	for h := range b.Status {
		hosts[h] = true
	}
	for _, h := range sortedKeys(hosts) {
		if d := diffLines(a.Calls[h], b.Calls[h]); d != "" {
			onlyA, onlyB := diffOnly(a.Calls[h], b.Calls[h])
			r.Diffs = append(r.Diffs, Diff{Host: h, In: "calls", Netplay: onlyA, Linux: onlyB,
				Text: fmt.Sprintf("%s: socket calls differ (- netplay, + Linux):\n%s", h, d)})
		}
		if a.Stdout[h] != b.Stdout[h] {
			r.Diffs = append(r.Diffs, Diff{Host: h, In: "stdout", Netplay: a.Stdout[h], Linux: b.Stdout[h],
				Text: fmt.Sprintf("%s: stdout differs\n  netplay: %q\n  Linux:   %q", h, a.Stdout[h], b.Stdout[h])})
		}
		if a.Stderr[h] != b.Stderr[h] {
			r.Diffs = append(r.Diffs, Diff{Host: h, In: "stderr", Netplay: a.Stderr[h], Linux: b.Stderr[h],
				Text: fmt.Sprintf("%s: stderr differs\n  netplay: %q\n  Linux:   %q", h, a.Stderr[h], b.Stderr[h])})
		}
		if a.Status[h] != b.Status[h] {
			r.Diffs = append(r.Diffs, Diff{Host: h, In: "exit", Netplay: orNone(a.Status[h]), Linux: orNone(b.Status[h]),
				Text: fmt.Sprintf("%s: netplay %s, Linux %s", h, orNone(a.Status[h]), orNone(b.Status[h]))})
		}
	}
	r.Same = len(r.Diffs) == 0
	return r
}

func orNone(s string) string {
	if s == "" {
		return "no program"
	}
	return s
}

func list(s []string) string {
	if len(s) == 0 {
		return "(nothing)"
	}
	return strings.Join(s, ", ")
}

// diffOnly returns the lines only a has and the lines only b has (by the
// longest common subsequence, as diffLines shows them), each "; "-joined.
func diffOnly(a, b []string) (onlyA, onlyB string) {
	var xa, xb []string
	for _, l := range strings.Split(diffLines(a, b), "\n") {
		if v, ok := strings.CutPrefix(l, "  - "); ok {
			xa = append(xa, v)
		} else if v, ok := strings.CutPrefix(l, "  + "); ok {
			xb = append(xb, v)
		}
	}
	return strings.Join(xa, "; "), strings.Join(xb, "; ")
}

// diffLines is a small line diff (longest common subsequence), "" when equal.
func diffLines(a, b []string) string {
	if strings.Join(a, "\n") == strings.Join(b, "\n") {
		return ""
	}
	n, m := len(a), len(b)
	l := make([][]int, n+1)
	for i := range l {
		l[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				l[i][j] = l[i+1][j+1] + 1
			} else {
				l[i][j] = max(l[i+1][j], l[i][j+1])
			}
		}
	}
	var out strings.Builder
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			out.WriteString("    " + a[i] + "\n")
			i++
			j++
		case i < n && (j == m || l[i+1][j] >= l[i][j+1]):
			out.WriteString("  - " + a[i] + "\n")
			i++
		default:
			out.WriteString("  + " + b[j] + "\n")
			j++
		}
	}
	return strings.TrimRight(out.String(), "\n")
}

// Summary sums a run up in one line: the first connections' frames in
// wire order and the socket calls that failed.
func (n *Norm) Summary() string {
	var parts []string
	for i, c := range n.Conns {
		if i == 2 {
			parts = append(parts, fmt.Sprintf("+%d more", len(n.Conns)-2))
			break
		}
		var w []string
		for _, t := range c.Tokens {
			x := t.What
			x = strings.Replace(x, " dropped", "✗", 1)
			x = strings.Replace(x, "ICMP ", "ICMP", 1)
			w = append(w, x)
		}
		parts = append(parts, strings.Join(w, " "))
	}
	if len(parts) == 0 {
		parts = append(parts, "no TCP")
	}
	fails := n.Fails
	if len(fails) > 0 {
		parts = append(parts, strings.Join(fails, ", "))
	}
	return strings.Join(parts, "; ")
}

// ProcCalls sums up the calls of a host whose program runs several
// processes or threads, as a sorted list: their interleaving is the
// scheduler's (Linux's and netplay's differ, and Linux's from run to run),
// so two runs are the same when the same calls returned the same results,
// in whatever order. Descriptors are followed as normCalls follows them,
// per process: a thread shares its process's, a forked child starts with a
// copy of its parent's; pids are left out (they differ), so are calls on
// descriptors that are not sockets (the C library's own files).
func ProcCalls(calls []Call) []string {
	threadOf := map[int]int{} // a thread → its process (a child: itself)
	labels := map[int]map[int]bool{0: {}}
	procOf := func(pid int) int {
		if p, ok := threadOf[pid]; ok {
			return p
		}
		return 0 // the program's first process (Linux names it only once it has company)
	}
	// strace prints a call when it returns, so a child's first calls can
	// come before the clone that made it returns in its parent: they wait
	// until the clone is seen, as the child's descriptors are its parent's
	// at that moment.
	unborn := map[int]bool{}
	for _, c := range calls {
		if (c.Name == "fork" || c.Name == "thread") && c.Child > 0 {
			unborn[c.Child] = true
		}
	}
	early := map[int][]Call{}
	var out []string
	var handle func(c Call)
	handle = func(c Call) {
		if unborn[c.Pid] {
			early[c.Pid] = append(early[c.Pid], c)
			return
		}
		if (c.Name == "fork" || c.Name == "thread") && c.Child > 0 {
			defer func() {
				delete(unborn, c.Child)
				waiting := early[c.Child]
				delete(early, c.Child)
				for _, w := range waiting {
					handle(w)
				}
			}()
		}
		p := procOf(c.Pid)
		ls := labels[p]
		res := func(ret string) string {
			if c.Errno != "" {
				return fmt.Sprintf(" = %d %s", c.Ret, c.Errno)
			}
			return " = " + ret
		}
		n := strconv.FormatInt(c.Ret, 10)
		var text string
		switch {
		case c.Name == "fork":
			if c.Ret > 0 {
				threadOf[c.Child] = c.Child
				labels[c.Child] = maps.Clone(ls)
				n = "pid"
			}
			text = "fork()" + res(n)
		case c.Name == "thread":
			threadOf[c.Child] = p
			text = "thread()"
		case c.Name == "exit":
			return
		case c.Name == "socket":
			fam := strings.Replace(strings.TrimSpace(c.Family), "PF_", "AF_", 1)
			if c.Ret >= 0 && fam != "AF_INET" && fam != "AF_INET6" {
				return
			}
			if c.Ret >= 0 {
				ls[int(c.Ret)] = true
				n = "fd"
			}
			text = "socket(" + fam + ")" + res(n)
		case c.Name == "accept":
			if c.Ret >= 0 {
				ls[int(c.Ret)] = true
				n = "fd"
			}
			text = "accept()" + res(n)
		case alwaysSocket[c.Name]:
			text = c.Name + "()" + res(n)
		case fdCalls[c.Name]:
			if !ls[c.FD] {
				return
			}
			if c.Name == "close" && c.Errno == "" {
				delete(ls, c.FD)
			}
			text = c.Name + "(sock)" + res(n)
		case c.Name == "wait4":
			if c.Ret > 0 {
				n = "pid"
			}
			text = "wait4()" + res(n)
		case c.Name == "kill" || c.Name == "tgkill" || c.Name == "alarm" || c.Name == "pause" || c.Name == "rt_sigsuspend" ||
			c.Name == "select" || c.Name == "poll" || c.Name == "epoll_wait":
			text = c.Name + "()" + res(n)
		default:
			return
		}
		out = append(out, text)
	}
	for _, c := range calls {
		handle(c)
	}
	sort.Strings(out)
	return out
}
