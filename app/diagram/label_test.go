package diagram

import (
	"testing"

	"netplay/stack/trace"
)

func TestFrameLabel(t *testing.T) {
	seg := func(flags string, seq, ack uint32, n int) trace.Event {
		return trace.Event{Kind: trace.KindSegment, Flags: flags, Seq: seq, Ack: ack, SeqAbs: seq + 1000, AckAbs: ack + 5000, Len: n}
	}
	tests := []struct {
		e       trace.Event
		abs     bool
		want    string
		wantCls string
	}{
		{seg("S", 0, 0, 0), false, "SYN seq=0", ClassSYN},
		{seg("S.", 0, 1, 0), false, "SYN,ACK seq=0 ack=1", ClassSYN},
		{seg(".", 1, 1, 0), false, "ACK ack=1", ClassACK},
		{seg(".", 1, 1, 0), true, "ACK ack=5001", ClassACK},
		{seg("S", 0, 0, 0), true, "SYN seq=1000", ClassSYN},
		{seg("P.", 1, 1, 5), false, "PSH,ACK seq=1 ack=1 len=5", ClassData},
		{seg("F.", 6, 1, 0), false, "FIN,ACK seq=6 ack=1", ClassFIN},
		{seg("R.", 0, 1, 0), false, "RST,ACK ack=1", ClassRST},
		{seg("R", 7, 0, 0), false, "RST seq=7", ClassRST},
		{trace.Event{Kind: trace.KindICMP, Type: 3, Code: 3}, false, "ICMP port unreachable", ClassICMP},
		{trace.Event{Kind: trace.KindICMP, Type: 8}, false, "ICMP echo request", ClassICMP},
		{trace.Event{Kind: trace.KindARP, Summary: "ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28"}, false, "ARP who-has 10.0.0.2", ClassARP},
		{trace.Event{Kind: trace.KindUDP, Len: 12}, false, "UDP len=12", ClassUDP},
	}
	for _, tt := range tests {
		if got := FrameLabel(&tt.e, tt.abs); got != tt.want {
			t.Errorf("FrameLabel(%q abs=%v) = %q, want %q", tt.e.Flags, tt.abs, got, tt.want)
		}
		if got := FrameClass(&tt.e); got != tt.wantCls {
			t.Errorf("FrameClass(%q) = %q, want %q", tt.want, got, tt.wantCls)
		}
	}
}

func TestCallTextAndTime(t *testing.T) {
	e := trace.Event{Call: "connect", Args: "3, 10.0.0.2:81", Ret: -1, Errno: "ECONNREFUSED"}
	if got, want := CallText(&e), "connect(3, 10.0.0.2:81) = -1 ECONNREFUSED"; got != want {
		t.Errorf("CallText = %q, want %q", got, want)
	}
	for ns, want := range map[int64]string{0: "0.000", 1_000_000: "0.001", 127_000_000_000: "127.000", 1_250_000: "0.001250"} {
		if got := TimeLabel(ns); got != want {
			t.Errorf("TimeLabel(%d) = %q, want %q", ns, got, want)
		}
	}
}

func TestStartArgs(t *testing.T) {
	for _, c := range []struct{ name, args, want string }{
		{"accept", "3, 10.0.0.1:24462", "3, …"},
		{"connect", "3, 10.0.0.2:12345", "3, 10.0.0.2:12345"},
		{"accept", "3", "3"},
	} {
		if got := startArgs(c.name, c.args); got != c.want {
			t.Errorf("startArgs(%q, %q) = %q, want %q", c.name, c.args, got, c.want)
		}
	}
}
