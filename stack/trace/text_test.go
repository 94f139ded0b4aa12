package trace

import (
	"bytes"
	"strings"
	"testing"
)

const goldenRelative = `0.001000 client ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28
0.002000 server ARP, Reply 10.0.0.2 is-at 02:00:00:00:01:01, length 28
0.003000 client 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 0, win 65535, options [mss 1460,nop,wscale 7], length 0
0.004001 server 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 0, ack 1, win 65535, options [mss 1460,nop,wscale 7], length 0
0.005001 client 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 512, length 0 [dropped: drop nth=5]
0.006001 client 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1:6, ack 1, win 512, length 5
0.007001 server 10.0.0.2.80 > 10.0.0.1.40000: Flags [P.], seq 1:6, ack 6, win 512, length 5
0.008002 client 10.0.0.1.40000 > 10.0.0.2.80: Flags [F.], seq 6, ack 6, win 512, length 0
0.009002 server 10.0.0.2.80 > 10.0.0.1.40000: Flags [F.], seq 6, ack 7, win 512, length 0
0.010002 client 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 7, win 512, length 0
0.011002 client 10.0.0.1.40001 > 10.0.0.2.81: Flags [S], seq 0, win 65535, length 0
0.012003 server 10.0.0.2.81 > 10.0.0.1.40001: Flags [R.], seq 0, ack 1, win 0, length 0
0.013003 router 10.0.0.254 > 10.0.0.1: ICMP net 10.0.9.9 unreachable, length 36
0.014003 client 10.0.0.1.5000 > 10.0.0.2.53: UDP, length 5
0.015003 client fd00::1.40000 > fd00::2.80: Flags [S], seq 0, win 65535, options [mss 1440,nop,wscale 7], length 0
`

const goldenAbsolute = `0.003000 client 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 65535, options [mss 1460,nop,wscale 7], length 0
0.004001 server 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 5000, ack 1001, win 65535, options [mss 1460,nop,wscale 7], length 0
0.005001 client 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 5001, win 512, length 0 [dropped: drop nth=5]
0.006001 client 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1001:1006, ack 5001, win 512, length 5
0.007001 server 10.0.0.2.80 > 10.0.0.1.40000: Flags [P.], seq 5001:5006, ack 1006, win 512, length 5
0.008002 client 10.0.0.1.40000 > 10.0.0.2.80: Flags [F.], seq 1006, ack 5006, win 512, length 0
0.009002 server 10.0.0.2.80 > 10.0.0.1.40000: Flags [F.], seq 5006, ack 1007, win 512, length 0
0.010002 client 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 5007, win 512, length 0
0.011002 client 10.0.0.1.40001 > 10.0.0.2.81: Flags [S], seq 77, win 65535, length 0
0.012003 server 10.0.0.2.81 > 10.0.0.1.40001: Flags [R.], seq 0, ack 78, win 0, length 0
0.015003 client fd00::1.40000 > fd00::2.80: Flags [S], seq 1, win 65535, options [mss 1440,nop,wscale 7], length 0
`

func writeText(t *testing.T, events []Event, opt TextOptions) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteText(&buf, events, opt); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func segmentsOnly(events []Event) []Event {
	var out []Event
	for _, e := range events {
		if e.Kind == KindSegment {
			out = append(out, e)
		}
	}
	return out
}

