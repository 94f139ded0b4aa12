package diagram

import (
	"math"
	"net/netip"
	"sort"
	"strings"

	"netplay/stack/trace"
)

// Geometry of the diagram, in SVG user units (CSS pixels at 100%).
const (
	TimeWidth   = 70.0 // the time axis on the left
	FirstLaneX  = TimeWidth + 40
	LaneWidth   = 300.0 // distance between two lifelines
	CollapsedW  = 70.0  // distance after a collapsed lifeline
	RightMargin = 330.0 // room for the right-most lane's markers
	HeaderH     = 46.0  // host names and addresses above the lifelines
	RowH        = 22.0  // one row per happening (a send, an arrival, a call, a state change)
	BottomPad   = 14.0
	BandW       = 6.0 // width of a state band
	DropRows    = 1.5 // a dropped frame falls this many rows before its ✕
)

// Options control what the layout shows.
type Options struct {
	// Hosts orders the lifelines (scenario order). Hosts that appear only in
	// the events are appended in order of appearance.
	Hosts []string
	// Addrs lists each host's addresses ("10.0.0.1/24" or "10.0.0.1"), shown
	// under its name and used to find where a dropped frame was going.
	Addrs map[string][]string
	// Absolute shows sequence numbers as on the wire instead of relative.
	Absolute bool
	// ShowARP shows ARP frames (hidden by default: they clutter the handshake).
	ShowARP bool
	// Collapse lists the hosts whose lifelines are drawn narrow, without
	// their calls' and states' texts (a many-host diagram fits the pane).
	Collapse map[string]bool
	// NoFold shows every row: runs of alike rows are not folded (fold.go).
	NoFold bool
	// Unfold lists the folds shown unfolded, by their Fold.Key.
	Unfold map[int]bool
	// Lang is the language of the diagram's own words (tooltips, marks):
	// LangZH, else English.
	Lang string
}

// Layout is a computed diagram: every shape with its coordinates and the
// index of the event it stands for.
type Layout struct {
	Width, Height float64
	Lanes         []Lane
	Rows          []Row
	Arrows        []Arrow
	Bands         []Band
	Ticks         []Tick
	Calls         []Call
	Marks         []Mark
	Tasks         []Task  // processes and threads of hosts that run several (tasks.go)
	Spawns        []Spawn // forks and threads made
	Ready         []Ready // what made each descriptor select, poll or epoll_wait returned ready
	Folds         []Fold
	Breaks        []Break
	// Notes is Analyze's result for the events (Wireshark's notes, SYNs
	// dropped by a full accept queue), by event index.
	Notes map[int]Analysis
	// Lang is the language of the diagram's own words (Options.Lang).
	Lang string

	// The SVG drawn last (a layout does not change once computed).
	svg      string
	svgDraw  Draw
	svgN     int
	head     string
	headDraw Draw
	own      map[int]int // event → the row it is drawn on
	ix       *index      // the long lists indexed by y (spans.go)
	labelIx  taken       // the labels' boxes and what they keep off (labels.go)
}

// Lane is one host's lifeline.
type Lane struct {
	Host  string
	Addrs string // addresses joined by ", "
	X     float64
	Slots int // sockets with state bands on this host
	Cols  int // task lines of the host's processes and threads (tasks.go)
	// Collapsed: drawn narrow, its texts left to the shapes' tooltips.
	Collapsed bool
}

// TextX is where the lane's markers (calls, states, exit) start.
func (ln *Lane) TextX() float64 {
	x := ln.X + 3 + float64(ln.Slots)*(BandW+2) + 5
	if ln.Cols > 0 {
		x += taskGap + float64(ln.Cols)*TaskW
	}
	return x
}

// Row is one happening on the time axis. Label is the virtual time, empty
// when it is the same as the row above.
type Row struct {
	Y     float64
	T     int64
	Label string
	Event int  // index of the event the row belongs to
	Own   bool // the row is the event's own (not a call's start or a frame's arrival)
	Count int  // the rows it stands for: more than 1 in a fold
}

// Break is a stretch of virtual time with nothing to show between two
// rows, drawn as a break on the time axis: rows are evenly spaced, so
// without it the 3 s a SYN waits for its retransmission would look like
// the 1 ms between two segments.
type Break struct {
	Row int     // the row after the break
	Y   float64 // its middle
	Gap int64   // nanoseconds
	// Cut says why events are missing here (the trace's budget left them
	// out: a KindCut event); the break is then on the cut's own row.
	Cut string
}

