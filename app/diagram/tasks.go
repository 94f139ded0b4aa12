package diagram

import (
	"fmt"
	"html"
	"strings"

	"netplay/stack/trace"
)

// A host whose program runs several processes (fork) or threads shows
// each as a task: a thin line beside the host's lifeline, from the row it
// was made on to the row it ended on, with its calls on it. The host's own
// lifeline stays the kernel's (frames and socket states). A fork or a
// thread's creation is an arrow from the parent's line to the child's; an
// exit, a signal and an action are marks. When select, poll or epoll_wait
// returns descriptors, a dashed link goes from what made each one ready (a
// frame's arrival, a local message, input, another call) to the return.

// Geometry of tasks.
const (
	TaskW    = 9.0 // distance between two task lines
	MaxCols  = 8   // task lines per host; more tasks alive at once share them
	taskGap  = 4.0 // between the state bands and the first task line
	readyPad = 6.0
)

// Task is one process or thread of a host that runs several.
type Task struct {
	Lane       int
	Pid, Tid   int
	Label      string // "[1000]" for a process's main thread, "[1000/1001]" for another thread
	Name       string // a thread's start function
	Col        int
	X          float64
	Row1, Row2 int // made, ended (len(Rows) when it runs to the end)
	Y1, Y2     float64
	Ended      bool
}

// Spawn is a fork or a thread's creation: an arrow on Row from the
// parent's task line to the child's.
type Spawn struct {
	Event  int
	Lane   int
	Row    int
	X1, X2 float64
	Y      float64
	Text   string // "fork → [1001] (fds 0 1 2 3 4)", "pthread_create → [1000/1001] worker()"
}

// Ready is one descriptor select, poll or epoll_wait returned, linked to
// what made it ready.
type Ready struct {
	Event  int // the call
	Cause  int // the event that made the descriptor ready
	Lane   int
	Row    int // the call's return row
	X1, Y1 float64
	X2, Y2 float64
	Text   string // "fd 5 EPOLLIN ← frame 12"
	// Again: an earlier return of the same descriptor on this host was
	// made ready by the same event (level triggering reports a
	// descriptor as long as it stays ready; edge triggering once).
	Again bool
}

// taskKey identifies a task of a host: its thread id, or its pid for an
// event of the whole process (an exit).
func taskKey(e *trace.Event) int {
	if e.Tid != 0 {
		return e.Tid
	}
	return e.Pid
}

// taskLabel is how the text trace names a task: "[pid]" or "[pid/tid]".
func taskLabel(pid, tid int) string {
	if tid == 0 || tid == pid {
		return "[" + itoa(pid) + "]"
	}
	return "[" + itoa(pid) + "/" + itoa(tid) + "]"
}

// layTasks finds the tasks of each lane whose host runs more than one and
// gives each a column; it returns the task of each event (-1: none) and
// sets each lane's Cols. rowOf gives an event's own row (-1: not drawn).
func (l *Layout) layTasks(events []trace.Event, lane map[string]int, rowOf func(ev int) int) []int {
	type key struct {
		lane, tid int
	}
	idx := map[key]int{}
	perLane := map[int]map[int]bool{}
	of := make([]int, len(events))
	nrows := len(l.Rows)
	for i := range events {
		of[i] = -1
		e := &events[i]
		ln, ok := lane[e.Host]
		if !ok || e.Pid == 0 {
			continue
		}
		if perLane[ln] == nil {
			perLane[ln] = map[int]bool{}
		}
		perLane[ln][taskKey(e)] = true
		if (e.Kind == trace.KindFork || e.Kind == trace.KindThread && e.Op == "create") && e.Child > 0 {
			perLane[ln][e.Child] = true
		}
	}
	get := func(ln, pid, tid, row int) int {
		k := key{ln, tid}
		if t, ok := idx[k]; ok {
			return t
		}
		idx[k] = len(l.Tasks)
		l.Tasks = append(l.Tasks, Task{Lane: ln, Pid: pid, Tid: tid, Label: taskLabel(pid, tid), Row1: row, Row2: nrows})
		return idx[k]
	}
	for i := range events {
		e := &events[i]
		ln, ok := lane[e.Host]
		if !ok || e.Pid == 0 || len(perLane[ln]) < 2 {
			continue
		}
		row := rowOf(i)
		if row < 0 {
			row = 0
			if i > 0 {
				// Not drawn (output): the task starts no later than the
				// next drawn row.
				for j := i + 1; j < len(events); j++ {
					if r := rowOf(j); r >= 0 {
						row = r
						break
					}
				}
			}
		}
		tid := taskKey(e)
		pid := e.Pid
		t := get(ln, pid, tid, row)
		of[i] = t
		switch {
		case e.Kind == trace.KindFork && e.Child > 0:
			get(ln, e.Child, e.Child, row)
		case e.Kind == trace.KindThread && e.Op == "create" && e.Child > 0:
			c := get(ln, pid, e.Child, row)
			l.Tasks[c].Name = e.Name
		case e.Kind == trace.KindThread && e.Op == "exit":
			l.Tasks[t].Row2, l.Tasks[t].Ended = row, true
		case e.Kind == trace.KindExit:
			// The process ended: every thread of it.
			for k := range l.Tasks {
				if tk := &l.Tasks[k]; tk.Lane == ln && tk.Pid == pid && !tk.Ended {
					tk.Row2, tk.Ended = row, true
				}
			}
		}
	}
	// Columns: the lowest one whose last task ended before this one
	// started, in order of start (a thread per connection reuses them).
	ends := map[int][]int{} // lane → each column's last end row
	for i := range l.Tasks {
		t := &l.Tasks[i]
		cols := ends[t.Lane]
		c := -1
		for k, end := range cols {
			if end < t.Row1 {
				c = k
				break
			}
		}
		if c < 0 {
			if len(cols) < MaxCols {
				c = len(cols)
				cols = append(cols, 0)
			} else {
				c = i % MaxCols
			}
		}
		cols[c] = max(cols[c], t.Row2)
		ends[t.Lane] = cols
		t.Col = c
		l.Lanes[t.Lane].Cols = max(l.Lanes[t.Lane].Cols, c+1)
	}
	for i := range l.Tasks {
		t := &l.Tasks[i]
		ln := &l.Lanes[t.Lane]
		t.X = ln.X + 3 + float64(ln.Slots)*(BandW+2) + taskGap + float64(t.Col)*TaskW
		t.Y1 = l.rowY(t.Row1)
		t.Y2 = l.rowY(t.Row2-1) + RowH/2
		if t.Ended {
			t.Y2 = l.rowY(t.Row2)
		}
	}
	return of
}

