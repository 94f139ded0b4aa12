package trace

import (
	"bufio"
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"netplay/stack/frame"
	"netplay/stack/linux/errno"
)

// TextOptions changes how WriteText prints a trace.
type TextOptions struct {
	// Absolute prints TCP sequence and acknowledgement numbers as they are
	// on the wire (tcpdump -S) instead of relative to each direction's ISN.
	Absolute bool
}

// WriteText writes events one per line (output events one per line of
// output): the virtual time in seconds with 6 decimals, the host, then
//
//	frames:   the tcpdump-style summary, plus " [dropped: <fault>]" when a
//	          fault or the link's loss dropped it (" [delayed: <fault>]" when
//	          a fault only delayed it)
//	syscalls: "accept(3, …) = 4", "connect(3, 10.0.0.2:81) = -1 ECONNREFUSED (Connection refused)"
//	states:   "fd 3: SYN_SENT -> ESTABLISHED"
//	queues:   "fd 3: synq 1 acceptq 0/5"
//	output:   "| text" (no space between the host and the bar)
//	input:    "> text" as typed (no space between the host and the mark),
//	          "> ^D (end of input)" for its end
//	local:    "fd 4 > fd 3: unix-stream /tmp/echo.sock, length 6"
//	exits:    "exited with status 0" or "killed: <reason>"
//	threads:  "thread 1001 starts handle()", "thread exits"
//	forks:    "fork: child 1001 (fds 0 1 2 3 4)", "fork refused: <reason>"
//	signals:  "SIGTERM from 1003", "SIGCHLD: child 1001 exited" (sent);
//	          "SIGCHLD: handler on_child()", "SIGTERM: terminate",
//	          "SIGPIPE: ignore" (delivered)
//	cut:      "cut: <reason>" (no host)
//	actions:  "action: signal SIGINT", "action: crash (power off)"; for a
//	          link "link 0 action: set delay 50ms, loss 0.1" (no host)
//
// The host is followed by the process and thread of the event when it
// names them: "server[1000]" (a process, or its first thread),
// "server[1000/1001]" (thread 1001 of process 1000).
//
// What a program writes reaches the reader's terminal, so every line is
// passed through EscapeControl: a program cannot move the cursor, clear
// the screen, ring the bell or overwrite a trace line. JSON Lines keeps
// the text exact (JSON escapes control characters itself).
func WriteText(w io.Writer, events []Event, opt TextOptions) error {
	bw := bufio.NewWriter(w)
	for i := range events {
		appendText(bw, &events[i], opt)
	}
	return bw.Flush()
}

// FormatTime prints a virtual time in nanoseconds as seconds with six
// decimals, as the text trace does ("1.000250").
func FormatTime(ns int64) string {
	sign := ""
	if ns < 0 {
		sign, ns = "-", -ns
	}
	return fmt.Sprintf("%s%d.%06d", sign, ns/1e9, ns%1e9/1e3)
}

func appendText(bw *bufio.Writer, e *Event, opt TextOptions) {
	prefix := FormatTime(e.T) + " " + HostLabel(e)
	switch e.Kind {
	case KindOutput:
		text := strings.TrimSuffix(e.Text, "\n")
		if e.Text == "" {
			return
		}
		for _, line := range strings.Split(text, "\n") {
			bw.WriteString(EscapeControl(prefix + "| " + line))
			bw.WriteByte('\n')
		}
		return
	case KindInput:
		if e.Text != "" {
			for _, line := range strings.Split(strings.TrimSuffix(e.Text, "\n"), "\n") {
				bw.WriteString(EscapeControl(prefix + "> " + line))
				bw.WriteByte('\n')
			}
		}
		if e.EOF {
			bw.WriteString(prefix + "> ^D (end of input)\n")
		}
		return
	case KindCut:
		prefix = FormatTime(e.T)
	case KindAction:
		if e.Host == "" {
			prefix = FormatTime(e.T) + " link " + strconv.Itoa(e.Link)
		}
	}
	bw.WriteString(EscapeControl(prefix + " " + TextLine(e, opt)))
	bw.WriteByte('\n')
}

