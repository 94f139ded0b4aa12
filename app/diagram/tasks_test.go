package diagram

import (
	"strings"
	"testing"

	"netplay/stack/trace"
)

// A forking server: each process is a task line with its calls on it, the
// fork an arrow to the child's line, the child's exit and the SIGCHLD
// marks on their lines; a host of one task keeps its calls on its
// lifeline.
func TestTasks(t *testing.T) {
	ms := int64(1e6)
	evs := []trace.Event{
		{T: 0, Host: "server", Kind: trace.KindSyscall, Pid: 1000, Tid: 1000, Call: "listen", Args: "3, 16", FD: 3},
		{T: 2 * ms, Host: "server", Kind: trace.KindSyscall, Pid: 1000, Tid: 1000, Call: "accept", Args: "3, 10.0.0.2:4000", FD: 3, Ret: 4, Start: 0},
		{T: 2 * ms, Host: "server", Kind: trace.KindFork, Pid: 1000, Tid: 1000, Child: 1001, FDs: []int{0, 1, 2, 3, 4}},
		{T: 2 * ms, Host: "server", Kind: trace.KindSyscall, Pid: 1000, Tid: 1000, Call: "fork", FD: -1, Ret: 1001, Start: 2 * ms},
		{T: 2 * ms, Host: "server", Kind: trace.KindSyscall, Pid: 1001, Tid: 1001, Call: "close", Args: "3", FD: 3, Start: 2 * ms},
		{T: 3 * ms, Host: "client", Kind: trace.KindSyscall, Call: "write", Args: "3, 5 bytes", FD: 3, Ret: 5, Start: 3 * ms},
		{T: 4 * ms, Host: "server", Kind: trace.KindSyscall, Pid: 1001, Tid: 1001, Call: "read", Args: "4, 256", FD: 4, Ret: 5, Start: 2 * ms},
		{T: 5 * ms, Host: "server", Kind: trace.KindExit, Pid: 1001, Zombie: true},
		{T: 5 * ms, Host: "server", Kind: trace.KindSignal, Pid: 1000, Op: "send", Signal: "SIGCHLD", Reason: "child 1001 exited with status 0"},
		{T: 5 * ms, Host: "server", Kind: trace.KindSignal, Pid: 1000, Tid: 1000, Op: "deliver", Signal: "SIGCHLD", Action: "handler", Name: "on_child"},
		{T: 6 * ms, Host: "server", Kind: trace.KindAction, Do: "signal", Signal: "SIGINT"},
		{T: 7 * ms, Kind: trace.KindAction, Do: "unplug", Link: 0},
	}
	l := Compute(evs, Options{Hosts: []string{"server", "client"}})
	if len(l.Tasks) != 2 {
		t.Fatalf("tasks %+v, want 1000 and 1001", l.Tasks)
	}
	parent, child := l.Tasks[0], l.Tasks[1]
	if parent.Label != "[1000]" || child.Label != "[1001]" || parent.Col != 0 || child.Col != 1 || child.X <= parent.X {
		t.Errorf("tasks %+v", l.Tasks)
	}
	if !child.Ended || l.Rows[child.Row2].Event != 7 || !l.Rows[child.Row1].Own || l.Rows[child.Row1].Event != 2 {
		t.Errorf("child's line from row %d to %d (ended %v), want from the fork's row to its exit's", child.Row1, child.Row2, child.Ended)
	}
	if len(l.Spawns) != 1 || l.Spawns[0].X1 != parent.X || l.Spawns[0].X2 != child.X || l.Spawns[0].Text != "[1000] fork → [1001] (fds 0 1 2 3 4)" {
		t.Errorf("spawns %+v", l.Spawns)
	}
	var server, client []string
	for _, c := range l.Calls {
		if l.Lanes[c.Lane].Host == "client" {
			client = append(client, c.Text)
			if c.OnTask || c.X != l.Lanes[c.Lane].X {
				t.Errorf("client's call %q off its lifeline", c.Text)
			}
			continue
		}
		server = append(server, c.Text)
		if want := map[bool]float64{true: child.X, false: parent.X}[strings.HasPrefix(c.Text, "[1001]")]; c.X != want || !c.OnTask {
			t.Errorf("%q at x %.1f, want its task's %.1f", c.Text, c.X, want)
		}
	}
	if strings.Join(server, "; ") != "[1000] listen(3, 16) = 0; [1000] accept(3, 10.0.0.2:4000) = 4; [1000] fork() = 1001; [1001] close(3) = 0; [1001] read(4, 256) = 5" ||
		strings.Join(client, "; ") != "write(3, 5 bytes) = 5" {
		t.Errorf("calls\n%q\n%q", server, client)
	}
	var marks []string
	for _, m := range l.Marks {
		marks = append(marks, m.Text)
	}
	if got := strings.Join(marks, "; "); got != "[1001] exit 0 (zombie until its parent waits); SIGCHLD sent to [1000]: child 1001 exited with status 0; [1000] SIGCHLD → on_child(); ⚡ signal SIGINT; link 0: ⚡ unplug" {
		t.Errorf("marks %q", got)
	}
	svg := l.SVG(All, len(evs))
	for _, want := range []string{`class="np-task" data-task="[1001]"`, `class="np-spawn" data-ev="2" data-row="`, `class="np-bracket np-ontask"`, `▸ [1001] read(4, 256)`, `class="np-action"`, `class="np-signal"`} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %s", want)
		}
	}
}

