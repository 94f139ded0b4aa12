//go:build linux

package linuxref

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"netplay/stack/scenario"
)

// Diff is one difference between netplay and Linux: one host, in one
// place, what each side shows there (the form a scenario's linux_pins
// name it by), and the paragraph the report prints.
type Diff struct {
	Host string
	// In is where the host differs: "sent" (the frames it sent on one
	// connection), "calls" (its socket calls), "stdout", "stderr" or
	// "exit" (its exit statuses).
	In   string
	Conn string // for "sent": the connection's key
	// Netplay and Linux are what each side shows: for "sent" the frames
	// in Compact form; for "calls" the normalised calls only that side
	// made, "; "-joined; the masked text for "stdout" and "stderr"; the
	// statuses for "exit".
	Netplay, Linux string
	Text           string
}

// Compact writes what a host sent on a connection as a pin names it: the
// flags (or "ICMP3/1", "UDP 5") of each frame, "✗" after a dropped one,
// a run of the same frame as "×N", space-separated: "S✗×7", "S S. . F.";
// "(nothing)" for no frame.
func Compact(sent []string) string {
	if len(sent) == 0 {
		return "(nothing)"
	}
	var out []string
	for i := 0; i < len(sent); {
		j := i
		for j < len(sent) && sent[j] == sent[i] {
			j++
		}
		w := strings.Replace(sent[i], " dropped", "✗", 1)
		w = strings.Replace(w, "ICMP ", "ICMP", 1)
		if j-i > 1 {
			w += "×" + strconv.Itoa(j-i)
		}
		out = append(out, w)
		i = j
	}
	return strings.Join(out, " ")
}

// Matches reports whether pin explains d: the same host and place, exactly
// what netplay shows (its side is deterministic), and what Linux shows
// matching the pin's regular expression as a whole (the kernel runs on
// real timers: a count may vary, and the pin may allow for it).
func Matches(pin scenario.LinuxPin, d Diff) bool {
	if pin.Host != d.Host || pin.In != d.In || pin.Netplay != d.Netplay {
		return false
	}
	re, err := regexp.Compile(`^(?:` + pin.Linux + `)$`)
	return err == nil && re.MatchString(d.Linux)
}

// Explain sorts the report's differences by the pins: those no pin
// explains, and for each pin whether it explained one. A scenario agrees
// with Linux when nothing is left unexplained; a pin that explains nothing
// is not an error (a kernel that behaves as netplay does has nothing to
// explain) but is said in the report.
func (r *Report) Explain(pins []scenario.LinuxPin) (unexplained []Diff, used []bool) {
	used = make([]bool, len(pins))
	for _, d := range r.Diffs {
		ok := false
		for i, p := range pins {
			if Matches(p, d) {
				used[i], ok = true, true
			}
		}
		if !ok {
			unexplained = append(unexplained, d)
		}
	}
	return unexplained, used
}

// PinOf is the pin that would explain d exactly, as a scenario writes it:
// what a reviewer starts from when a difference is one the note explains.
func PinOf(d Diff) string {
	return fmt.Sprintf(`{"host": %q, "in": %q, "netplay": %q, "linux": %q}`, d.Host, d.In, d.Netplay, regexp.QuoteMeta(d.Linux))
}