// taskOf returns the task of event ev, or nil.
func (l *Layout) taskOf(of []int, ev int) *Task {
	if ev < 0 || ev >= len(of) || of[ev] < 0 {
		return nil
	}
	return &l.Tasks[of[ev]]
}

// taskShapes adds the shapes of a fork, a thread's creation or end, a
// signal and an action at row, on x (the event's task line, or the
// host's lifeline). It reports whether e was one of those.
func (l *Layout) taskShapes(events []trace.Event, of []int, i, ln, row int, x, y float64) bool {
	e := &events[i]
	t := l.taskOf(of, i)
	label := ""
	if t != nil {
		label = t.Label + " "
	}
	switch e.Kind {
	case trace.KindFork, trace.KindThread:
		if e.Kind == trace.KindThread && e.Op == "exit" {
			l.Marks = append(l.Marks, Mark{Event: i, Lane: ln, Row: row, X: x, Y: y, Text: label + word(l.Lang, "thread.exits"), Class: "np-texit"})
			return true
		}
		s := Spawn{Event: i, Lane: ln, Row: row, X1: x, X2: x + 20, Y: y}
		for k := range l.Tasks {
			if c := &l.Tasks[k]; c.Lane == ln && c.Tid == e.Child && c.Row1 == row {
				s.X2 = c.X
			}
		}
		if e.Kind == trace.KindFork {
			if e.Child == 0 {
				l.Marks = append(l.Marks, Mark{Event: i, Lane: ln, Row: row, X: x, Y: y, Text: label + "fork() refused: " + e.Reason, Class: "np-spawn", Err: true})
				return true
			}
			s.Text = label + "fork → " + taskLabel(e.Child, e.Child)
			if len(e.FDs) > 0 {
				s.Text += " (fds " + strings.Trim(fmt.Sprint(e.FDs), "[]") + ")"
			}
		} else {
			s.Text = label + "pthread_create → " + taskLabel(e.Pid, e.Child) + " " + e.Name + "()"
		}
		l.Spawns = append(l.Spawns, s)
		return true
	case trace.KindSignal:
		text := label + e.Signal
		if e.Op == "send" {
			text = e.Signal + " sent"
			if t != nil {
				text += " to " + t.Label
			}
			if e.Sender > 0 {
				text += " by [" + itoa(e.Sender) + "]"
			}
			if e.Reason != "" {
				text += ": " + e.Reason
			}
		} else {
			switch e.Action {
			case "handler":
				text += " → " + e.Name + "()"
			default:
				text += " → " + e.Action
			}
		}
		l.Marks = append(l.Marks, Mark{Event: i, Lane: ln, Row: row, X: x, Y: y, Text: text, Class: "np-signal"})
		return true
	case trace.KindAction:
		text := "⚡ " + e.Do
		switch e.Do {
		case "signal":
			text += " " + e.Signal
		case "set":
			text += fmt.Sprintf(" delay %s loss %g", durLabel(e.Delay), e.Loss)
		}
		if e.Host == "" {
			text = "link " + itoa(e.Link) + ": " + text
		}
		if e.Reason != "" {
			text += ": " + e.Reason
		}
		l.Marks = append(l.Marks, Mark{Event: i, Lane: ln, Row: row, X: x, Y: y, Text: text, Class: "np-action"})
		return true
	}
	return false
}

// durLabel writes nanoseconds as a short duration ("50ms").
func durLabel(ns int64) string {
	switch {
	case ns%1e9 == 0:
		return itoa(int(ns/1e9)) + "s"
	case ns%1e6 == 0:
		return itoa(int(ns/1e6)) + "ms"
	}
	return fmt.Sprintf("%gms", float64(ns)/1e6)
}

