//go:build linux

package linuxref

import (
	"testing"

	"netplay/stack/scenario"
)

func TestCompact(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{nil, "(nothing)"},
		{[]string{"S dropped", "S dropped", "S dropped"}, "S✗×3"},
		{[]string{"S", "S", ".", "F.", "ICMP 3/1"}, "S×2 . F. ICMP3/1"},
		{[]string{"S", "S dropped", "S"}, "S S✗ S"},
	} {
		if got := Compact(tc.in); got != tc.want {
			t.Errorf("Compact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestExplain: a pin explains only the difference it names (host, place,
// netplay's side exactly, Linux's side by its expression); any other
// difference stays unexplained.
func TestExplain(t *testing.T) {
	lx := linuxSide()
	lx.Frames = append(lx.Frames, Frame{T: 13, Sender: "server", Kind: "tcp", Src: "10.0.0.2:12345", Dst: "10.0.0.1:55314", Flags: "R", Seq: 100})
	lx.Hosts["client"].Calls[1] = Call{Name: "connect", FD: 3, Ret: -1, Errno: "ETIMEDOUT"}
	r := Compare(netplaySide(), lx)
	if len(r.Diffs) != 2 {
		t.Fatalf("want 2 differences:\n%s", r.Text())
	}
	sent := scenario.LinuxPin{Host: "server", In: "sent", Netplay: "S.", Linux: `S\. R`}
	calls := scenario.LinuxPin{Host: "client", In: "calls", Netplay: "connect(fd#1) = 0", Linux: "connect\\(fd#1\\) = -1 (ETIMEDOUT|EHOSTUNREACH)"}
	for _, tc := range []struct {
		name   string
		pins   []scenario.LinuxPin
		left   int
		unused []bool
	}{
		{"none", nil, 2, []bool{}},
		{"both", []scenario.LinuxPin{sent, calls}, 0, []bool{true, true}},
		{"one", []scenario.LinuxPin{sent}, 1, []bool{true}},
		{"another host", []scenario.LinuxPin{{Host: "client", In: "sent", Netplay: "S.", Linux: `S\. R`}, calls}, 1, []bool{false, true}},
		{"netplay's side differs", []scenario.LinuxPin{{Host: "server", In: "sent", Netplay: "S. R", Linux: `S\. R`}, calls}, 1, []bool{false, true}},
		{"Linux's side differs", []scenario.LinuxPin{{Host: "server", In: "sent", Netplay: "S.", Linux: `S\.`}, calls}, 1, []bool{false, true}},
		{"a pattern matches the whole", []scenario.LinuxPin{{Host: "server", In: "sent", Netplay: "S.", Linux: `S\.`}, {Host: "client", In: "calls", Netplay: "connect(fd#1) = 0", Linux: "connect"}}, 2, []bool{false, false}},
	} {
		un, used := r.Explain(tc.pins)
		if len(un) != tc.left {
			t.Errorf("%s: %d unexplained, want %d: %+v", tc.name, len(un), tc.left, un)
		}
		for i := range tc.unused {
			if used[i] != tc.unused[i] {
				t.Errorf("%s: pin %d used %v, want %v", tc.name, i, used[i], tc.unused[i])
			}
		}
	}
	if got := PinOf(r.Diffs[0]); got != `{"host": "server", "in": "sent", "netplay": "S.", "linux": "S\\. R"}` {
		t.Errorf("PinOf = %s", got)
	}
}
