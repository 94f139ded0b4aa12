package diagram

import (
	"netplay/stack/trace"
)

// Test fixtures: hand-written traces shaped like the recorder's output
// (ARCHITECTURE.md, "--json"), used until tests can run real scenarios.
// Times are virtual nanoseconds; the link delay is 1 ms.

const ms = int64(1_000_000)

var fixtureOpts = Options{
	Hosts: []string{"server", "client"},
	Addrs: map[string][]string{"server": {"10.0.0.2/24"}, "client": {"10.0.0.1/24"}},
}

// handshakeFixture: server listens; client connects at 10 ms; SYN, SYN-ACK,
// ACK one millisecond apart; the server's accept returns 4. ARP resolves
// the server's address first. isn is the client's ISN, server's is isn2.
func handshakeFixture() []trace.Event {
	const isn, isn2 = 1000, 5000
	return []trace.Event{
		{T: 0, Host: "server", Kind: trace.KindSyscall, Call: "socket", Args: "AF_INET, SOCK_STREAM, 0", Ret: 3, FD: 3, Line: 9},
		{T: 0, Host: "server", Kind: trace.KindSyscall, Call: "bind", Args: "3, 0.0.0.0:12345", Ret: 0, FD: 3, Line: 14},
		{T: 0, Host: "server", Kind: trace.KindState, FD: 3, From: "CLOSED", To: "LISTEN"},
		{T: 0, Host: "server", Kind: trace.KindSyscall, Call: "listen", Args: "3, 5", Ret: 0, FD: 3, Line: 15},
		{T: 10 * ms, Host: "client", Kind: trace.KindSyscall, Call: "socket", Args: "AF_INET, SOCK_STREAM, 0", Ret: 3, FD: 3, Start: 10 * ms, Line: 8},
		{T: 10 * ms, Host: "client", Kind: trace.KindARP, Frame: 1, Src: "10.0.0.1", Dst: "10.0.0.2", Summary: "ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28", Arrive: 11 * ms},
		{T: 11 * ms, Host: "server", Kind: trace.KindARP, Frame: 2, Src: "10.0.0.2", Dst: "10.0.0.1", Receiver: "client", Summary: "ARP, Reply 10.0.0.2 is-at 02:00:00:00:00:02, length 28", Arrive: 12 * ms},
		{T: 12 * ms, Host: "client", Kind: trace.KindState, FD: 3, From: "CLOSED", To: "SYN_SENT"},
		{T: 12 * ms, Host: "client", Kind: trace.KindSegment, Frame: 3, Src: "10.0.0.1:40000", Dst: "10.0.0.2:12345", Flags: "S", Seq: 0, SeqAbs: isn, Win: 65535, Receiver: "server", Arrive: 13 * ms},
		{T: 13 * ms, Host: "server", Kind: trace.KindState, FD: -1, From: "LISTEN", To: "SYN_RECV", Src: "10.0.0.2:12345", Dst: "10.0.0.1:40000"},
		{T: 13 * ms, Host: "server", Kind: trace.KindSegment, Frame: 4, Src: "10.0.0.2:12345", Dst: "10.0.0.1:40000", Flags: "S.", Seq: 0, Ack: 1, SeqAbs: isn2, AckAbs: isn + 1, Win: 65535, Receiver: "client", Arrive: 14 * ms},
		{T: 14 * ms, Host: "client", Kind: trace.KindSegment, Frame: 5, Src: "10.0.0.1:40000", Dst: "10.0.0.2:12345", Flags: ".", Seq: 1, Ack: 1, SeqAbs: isn + 1, AckAbs: isn2 + 1, Win: 65535, Receiver: "server", Arrive: 15 * ms},
		{T: 14 * ms, Host: "client", Kind: trace.KindState, FD: 3, From: "SYN_SENT", To: "ESTABLISHED"},
		{T: 14 * ms, Host: "client", Kind: trace.KindSyscall, Call: "connect", Args: "3, 10.0.0.2:12345", Ret: 0, FD: 3, Start: 10 * ms, Line: 20},
		{T: 15 * ms, Host: "server", Kind: trace.KindState, FD: -1, From: "SYN_RECV", To: "ESTABLISHED", Src: "10.0.0.2:12345", Dst: "10.0.0.1:40000"},
		{T: 15 * ms, Host: "server", Kind: trace.KindQueue, FD: 3, SynQ: 0, AcceptQ: 1, Backlog: 5},
		{T: 15 * ms, Host: "server", Kind: trace.KindSyscall, Call: "accept", Args: "3, 10.0.0.1:40000", Ret: 4, FD: 3, Start: 0, Line: 17},
		{T: 16 * ms, Host: "server", Kind: trace.KindState, FD: 4, From: "ESTABLISHED", To: "CLOSE_WAIT", Src: "10.0.0.2:12345", Dst: "10.0.0.1:40000"},
		{T: 15 * ms, Host: "server", Kind: trace.KindOutput, Stream: "stdout", Text: "accepted 10.0.0.1\n"},
		{T: 16 * ms, Host: "client", Kind: trace.KindExit, Status: 0},
	}
}

// refusedFixture: the client connects to a port nobody listens on; the
// server's stack answers RST,ACK and connect fails with ECONNREFUSED. The
// client's first SYN was dropped by a fault and retransmitted after 1 s.
func refusedFixture() []trace.Event {
	return []trace.Event{
		{T: 0, Host: "client", Kind: trace.KindState, FD: 3, From: "CLOSED", To: "SYN_SENT"},
		{T: 0, Host: "client", Kind: trace.KindSegment, Frame: 1, Src: "10.0.0.1:40000", Dst: "10.0.0.2:81", Flags: "S", Dropped: true, Fault: "drop nth=1"},
		{T: 1000 * ms, Host: "client", Kind: trace.KindSegment, Frame: 2, Src: "10.0.0.1:40000", Dst: "10.0.0.2:81", Flags: "S", Receiver: "server", Arrive: 1001 * ms},
		{T: 1001 * ms, Host: "server", Kind: trace.KindSegment, Frame: 3, Src: "10.0.0.2:81", Dst: "10.0.0.1:40000", Flags: "R.", Ack: 1, Receiver: "client", Arrive: 1002 * ms},
		{T: 1002 * ms, Host: "client", Kind: trace.KindState, FD: 3, From: "SYN_SENT", To: "CLOSED"},
		{T: 1002 * ms, Host: "client", Kind: trace.KindSyscall, Call: "connect", Args: "3, 10.0.0.2:81", Ret: -1, Errno: "ECONNREFUSED", FD: 3, Start: 0, Line: 21},
		{T: 1002 * ms, Host: "client", Kind: trace.KindICMP, Frame: 4, Src: "10.0.0.1", Dst: "10.0.0.9", Type: 3, Code: 1, Summary: "ICMP host 10.0.0.9 unreachable"},
		{T: 1003 * ms, Host: "client", Kind: trace.KindExit, Status: 1},
	}
}