// An epoll_wait return is linked to the frame that made each descriptor
// ready; a second return on the same readiness (level triggering) says so.
func TestReadyLinks(t *testing.T) {
	ms := int64(1e6)
	evs := []trace.Event{
		{T: 1 * ms, Host: "client", Kind: trace.KindSegment, Frame: 1, Flags: "P.", Len: 10, Receiver: "server", Arrive: 2 * ms},
		{T: 2 * ms, Host: "server", Kind: trace.KindSyscall, Call: "epoll_wait", Args: "4, [{events=EPOLLIN, data={u32=5, u64=5}}], 8, -1", FD: 4, Ret: 1, Start: 0,
			Ready: []trace.Ready{{FD: 5, Events: "EPOLLIN", By: "frame", Ev: 0, Frame: 1}}},
		{T: 2 * ms, Host: "server", Kind: trace.KindSyscall, Call: "recv", Args: "5, 8", FD: 5, Ret: 8, Start: 2 * ms},
		{T: 2 * ms, Host: "server", Kind: trace.KindSyscall, Call: "epoll_wait", Args: "4, [{events=EPOLLIN, data={u32=5, u64=5}}], 8, -1", FD: 4, Ret: 1, Start: 2 * ms,
			Ready: []trace.Ready{{FD: 5, Events: "EPOLLIN", By: "frame", Ev: 0, Frame: 1}}},
	}
	l := Compute(evs, Options{Hosts: []string{"server", "client"}})
	if len(l.Ready) != 2 {
		t.Fatalf("ready links %+v", l.Ready)
	}
	a, b := l.Ready[0], l.Ready[1]
	arrow := l.Arrows[0]
	if a.Cause != 0 || a.Event != 1 || a.X1 != arrow.X2 || a.Y1 != arrow.Y2 || a.Again || a.Text != "fd 5 EPOLLIN ← frame 1" {
		t.Errorf("first link %+v (arrow ends at %.1f,%.1f)", a, arrow.X2, arrow.Y2)
	}
	if !b.Again || b.Event != 3 || b.Text != "fd 5 EPOLLIN ← frame 1 (still ready)" {
		t.Errorf("second link %+v", b)
	}
	svg := l.SVG(Draw{Selected: 3, Upto: -1}, len(evs))
	if !strings.Contains(svg, `class="np-ready np-again np-sel" data-ev="3" data-cause="0"`) || !strings.Contains(svg, ">fd 5 EPOLLIN ← frame 1 (still ready)</text>") {
		t.Errorf("the selected call's link is not drawn with its text:\n%s", svg)
	}
}
