//go:build linux

// Package linuxref runs a netplay scenario on the real Linux kernel and
// compares what happened there with what netplay's trace shows: the
// kernel is the reference the lecture describes.
//
// # The Linux run (Run, needs root)
//
// Every host becomes a network namespace, named with a prefix unique to the
// run ("np" + random hex), so parallel runs never collide. Every link becomes
// a bridge in one more namespace, the wire (IPv6 is off there, so the wire
// itself sends nothing); each host's NIC is a veth whose other end is a port
// of its link's bridge. A two-host link is thus a veth pair with a bridge in
// the middle: the wire namespace is where the link's fault rules live, as
// netplay's faults live on the link. Addresses (IPv6 with nodad), routes and
// forwarding sysctls go into the host namespaces; nothing is ever added to
// the root namespace. A link's delay is a netem qdisc on the bridge ports
// when the kernel has netem (this project's CI kernel does not: then the
// delay is left out, and only the order of frames is compared, not their
// timing).
//
// Faults become one nftables table of the bridge family in the wire
// namespace, hooked at prerouting, so they see every frame on every link
// exactly once, where it enters the link from its sender: "host X dir out"
// matches frames entering at X's ports, "dir in" frames entering at the
// other ports of X's links (and addressed to X or broadcast, on a link of 3+
// hosts), proto/flags/port as nft expressions. A rule with count K jumps to a
// chain whose only rule is "numgen inc mod 2^31 < K drop": numgen counts
// only the frames that reached it, i.e. the frames that matched, so the
// first K are dropped, and a frame an earlier rule dropped is never counted,
// as in netplay. Rules are evaluated in scenario order; the first drop wins.
// A fault with nth (a frame number over all links) or a delay fault has no
// nft equivalent, and a link with random loss cannot be reproduced: such a
// scenario is reported as not comparable (*NotComparable), never faked.
//
// Each host's program is compiled with gcc -O0 -w and run in its namespace
// under strace (socket calls only, strings cut) with stdout line-buffered,
// at its start offset; a host does not start before every host that
// started earlier is blocked (sleeping in a call) or has exited, which is
// what netplay's virtual clock guarantees. Programs still running at the
// end of the run are killed (status 137, as netplay's time limit). One
// dumpcap captures every bridge port from before the first program starts
// until after the last one ended; tshark reads the capture back as fields.
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
//     and ISNs masked; exit statuses. sendto/recvfrom without an address
//     count as send/recv, accept4 as accept, pselect6 as select, ppoll as
//     poll.
//   - Reported but not failing: the interleaving of the two directions of
//     a connection on the wire, which depends on link delay and scheduling
//     (netplay's links have their delay, Linux's may have none); and a pure
//     ACK that its sender follows with a FIN acknowledging the same, which
//     compares equal to that FIN alone (Report.DelayedACK): Linux delays the
//     ACK of a FIN by up to 40 ms and, when the program closes at once,
//     usually sends it on its own FIN, but not always (scheduling);
//     netstack acknowledges a FIN at once.
package linuxref
