package frame

import "strings"

// TCPFlags is a TCP header's flags byte.
type TCPFlags uint8

// The TCP flag bits.
const (
	FlagFIN TCPFlags = 1 << iota
	FlagSYN
	FlagRST
	FlagPSH
	FlagACK
	FlagURG
	FlagECE
	FlagCWR
)

// FlagLetters are the letters tcpdump prints for the flags, in its order
// (print-tcp.c, tcp_flag_values), which is the bits' order: F S R P . U E W,
// '.' standing for ACK.
const FlagLetters = "FSRP.UEW"

// flagNames are the flags' names, in the order a textbook writes them
// ("SYN,ACK", "PSH,ACK", "FIN,ACK").
var flagNames = [...]struct {
	bit  TCPFlags
	name string
}{
	{FlagSYN, "SYN"}, {FlagFIN, "FIN"}, {FlagRST, "RST"}, {FlagPSH, "PSH"},
	{FlagURG, "URG"}, {FlagACK, "ACK"}, {FlagECE, "ECE"}, {FlagCWR, "CWR"},
}

// flagStrings holds String's result for every flags byte: every segment of
// a trace prints its flags.
var flagStrings = func() (t [256]string) {
	for i := range t {
		var b []byte
		for bit := 0; bit < 8; bit++ {
			if i&(1<<bit) != 0 {
				b = append(b, FlagLetters[bit])
			}
		}
		if len(b) == 0 {
			t[i] = "none"
		} else {
			t[i] = string(b)
		}
	}
	return t
}()

// String writes the flags as tcpdump does: "S", "S.", "P.", "FP.", and
// "none" when no flag is set.
func (f TCPFlags) String() string { return flagStrings[f] }

// Names writes the flags by name, as a textbook does: "SYN,ACK", "RST";
// "none" when no flag is set.
func (f TCPFlags) Names() string {
	var names []string
	for _, n := range flagNames {
		if f&n.bit != 0 {
			names = append(names, n.name)
		}
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ",")
}

// ParseFlags reads flags written with tcpdump's letters (String's output,
// in any order; "none" or "" for no flag). ok is false when s has another
// character.
func ParseFlags(s string) (f TCPFlags, ok bool) {
	if s == "none" {
		return 0, true
	}
	for i := 0; i < len(s); i++ {
		bit := strings.IndexByte(FlagLetters, s[i])
		if bit < 0 {
			return 0, false
		}
		f |= 1 << bit
	}
	return f, true
}