// Geometry of a break in the time axis.
const (
	BreakMin = int64(100_000_000) // a gap of at least 100 ms is a break
	BreakH   = 14.0
)

// Arrow is one frame on a link.
type Arrow struct {
	Event          int // index into the events
	Frame          int // wire number
	From, To       int // lane indexes; To is -1 when the receiver is unknown
	X1, Y1, X2, Y2 float64
	SendRow        int
	EndRow         int // arrival row, or the send row for a dropped frame
	Label          string
	Class          string
	Dropped        bool
	Fault          string
	Analysis               // what Wireshark's TCP analysis says of it, a full accept queue
	Count          int     // the frames it stands for in a fold (1 otherwise)
	LabelT         float64 // where along it its label sits (0.5: the middle; labels.go)
	LabelDY        float64 // its baseline across the arrow: -5 above, more below or higher
	Shown          string  // the label drawn: Text(), cut short with "…", or "" where none fits
}

// Band is a stretch of time one socket spent in one TCP state.
type Band struct {
	Lane   int
	FD     int
	State  string
	X      float64
	Y1, Y2 float64
	Row1   int
	Row2   int // row where the next state starts (len(Rows) at the end)
}

// Tick marks a state change on a lifeline.
type Tick struct {
	Event int
	Lane  int
	Row   int
	X, Y  float64
	Text  string // "SYN_SENT", or "fd 4 ESTABLISHED" when the host has several sockets
	State string
}

// Call is a socket call: made at Row1, returned at Row2 (the same row when
// it did not block).
type Call struct {
	Event      int
	Lane       int
	X          float64
	Row1, Row2 int
	Y1, Y2     float64
	Name       string // "connect"
	Text       string // "connect(3, 10.0.0.2:12345) = 0"
	Err        bool   // returned an errno
	Line       int
	Blocking   bool
	OnTask     bool   // X is a task's line (tasks.go), not the host's lifeline
	Who        string // the task that made it ("[1000/1001]"), which Text starts with; "" for a host of one task
	Count      int    // the calls it stands for in a fold (1 otherwise)
}

// Mark is a program's exit on its lifeline, or a signal, a thread's end
// or an action (Class says which).
type Mark struct {
	Event int
	Lane  int
	Row   int
	X, Y  float64
	Text  string // "exit 0", "exit 139: Segmentation fault at server.c:14"
	Err   bool
	Class string // "np-exit" when empty; "np-signal", "np-texit", "np-action", "np-spawn"
}

// Visible reports whether the diagram draws e under opt.
func Visible(e *trace.Event, opt Options) bool {
	if e.Kind == trace.KindARP && !opt.ShowARP {
		return false
	}
	switch e.Kind {
	case trace.KindOutput, trace.KindQueue:
		return false
	case trace.KindCut:
		// A cut of one host is the console's: output the page was not
		// given (engineapi.View). The trace's own cut has no host.
		return e.Host == ""
	}
	return true
}

// item kinds, in the order they sort at the same instant.
const (
	itemCallStart = iota // a blocking call was made
	itemArrive           // a frame reached its receiver
	itemEvent            // the event itself (frame sent, call returned, state, exit)
)

// taskID is a thread of a host (Tid 0 for a host of one).
type taskID struct {
	host string
	tid  int
}

type item struct {
	t     int64
	class int
	ev    int // event index the item sorts by
	sub   int // order after that event: 1 a zero-delay arrival, 2 a call made right after it
	kind  int
	owner int // event index the item belongs to
}

