package gallery

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	"netplay/stack/c"
	"netplay/stack/runner"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// The checks below pin what each experiment's teaching text promises, so a
// change in netplay that makes an experiment show something else fails
// here with a readable message, not only as a golden diff.

type evs []trace.Event

func (l evs) where(f func(e trace.Event) bool) evs {
	var out evs
	for _, e := range l {
		if f(e) {
			out = append(out, e)
		}
	}
	return out
}

func (l evs) segs(host string) evs {
	return l.where(func(e trace.Event) bool {
		return e.Kind == trace.KindSegment && (host == "" || e.Host == host)
	})
}

func (l evs) calls(host, call string) evs {
	return l.where(func(e trace.Event) bool {
		return e.Kind == trace.KindSyscall && e.Host == host && e.Call == call
	})
}

// flags lists "host:flags" of the TCP segments, "x" appended when dropped.
func (l evs) flags() []string {
	var out []string
	for _, e := range l.segs("") {
		s := e.Host + ":" + e.Flags
		if e.Dropped {
			s += "x"
		}
		out = append(out, s)
	}
	return out
}

func (l evs) errnos(host, call string) []string {
	var out []string
	for _, e := range l.calls(host, call) {
		out = append(out, e.Errno)
	}
	return out
}

func (l evs) output(host string) string {
	var b strings.Builder
	for _, e := range l.where(func(e trace.Event) bool { return e.Kind == trace.KindOutput && e.Host == host }) {
		b.WriteString(e.Text)
	}
	return b.String()
}

func (l evs) maxAcceptQ(host string) int {
	m := 0
	for _, e := range l.where(func(e trace.Event) bool { return e.Kind == trace.KindQueue && e.Host == host }) {
		m = max(m, e.AcceptQ)
	}
	return m
}

func sec(ns int64) time.Duration { return time.Duration(ns) }

func port(addr string) uint16 {
	ap, err := netip.ParseAddrPort(addr)
	if err != nil {
		return 0
	}
	return ap.Port()
}

func hasPrefix(got, want []string) bool {
	return len(got) >= len(want) && strings.Join(got[:len(want)], " ") == strings.Join(want, " ")
}