// HostLabel returns the host of e as the text trace names it, with its
// process and thread when the event names them: "server", "server[1000]",
// "server[1000/1001]".
func HostLabel(e *Event) string {
	switch {
	case e.Pid == 0:
		return e.Host
	case e.Tid == 0 || e.Tid == e.Pid:
		return e.Host + "[" + strconv.Itoa(e.Pid) + "]"
	}
	return e.Host + "[" + strconv.Itoa(e.Pid) + "/" + strconv.Itoa(e.Tid) + "]"
}

// EscapeControl returns s with everything a terminal would act on written
// as Go's strconv.Quote writes it: \a \b \f \n \r \v for those, \xNN for
// the other C0 controls, DEL and bytes that are not UTF-8, \uNNNN (or
// \UNNNNNNNN) for C1 controls and other characters that are not graphic
// (bidirectional overrides, line separators). Tabs stay, and so do the
// letters, marks, digits, punctuation, symbols and spaces of every script;
// a backslash is not doubled, so ordinary text reads as the program wrote it.
func EscapeControl(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\t' {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError && unicode.IsGraphic(r) {
				i += n
				continue
			}
		}
		break
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, 0, len(s)+16)
	b = append(b, s[:i]...)
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 0x20 && c < 0x7f || c == '\t':
				b = append(b, c)
			case c == '\a':
				b = append(b, `\a`...)
			case c == '\b':
				b = append(b, `\b`...)
			case c == '\f':
				b = append(b, `\f`...)
			case c == '\n':
				b = append(b, `\n`...)
			case c == '\r':
				b = append(b, `\r`...)
			case c == '\v':
				b = append(b, `\v`...)
			default:
				b = fmt.Appendf(b, `\x%02x`, c)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = fmt.Appendf(b, `\x%02x`, c)
		case unicode.IsGraphic(r):
			b = append(b, s[i:i+n]...)
		case r > 0xffff:
			b = fmt.Appendf(b, `\U%08x`, r)
		default:
			b = fmt.Appendf(b, `\u%04x`, r)
		}
		i += n
	}
	return string(b)
}

// TextLine returns what the text trace prints for e after the time and
// host (for output events, the text itself). The UI uses it for its rows.
func TextLine(e *Event, opt TextOptions) string {
	switch e.Kind {
	case KindSegment, KindICMP, KindARP, KindUDP, KindFrame:
		s := e.Summary
		if opt.Absolute && e.Kind == KindSegment {
			s = absoluteSummary(e)
		}
		switch {
		case e.Dropped && e.Fault != "":
			s += " [dropped: " + e.Fault + "]"
		case e.Dropped:
			s += " [dropped]"
		case e.Fault != "":
			s += " [delayed: " + e.Fault + "]"
		}
		return s
	case KindSyscall:
		s := e.Call + "(" + e.Args + ") = " + strconv.FormatInt(e.Ret, 10)
		if e.RetText != "" {
			s = e.Call + "(" + e.Args + ") = " + e.RetText
		}
		if e.Errno != "" {
			s += " " + e.Errno
			if n, ok := errno.ByName(e.Errno); ok {
				s += " (" + n.Error() + ")"
			}
		}
		return s + readyText(e.Ready)
	case KindState:
		return fmt.Sprintf("fd %d: %s -> %s", e.FD, e.From, e.To)
	case KindQueue:
		return fmt.Sprintf("fd %d: synq %d acceptq %d/%d", e.FD, e.SynQ, e.AcceptQ, e.Backlog)
	case KindOutput:
		return e.Text
	case KindInput:
		if e.EOF {
			return e.Text + "^D (end of input)"
		}
		return e.Text
	case KindLocal:
		s := e.Src + " > " + e.Dst + ": " + e.Sock
		if e.Path != "" {
			s += " " + e.Path
		}
		return s + ", length " + strconv.Itoa(e.Len)
	case KindCut:
		return "cut: " + e.Reason
	case KindSignal:
		if e.Op == "send" {
			switch {
			case e.Reason != "":
				return e.Signal + ": " + e.Reason
			case e.Sender != 0:
				return fmt.Sprintf("%s from %d", e.Signal, e.Sender)
			}
			return e.Signal
		}
		if e.Action == "handler" {
			return fmt.Sprintf("%s: handler %s()", e.Signal, e.Name)
		}
		return e.Signal + ": " + e.Action
	case KindFork:
		if e.Child == 0 {
			return "fork refused: " + e.Reason
		}
		fds := make([]string, len(e.FDs))
		for i, fd := range e.FDs {
			fds[i] = strconv.Itoa(fd)
		}
		return fmt.Sprintf("fork: child %d (fds %s)", e.Child, strings.Join(fds, " "))
	case KindThread:
		if e.Op == "create" {
			return fmt.Sprintf("thread %d starts %s()", e.Child, e.Name)
		}
		return "thread exits"
	case KindAction:
		return "action: " + ActionText(e)
	case KindExit:
		s := fmt.Sprintf("exited with status %d", e.Status)
		if e.Reason != "" {
			s = "killed: " + e.Reason
		}
		if e.Zombie {
			s += " (a zombie until its parent waits)"
		}
		return s
	}
	return fmt.Sprintf("(unknown event kind %q)", e.Kind)
}