// Compute lays out events. It never fails: events it does not draw (program
// output, queue lengths, hidden ARP) take no row.
func Compute(events []trace.Event, opt Options) *Layout {
	l := &Layout{}
	lane := l.lanes(events, opt)
	ipHost := hostsByIP(events, opt)

	// One item per happening, sorted by virtual time; at one instant a
	// blocking call's start comes first, then arrivals (cause before effect),
	// then the events in the order they were recorded.
	var items []item
	lastCall := map[taskID]int{} // task → its latest call (or fork, thread made) so far
	for i := range events {
		e := &events[i]
		if !Visible(e, opt) {
			continue
		}
		items = append(items, item{t: e.T, class: itemEvent, ev: i, kind: itemEvent, owner: i})
		switch {
		case IsFrame(e) && !e.Dropped && e.Arrive > 0:
			it := item{t: e.Arrive, class: itemArrive, ev: i, kind: itemArrive, owner: i}
			if e.Arrive <= e.T {
				it.t, it.class, it.sub = e.T, itemEvent, 1
			}
			items = append(items, it)
		case e.Kind == trace.KindSyscall && e.Start < e.T && e.Start >= 0:
			// A process makes one call at a time: this one was made after
			// its previous call returned. At the same instant, it goes
			// right after that call's row.
			it := item{t: e.Start, class: itemCallStart, ev: i, kind: itemCallStart, owner: i}
			if j, ok := lastCall[taskID{e.Host, e.Tid}]; ok && events[j].T == e.Start {
				it.class, it.ev, it.sub = itemEvent, j, 2
			}
			items = append(items, it)
		}
		switch e.Kind {
		case trace.KindSyscall, trace.KindFork, trace.KindThread:
			lastCall[taskID{e.Host, e.Tid}] = i
		}
	}
	sort.SliceStable(items, func(a, b int) bool {
		x, y := items[a], items[b]
		if x.t != y.t {
			return x.t < y.t
		}
		if x.class != y.class {
			return x.class < y.class
		}
		if x.ev != y.ev {
			return x.ev < y.ev
		}
		return x.sub < y.sub
	})

	notes := Analyze(events)
	if opt.Lang != "" && opt.Lang != LangEN {
		for i, a := range notes {
			if a.QueueFull != "" {
				a.QueueFull = word(opt.Lang, "accept.full", a.Queued, a.Backlog)
				notes[i] = a
			}
		}
	}
	l.Notes = notes
	l.Lang = opt.Lang
	retrans := map[int]bool{}
	for i, a := range notes {
		if a.Retrans {
			retrans[i] = true
		}
	}
	pl := planRows(items, events, opt, retrans)
	l.Folds = pl.folds
	rowOf := make(map[[2]int]int, len(items)) // (event, kind) → row
	drawn := pl.drawn                         // events with a shape
	l.own = make(map[int]int, len(items))
	for i, it := range items {
		if pl.row[i] < 0 {
			continue
		}
		rowOf[[2]int{it.owner, it.kind}] = pl.row[i]
		if drawn[it.owner] && it.kind == itemEvent {
			l.own[it.owner] = pl.row[i]
		}
	}
	// The latest time each row stands for (a fold's rows span its time).
	upto := make([]int64, len(pl.first))
	for i, it := range items {
		if r := pl.row[i]; r >= 0 {
			upto[r] = max(upto[r], it.t)
		}
	}
	y, seen := HeaderH, int64(0)
	for r, i := range pl.first {
		it := items[i]
		row := Row{T: it.t, Event: it.owner, Own: it.kind == itemEvent && pl.count[r] == 1, Count: pl.count[r]}
		if r > 0 {
			if gap := it.t - seen; gap >= BreakMin {
				l.Breaks = append(l.Breaks, Break{Row: r, Y: y + BreakH/2, Gap: gap})
				y += BreakH
			}
		}
		seen = max(seen, upto[r])
		row.Y = y + RowH/2
		y += RowH
		if r == 0 || l.Rows[r-1].T != it.t {
			row.Label = TimeLabel(it.t)
		}
		if e := &events[it.owner]; e.Kind == trace.KindCut {
			l.Breaks = append(l.Breaks, Break{Row: r, Y: row.Y, Gap: e.Until - e.T, Cut: e.Reason})
		}
		l.Rows = append(l.Rows, row)
	}
	nrows := len(l.Rows)
	l.Height = y + BottomPad
	l.Width = FirstLaneX + RightMargin
	if n := len(l.Lanes); n > 0 {
		l.Width = l.Lanes[n-1].X + RightMargin
		if l.Lanes[n-1].Collapsed {
			l.Width = l.Lanes[n-1].X + CollapsedW
		}
	}
	end := y

	// Sockets per host in order of first state change, so that several
	// sockets on one host get bands side by side. A connection is one
	// socket from its SYN_RECV (held by the listener, fd -1) through
	// accept (a new fd) to CLOSED, so it is keyed by its addresses.
	slot := map[string]map[string]int{}
	multi := map[string]bool{}
	for i := range events {
		e := &events[i]
		if e.Kind != trace.KindState {
			continue
		}
		if slot[e.Host] == nil {
			slot[e.Host] = map[string]int{}
		}
		if _, ok := slot[e.Host][SocketKey(e)]; !ok {
			slot[e.Host][SocketKey(e)] = len(slot[e.Host])
		}
		if len(slot[e.Host]) > 1 {
			multi[e.Host] = true
		}
	}
	for h, s := range slot {
		if i, ok := lane[h]; ok {
			l.Lanes[i].Slots = len(s)
		}
	}
	open := map[string]int{} // host + socket key → index of the open band
	taskOf := l.layTasks(events, lane, func(ev int) int {
		if r, ok := rowOf[[2]int{ev, itemEvent}]; ok {
			return r
		}
		return -1
	})

	for i := range events {
		e := &events[i]
		if !drawn[i] {
			continue
		}
		row := rowOf[[2]int{i, itemEvent}]
		y := l.Rows[row].Y
		from, ok := lane[e.Host]
		if !ok && e.Kind == trace.KindAction && e.Host == "" && len(l.Lanes) > 0 {
			from, ok = 0, true // a link's action: marked at the left
		}
		if !ok {
			continue
		}
		x := l.Lanes[from].X
		task := l.taskOf(taskOf, i)
		if task != nil {
			x = task.X
		}
		switch {
		case IsFrame(e):
			a := Arrow{Event: i, Frame: e.Frame, From: from, To: -1, X1: x, Y1: y, SendRow: row, EndRow: row,
				Label: FrameLabel(e, opt.Absolute), Class: FrameClass(e), Dropped: e.Dropped, Fault: e.Fault,
				Analysis: notes[i], Count: l.Rows[row].Count}
			if to, ok := lane[e.Receiver]; ok && e.Receiver != e.Host {
				a.To = to
			} else if h, ok := ipHost[hostPart(e.Dst)]; ok && h != e.Host {
				a.To = lane[h]
			}
			toX := x + 60
			if a.To >= 0 {
				toX = l.Lanes[a.To].X
			}
			if r, ok := rowOf[[2]int{i, itemArrive}]; ok && !e.Dropped {
				a.EndRow = r
				a.X2, a.Y2 = toX, l.Rows[r].Y
			} else if e.Dropped {
				a.X2 = (x + toX) / 2
				a.Y2 = y + DropRows*RowH
			} else {
				// Nobody received it (no such host, or still in flight when
				// the run ended): a short stub that ends nowhere.
				a.X2, a.Y2 = (x+toX)/2, y+RowH/2
			}
			l.Arrows = append(l.Arrows, a)
		case e.Kind == trace.KindSyscall:
			c := Call{Event: i, Lane: from, X: x, Row1: row, Row2: row, Y1: y, Y2: y, Name: e.Call,
				Text: CallText(e), Err: e.Errno != "", Line: e.Line, OnTask: task != nil, Count: l.Rows[row].Count}
			if task != nil {
				c.Who, c.Text = task.Label, task.Label+" "+c.Text
			}
			if r, ok := rowOf[[2]int{i, itemCallStart}]; ok {
				c.Row1, c.Y1, c.Blocking = r, l.Rows[r].Y, true
			}
			l.Calls = append(l.Calls, c)
		case e.Kind == trace.KindState:
			sk := SocketKey(e)
			k := slot[e.Host][sk]
			bx := x + 3 + float64(k)*(BandW+2)
			key := e.Host + "\x00" + sk
			if bi, ok := open[key]; ok {
				l.Bands[bi].Y2, l.Bands[bi].Row2 = y, row
				delete(open, key)
			}
			text := e.To
			if multi[e.Host] && e.FD >= 0 {
				text = "fd " + itoa(e.FD) + " " + e.To
			}
			l.Ticks = append(l.Ticks, Tick{Event: i, Lane: from, Row: row, X: bx, Y: y, Text: text, State: e.To})
			if e.To != "" && e.To != "CLOSED" {
				open[key] = len(l.Bands)
				l.Bands = append(l.Bands, Band{Lane: from, FD: e.FD, State: e.To, X: bx, Y1: y, Y2: end, Row1: row, Row2: nrows})
			}
		case e.Kind == trace.KindExit:
			m := Mark{Event: i, Lane: from, Row: row, X: x, Y: y, Text: word(opt.Lang, "exit", e.Status), Err: e.Status != 0 || e.Reason != ""}
			if e.Reason != "" {
				m.Text += ": " + e.Reason
			}
			if task != nil {
				m.Text = task.Label + " " + m.Text
			}
			if e.Zombie {
				m.Text += word(opt.Lang, "zombie")
			}
			l.Marks = append(l.Marks, m)
		default:
			l.taskShapes(events, taskOf, i, from, row, x, y)
		}
	}
	l.layReady(events)
	l.placeLabels()
	// Room on the right for the longest marker text (a call's return with
	// its errno is the usual one), in the monospace font of the diagram.
	need := func(lane int, text string) {
		if l.Lanes[lane].Collapsed {
			return
		}
		if w := l.Lanes[lane].TextX() + float64(len([]rune(text))+3)*CharW + 10; w > l.Width {
			l.Width = w
		}
	}
	for _, c := range l.Calls {
		need(c.Lane, "◂ "+c.Text)
	}
	for _, t := range l.Ticks {
		need(t.Lane, t.Text)
	}
	for _, m := range l.Marks {
		need(m.Lane, m.Text)
	}
	for _, s := range l.Spawns {
		need(s.Lane, s.Text)
	}
	return l
}