var experimentChecks = map[string]func(t *testing.T, l evs){
	"handshake": func(t *testing.T, l evs) {
		if want := []string{"client:S", "server:S.", "client:."}; !hasPrefix(l.flags(), want) {
			t.Errorf("flags %v, want %v first", l.flags(), want)
		}
		var states []string
		for _, e := range l.where(func(e trace.Event) bool { return e.Kind == trace.KindState }) {
			states = append(states, fmt.Sprintf("%s %d %s", e.Host, e.FD, e.To))
		}
		want := []string{"server 3 LISTEN", "client 3 SYN_SENT", "server -1 SYN_RECV", "client 3 ESTABLISHED", "server -1 ESTABLISHED"}
		if !hasPrefix(states, want) {
			t.Errorf("states %v, want %v first", states, want)
		}
		conn, acc := l.calls("client", "connect")[0], l.calls("server", "accept")[0]
		if conn.Ret != 0 || acc.Ret != 4 || conn.T >= acc.T {
			t.Errorf("connect = %d at %v, accept = %d at %v: want connect to return first", conn.Ret, sec(conn.T), acc.Ret, sec(acc.T))
		}
	},
	"make-socket": func(t *testing.T, l evs) {
		out := l.output("server")
		if strings.Count(out, "connected socket: fd 4") != 2 || !strings.Contains(out, "listening socket: fd 3") {
			t.Errorf("server output %q", out)
		}
		if b := l.calls("server", "bind"); len(b) != 1 || b[0].Args != "3, 0.0.0.0:12345" || b[0].Ret != 0 {
			t.Errorf("bind = %+v", b)
		}
	},
	"wildcard": func(t *testing.T, l evs) {
		out := l.output("server")
		for _, want := range []string{"listening on 0.0.0.0:8080", "client 202.61.22.10 reached us at 202.61.22.55", "client 192.168.1.20 reached us at 192.168.1.11"} {
			if !strings.Contains(out, want) {
				t.Errorf("server output %q lacks %q", out, want)
			}
		}
	},
	"wildcard-one": func(t *testing.T, l evs) {
		if got := l.errnos("alice", "connect"); strings.Join(got, ",") != "ECONNREFUSED" {
			t.Errorf("alice connect: %v, want ECONNREFUSED", got)
		}
		if got := l.errnos("bob", "connect"); strings.Join(got, ",") != "" || len(got) != 1 {
			t.Errorf("bob connect: %v, want success", got)
		}
		if r := l.segs("server").where(func(e trace.Event) bool { return e.Flags == "R." }); len(r) != 1 || !strings.HasPrefix(r[0].Src, "202.61.22.55:") {
			t.Errorf("RSTs from the server: %+v, want one from 202.61.22.55", r)
		}
	},
	"ephemeral-port": func(t *testing.T, l evs) {
		gs := l.calls("server", "getsockname")
		if len(gs) != 1 || strings.HasSuffix(gs[0].Args, ":0") {
			t.Errorf("getsockname after bind to port 0: %+v, want a port chosen", gs)
		}
		var syns []uint16
		for _, e := range l.segs("client").where(func(e trace.Event) bool { return e.Flags == "S" }) {
			syns = append(syns, port(e.Src))
		}
		var accepted []uint16
		for _, e := range l.calls("server", "accept") {
			accepted = append(accepted, port(strings.TrimPrefix(e.Args, "3, ")))
		}
		if len(syns) != 2 || syns[0] == syns[1] || syns[0] == 0 || fmt.Sprint(syns) != fmt.Sprint(accepted) {
			t.Errorf("SYNs from ports %v, accepted from %v: want two different ephemeral ports, the same on both sides", syns, accepted)
		}
		out := l.output("client")
		if strings.Count(out, "before connect: local address 0.0.0.0 port 0") != 2 || strings.Count(out, "after connect: local address 10.0.0.1 port") != 2 {
			t.Errorf("client output %q", out)
		}
	},
	"refused": func(t *testing.T, l evs) {
		if want := []string{"client:S", "server:R."}; !hasPrefix(l.flags(), want) {
			t.Errorf("flags %v, want %v first", l.flags(), want)
		}
		if got := l.errnos("client", "connect"); strings.Join(got, ",") != "ECONNREFUSED," {
			t.Errorf("connects: %v, want ECONNREFUSED then success", got)
		}
	},
	"timeout": func(t *testing.T, l evs) {
		conn := l.calls("client", "connect")
		if len(conn) != 1 || conn[0].Errno != "ETIMEDOUT" {
			t.Fatalf("connect: %+v, want ETIMEDOUT", conn)
		}
		var offs []string
		for _, e := range l.segs("client") {
			if e.Flags != "S" || !e.Dropped {
				t.Errorf("segment %s dropped=%v: want only dropped SYNs", e.Flags, e.Dropped)
			}
			offs = append(offs, sec(e.T-conn[0].Start).Round(time.Second).String())
		}
		if strings.Join(offs, " ") != "0s 1s 3s 7s 15s 31s 1m3s" {
			t.Errorf("SYNs %v after connect, want the first and retransmissions at 1,3,7,15,31,63 s", offs)
		}
		if d := sec(conn[0].T - conn[0].Start); d < 127*time.Second || d > 128*time.Second {
			t.Errorf("connect gave up after %v, want 127 s", d)
		}
	},
	"no-arp": func(t *testing.T, l evs) {
		conn := l.calls("client", "connect")
		if len(conn) != 1 || conn[0].Errno != "EHOSTUNREACH" {
			t.Fatalf("connect: %+v, want EHOSTUNREACH", conn)
		}
		arps := l.where(func(e trace.Event) bool { return e.Kind == trace.KindARP })
		for _, a := range arps {
			if a.Host != "client" || a.Type != 1 {
				t.Errorf("ARP %s from %s: want only the client's requests", a.Summary, a.Host)
			}
		}
		if len(arps) < 3 || len(l.segs("")) != 0 {
			t.Errorf("%d ARP requests, %d segments: want ≥3 unanswered requests and no TCP on the wire", len(arps), len(l.segs("")))
		}
		if d := sec(conn[0].T - conn[0].Start); d < 2*time.Second || d > 5*time.Second {
			t.Errorf("connect failed after %v, want a few seconds", d)
		}
	},
	"unreachable": func(t *testing.T, l evs) {
		icmp := l.where(func(e trace.Event) bool { return e.Kind == trace.KindICMP })
		if len(icmp) != 1 || icmp[0].Host != "router" || icmp[0].Type != 3 || icmp[0].Code != 0 {
			t.Errorf("ICMP %+v, want one net unreachable (3/0) from the router", icmp)
		}
		if got := l.errnos("client", "connect"); strings.Join(got, ",") != "ENETUNREACH," {
			t.Errorf("connects: %v, want ENETUNREACH then success", got)
		}
	},
	"backlog": func(t *testing.T, l evs) {
		if q := l.maxAcceptQ("server"); q != 3 {
			t.Errorf("accept queue peaked at %d, want backlog + 1 = 3", q)
		}
		firstAccept := l.calls("server", "accept")[0].T
		for i := 1; i <= 5; i++ {
			c := fmt.Sprintf("c%d", i)
			conn := l.calls(c, "connect")
			syns := len(l.segs(c).where(func(e trace.Event) bool { return e.Flags == "S" }))
			if len(conn) != 1 || conn[0].Ret != 0 {
				t.Errorf("%s connect: %+v", c, conn)
				continue
			}
			early := conn[0].T < int64(time.Second)
			if want := i <= 3; early != want || (syns == 1) != want {
				t.Errorf("%s: connect returned at %v after %d SYNs; want c1, c2, c3 at once, the others after retransmitting", c, sec(conn[0].T), syns)
			}
			if i > 3 && conn[0].T < firstAccept {
				t.Errorf("%s connected at %v, before the server's first accept at %v", c, sec(conn[0].T), sec(firstAccept))
			}
		}
	},
	"before-accept": func(t *testing.T, l evs) {
		est := l.where(func(e trace.Event) bool {
			return e.Kind == trace.KindState && e.Host == "server" && e.FD == -1 && e.To == "ESTABLISHED"
		})
		acc := l.calls("server", "accept")
		conn := l.calls("client", "connect")
		if len(est) != 1 || len(acc) != 1 || len(conn) != 1 {
			t.Fatalf("established %d, accept %d, connect %d", len(est), len(acc), len(conn))
		}
		if est[0].T > int64(100*time.Millisecond) || conn[0].T > int64(100*time.Millisecond) || acc[0].T < int64(2*time.Second) {
			t.Errorf("server ESTABLISHED at %v, connect at %v, accept at %v: want the first two long before accept", sec(est[0].T), sec(conn[0].T), sec(acc[0].T))
		}
		if q := l.maxAcceptQ("server"); q != 1 {
			t.Errorf("accept queue peaked at %d, want 1", q)
		}
		if out := l.output("server"); !strings.Contains(out, "it had already sent: hello") {
			t.Errorf("server output %q", out)
		}
	},
	"third-ack-lost": func(t *testing.T, l evs) {
		if want := []string{"client:S", "server:S.", "client:.x", "client:P.", "server:."}; !hasPrefix(l.flags(), want) {
			t.Errorf("flags %v, want %v first", l.flags(), want)
		}
		for _, f := range l.flags() {
			if strings.Contains(f, "R") || f == "server:S." && len(l.segs("server").where(func(e trace.Event) bool { return e.Flags == "S." })) > 1 {
				t.Errorf("flags %v: want no RST and no SYN,ACK retransmission", l.flags())
				break
			}
		}
		if out := l.output("server") + l.output("client"); !strings.Contains(out, "client says: hello") || !strings.Contains(out, "server says: got it") {
			t.Errorf("output %q", out)
		}
	},
	"client-bind": func(t *testing.T, l evs) {
		syn := l.segs("client").where(func(e trace.Event) bool { return e.Flags == "S" })
		if len(syn) != 1 || port(syn[0].Src) != 5555 {
			t.Errorf("SYNs %+v, want one from port 5555", syn)
		}
		if got := strings.Join(l.errnos("client", "bind"), ","); got != ",EADDRINUSE,EADDRINUSE," {
			t.Errorf("binds: %s, want ok, EADDRINUSE, EADDRINUSE (TIME_WAIT), ok with SO_REUSEADDR", got)
		}
		tw := l.where(func(e trace.Event) bool {
			return e.Kind == trace.KindState && e.Host == "client" && e.To == "TIME_WAIT"
		})
		if len(tw) != 1 || tw[0].T > l.calls("client", "bind")[2].T {
			t.Errorf("client TIME_WAIT %+v, want it before the third bind", tw)
		}
	},
	"nonblocking": func(t *testing.T, l evs) {
		if got := strings.Join(l.errnos("client", "connect"), ","); got != "EINPROGRESS,EINPROGRESS" {
			t.Errorf("connects: %s", got)
		}
		var so []string
		for _, e := range l.calls("client", "getsockopt") {
			so = append(so, e.Args)
		}
		if len(so) != 2 || !strings.HasSuffix(so[0], "→ 0") || !strings.Contains(so[1], "ECONNREFUSED") {
			t.Errorf("getsockopt SO_ERROR: %v, want 0 then ECONNREFUSED", so)
		}
		if sel := l.calls("client", "select"); len(sel) != 2 || sel[0].Ret != 1 || sel[1].Ret != 1 {
			t.Errorf("select: %+v, want writable twice", sel)
		}
	},
	"ipv6": func(t *testing.T, l evs) {
		if want := []string{"client:S", "server:S.", "client:."}; !hasPrefix(l.flags(), want) {
			t.Errorf("flags %v, want %v first", l.flags(), want)
		}
		types := map[int]bool{}
		for _, e := range l.where(func(e trace.Event) bool { return e.Kind == trace.KindICMP }) {
			types[e.Type] = true
		}
		if !types[135] || !types[136] || len(l.where(func(e trace.Event) bool { return e.Kind == trace.KindARP })) != 0 {
			t.Errorf("ICMPv6 types %v and ARP: want neighbour solicitation and advertisement, no ARP", types)
		}
		if out := l.output("server"); !strings.Contains(out, "accepted fd00::1 (address length 28)") {
			t.Errorf("server output %q", out)
		}
	},
	"seqnums": func(t *testing.T, l evs) {
		s := l.segs("")
		if len(s) < 5 {
			t.Fatalf("segments %v", l.flags())
		}
		syn, synack, ack, data, dataAck := s[0], s[1], s[2], s[3], s[4]
		if synack.AckAbs != syn.SeqAbs+1 || ack.AckAbs != synack.SeqAbs+1 || ack.SeqAbs != syn.SeqAbs+1 {
			t.Errorf("SYN seq %d, SYN,ACK seq %d ack %d, ACK seq %d ack %d: want ack = ISN+1 both ways", syn.SeqAbs, synack.SeqAbs, synack.AckAbs, ack.SeqAbs, ack.AckAbs)
		}
		if data.Flags != "P." || data.Len != 5 || data.SeqAbs != syn.SeqAbs+1 || dataAck.AckAbs != syn.SeqAbs+6 {
			t.Errorf("data %s len %d seq %d acked %d; want hello at j+1 acknowledged with j+6", data.Flags, data.Len, data.SeqAbs, dataAck.AckAbs)
		}
	},
	"framing": func(t *testing.T, l evs) {
		var data []int
		for _, e := range l.segs("client").where(func(e trace.Event) bool { return e.Len > 0 }) {
			data = append(data, e.Len)
		}
		if fmt.Sprint(data) != "[4 10 1004 1000]" {
			t.Errorf("the client's data segments carry %v bytes, want [4 10 1004 1000]: the first line alone, the next two held back by Nagle, the message in two halves", data)
		}
		reads := l.calls("server", "read")
		if len(reads) < 3 || reads[0].Ret != 14 || reads[2].Args != "4, 2000" || reads[2].Ret != 1000 {
			t.Fatalf("server reads %+v: want 14 bytes at once, then 2000 asked and 1000 returned", reads)
		}
		if out := l.output("server"); !strings.Contains(out, `one read returned 14 bytes: "one\ntwo\nthree\n"`) || !strings.Contains(out, "got the whole message: 2000 bytes") {
			t.Errorf("server output %q", out)
		}
	},
	"shutdown": func(t *testing.T, l evs) {
		sd := l.calls("client", "shutdown")
		answer := l.segs("server").where(func(e trace.Event) bool { return e.Flags == "P." })
		if len(sd) != 1 || sd[0].Ret != 0 || len(answer) != 1 || answer[0].T < sd[0].T {
			t.Errorf("shutdown %+v, the server's data %+v: want the answer after the client's half-close", sd, answer)
		}
		if out := l.output("client"); !strings.Contains(out, "server: you sent 2 lines, 12 bytes\nread returned 0") {
			t.Errorf("client output %q: want the answer read after shutdown", out)
		}
		w := l.calls("client", "write")
		if len(w) != 4 || w[2].Ret != 14 || w[3].Errno != "EPIPE" {
			t.Errorf("client writes %+v: want the first write to the closed peer to succeed, the second EPIPE", w)
		}
		rst := l.segs("server").where(func(e trace.Event) bool { return strings.HasPrefix(e.Flags, "R") })
		if len(rst) != 1 || len(w) < 4 || rst[0].T < w[2].T || rst[0].T > w[3].T {
			t.Errorf("RSTs from the server %+v: want one, between the two writes", rst)
		}
		sig := l.where(func(e trace.Event) bool {
			return e.Kind == trace.KindSignal && e.Signal == "SIGPIPE" && e.Op == "deliver"
		})
		if len(sig) != 1 || sig[0].Action != "ignore" {
			t.Errorf("SIGPIPE %+v, want one, ignored", sig)
		}
	},
	"restart": func(t *testing.T, l evs) {
		var binds []string
		for _, e := range l.calls("server", "bind") {
			_, addr, _ := strings.Cut(e.Args, ", ")
			binds = append(binds, fmt.Sprintf("%d %s", port(addr), e.Errno))
		}
		if got := strings.Join(binds, ","); got != "12345 ,12346 ,12345 EADDRINUSE,12346 " {
			t.Errorf("binds %s: want both ports at first, after the restart 12345 EADDRINUSE and 12346 bound", got)
		}
		tw := l.where(func(e trace.Event) bool {
			return e.Kind == trace.KindState && e.Host == "server" && e.To == "TIME_WAIT"
		})
		restart := l.where(func(e trace.Event) bool { return e.Kind == trace.KindAction && e.Do == "restart" })
		if len(tw) != 3 || len(restart) != 1 || tw[1].T > restart[0].T {
			t.Errorf("server TIME_WAITs %d, restarts %d: want both first connections in TIME_WAIT before the restart, the third after", len(tw), len(restart))
		}
		if got := strings.Join(l.errnos("client", "connect"), ","); got != ",,ECONNREFUSED," {
			t.Errorf("client connects %s: want the second round refused on 12345 only", got)
		}
		if out := l.output("client"); strings.Count(out, "port 12346: bye") != 2 {
			t.Errorf("client output %q", out)
		}
	},
	"crash": func(t *testing.T, l evs) {
		boot := l.where(func(e trace.Event) bool { return e.Kind == trace.KindAction && e.Do == "boot" })
		three := l.segs("client").where(func(e trace.Event) bool { return e.Len == 6 })
		if len(boot) != 1 || len(three) != 6 {
			t.Fatalf("boots %d, the third line sent %d times: want once and 6 (a probe, 4 retransmissions)", len(boot), len(three))
		}
		var gaps []string
		for i := 1; i < len(three); i++ {
			gaps = append(gaps, sec(three[i].T-three[i-1].T).Round(100*time.Millisecond).String())
		}
		if strings.Join(gaps, " ") != "200ms 200ms 400ms 800ms 1.6s" {
			t.Errorf("sent again %v apart, want a tail loss probe, then the wait doubling", gaps)
		}
		rst := l.segs("server").where(func(e trace.Event) bool { return strings.HasPrefix(e.Flags, "R") })
		if len(rst) != 1 || rst[0].T < boot[0].T || rst[0].T < three[5].T {
			t.Errorf("RSTs %+v: want one, from the booted server, after the last retransmission", rst)
		}
		if got := strings.Join(l.errnos("client", "read"), ","); !strings.HasSuffix(got, "ECONNRESET,") {
			t.Errorf("client reads %s: want ECONNRESET last (then the terminal's line four)", got)
		}
		if w := l.calls("client", "write"); len(w) != 4 || w[3].Errno != "EPIPE" {
			t.Errorf("client writes %+v: want the fourth to fail with EPIPE", w)
		}
		sig := l.where(func(e trace.Event) bool {
			return e.Kind == trace.KindSignal && e.Host == "client" && e.Signal == "SIGPIPE" && e.Op == "deliver"
		})
		if len(sig) != 1 || sig[0].Action != "terminate" {
			t.Errorf("SIGPIPE %+v: want it to kill the client", sig)
		}
	},
	"unplug": func(t *testing.T, l evs) {
		for _, e := range l.calls("client", "setsockopt") {
			if e.Ret != 0 {
				t.Errorf("client setsockopt(%s) = %d %s", e.Args, e.Ret, e.Errno)
			}
		}
		r := l.calls("client", "read").where(func(e trace.Event) bool { return e.FD == 3 })
		if len(r) != 2 || r[1].Errno != "ETIMEDOUT" || sec(r[1].T-r[0].T).Round(10*time.Millisecond) != 5*time.Second {
			t.Fatalf("client socket reads %+v: want ETIMEDOUT 5 s after the echo (2 s idle, 3 probes 1 s apart)", r)
		}
		unplug := l.where(func(e trace.Event) bool { return e.Kind == trace.KindAction && e.Do == "unplug" })
		if late := l.segs("client").where(func(e trace.Event) bool { return e.T > unplug[0].T }); len(late) != 0 {
			t.Errorf("client segments after the unplug: %v, want none", late.flags())
		}
	},
	"heartbeat": func(t *testing.T, l evs) {
		var reads []string
		for _, e := range l.calls("client", "read") {
			reads = append(reads, fmt.Sprint(e.Ret, e.Errno))
		}
		if got := strings.Join(reads, ","); got != "5,5,5,5,-1EAGAIN,-1EAGAIN,-1EAGAIN" {
			t.Errorf("client reads %s: want four pongs, then three timeouts", got)
		}
		if w := l.calls("client", "write"); len(w) != 7 || w[6].Ret != 5 {
			t.Errorf("client writes %+v: want all seven pings to succeed, unplugged or not", w)
		}
		sr := l.calls("server", "read")
		if len(sr) == 0 || sr[len(sr)-1].Errno != "EAGAIN" || sec(sr[len(sr)-1].T-sr[len(sr)-2].T).Round(10*time.Millisecond) != 5*time.Second {
			t.Errorf("server reads %+v: want a timeout 5 s after the last ping", sr)
		}
		if out := l.output("client"); !strings.Contains(out, "presumed dead") {
			t.Errorf("client output %q", out)
		}
	},
	"udp-refused": func(t *testing.T, l evs) {
		icmp := l.where(func(e trace.Event) bool { return e.Kind == trace.KindICMP })
		if len(icmp) != 2 || icmp[0].Type != 3 || icmp[0].Code != 3 || icmp[1].Code != 3 {
			t.Errorf("ICMP %+v: want two port unreachables (3/3)", icmp)
		}
		var got []string
		for _, c := range []string{"recvfrom", "recv"} {
			for _, e := range l.calls("client", c) {
				got = append(got, c+":"+e.Errno)
			}
		}
		if strings.Join(got, " ") != "recvfrom:EAGAIN recv:ECONNREFUSED recv:" {
			t.Errorf("client receives %v: want the unconnected socket to time out, the connected one refused, then the echo", got)
		}
		if out := l.output("client"); !strings.Contains(out, `connected, port 9998: got "hello"`) {
			t.Errorf("client output %q", out)
		}
	},
	"select":   func(t *testing.T, l evs) { checkMux(t, l, "select", 12, "10,4,10,4,10,4,0,0,0") },
	"poll":     func(t *testing.T, l evs) { checkMux(t, l, "poll", 12, "10,4,10,4,10,4,0,0,0") },
	"epoll-lt": func(t *testing.T, l evs) { checkMux(t, l, "epoll_wait", 12, "10,4,10,4,10,4,0,0,0") },
	"epoll-et": func(t *testing.T, l evs) {
		checkMux(t, l, "epoll_wait", 9, "10,4,-1EAGAIN,10,4,-1EAGAIN,10,4,-1EAGAIN,0,0,0")
		if f := l.calls("server", "fcntl"); len(f) != 6 || !strings.Contains(f[1].Args, "O_NONBLOCK") {
			t.Errorf("server fcntl %+v: want each connection made non-blocking", f)
		}
	},
	"accept-race": func(t *testing.T, l evs) {
		rst := l.segs("c1").where(func(e trace.Event) bool { return strings.HasPrefix(e.Flags, "R") })
		acc := l.calls("server", "accept")
		if len(rst) != 1 || len(acc) != 2 || rst[0].T > acc[0].Start || acc[0].Ret < 0 {
			t.Fatalf("c1's RSTs %+v, accepts %+v: want the RST before the first accept, which still returns the connection", rst, acc)
		}
		var reads []string
		for _, e := range l.calls("server", "read") {
			reads = append(reads, fmt.Sprint(e.Ret, e.Errno))
		}
		if got := strings.Join(reads, ","); got != "-1ECONNRESET,6" {
			t.Errorf("server reads %s: want ECONNRESET on the reset connection, then c2's hello", got)
		}
		// The reset connection stays in the accept queue until accept takes it.
		for _, q := range l.where(func(e trace.Event) bool { return e.Kind == trace.KindQueue && e.Host == "server" }) {
			if q.AcceptQ == 0 && q.T > rst[0].T && q.T < acc[0].T {
				t.Errorf("the accept queue emptied at %v, before accept at %v", sec(q.T), sec(acc[0].T))
			}
		}
	},
	"fork-server": func(t *testing.T, l evs) {
		forks := l.where(func(e trace.Event) bool { return e.Kind == trace.KindFork && e.Host == "server" })
		if len(forks) != 3 {
			t.Errorf("%d forks, want 3", len(forks))
		}
		var reaped []int64
		for _, e := range l.calls("server", "wait4") {
			if e.Ret > 0 {
				reaped = append(reaped, e.Ret)
			}
		}
		if len(reaped) != 3 || len(forks) == 3 && reaped[0] != int64(forks[1].Child) {
			t.Errorf("reaped %v: want the three children, c2's first", reaped)
		}
		out := l.output("server")
		for _, want := range []string{"child 1: hello from c1", "child 2: hello from c2", "child 3: hello from c3", "parent: all three children reaped"} {
			if !strings.Contains(out, want) {
				t.Errorf("server output %q lacks %q", out, want)
			}
		}
	},
	"thread-server": func(t *testing.T, l evs) {
		made := l.where(func(e trace.Event) bool { return e.Kind == trace.KindThread && e.Op == "create" })
		if len(made) != 3 {
			t.Errorf("%d threads made, want 3", len(made))
		}
		out := l.output("server")
		for _, want := range []string{"thread for fd 4: hello from c1", "thread for fd 5: hello from c2", "thread for fd 6: hello from c3", "main thread: all three threads joined"} {
			if !strings.Contains(out, want) {
				t.Errorf("server output %q lacks %q", out, want)
			}
		}
	},
}