// readyText says what made each descriptor a select, poll or epoll_wait
// returned ready: " [ready: fd 5 by frame 12, fd 0 by input, fd 6]".
func readyText(rs []Ready) string {
	if len(rs) == 0 {
		return ""
	}
	parts := make([]string, len(rs))
	for i, r := range rs {
		p := "fd " + strconv.Itoa(r.FD)
		switch {
		case r.By == "frame" || r.By == "local":
			p += " by " + map[string]string{"frame": "frame ", "local": "local message "}[r.By] + strconv.Itoa(r.Frame)
		case r.By != "":
			p += " by " + r.By
		}
		parts[i] = p
	}
	return " [ready: " + strings.Join(parts, ", ") + "]"
}

// absoluteSummary renders a segment's line with absolute numbers. With the
// frame's bytes at hand it decodes them again without the relative
// tracker; otherwise (an event read back from JSON) it renders the line
// from the event's fields, which lack only the urgent pointer.
func absoluteSummary(e *Event) string {
	if e.Data != nil {
		if f := frame.Decode(e.Data); f.TCP != nil {
			return f.Summary()
		}
	}
	src, err1 := netip.ParseAddrPort(e.Src)
	dst, err2 := netip.ParseAddrPort(e.Dst)
	flags, ok := frame.ParseFlags(e.Flags)
	if err1 != nil || err2 != nil || !ok {
		return e.Summary
	}
	line := frame.TCPLine{Flags: flags, Seq: e.SeqAbs, Ack: e.AckAbs, Len: e.Len, Win: e.Win, Options: e.Options}
	return string(line.Append(nil, frame.Endpoints(src.Addr(), src.Port(), dst.Addr(), dst.Port())))
}

// ActionText says what an action event did, as the text trace and the
// page write it: "signal SIGINT", "crash (power off)", "unplug",
// "set delay 50ms, loss 0.1", and why it found nothing to act on.
func ActionText(e *Event) string {
	s := e.Do
	switch e.Do {
	case "signal":
		s += " " + e.Signal
	case "crash":
		s += " (power off)"
	case "unplug":
		s += " (no carrier)"
	case "set":
		s += fmt.Sprintf(" delay %v, loss %v", time.Duration(e.Delay), e.Loss)
	}
	if e.Reason != "" {
		s += ": " + e.Reason
	}
	return s
}
