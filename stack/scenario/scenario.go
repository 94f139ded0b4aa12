// Package scenario is the netplay scenario model: the JSON v1 document a
// teacher writes or shares (hosts, links, routes, faults, programs), its
// validation, and the share-link codec.
package scenario

// MaxSize is the largest scenario document accepted, in bytes, programs and
// files included: a course chapter with its shared library fits with room to
// spare. MaxSizeText says it for people.
const (
	MaxSize     = 1 << 20
	MaxSizeText = "1 MiB"
)

// Scenario is a JSON v1 scenario (ARCHITECTURE.md, "Scenario JSON v1").
type Scenario struct {
	Version int    `json:"version"`
	Title   string `json:"title,omitempty"`
	// Text is the teaching text shown beside the diagram, per language
	// ("en", "zh"). Optional.
	Text map[string]string `json:"text,omitempty"`
	// Linux says, per language, where the Linux kernel behaves otherwise
	// than netstack in this scenario; the page shows it beside the
	// diagram after "On Linux:". Optional.
	Linux map[string]string `json:"linux,omitempty"`
	// LinuxPins name, machine-readably, each difference from the Linux
	// kernel the "linux" note explains: the comparison with the kernel
	// (stack/linuxref, TestLinux) fails on any other. Optional.
	LinuxPins []LinuxPin `json:"linux_pins,omitempty"`
	Seed      int64      `json:"seed,omitempty"`
	Limit     Duration   `json:"limit,omitempty"` // virtual-time limit; default 300s
	Hosts     []Host     `json:"hosts"`
	Links     []Link     `json:"links,omitempty"`
	Routes    []Route    `json:"routes,omitempty"`
	Faults    []Fault    `json:"faults,omitempty"`
	// Actions are done to the running scenario at virtual times, in
	// order of time: signals to programs, restarts, crashes and boots of
	// hosts, links unplugged, plugged and changed (see Action).
	Actions []Action `json:"actions,omitempty"`
	// Files is the project tree the hosts' programs share (a course's
	// lib/common.h, lib/readn.c ...): headers they include, and .c files
	// linked as a static library (README, "Extensions to the contracts").
	Files []File `json:"files,omitempty"`
}

// LinuxPin is one difference from Linux a scenario's note explains: on
// host Host, in place In, netplay shows exactly Netplay and Linux shows
// what the regular expression Linux matches (as a whole: the kernel runs
// on real timers, so a pin may allow a count to vary). The places and the
// form of each are stack/linuxref's (Diff): "sent" (the frames the host
// sent on one connection, e.g. "S✗×7"), "calls" (the socket calls only
// that side made, "; "-joined), "stdout", "stderr", "exit".
type LinuxPin struct {
	Host    string `json:"host"`
	In      string `json:"in"`
	Netplay string `json:"netplay"`
	Linux   string `json:"linux"`
}

// PinPlaces are the places a LinuxPin may name.
var PinPlaces = []string{"sent", "calls", "stdout", "stderr", "exit"}

// File is one file of a scenario's project tree. Name is a relative slash
// path ("lib/common.h"); CheckPath says which names are accepted.
type File struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

// Host is one virtual machine with its own TCP/IP stack.
type Host struct {
	Name    string   `json:"name"`
	Addrs   []string `json:"addrs,omitempty"`   // CIDR, IPv4 or IPv6, one NIC per link in order
	Program string   `json:"program,omitempty"` // C source; empty runs nothing
	File    string   `json:"file,omitempty"`    // the program's path in the project tree; default "<name>.c"
	// Files are the host's own files besides its program: every .c among
	// them is linked into the program; headers are found as the shared
	// ones are.
	Files   []File   `json:"files,omitempty"`
	Start   Duration `json:"start,omitempty"`   // virtual time the program starts
	Args    []string `json:"args,omitempty"`    // argv[1:]
	Forward bool     `json:"forward,omitempty"` // IP forwarding (a router)
	// Stdin is what is typed at the host's terminal, the program's
	// standard input, in order of time. Without an entry that says eof
	// the terminal stays open: a read waits for more.
	Stdin []Input `json:"stdin,omitempty"`
}

// Input is text typed at a host's terminal at a virtual time (lines reach
// the program as a terminal in canonical mode gives them: a line at a
// time, once its newline is typed), or the end of input (eof: later reads
// return 0 at once).
type Input struct {
	At   Duration `json:"at"`
	Text string   `json:"text,omitempty"`
	EOF  bool     `json:"eof,omitempty"`
}

// AddInput adds in to the host's stdin after every entry typed at the same
// time or before: input recorded while a run went on, so that the run
// replays. An end of input drops the entries after it: they could never
// reach the program.
func (h *Host) AddInput(in Input) {
	i := len(h.Stdin)
	for i > 0 && h.Stdin[i-1].At > in.At {
		i--
	}
	if i > 0 && h.Stdin[i-1].EOF {
		return // input after the end of input never reaches the program
	}
	rest := h.Stdin[i:]
	if in.EOF {
		rest = nil
	}
	h.Stdin = append(h.Stdin[:i], append([]Input{in}, rest...)...)
}

// MainFile returns the host's program as a file of its project tree.
func (h *Host) MainFile() File { return File{Name: h.FileName(), Text: h.Program} }

// FileName returns the file name the host's program is shown as.
func (h *Host) FileName() string {
	if h.File != "" {
		return h.File
	}
	return h.Name + ".c"
}

// Link is an Ethernet segment joining two or more hosts.
type Link struct {
	Hosts []string `json:"hosts"`
	Delay Duration `json:"delay,omitempty"` // one-way delay
	Loss  float64  `json:"loss,omitempty"`  // probability 0..1 a frame is lost (seeded)
}

// Route is a static route on a host. Via empty means on-link.
type Route struct {
	Host string `json:"host"`
	To   string `json:"to"`            // CIDR, e.g. "0.0.0.0/0"
	Via  string `json:"via,omitempty"` // gateway address
}

// Fault is one rule on frames. Exactly one of Drop or Delay is set.
type Fault struct {
	Drop  *Match `json:"drop,omitempty"`
	Delay *Match `json:"delay,omitempty"` // Match.By says how long
}

// Match selects frames where they cross a link. All set fields must match.
type Match struct {
	Nth   int      `json:"nth,omitempty"`   // the Nth frame on the wire, counted from 1 over all links
	Host  string   `json:"host,omitempty"`  // a host the frame leaves (dir "out") or reaches (dir "in"); either when Dir is empty
	Dir   string   `json:"dir,omitempty"`   // "out", "in" or empty
	Proto string   `json:"proto,omitempty"` // "tcp", "udp", "icmp", "arp"
	Flags string   `json:"flags,omitempty"` // TCP flags exactly as tcpdump prints them: "S", "S.", ".", "P.", "F.", "R", "R."
	Port  int      `json:"port,omitempty"`  // TCP/UDP source or destination port
	Count int      `json:"count,omitempty"` // only the first Count matching frames; 0 = all
	By    Duration `json:"by,omitempty"`    // for Delay: extra delay
}