// checkMux checks a one-thread server of three clients: it waits with call
// waits times, reads what reads lists ("ret" or "-1ERRNO", in order), and
// shows each client's line.
func checkMux(t *testing.T, l evs, call string, waits int, reads string) {
	t.Helper()
	if w := l.calls("server", call); len(w) != waits {
		t.Errorf("server %s: %d calls, want %d", call, len(w), waits)
	}
	var got []string
	for _, e := range l.calls("server", "read") {
		got = append(got, fmt.Sprint(e.Ret, e.Errno))
	}
	if strings.Join(got, ",") != reads {
		t.Errorf("server reads %s, want %s", strings.Join(got, ","), reads)
	}
	out := l.output("server")
	for _, c := range []string{"c1", "c2", "c3"} {
		if !strings.Contains(out, `4 bytes " `+c+`\n"`) {
			t.Errorf("server output %q lacks %s's line", out, c)
		}
	}
	if strings.Count(out, "the client closed") != 3 {
		t.Errorf("server output %q: want three clients closed", out)
	}
}

// TestExperiments runs each experiment and checks it shows what its text
// says. Every gallery scenario must have a check, and every program must
// end on its own, by a signal or by an action (the Linux comparison runs
// them in real time).
func TestExperiments(t *testing.T) {
	for _, id := range galleryIDs(t) {
		t.Run(id, func(t *testing.T) {
			check := experimentChecks[id]
			if check == nil {
				t.Fatalf("no check for %s", id)
			}
			res := galleryRun(t, id)
			if res.End != "all programs exited" {
				t.Errorf("run ended: %s", res.End)
			}
			acted := map[string]bool{} // "host@t" of every action and deadly signal
			for _, e := range res.Events {
				if e.Kind == trace.KindAction || e.Kind == trace.KindSignal && e.Action == "terminate" {
					acted[fmt.Sprint(e.Host, "@", e.T)] = true
				}
			}
			for _, e := range res.Events {
				// A program ends by itself, by a signal (its check says
				// which), or by what an action did to it.
				if e.Kind == trace.KindExit && e.Reason != "" && !acted[fmt.Sprint(e.Host, "@", e.T)] {
					t.Errorf("%s: %s", e.Host, e.Reason)
				}
			}
			check(t, evs(res.Events))
			if t.Failed() {
				var b strings.Builder
				trace.WriteText(&b, res.Events, trace.TextOptions{})
				t.Logf("trace:\n%s", b.String())
			}
		})
	}
}

