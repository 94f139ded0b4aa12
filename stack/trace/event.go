// Package trace records what happens in a netplay world on its virtual clock:
// every frame on every link (decoded), every socket call, every TCP state
// change, listener queue lengths, program output and exits. Writers turn the
// recorded events into tcpdump-style text, JSON Lines and pcap.
package trace

// Kind names what an Event describes. The strings are part of the JSON
// contract (ARCHITECTURE.md, "--json").
type Kind string

// Event kinds.
const (
	KindSegment Kind = "segment" // a TCP segment on a link
	KindICMP    Kind = "icmp"    // an ICMPv4/ICMPv6 message on a link
	KindARP     Kind = "arp"     // an ARP request or reply (or IPv6 NDP shown as icmp)
	KindUDP     Kind = "udp"     // a UDP datagram on a link
	KindFrame   Kind = "frame"   // any other frame on a link
	KindSyscall Kind = "syscall" // a socket call returned
	KindState   Kind = "state"   // a socket's TCP state changed
	KindQueue   Kind = "queue"   // a listener's SYN/accept queue lengths changed
	KindOutput  Kind = "output"  // a program wrote to stdout/stderr
	KindExit    Kind = "exit"    // a program ended
	KindInput   Kind = "input"   // text typed at a host's terminal (or its end, EOF)
	KindLocal   Kind = "local"   // a message on a local (AF_UNIX) socket or a pipe
	KindCut     Kind = "cut"     // the trace's budget left events out here
	KindThread  Kind = "thread"  // a thread was made or ended
	KindSignal  Kind = "signal"  // a signal was sent to a process, or delivered
	KindAction  Kind = "action"  // something done to a host, its program or a link (a scenario's actions)
	KindFork    Kind = "fork"    // a process made a child
)

// NoCarrier starts the fault of a frame a host sent while its link was
// unplugged: it never reached the wire (no capture on a real network
// sees it), but the trace keeps it, dropped, to show what the host tried.
const NoCarrier = "no carrier"

// Event is one line of a trace. Which fields are meaningful depends on Kind;
// the JSON encoding (MarshalJSON) writes exactly the fields of its kind.
type Event struct {
	T    int64  // virtual time in nanoseconds since the world started
	Host string // the host that sent the frame / made the call / owns the socket
	Kind Kind

	// The process and thread that made the call, wrote the output, ended
	// or made the thread: set for programs that may run more than one
	// thread or process (0 otherwise, and for events of no process). Tid
	// is 0 on an event of the whole process (its exit).
	Pid, Tid int

	// Frames (segment, icmp, arp, udp, frame).
	Frame    int    // wire order, counted from 1 over all links (fault "nth")
	Link     int    // index of the link in the scenario
	Data     []byte // the whole Ethernet frame as sent (pcap, inspector)
	Dropped  bool   // a fault or the link's loss dropped it
	Fault    string // why it was dropped or delayed (the rule, e.g. "drop nth=3")
	Arrive   int64  // virtual time it reached the receiver(s); 0 when dropped
	Receiver string // receiving host (empty for broadcast or nobody)
	Src      string // "ip:port" for TCP/UDP, "ip" for ICMP/ARP
	Dst      string
	Flags    string // tcpdump letters: "S", "S.", ".", "P.", "F.", "R", "R."
	Seq      uint32 // relative (tcpdump style) unless the writer asks for absolute
	Ack      uint32
	SeqAbs   uint32
	AckAbs   uint32
	Len      int // payload length
	Win      int
	Options  string // TCP options as tcpdump prints them, e.g. "mss 1460,nop,wscale 7"
	Type     int    // ICMP type; for ARP the opcode (1 request, 2 reply)
	Code     int    // ICMP code
	Summary  string // one-line tcpdump-style description of the frame (after "host ")

	// Syscalls.
	Call string // "connect"
	FD   int    // the fd argument (or the new fd for socket)
	Args string // the arguments as the text trace prints them, e.g. "3, 10.0.0.2:81"
	Ret  int64
	// RetText is the result as strace decodes it when it is more than a
	// number ("0x802 (flags O_RDWR|O_NONBLOCK)" for F_GETFL); "": Ret.
	RetText string
	Errno   string // errno name, "" when none
	Line    int    // source line of the call, 0 when unknown
	// File is the source file of Line when it is not the host's program
	// (a file of the host's own or of the shared tree: "lib/read.c");
	// "" for the program's own file.
	File  string
	Start int64 // virtual time the call was made (blocking calls span Start..T)
	// Ready lists, for select, poll and epoll_wait, each descriptor they
	// returned ready and what made it so.
	Ready []Ready

	// States.
	From, To string // TCP state names as netstat prints them

	// Listener queues.
	SynQ, AcceptQ, Backlog int

	// Output.
	Text   string
	Stream string // "stdout" or "stderr"

	// Exit.
	Status int
	Reason string // set when the runtime ended the program (fault, limit, stop); for cut, what was left out
	Zombie bool   // the process stays a zombie until its parent waits for it

	// Input (Text is what was typed).
	EOF bool // the terminal's input ended (no more will come)

	// Local messages: Src and Dst name the sending and the receiving end
	// ("fd 4", the descriptor each end was made as in its process), Len
	// is the message's length, Frame its number (shared with frames),
	// Arrive when its last byte was read (-1: not read).
	Sock string // "unix-stream", "unix-seqpacket", "unix-dgram" or "pipe"
	Path string // the socket's path when it has one (bound, or the listener's)

	// Threads: Op is "create" (Child is the new thread's id, Name its
	// start function) or "exit" (Tid is the thread that ended). Forks:
	// Child is the new process's pid, FDs the descriptors it inherits
	// (the same open file descriptions as the parent's), Line the fork
	// call's; Reason why a fork was refused (Child 0).
	Op    string
	Child int
	Name  string
	FDs   []int
	// Actions: Do says what was done ("signal", "restart", "crash",
	// "boot", to Host; "unplug", "plug", "set", to link Link, Host
	// empty); Signal the signal sent; for "set" the link's Delay (ns) and
	// Loss from then on. Reason says why an action found nothing to act
	// on ("no program is running").
	Do    string
	Delay int64
	Loss  float64

	// Signals (Pid and Tid: the process, and thread, it is for): Op
	// "send" (Sender is the process that sent it, 0 the kernel; Reason
	// why the kernel did) or "deliver" (Action: "handler" (Name is the
	// handler), "ignore", "terminate", "stop").
	Signal string // "SIGCHLD"
	Sender int
	Action string

	// Cut: how many events and bytes were left out, and the time of the
	// last one (T is the time of the first).
	CutEvents int
	CutBytes  int64
	Until     int64
}

// Ready is a descriptor select, poll or epoll_wait returned, what it was
// ready for, and the event of the trace that made it so: the last change
// of the descriptor's readiness, of the kinds reported, before the call
// returned.
type Ready struct {
	FD     int
	Events string // "EPOLLIN|EPOLLRDHUP", "POLLIN", select's "read", "write", "except"
	// By says what made it ready: "frame" (a frame's arrival), "local" (a
	// message on a local socket or pipe), "input" (text typed at the
	// terminal), "call" (a system call: the other end's close, shutdown
	// or accept, a read that made room), "exit" (a program's end closed the
	// other end); "" when the descriptor was ready from the start (a
	// socket is writable once made) or a timer made it so.
	By string
	// Ev is the index of that event in the trace (the events as
	// Recorder.Events returns them, the lines of JSON Lines, from 0); -1
	// when the trace no longer has it (a cut) or By is "".
	Ev int
	// Frame is the frame's or local message's number when By is "frame"
	// or "local".
	Frame int
}
