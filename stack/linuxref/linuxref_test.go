//go:build linux

package linuxref

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"netplay/stack/frame"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

func TestParseStrace(t *testing.T) {
	text := `1230  close(3)                          = 0
1230  read(3, ""..., 832)               = 832
1230  socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3
1230  bind(3, {sa_family=AF_INET, sin_port=htons(12345), sin_addr=inet_addr("0.0.0.0")}, 16) = 0
1230  listen(3, 5)                      = 0
1230  accept(3, <unfinished ...>
1231  connect(5, {sa_family=AF_INET, sin_port=htons(81), sin_addr=inet_addr("10.0.0.2")}, 16) = -1 ECONNREFUSED (Connection refused) <1.500000>
1231  getsockname(5, {sa_family=AF_INET6, sin6_port=htons(40001), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::", &sin6_addr), sin6_scope_id=0}, [28]) = 0 <0.000010>
1230  <... accept resumed>{sa_family=AF_INET, sin_port=htons(55314), sin_addr=inet_addr("10.0.0.1")}, [16]) = 4
1230  sendto(4, ""..., 5, 0, NULL, 0)   = 5
1230  recvfrom(4, ""..., 64, 0, NULL, NULL) = 0
1230  pselect6(5, [4], NULL, NULL, {tv_sec=1, tv_nsec=0}, NULL) = 1 (in [4], left {tv_sec=0, tv_nsec=999})
1230  poll([{fd=4, events=POLLIN}], 1, 1000) = 0 (Timeout)
1230  fcntl(4, F_GETFL)                 = 0x2 (flags O_RDWR)
1230  --- SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER, si_pid=1230, si_uid=0} ---
1230  clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0) = 1232
1230  clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM, exit_signal=0}, 88) = 1233
1232  read(4, 0x7ffc, 64)               = ? ERESTARTSYS (To be restarted if SA_RESTART is set)
1232  --- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---
1232  rt_sigreturn({mask=[]})           = -1 EINTR (Interrupted system call)
1233  accept(3, 0x7ffc, [16])           = ? ERESTARTSYS (To be restarted if SA_RESTART is set)
1233  --- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---
1233  rt_sigreturn({mask=[]})           = 0
1233  accept(3, {sa_family=AF_INET, sin_port=htons(55316), sin_addr=inet_addr("10.0.0.1")}, [16]) = 5
1230  accept(3, <unfinished ...>
1230  +++ killed by SIGKILL +++
`
	got := ParseStrace(text)
	want := []Call{
		{Name: "close", FD: 3}, {Name: "read", FD: 3, Ret: 832},
		{Name: "socket", FD: -1, Ret: 3, Family: "AF_INET", Type: "SOCK_STREAM"},
		{Name: "bind", FD: 3, Port: 12345}, {Name: "listen", FD: 3},
		{Name: "connect", FD: 5, Ret: -1, Errno: "ECONNREFUSED", Port: 81, Dur: 1500 * time.Millisecond, Pid: 1231},
		{Name: "getsockname", FD: 5, Port: 40001, Dur: 10 * time.Microsecond, Pid: 1231},
		{Name: "accept", FD: 3, Ret: 4},
		{Name: "send", FD: 4, Ret: 5}, {Name: "recv", FD: 4},
		{Name: "select", FD: -1, Ret: 1}, {Name: "poll", FD: -1},
		{Name: "fcntl", FD: 4, Ret: 2},
		{Name: "fork", FD: -1, Ret: 1232, Child: 1232},
		{Name: "thread", FD: -1, Ret: 1233, Child: 1233, Thread: true},
		{Name: "read", FD: 4, Ret: -1, Errno: "EINTR", Pid: 1232},
		{Name: "accept", FD: 3, Ret: 5, Pid: 1233},
	}
	for i := range want {
		if want[i].Port == 0 {
			want[i].Port = -1
		}
		if want[i].Pid == 0 {
			want[i].Pid = 1230
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}
}

func TestReadCapture(t *testing.T) {
	ports := []Port{
		{Name: "l0p0", Link: 0, Host: "client", MAC: "02:00:02:01:00:01"},
		{Name: "l0p1", Link: 0, Host: "server", MAC: "02:00:01:01:00:01"},
	}
	capture, err := os.ReadFile("testdata/handshake.pcapng")
	if err != nil {
		t.Fatal(err)
	}
	frames, err := ReadCapture(capture, ports)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range frames {
		s := f.Sender + " " + f.Kind + " " + f.Flags
		if f.Dropped {
			s += " dropped"
		}
		got = append(got, strings.TrimSpace(s))
	}
	want := []string{"client arp", "server arp", "client tcp S", "server tcp S.", "client tcp .",
		"client tcp F.", "server tcp F.", "client tcp ."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if f := frames[2]; f.Src != "10.0.0.1:45786" || f.Dst != "10.0.0.2:12345" || f.Seq != 1689261607 || f.T != 1796254508949581807 {
		t.Errorf("SYN: %+v", f)
	}

	// A frame only its sender's port saw was dropped on the wire.
	pkts, err := readPcapng(capture)
	if err != nil {
		t.Fatal(err)
	}
	var kept []packet
	for _, p := range pkts {
		if f := frameOf(p.data); p.iface == "l0p1" && f.Flags == "S" {
			continue // the SYN never left by the server's port
		}
		kept = append(kept, p)
	}
	if len(kept) != len(pkts)-1 {
		t.Fatalf("%d packets kept of %d", len(kept), len(pkts))
	}
	frames = hostFrames(kept, ports)
	if !frames[2].Dropped || frames[3].Dropped {
		t.Errorf("dropped marks: %+v", frames[2:4])
	}
}

func TestReadCaptureICMP(t *testing.T) {
	ports := []Port{
		{Name: "l0p0", Link: 0, Host: "client", MAC: "02:00:01:01:00:01"},
		{Name: "l0p1", Link: 0, Host: "router", MAC: "02:00:02:01:00:01"},
		{Name: "l1p0", Link: 1, Host: "router", MAC: "02:00:02:02:00:01"},
		{Name: "l1p1", Link: 1, Host: "server", MAC: "02:00:03:01:00:01"},
	}
	capture, err := os.ReadFile("testdata/unreachable.pcapng")
	if err != nil {
		t.Fatal(err)
	}
	frames, err := ReadCapture(capture, ports)
	if err != nil {
		t.Fatal(err)
	}
	var icmp *Frame
	for i := range frames {
		if frames[i].Kind == "icmp" {
			icmp = &frames[i]
			break
		}
	}
	if icmp == nil {
		t.Fatal("no ICMP")
	}
	want := Frame{Link: 0, Sender: "router", Kind: "icmp", Src: "10.0.0.254", Dst: "10.0.0.1", Type: 3,
		InnerProto: "tcp", InnerSrc: "10.0.0.1:53546", InnerDst: "10.0.2.2:12345"}
	icmp.T = 0
	if *icmp != want {
		t.Errorf("got %+v\nwant %+v", *icmp, want)
	}
	n := Normalize(&Side{Frames: frames})
	if got := n.Conns[0].Wire(); got != "client S, router ICMP 3/0" {
		t.Errorf("first connection: %s (%s)", got, n.Conns[0].Key)
	}
}

// TestReadPcapngErrors: a capture that is not what dumpcap writes is an
// error, never a silently shorter list of packets.
func TestReadPcapngErrors(t *testing.T) {
	capture, err := os.ReadFile("testdata/handshake.pcapng")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := readPcapng(capture[:len(capture)-3]); err == nil {
		t.Errorf("a cut capture read without an error")
	}
	bad := append([]byte{}, capture...)
	bad[8] ^= 0xff // the byte-order magic
	if _, err := readPcapng(bad); err == nil {
		t.Errorf("a section without its magic read without an error")
	}
	if _, err := readPcapng([]byte("not a capture at all")); err == nil {
		t.Errorf("text read as a capture")
	}
	pkts, err := readPcapng(capture)
	if err != nil || len(pkts) != 16 || pkts[0].iface != "l0p0" || pkts[0].t != 1796254508944840891 {
		t.Fatalf("readPcapng: %d packets, first %+v, %v", len(pkts), pkts[0], err)
	}
}

func TestQuotedOf(t *testing.T) {
	// Ethernet + IPv4/ICMP dest unreachable quoting IPv4/TCP 10.0.0.1:40000 > 10.0.2.2:80.
	b := make([]byte, 14+20+8+20+8)
	b[12], b[13] = 0x08, 0x00
	ip := b[14:]
	ip[0], ip[9] = 0x45, 1
	ip[3] = byte(len(ip))
	icmp := ip[20:]
	icmp[0] = 3
	q := icmp[8:]
	q[0], q[9] = 0x45, 6
	copy(q[12:16], []byte{10, 0, 0, 1})
	copy(q[16:20], []byte{10, 0, 2, 2})
	q[20], q[21], q[22], q[23] = 0x9c, 0x40, 0, 80
	f := frame.Decode(b)
	p, s, d := quotedOf(&f)
	if p != "tcp" || s != "10.0.0.1:40000" || d != "10.0.2.2:80" {
		t.Errorf("quotedOf = %q %q %q", p, s, d)
	}
	if got := frameOf(b); got.Kind != "icmp" || got.InnerSrc != s || got.Type != 3 {
		t.Errorf("frameOf = %+v", got)
	}
	icmp[0] = 8 // echo: nothing quoted
	f = frame.Decode(b)
	if p, _, _ := quotedOf(&f); p != "" {
		t.Errorf("echo quotes %q", p)
	}
}

func TestRuleset(t *testing.T) {
	sc := &scenario.Scenario{
		Hosts: []scenario.Host{{Name: "a"}, {Name: "b"}, {Name: "c"}, {Name: "d"}},
		Links: []scenario.Link{{Hosts: []string{"a", "b"}}, {Hosts: []string{"b", "c", "d"}}},
		Faults: []scenario.Fault{
			{Drop: &scenario.Match{Host: "b", Dir: "in", Flags: "S", Count: 2}},
			{Drop: &scenario.Match{Host: "a", Dir: "out", Proto: "icmp"}},
			{Drop: &scenario.Match{Port: 80, Flags: "S."}},
		},
	}
	ports := []Port{
		{Name: "l0p0", Link: 0, Host: "a", MAC: "02:00:01:01:00:01"},
		{Name: "l0p1", Link: 0, Host: "b", MAC: "02:00:02:01:00:01"},
		{Name: "l1p0", Link: 1, Host: "b", MAC: "02:00:02:02:00:01"},
		{Name: "l1p1", Link: 1, Host: "c", MAC: "02:00:03:01:00:01"},
		{Name: "l1p2", Link: 1, Host: "d", MAC: "02:00:04:01:00:01"},
	}
	rs, err := Ruleset(sc, ports)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"chain f0 {\n    oifname \"l0p1\" jump f0_match\n    oifname \"l1p0\" jump f0_match\n  }",
		`meta l4proto tcp tcp flags & (fin|syn|rst|psh|ack|urg|ecn|cwr) == syn jump f0_act`,
		`numgen inc mod 2147483648 < 2 counter drop`,
		"chain f1 {\n    meta mark 1 jump f1_match\n  }",
		`meta l4proto { icmp, ipv6-icmp } jump f1_act`,
		`th sport 80 jump f2_act`,
		`th sport != 80 th dport 80 jump f2_act`,
		"type filter hook egress device \"l1p2\" priority 0; policy accept;\n    jump f0\n    jump f1\n    jump f2_match\n",
	} {
		if !strings.Contains(rs, want) {
			t.Errorf("ruleset lacks %q:\n%s", want, rs)
		}
	}
	for _, f := range []scenario.Fault{
		{Drop: &scenario.Match{Nth: 3}},
		{Delay: &scenario.Match{Flags: "S", By: scenario.Duration(1e9)}},
	} {
		sc.Faults = []scenario.Fault{f}
		if _, err := Ruleset(sc, ports); err == nil {
			t.Errorf("%+v: no NotComparable", f)
		}
	}
	sc.Faults = nil
	sc.Links[0].Loss = 0.1
	if err := Comparable(sc); err == nil {
		t.Error("loss: comparable")
	}
}

func seg(t int64, host, src, dst, flags string, seq uint32) trace.Event {
	return trace.Event{T: t, Host: host, Kind: trace.KindSegment, Frame: int(t), Src: src, Dst: dst, Flags: flags, SeqAbs: seq}
}

func netplaySide() *Side {
	evs := []trace.Event{
		{T: 1, Host: "server", Kind: trace.KindSyscall, Call: "socket", FD: 3, Args: "AF_INET, SOCK_STREAM, 0", Ret: 3},
		{T: 1, Host: "server", Kind: trace.KindSyscall, Call: "listen", FD: 3},
		{T: 2, Host: "client", Kind: trace.KindSyscall, Call: "socket", FD: 3, Args: "AF_INET, SOCK_STREAM, 0", Ret: 3},
		{T: 2, Host: "client", Kind: trace.KindARP, Frame: 1},
		seg(3, "client", "10.0.0.1:24462", "10.0.0.2:12345", "S", 3000000000),
		seg(4, "server", "10.0.0.2:12345", "10.0.0.1:24462", "S.", 3500000000),
		seg(5, "client", "10.0.0.1:24462", "10.0.0.2:12345", ".", 3000000001),
		{T: 5, Host: "client", Kind: trace.KindSyscall, Call: "connect", FD: 3},
		{T: 5, Host: "client", Kind: trace.KindSyscall, Call: "write", FD: 1, Ret: 5},
		{T: 5, Host: "client", Kind: trace.KindOutput, Text: "from port 24462, isn 3000000001\n", Stream: "stdout"},
		{T: 6, Host: "server", Kind: trace.KindSyscall, Call: "accept", FD: 3, Ret: 4},
		{T: 6, Host: "server", Kind: trace.KindSyscall, Call: "recv", FD: 4, Ret: -1, Errno: "EAGAIN"},
		{T: 6, Host: "server", Kind: trace.KindSyscall, Call: "recv", FD: 4, Ret: -1, Errno: "EAGAIN"},
		{T: 6, Host: "server", Kind: trace.KindSyscall, Call: "close", FD: 4},
		{T: 6, Host: "server", Kind: trace.KindExit},
		{T: 6, Host: "client", Kind: trace.KindExit},
	}
	return FromTrace(evs)
}

func linuxSide() *Side {
	f := func(t int64, host, src, dst, flags string, seq uint32) Frame {
		return Frame{T: t, Sender: host, Kind: "tcp", Src: src, Dst: dst, Flags: flags, Seq: seq}
	}
	return &Side{Name: "Linux", Frames: []Frame{
		{Sender: "client", Kind: "arp"},
		f(10, "client", "10.0.0.1:55314", "10.0.0.2:12345", "S", 4000000000),
		f(11, "server", "10.0.0.2:12345", "10.0.0.1:55314", "S.", 1500000000),
		f(12, "client", "10.0.0.1:55314", "10.0.0.2:12345", ".", 4000000001),
	}, Hosts: map[string]*HostRun{
		"server": {Ran: true, Calls: []Call{
			{Name: "close", FD: 3}, // the loader, before main
			{Name: "socket", FD: -1, Ret: 3, Family: "AF_INET"},
			{Name: "socket", FD: -1, Ret: 9, Family: "AF_UNIX"},
			{Name: "listen", FD: 3},
			{Name: "accept", FD: 3, Ret: 4},
			{Name: "recv", FD: 4, Ret: -1, Errno: "EAGAIN"},
			{Name: "close", FD: 4},
			{Name: "exit", FD: -1, Port: -1}, // as Run marks the end of each run
		}},
		"client": {Ran: true, Stdout: "from port 55314, isn 4000000001\n", Calls: []Call{
			{Name: "socket", FD: -1, Ret: 3, Family: "AF_INET"},
			{Name: "connect", FD: 3},
			{Name: "write", FD: 1, Ret: 5},
			{Name: "exit", FD: -1, Port: -1},
		}},
	}}
}

func TestCompareSame(t *testing.T) {
	r := Compare(netplaySide(), linuxSide())
	if !r.Same {
		t.Fatalf("differs:\n%s", r.Text())
	}
	if r.Netplay != "S S. ." || r.Linux != r.Netplay {
		t.Errorf("summaries %q, %q", r.Netplay, r.Linux)
	}
	n := Normalize(linuxSide())
	if got := n.Stdout["client"]; got != "from port <port #1>, isn <ISN client+1>\n" {
		t.Errorf("masked output %q", got)
	}
	wantCalls := []string{"socket(AF_INET) = fd#1", "listen(fd#1) = 0", "accept(fd#1) = fd#2", "recv(fd#2) = -1 EAGAIN", "close(fd#2) = 0", "exit 0"}
	if !reflect.DeepEqual(n.Calls["server"], wantCalls) {
		t.Errorf("server calls %q", n.Calls["server"])
	}
	if n.Conns[0].Key != "link 0: 10.0.0.1:#1 > 10.0.0.2:12345" {
		t.Errorf("key %q", n.Conns[0].Key)
	}
}

func TestCompareDiffers(t *testing.T) {
	lx := linuxSide()
	lx.Frames = append(lx.Frames, Frame{T: 13, Sender: "server", Kind: "tcp", Src: "10.0.0.2:12345", Dst: "10.0.0.1:55314", Flags: "R", Seq: 100})
	lx.Hosts["client"].Calls[1] = Call{Name: "connect", FD: 3, Ret: -1, Errno: "ETIMEDOUT"}
	lx.Hosts["client"].Status = 1
	r := Compare(netplaySide(), lx)
	if r.Same {
		t.Fatal("same")
	}
	text := r.Text()
	for _, want := range []string{
		"server sent\n  netplay: S.\n  Linux:   S., R",
		"  - connect(fd#1) = 0\n  + connect(fd#1) = -1 ETIMEDOUT",
		"client: netplay exit 0, Linux exit 1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
	if !strings.Contains(r.Linux, "connect ETIMEDOUT") {
		t.Errorf("summary %q", r.Linux)
	}
}

func TestCompareInterleaving(t *testing.T) {
	lx := linuxSide()
	// The server's SYN,ACK stamped before the client's ACK of it is not
	// possible, but the FINs of both ends can cross either way.
	np := netplaySide()
	np.Frames = append(np.Frames,
		Frame{T: 20, Sender: "client", Kind: "tcp", Src: "10.0.0.1:24462", Dst: "10.0.0.2:12345", Flags: "F.", Seq: 1001},
		Frame{T: 21, Sender: "server", Kind: "tcp", Src: "10.0.0.2:12345", Dst: "10.0.0.1:24462", Flags: "F.", Seq: 5001})
	lx.Frames = append(lx.Frames,
		Frame{T: 20, Sender: "server", Kind: "tcp", Src: "10.0.0.2:12345", Dst: "10.0.0.1:55314", Flags: "F.", Seq: 100},
		Frame{T: 21, Sender: "client", Kind: "tcp", Src: "10.0.0.1:55314", Dst: "10.0.0.2:12345", Flags: "F.", Seq: 78})
	r := Compare(np, lx)
	if !r.Same || len(r.Notes) != 1 {
		t.Errorf("want same with a note:\n%s", r.Text())
	}
}

func TestNewConnectionOnSameTuple(t *testing.T) {
	s := &Side{Frames: []Frame{
		{Sender: "c", Kind: "tcp", Src: "10.0.0.1:5000", Dst: "10.0.0.2:80", Flags: "S", Seq: 1},
		{Sender: "c", Kind: "tcp", Src: "10.0.0.1:5000", Dst: "10.0.0.2:80", Flags: "S", Seq: 1},
		{Sender: "s", Kind: "tcp", Src: "10.0.0.2:80", Dst: "10.0.0.1:5000", Flags: "R.", Seq: 0},
		{Sender: "c", Kind: "tcp", Src: "10.0.0.1:5000", Dst: "10.0.0.2:80", Flags: "S", Seq: 900},
	}}
	n := Normalize(s)
	if len(n.Conns) != 2 || n.Conns[0].Wire() != "c S, c S, s R." || n.Conns[1].Key != "link 0: 10.0.0.1:#1 > 10.0.0.2:80 (#2 use)" {
		for _, c := range n.Conns {
			t.Logf("%s: %s", c.Key, c.Wire())
		}
		t.Error("connections")
	}
}

func TestCompareDelayedACK(t *testing.T) {
	np, lx := netplaySide(), linuxSide()
	tcp := func(tm int64, host, src, dst, flags string, ack uint32) Frame {
		return Frame{T: tm, Sender: host, Kind: "tcp", Src: src, Dst: dst, Flags: flags, Ack: ack}
	}
	// netplay acknowledges the client's FIN at once, then sends its own.
	np.Frames = append(np.Frames,
		tcp(20, "client", "10.0.0.1:24462", "10.0.0.2:12345", "F.", 3500000001),
		tcp(21, "server", "10.0.0.2:12345", "10.0.0.1:24462", ".", 3000000002),
		tcp(22, "server", "10.0.0.2:12345", "10.0.0.1:24462", "F.", 3000000002))
	// Linux sends the ACK on its FIN.
	lx.Frames = append(lx.Frames,
		tcp(20, "client", "10.0.0.1:55314", "10.0.0.2:12345", "F.", 1500000001),
		tcp(22, "server", "10.0.0.2:12345", "10.0.0.1:55314", "F.", 4000000002))
	r := Compare(np, lx)
	if !r.Same || !r.DelayedACK {
		t.Errorf("want same, delayed ACK:\n%s", r.Text())
	}
	// An ACK of something else is a difference.
	np.Frames[len(np.Frames)-2].Ack = 3000000001
	if r := Compare(np, lx); r.Same {
		t.Errorf("want a difference:\n%s", r.Text())
	}
}

func TestMaskLocalPort(t *testing.T) {
	mk := func(port int, out string) *Side {
		return &Side{Hosts: map[string]*HostRun{"server": {Ran: true, Stdout: out, Calls: []Call{
			{Name: "socket", FD: -1, Ret: 3, Family: "AF_INET", Port: -1},
			{Name: "bind", FD: 3, Port: 0},
			{Name: "getsockname", FD: 3, Port: port},
			{Name: "socket", FD: -1, Ret: 4, Family: "AF_INET", Port: -1},
			{Name: "bind", FD: 4, Port: 12345},
			{Name: "getsockname", FD: 4, Port: 12345},
		}}}}
	}
	a := mk(56880, "the kernel chose port 56880; listening on 12345\n")
	b := mk(35633, "the kernel chose port 35633; listening on 12345\n")
	if r := Compare(a, b); !r.Same {
		t.Errorf("differs:\n%s", r.Text())
	}
	if got := Normalize(a).Stdout["server"]; got != "the kernel chose port <port L1>; listening on 12345\n" {
		t.Errorf("masked %q", got)
	}
}

func TestParseIfindex(t *testing.T) {
	out := "Error: Peer netns reference is invalid.\n2: l0p0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP\\    link/ether 72:c1:aa:58:e2:fa brd ff:ff:ff:ff:ff:ff link-netns np1\n"
	if n, err := parseIfindex(out, "l0p0"); n != 2 || err != nil {
		t.Errorf("parseIfindex = %d, %v; want 2", n, err)
	}
	if _, err := parseIfindex("3: l0p1@if2: <UP>\n", "l0p0"); err == nil {
		t.Error("parseIfindex found another link")
	}
}

// TestProcCallsChildBeforeClone: strace may print a forked child's calls
// before its parent's clone returns; the child still starts with its
// parent's descriptors (a race that lost the child's closes once).
func TestProcCallsChildBeforeClone(t *testing.T) {
	text := `100 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3 <0.000010>
100 accept(3, NULL, NULL) = 4 <0.000010>
101 close(3) = 0 <0.000010>
101 read(4, ""..., 256) = 17 <0.000010>
101 close(4) = 0 <0.000010>
100 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f) = 101 <0.000010>
100 close(4) = 0 <0.000010>
`
	got := strings.Join(ProcCalls(ParseStrace(text)), "\n")
	want := strings.Join([]string{
		"accept() = fd",
		"close(sock) = 0",
		"close(sock) = 0",
		"close(sock) = 0",
		"fork() = pid",
		"read(sock) = 17",
		"socket(AF_INET) = fd",
	}, "\n")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