// galleryRunEdited runs the built-in scenario id after edit changed it, as
// a learner following the text's "Next:" would.
func galleryRunEdited(t *testing.T, id string, edit func(sc *scenario.Scenario)) evs {
	t.Helper()
	sc, err := Load(id)
	if err != nil {
		t.Fatal(err)
	}
	edit(sc)
	res, err := runner.Run(sc, runner.Options{Compile: c.CompileProgram})
	if err != nil {
		t.Fatalf("%s edited: %v", id, err)
	}
	return evs(res.Events)
}

func replaceIn(t *testing.T, h *scenario.Host, old, new string) {
	t.Helper()
	if !strings.Contains(h.Program, old) {
		t.Fatalf("%s's program has no %q", h.Name, old)
	}
	h.Program = strings.Replace(h.Program, old, new, 1)
}

// TestNextSteps: what each text's "Next:" promises happens.
func TestNextSteps(t *testing.T) {
	host := func(sc *scenario.Scenario, name string) *scenario.Host {
		for i := range sc.Hosts {
			if sc.Hosts[i].Name == name {
				return &sc.Hosts[i]
			}
		}
		t.Fatalf("no host %s", name)
		return nil
	}
	t.Run("handshake", func(t *testing.T) {
		l := galleryRunEdited(t, "handshake", func(sc *scenario.Scenario) { sc.Faults = []scenario.Fault{{Drop: &scenario.Match{Nth: 4}}} })
		if want := []string{"client:S", "server:S.x", "client:S", "server:.", "server:S.", "client:."}; !hasPrefix(l.flags(), want) {
			t.Errorf("flags %v, want %v first", l.flags(), want)
		}
		if conn := l.calls("client", "connect"); len(conn) != 1 || conn[0].Ret != 0 {
			t.Errorf("connect %+v", conn)
		}
	})
	t.Run("wildcard-one", func(t *testing.T) {
		l := galleryRunEdited(t, "wildcard-one", func(sc *scenario.Scenario) { host(sc, "server").Args = []string{"2"} })
		if got := strings.Join(append(l.errnos("alice", "connect"), l.errnos("bob", "connect")...), ","); got != "," {
			t.Errorf("connects %q, want both to succeed with the wildcard back", got)
		}
	})
	t.Run("refused", func(t *testing.T) {
		l := galleryRunEdited(t, "refused", func(sc *scenario.Scenario) { host(sc, "server").Start = scenario.Duration(100 * time.Millisecond) })
		if got := strings.Join(l.errnos("client", "connect"), ","); got != "ECONNREFUSED,ECONNREFUSED" {
			t.Errorf("connects %s, want both refused", got)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		l := galleryRunEdited(t, "timeout", func(sc *scenario.Scenario) { sc.Faults[0].Drop.Count = 2 })
		conn := l.calls("client", "connect")
		if len(conn) != 1 || conn[0].Ret != 0 || sec(conn[0].T-conn[0].Start).Round(time.Second) != 3*time.Second {
			t.Errorf("connect %+v, want success after 3 s", conn)
		}
	})
	t.Run("no-arp", func(t *testing.T) {
		l := galleryRunEdited(t, "no-arp", func(sc *scenario.Scenario) { host(sc, "client").Args[0] = "10.0.0.2" })
		if got := l.errnos("client", "connect"); len(got) != 1 || got[0] != "ECONNREFUSED" {
			t.Errorf("connect %v, want ECONNREFUSED", got)
		}
	})
	t.Run("unreachable", func(t *testing.T) {
		l := galleryRunEdited(t, "unreachable", func(sc *scenario.Scenario) { host(sc, "client").Args[0] = "10.0.1.3" })
		icmp := l.where(func(e trace.Event) bool { return e.Kind == trace.KindICMP })
		if got := l.errnos("client", "connect"); len(got) != 2 || got[0] != "EHOSTUNREACH" || len(icmp) == 0 || icmp[0].Code != 1 {
			t.Errorf("connects %v, ICMP %+v; want EHOSTUNREACH after host unreachable (code 1)", got, icmp)
		}
	})
	t.Run("backlog", func(t *testing.T) {
		l := galleryRunEdited(t, "backlog", func(sc *scenario.Scenario) {
			replaceIn(t, host(sc, "server"), "listen(listenfd, 2)", "listen(listenfd, 4)")
		})
		for i := 1; i <= 5; i++ {
			if conn := l.calls(fmt.Sprintf("c%d", i), "connect"); len(conn) != 1 || conn[0].T > int64(time.Second) {
				t.Errorf("c%d connect %+v, want at once", i, conn)
			}
		}
	})
	t.Run("third-ack-lost", func(t *testing.T) {
		l := galleryRunEdited(t, "third-ack-lost", func(sc *scenario.Scenario) {
			replaceIn(t, host(sc, "client"), "    /* send at once", "    sleep(2);\n    /* send at once")
		})
		if want := []string{"client:S", "server:S.", "client:.x", "server:S.", "client:."}; !hasPrefix(l.flags(), want) {
			t.Errorf("flags %v, want %v first", l.flags(), want)
		}
	})
	t.Run("client-bind", func(t *testing.T) {
		l := galleryRunEdited(t, "client-bind", func(sc *scenario.Scenario) { replaceIn(t, host(sc, "client"), "    reuse(first);\n", "") })
		if got := strings.Join(l.errnos("client", "bind"), ","); got != ",EADDRINUSE,EADDRINUSE,EADDRINUSE" {
			t.Errorf("binds %s, want the last one to fail as well", got)
		}
	})
	t.Run("nonblocking", func(t *testing.T) {
		l := galleryRunEdited(t, "nonblocking", func(sc *scenario.Scenario) {
			sc.Faults = []scenario.Fault{{Drop: &scenario.Match{Flags: "S"}}}
			sc.Limit = scenario.Duration(30 * time.Second)
		})
		if sel := l.calls("client", "select"); len(sel) != 2 || sel[0].Ret != 0 || sec(sel[0].T-sel[0].Start) != 10*time.Second {
			t.Errorf("select %+v, want a 10 s timeout", sel)
		}
	})
	t.Run("framing", func(t *testing.T) {
		l := galleryRunEdited(t, "framing", func(sc *scenario.Scenario) {
			sc.Faults = []scenario.Fault{{Drop: &scenario.Match{Host: "client", Flags: "P.", Count: 1}}}
		})
		if want := []string{"client:P.x", "client:P."}; !hasPrefix(l.segs("client").where(func(e trace.Event) bool { return e.Len > 0 }).flags(), want) {
			t.Errorf("the client's data segments %v, want the first dropped and sent again", l.segs("client").where(func(e trace.Event) bool { return e.Len > 0 }).flags())
		}
		if r := l.calls("server", "read"); len(r) == 0 || r[0].Ret != 14 {
			t.Errorf("server reads %+v, want 14 bytes at once still", r)
		}
	})
	t.Run("shutdown", func(t *testing.T) {
		l := galleryRunEdited(t, "shutdown", func(sc *scenario.Scenario) {
			host(sc, "client").AddInput(scenario.Input{At: scenario.Duration(250 * time.Millisecond), Text: "again\n"})
		})
		if out := l.output("client"); !strings.Contains(out, "server: you sent 3 lines, 18 bytes") {
			t.Errorf("client output %q, want the third line counted", out)
		}
		if sd, p := l.calls("client", "shutdown"), l.segs("server").where(func(e trace.Event) bool { return e.Flags == "P." }); len(sd) != 1 || len(p) != 1 || p[0].T < sd[0].T {
			t.Errorf("shutdown %+v, answer %+v: want the answer after the EOF", sd, p)
		}
	})
	t.Run("restart", func(t *testing.T) {
		l := galleryRunEdited(t, "restart", func(sc *scenario.Scenario) {
			sc.Actions[1].At = scenario.Duration(62 * time.Second)
			sc.Actions[2].At = scenario.Duration(63 * time.Second)
		})
		if got := strings.Join(l.errnos("server", "bind"), ","); got != ",,," {
			t.Errorf("binds %s: want all four to succeed once TIME_WAIT is over", got)
		}
	})
	t.Run("crash", func(t *testing.T) {
		l := galleryRunEdited(t, "crash", func(sc *scenario.Scenario) { host(sc, "client").Stdin[2].At = scenario.Duration(6 * time.Second) })
		three := l.segs("client").where(func(e trace.Event) bool { return e.Len == 6 })
		rst := l.segs("server").where(func(e trace.Event) bool { return strings.HasPrefix(e.Flags, "R") })
		if len(three) != 1 || len(rst) != 1 || sec(rst[0].T-three[0].T) > 10*time.Millisecond {
			t.Errorf("the third line sent %d times, RSTs %+v: want it once, answered by RST at once", len(three), rst)
		}
		if got := strings.Join(l.errnos("client", "read"), ","); !strings.HasSuffix(got, "ECONNRESET,") {
			t.Errorf("client reads %s: want ECONNRESET", got)
		}
	})
	t.Run("unplug", func(t *testing.T) {
		l := galleryRunEdited(t, "unplug", func(sc *scenario.Scenario) {
			link := 0
			sc.AddAction(scenario.Action{At: scenario.Duration(4 * time.Second), Do: scenario.DoPlug, Link: &link})
		})
		probes := l.segs("client").where(func(e trace.Event) bool {
			return e.Flags == "." && e.T > int64(4*time.Second) && e.T < int64(8*time.Second)
		})
		answers := l.segs("server").where(func(e trace.Event) bool {
			return e.Flags == "." && e.T > int64(4*time.Second) && e.T < int64(8*time.Second)
		})
		if len(probes) < 2 || len(answers) < 2 {
			t.Errorf("keepalive probes %d, answers %d after the plug: want both", len(probes), len(answers))
		}
		if r := l.calls("client", "read").where(func(e trace.Event) bool { return e.FD == 3 }); len(r) != 2 || r[1].Ret != 0 || r[1].Errno != "" {
			t.Errorf("client socket reads %+v: want 0 at the server's close", r)
		}
	})
	t.Run("heartbeat", func(t *testing.T) {
		l := galleryRunEdited(t, "heartbeat", func(sc *scenario.Scenario) {
			link := 0
			sc.AddAction(scenario.Action{At: scenario.Duration(5500 * time.Millisecond), Do: scenario.DoPlug, Link: &link})
		})
		if out := l.output("client"); !strings.Contains(out, "ping 10: pong") || strings.Contains(out, "presumed dead") {
			t.Errorf("client output %q: want it to carry on to ping 10", out)
		}
	})
	t.Run("udp-refused", func(t *testing.T) {
		l := galleryRunEdited(t, "udp-refused", func(sc *scenario.Scenario) { host(sc, "server").Start = scenario.Duration(2 * time.Second) })
		if got := strings.Join(l.errnos("client", "recv"), ","); got != "ECONNREFUSED,ECONNREFUSED" {
			t.Errorf("client recvs %s: want both refused", got)
		}
	})
	for id, next := range map[string]struct {
		client, call string
		waits        int
	}{"select": {"c2", "select", 14}, "poll": {"c3", "poll", 14}, "epoll-lt": {"c1", "epoll_wait", 14}, "epoll-et": {"c2", "epoll_wait", 10}} {
		t.Run(id, func(t *testing.T) {
			l := galleryRunEdited(t, id, func(sc *scenario.Scenario) {
				host(sc, next.client).AddInput(scenario.Input{At: scenario.Duration(time.Second), Text: "more from " + next.client + "\n"})
			})
			if w := l.calls("server", next.call); len(w) != next.waits {
				t.Errorf("server %s: %d calls, want %d", next.call, len(w), next.waits)
			}
			if out := l.output("server"); !strings.Contains(out, "more from ") {
				t.Errorf("server output %q lacks the second line", out)
			}
		})
	}
	t.Run("accept-race", func(t *testing.T) {
		l := galleryRunEdited(t, "accept-race", func(sc *scenario.Scenario) { host(sc, "c2").Start = scenario.Duration(500 * time.Millisecond) })
		sel := l.calls("server", "select")
		if l.maxAcceptQ("server") < 1 || len(sel) != 2 || sel[1].T != sel[1].Start {
			t.Errorf("select %+v: want the second to return at once, c2 already waiting", sel)
		}
		if out := l.output("server"); !strings.Contains(out, "read: hello") {
			t.Errorf("server output %q", out)
		}
	})
	for id, next := range map[string]struct{ client, want string }{
		"fork-server": {"c1", "child 1: more from c1"}, "thread-server": {"c3", "thread for fd 6: more from c3"},
	} {
		t.Run(id, func(t *testing.T) {
			l := galleryRunEdited(t, id, func(sc *scenario.Scenario) {
				host(sc, next.client).AddInput(scenario.Input{At: scenario.Duration(2 * time.Second), Text: "more from " + next.client + "\n"})
			})
			if out := l.output("server"); !strings.Contains(out, next.want) {
				t.Errorf("server output %q lacks %q", out, next.want)
			}
		})
	}
	t.Run("ipv6", func(t *testing.T) {
		l := galleryRunEdited(t, "ipv6", func(sc *scenario.Scenario) {
			host(sc, "client").Args[0] = "fd00::3"
			sc.Limit = scenario.Duration(10 * time.Second)
		})
		if got := l.errnos("client", "connect"); len(got) != 1 || got[0] != "EHOSTUNREACH" {
			t.Errorf("connect %v, want EHOSTUNREACH as in 6b", got)
		}
	})
}
