//go:build linux

// Package linuxref runs a netplay scenario on the real Linux kernel and
// compares what happened there with what netplay's trace shows: the
// kernel is the reference the lecture describes.
//
// # The Linux run (Run, needs root)
//
// Every host becomes a network namespace, named with a prefix unique to the
// run ("np" + random hex), so parallel runs never collide. One more
// namespace, the wire, holds the links (IPv6 is off there, so the wire
// itself sends nothing): each host's NIC is a veth whose other end, a port,
// is in the wire namespace. The wire is a small hub in this process (a
// packet socket on every port, opened from a thread that enters the wire
// namespace and leaves it again): it takes each frame a host sends and,
// after the link's delay, puts it out on the port of the host it is
// addressed to (all other ports of the link for broadcast and multicast),
// marked with the port it came in by. The kernel here has no netem, and a
// bridge without delay changes what Linux does (an ICMP error that comes
// back while connect() still holds its socket is only a soft error, so
// the SYN is sent again), so the hub gives the links their delay.
// Addresses (IPv6 with nodad), routes and forwarding sysctls go into the
// host namespaces; nothing is ever added to the root namespace. Every
// process is bounded by the run's limit and killed, every namespace
// deleted at the end, also on failure.
//
// Faults become one nftables table of the netdev family in the wire
// namespace, a base chain on the egress hook of every port, so every frame
// is judged once per receiving port, where it leaves the link: "host X dir
// out" matches the mark of X's ports, "dir in" the egress at X's ports,
// proto/flags/port as nft expressions ("tcp flags & (fin|syn|rst|psh|ack|
// urg|ecn|cwr) == syn|ack", "th sport"/"th dport"). A rule with count K
// jumps to a chain whose only rule is "numgen inc mod 2^31 < K drop":
// numgen counts only the frames that reach it, i.e. the frames that
// matched, so the first K are dropped, and a frame an earlier rule dropped
// is never counted, as in netplay (TestCountOnLinux checks it on the
// kernel). Rules are evaluated in scenario order; the first drop wins. A
// broadcast on a link of 3+ hosts is judged once per receiver, netplay
// judges it once. A fault with nth (a frame number over all links) or a
// delay fault has no nft equivalent, and a link with random loss cannot
// be reproduced: such a scenario is reported as not comparable
// (*NotComparable), never faked.
//
// A host's scripted stdin (hosts[].stdin) is written into its program's
// standard input, a pipe, each entry at its time from the run's start, and
// the pipe is closed at an entry that says eof; without one it stays open
// and empty, so reads wait as on netplay's terminal. A pipe is not a
// terminal: a read may return more than one line when entries come close
// together, and stdio reads it 4096 bytes at a time (netplay's terminal
// gives a line per read, 1024 bytes); the calls compared are the socket
// calls, which these do not change.
//
// A scenario's actions are done at their times from the run's start
// (actions.go): "signal" as kill(2) to the program's processes (strace's
// tracees, which strace passes the signal on to); "restart" as SIGKILL
// and a new run of the program in the namespace, its standard input the
// same pipe; "crash" as the host's ports on the wire set down (its NICs
// lose their carrier: nothing more leaves it, frames for it are lost at
// its port), its processes killed, its sockets destroyed (ss -K) and its
// neighbours flushed, so that no FIN, RST or retransmission of its old
// life ever leaves it; "boot" as its ports up and the program started
// again with a new pipe for its input; "unplug" and "plug" as the link's
// ports down and up; "set" as the hub's delay for frames from then on
// (random loss is not comparable). The hub and dumpcap carry on across
// ports going down and up.
//
// Each host's program is compiled with gcc -O0 -w and run in its namespace
// (as root, where a bind below port 1024 succeeds that netplay's user 1000
// is refused: no compared scenario binds one) under strace (socket calls only, strings cut) with stdout line-buffered,
// at its start offset; a host does not start before every host that
// started earlier is blocked (sleeping in a call) or has exited, which is
// what netplay's virtual clock guarantees. Programs still running at the
// end of the run are killed (status 137, as netplay's time limit). One
// dumpcap captures every port from before the first program starts
// until after the last one ended (a scenario without links has no port
// and no capture); the capture (pcapng) is read back with
// stack/frame, the decoder netplay's own trace uses.
// A frame is taken where it entered the wire (its sender's port); it was
// dropped if no copy of it left by another port.
//
// # The comparison (Normalize, Compare; no root needed)
//
// Both sides are turned into the same Side (frames with sender, link,
// flags, dropped; per host the socket calls, output and exit status) and
// normalised:
//
//   - Connections: TCP frames are keyed by link and 4-tuple; the port of
//     the side that sent the first SYN is an ephemeral port and is shown as
//     "#1", "#2"… per client address in order of appearance. A new SYN with a
//     new ISN on a used 4-tuple is a new connection. ICMP errors belong to
//     the connection of the packet they quote; other ICMP (echo) is keyed by
//     its addresses. ARP and IPv6 neighbour discovery, router solicitations
//     and MLD are not compared (Linux sends them on its own timers).
//   - Compared strictly: the set of connections; per connection, the
//     sequence of flags each host sent (with "dropped" marks) and the ICMP
//     type/code; per host the socket calls (socket, bind, listen, accept,
//     connect, send/recv and read/write/close/fcntl on socket fds,
//     getsockopt…, select, poll) with their return value and errno, fds
//     numbered in the order socket/accept returned them, runs of the same
//     call with the same result collapsed (a polling loop spins a different
//     number of times); each host's stdout and stderr with ephemeral ports
//     (client ports "<port #1>", ports getsockname returned for a socket
//     bound to port 0 or not bound "<port L1>") and numbers near an ISN
//     ("<ISN client+1>") masked; exit statuses. sendto/recvfrom count as
//     send/recv, accept4 as accept, pselect6 as select, ppoll as poll. A
//     program that forks or makes threads has its calls compared as a
//     sorted list (ProcCalls) and its output lines as a set: how its
//     processes and threads interleave is each scheduler's.
//     Timing is not compared: how long a failing call took is only shown
//     in the summary ("connect ETIMEDOUT after 127 s"). Each run of a
//     host's program ends with "exit N" in its calls, and its exits are
//     compared in order. A frame netplay shows a host could not send
//     (its fault starts with trace.NoCarrier) is left out: on Linux it
//     never leaves the host, and no capture sees it.
//   - Reported but not failing: the interleaving of the two directions of
//     a connection on the wire when both ends send at once (scheduling on
//     Linux, the order of events at one virtual instant in netplay); and a pure
//     ACK that its sender follows with a FIN acknowledging the same, which
//     compares equal to that FIN alone (Report.DelayedACK): Linux delays the
//     ACK of a FIN by up to 40 ms and, when the program closes at once,
//     usually sends it on its own FIN, but not always (scheduling);
//     netstack acknowledges a FIN at once.
package linuxref