func TestTextFrames(t *testing.T) {
	events := sampleRecorder().Events()
	if got := writeText(t, events, TextOptions{}); got != goldenRelative {
		t.Errorf("relative:\n got:\n%s\nwant:\n%s", got, goldenRelative)
	}
	segs := segmentsOnly(events)
	if got := writeText(t, segs, TextOptions{Absolute: true}); got != goldenAbsolute {
		t.Errorf("absolute:\n got:\n%s\nwant:\n%s", got, goldenAbsolute)
	}
	// Read back from JSON (no frame bytes), both forms print the same.
	var buf bytes.Buffer
	if err := WriteJSON(&buf, events); err != nil {
		t.Fatal(err)
	}
	back, err := ReadJSON(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := writeText(t, back, TextOptions{}); got != goldenRelative {
		t.Errorf("relative from JSON:\n%s", got)
	}
	if got := writeText(t, segmentsOnly(back), TextOptions{Absolute: true}); got != goldenAbsolute {
		t.Errorf("absolute from JSON:\n%s", got)
	}
}

func TestTextOthers(t *testing.T) {
	events := []Event{
		{T: 2_500_000, Host: "server", Kind: KindSyscall, Call: "accept", FD: 3, Args: "3, …", Ret: 4},
		{T: 127_000_000_001, Host: "client", Kind: KindSyscall, Call: "connect", FD: 3, Args: "3, 10.0.0.2:81", Ret: -1, Errno: "ECONNREFUSED"},
		{T: 1_999_999_999, Host: "client", Kind: KindSyscall, Call: "recv", FD: 3, Args: "3, buf, 100, 0", Ret: -1, Errno: "E999"},
		{T: 3, Host: "client", Kind: KindState, FD: 3, From: "SYN_SENT", To: "ESTABLISHED"},
		{T: 4, Host: "server", Kind: KindQueue, FD: 3, SynQ: 1, AcceptQ: 0, Backlog: 5},
		{T: 5, Host: "client", Kind: KindOutput, Text: "hello\nworld\n", Stream: "stdout"},
		{T: 6, Host: "client", Kind: KindOutput, Text: "partial", Stream: "stderr"},
		{T: 7, Host: "client", Kind: KindOutput, Text: "", Stream: "stdout"},
		{T: 8, Host: "client", Kind: KindExit, Status: 0},
		{T: 9, Host: "server", Kind: KindExit, Status: 139, Reason: "Segmentation fault at server.c:14"},
		{T: 10, Host: "a", Kind: KindFrame, Summary: "truncated Ethernet frame, length 5 (header needs 14)", Dropped: true},
		{T: 11, Host: "a", Kind: KindUDP, Summary: "10.0.0.1.1 > 10.0.0.2.2: UDP, length 0", Fault: "delay nth=4 500ms"},
		{T: 12, Host: "server", Kind: KindThread, Pid: 1000, Tid: 1000, Op: "create", Child: 1001, Name: "handle"},
		{T: 13, Host: "server", Kind: KindSyscall, Pid: 1000, Tid: 1001, Call: "read", FD: 4, Args: "4, 100", Ret: 6},
		{T: 14, Host: "server", Kind: KindOutput, Pid: 1000, Tid: 1001, Text: "got 6\n", Stream: "stdout"},
		{T: 15, Host: "server", Kind: KindThread, Pid: 1000, Tid: 1001, Op: "exit"},
		{T: 16, Host: "server", Kind: KindExit, Pid: 1000, Status: 0},
	}
	want := `0.002500 server accept(3, …) = 4
127.000000 client connect(3, 10.0.0.2:81) = -1 ECONNREFUSED (Connection refused)
1.999999 client recv(3, buf, 100, 0) = -1 E999
0.000000 client fd 3: SYN_SENT -> ESTABLISHED
0.000000 server fd 3: synq 1 acceptq 0/5
0.000000 client| hello
0.000000 client| world
0.000000 client| partial
0.000000 client exited with status 0
0.000000 server killed: Segmentation fault at server.c:14
0.000000 a truncated Ethernet frame, length 5 (header needs 14) [dropped]
0.000000 a 10.0.0.1.1 > 10.0.0.2.2: UDP, length 0 [delayed: delay nth=4 500ms]
0.000000 server[1000] thread 1001 starts handle()
0.000000 server[1000/1001] read(4, 100) = 6
0.000000 server[1000/1001]| got 6
0.000000 server[1000/1001] thread exits
0.000000 server[1000] exited with status 0
`
	if got := writeText(t, events, TextOptions{}); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestErrnoInLine: a failed call's line names the errno and gives
// strerror's text; a name the table lacks ("E15") is printed alone.
func TestErrnoInLine(t *testing.T) {
	for _, c := range []struct{ errno, want string }{
		{"ETIMEDOUT", "connect(3) = -1 ETIMEDOUT (Connection timed out)"},
		{"EAGAIN", "connect(3) = -1 EAGAIN (Resource temporarily unavailable)"},
		{"E15", "connect(3) = -1 E15"},
		{"", "connect(3) = -1"},
	} {
		e := Event{Kind: KindSyscall, Call: "connect", Args: "3", Ret: -1, Errno: c.errno}
		if got := TextLine(&e, TextOptions{}); got != c.want {
			t.Errorf("TextLine(errno %q) = %q, want %q", c.errno, got, c.want)
		}
	}
}

// TestTextEscapesControls: program output (and anything else on a line)
// cannot act on the reader's terminal; JSON Lines keeps the bytes.
func TestTextEscapesControls(t *testing.T) {
	hostile := "\x1b[2J\x1b]0;pwned\a red\r\n" + // clear screen, set title, bell, CR
		"ok\tx\x00\x7f\u009b31m\u202etxet\xff\xfe\n" + // tab kept; NUL, DEL, C1 CSI, bidi override, bad UTF-8
		"中文　é😀 \\x1b \ufffd\n" // graphic text of any script (ideographic space too) and a literal backslash stay
	events := []Event{
		{T: 1, Host: "client", Kind: KindOutput, Text: hostile, Stream: "stdout"},
		{T: 2, Host: "client", Kind: KindExit, Status: 134, Reason: "internal error\n\x1b[1mstack"},
	}
	want := `0.000000 client| \x1b[2J\x1b]0;pwned\a red\r
0.000000 client| ok	x\x00\x7f\u009b31m\u202etxet\xff\xfe
0.000000 client| 中文　é😀 \x1b ` + "\ufffd" + `
0.000000 client killed: internal error\n\x1b[1mstack
`
	got := writeText(t, events, TextOptions{})
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	for i, c := range []byte(got) {
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			t.Errorf("byte %d of the text trace is control character %#x", i, c)
		}
	}
	// JSON Lines keeps every control character (JSON strings cannot hold
	// bytes that are not UTF-8: encoding/json writes U+FFFD for those).
	events[0].Text = strings.ReplaceAll(hostile, "\xff\xfe", "")
	var buf bytes.Buffer
	if err := WriteJSON(&buf, events); err != nil {
		t.Fatal(err)
	}
	back, err := ReadJSON(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if back[0].Text != events[0].Text || back[1].Reason != events[1].Reason {
		t.Errorf("JSON Lines changed the text: %q", back[0].Text)
	}
	if got := EscapeControl("plain ascii, 三次握手"); got != "plain ascii, 三次握手" {
		t.Errorf("EscapeControl changed graphic text: %q", got)
	}
}