// CharW is the advance of one character of the diagram's 12px monospace
// font (0.6 em), for sizing the SVG to its texts.
const CharW = 7.3

// SocketKey identifies the socket a state event is about: its local and
// peer address once it has a peer, else its fd.
func SocketKey(e *trace.Event) string {
	if e.Dst != "" && !strings.HasSuffix(e.Dst, ":0") {
		return e.Src + " " + e.Dst
	}
	return "fd " + itoa(e.FD)
}

// lanes fills l.Lanes and returns host → lane index.
func (l *Layout) lanes(events []trace.Event, opt Options) map[string]int {
	idx := map[string]int{}
	add := func(h string) {
		if _, ok := idx[h]; ok || h == "" {
			return
		}
		idx[h] = len(l.Lanes)
		var addrs []string
		for _, a := range opt.Addrs[h] {
			addrs = append(addrs, strings.SplitN(a, "/", 2)[0])
		}
		x := FirstLaneX
		if n := len(l.Lanes); n > 0 {
			x = l.Lanes[n-1].X + LaneWidth
			if l.Lanes[n-1].Collapsed {
				x = l.Lanes[n-1].X + CollapsedW
			}
		}
		l.Lanes = append(l.Lanes, Lane{Host: h, Addrs: strings.Join(addrs, ", "), X: x, Collapsed: opt.Collapse[h]})
	}
	for _, h := range opt.Hosts {
		add(h)
	}
	for i := range events {
		if Visible(&events[i], opt) {
			add(events[i].Host)
		}
	}
	return idx
}

