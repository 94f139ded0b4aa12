package page

import (
	"strconv"
	"strings"
	"testing"

	"netplay/stack/trace"
)

// After fork, the sockets view says which processes hold each socket and
// by which fd, as ss -p does; a close or a process's end drops its hold,
// and a connection outlives its last holder only in the states TCP keeps.
func TestSocketsForked(t *testing.T) {
	ms := int64(1e6)
	conn := func(to string) trace.Event {
		return trace.Event{T: 1 * ms, Host: "server", Kind: trace.KindState, FD: -1, From: "SYN_RECV", To: to, Src: "10.0.0.1:7000", Dst: "10.0.0.2:4000"}
	}
	evs := []trace.Event{
		{T: 0, Host: "server", Kind: trace.KindSyscall, Pid: 1000, Tid: 1000, Call: "socket", Ret: 3, FD: 3},
		{T: 0, Host: "server", Kind: trace.KindState, FD: 3, From: "CLOSED", To: "LISTEN", Src: "0.0.0.0:7000"},
		conn("ESTABLISHED"),
		{T: 2 * ms, Host: "server", Kind: trace.KindSyscall, Pid: 1000, Tid: 1000, Call: "accept", Args: "3, 10.0.0.2:4000", Ret: 4, FD: 3},
		{T: 2 * ms, Host: "server", Kind: trace.KindFork, Pid: 1000, Tid: 1000, Child: 1001, FDs: []int{0, 1, 2, 3, 4}},
		{T: 2 * ms, Host: "server", Kind: trace.KindSyscall, Pid: 1000, Tid: 1000, Call: "close", FD: 4},
		{T: 2 * ms, Host: "server", Kind: trace.KindSyscall, Pid: 1001, Tid: 1001, Call: "close", FD: 3},
		{T: 5 * ms, Host: "server", Kind: trace.KindExit, Pid: 1001},
	}
	view := func(upto int) string {
		var out []string
		for _, r := range Sockets(evs, "server", upto) {
			out = append(out, itoaFD(r.FD)+" "+r.State+" "+HoldersText(r.Holders))
		}
		return strings.Join(out, "; ")
	}
	for _, tc := range []struct {
		upto int
		want string
	}{
		{3, "3 LISTEN pid=1000,fd=3; 4 ESTABLISHED pid=1000,fd=4"},
		{4, "3 LISTEN pid=1000,fd=3 pid=1001,fd=3; 4 ESTABLISHED pid=1000,fd=4 pid=1001,fd=4"},
		{6, "3 LISTEN pid=1000,fd=3; 4 ESTABLISHED pid=1001,fd=4"},
		{7, "3 LISTEN pid=1000,fd=3; - ESTABLISHED "},
	} {
		if got := view(tc.upto); got != tc.want {
			t.Errorf("up to event %d:\n got %s\nwant %s", tc.upto, got, tc.want)
		}
	}
}

func itoaFD(fd int) string {
	if fd < 0 {
		return "-"
	}
	return strconv.Itoa(fd)
}