// layReady links each descriptor a select, poll or epoll_wait call
// returned to the event that made it ready, where that event is drawn:
// a frame where it arrived, a call where it returned, a mark.
func (l *Layout) layReady(events []trace.Event) {
	at := map[int][2]float64{}
	for _, a := range l.Arrows {
		if !a.Dropped {
			at[a.Event] = [2]float64{a.X2, a.Y2}
		}
	}
	calls := map[int]*Call{}
	for k := range l.Calls {
		c := &l.Calls[k]
		calls[c.Event] = c
		at[c.Event] = [2]float64{c.X, c.Y2}
	}
	for _, m := range l.Marks {
		at[m.Event] = [2]float64{m.X, m.Y}
	}
	for _, s := range l.Spawns {
		at[s.Event] = [2]float64{s.X1, s.Y}
	}
	type fdKey struct {
		lane, pid, fd int
	}
	last := map[fdKey]int{} // the cause of the last return of each descriptor
	for i := range events {
		e := &events[i]
		c := calls[i]
		if len(e.Ready) == 0 || c == nil {
			continue
		}
		for _, r := range e.Ready {
			k := fdKey{c.Lane, e.Pid, r.FD}
			prev, seen := last[k]
			last[k] = r.Ev
			p, ok := at[r.Ev]
			if r.Ev < 0 || !ok {
				continue
			}
			rd := Ready{Event: i, Cause: r.Ev, Lane: c.Lane, Row: c.Row2, X1: p[0], Y1: p[1], X2: c.X, Y2: c.Y2,
				Again: seen && prev == r.Ev}
			rd.Text = "fd " + itoa(r.FD) + " " + r.Events + " ← " + l.causeText(&events[r.Ev], r)
			if rd.Again {
				rd.Text += word(l.Lang, "still.ready")
			}
			l.Ready = append(l.Ready, rd)
		}
	}
}

// causeText names what made a descriptor ready.
func (l *Layout) causeText(e *trace.Event, r trace.Ready) string {
	switch r.By {
	case "frame":
		return word(l.Lang, "by.frame", r.Frame)
	case "local":
		return word(l.Lang, "by.message", r.Frame)
	case "input":
		return word(l.Lang, "by.input")
	case "call":
		return e.Call + "()"
	case "exit":
		return word(l.Lang, "by.exit")
	}
	return r.By
}

// drawTasks writes the task lines, spawns and readiness links.
func (l *Layout) drawTasks(b *strings.Builder, d Draw, shown func(row int) bool, shift func(lane int) string) {
	esc := html.EscapeString
	for _, t := range l.Tasks {
		if !shown(t.Row1) {
			continue
		}
		y2 := t.Y2
		if d.Upto >= 0 && t.Row2 > d.Upto {
			y2 = l.rowY(d.Upto) + RowH/2
		}
		name := t.Label
		if t.Name != "" {
			name += " " + t.Name + "()"
		}
		fmt.Fprintf(b, `<g class="np-task" data-task="%s"%s><line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f"/><title>%s</title></g>`,
			esc(t.Label), shift(t.Lane), t.X, t.X, t.Y1, max(y2, t.Y1+2), esc(name))
	}
	for _, s := range l.Spawns {
		if !shown(s.Row) {
			continue
		}
		fmt.Fprintf(b, `<g class="np-spawn%s" data-ev="%d" data-row="%d"%s><path d="M%.1f,%.1fH%.1f" marker-end="url(#np-ah-other)"/><circle cx="%.1f" cy="%.1f" r="2.5"/><text x="%.1f" y="%.1f">%s</text></g>`,
			sel(d, s.Event), s.Event, s.Row, shift(s.Lane), s.X1, s.Y, s.X2, s.X1, s.Y, l.Lanes[s.Lane].TextX(), s.Y+4, esc(s.Text))
	}
	for _, r := range l.Ready {
		if !shown(r.Row) {
			continue
		}
		cls := "np-ready"
		if r.Again {
			cls += " np-again"
		}
		if d.Selected == r.Event || d.Selected == r.Cause {
			cls += " np-sel"
		}
		// A curve that leaves the cause and comes into the call from the
		// left, so that it does not run along the lifelines.
		mx := min(r.X1, r.X2) - 30
		fmt.Fprintf(b, `<g class="%s" data-ev="%d" data-cause="%d"%s><path d="M%.1f,%.1fC%.1f,%.1f %.1f,%.1f %.1f,%.1f"/><title>%s</title>`,
			cls, r.Event, r.Cause, shift(r.Lane), r.X1, r.Y1, mx, r.Y1, mx, r.Y2, r.X2-readyPad, r.Y2, esc(r.Text))
		if d.Selected == r.Event {
			// The selected call's links say what each descriptor was
			// ready for and what made it so, at the cause.
			fmt.Fprintf(b, `<text x="%.1f" y="%.1f">%s</text>`, r.X1+4, r.Y1-4, esc(r.Text))
		}
		b.WriteString(`</g>`)
	}
}