// hostsByIP maps addresses to hosts: the scenario's addresses first, then
// the source address of the first frame each host sent (a router forwards
// frames with another host's source, but only after that host sent them).
func hostsByIP(events []trace.Event, opt Options) map[string]string {
	m := map[string]string{}
	for h, addrs := range opt.Addrs {
		for _, a := range addrs {
			if p, err := netip.ParsePrefix(a); err == nil {
				m[p.Addr().String()] = h
			} else if ad, err := netip.ParseAddr(a); err == nil {
				m[ad.String()] = h
			}
		}
	}
	for i := range events {
		e := &events[i]
		if !IsFrame(e) || e.Kind == trace.KindARP {
			continue
		}
		ip := hostPart(e.Src)
		if _, ok := m[ip]; !ok && ip != "" {
			m[ip] = e.Host
		}
	}
	return m
}

// hostPart returns the address of "ip:port", "[v6]:port" or a bare "ip".
func hostPart(s string) string {
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().String()
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return a.String()
	}
	return s
}

// Cut returns the last event index shown when rows 0..upto are drawn:
// every event before the next row's own event (so output and queue events
// that take no row are included). It returns -1 when upto is the last row
// or beyond (everything is shown) or negative.
func (l *Layout) Cut(upto int) int {
	if upto < 0 {
		return -1
	}
	for i := upto + 1; i < len(l.Rows); i++ {
		if l.Rows[i].Own {
			return l.Rows[i].Event - 1
		}
	}
	return -1
}

// RowOf returns the row where event ev is drawn (a call's return, a
// frame's send), or -1 when it has none (hidden, or folded away).
func (l *Layout) RowOf(ev int) int {
	r, ok := l.own[ev]
	if !ok {
		return -1
	}
	return r
}

// RowAt returns the index of the last row at or before virtual time t, or
// -1 when t is before the first row.
func (l *Layout) RowAt(t int64) int {
	return sort.Search(len(l.Rows), func(i int) bool { return l.Rows[i].T > t }) - 1
}

// angle returns the slope of a in degrees (for rotating its label).
func (a *Arrow) angle() float64 {
	return math.Atan2(a.Y2-a.Y1, a.X2-a.X1) * 180 / math.Pi
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
