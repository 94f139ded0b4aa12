package page

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/stack/trace"
)

// SocketsView shows one host's sockets as `ss -tan` would at the current
// step: fd, local and peer address, TCP state, and a listener's queues.
type SocketsView struct {
	app.Compo

	Lang   string
	Host   string
	Events []trace.Event // the run's trace
	Cut    int           // the last event replayed; -1: all
}

// Render implements app.Composer.
func (v *SocketsView) Render() app.UI {
	rows := Sockets(v.Events, v.Host, v.Cut)
	procs := false // some socket is held by a process of several: ss -p's column
	for _, r := range rows {
		procs = procs || len(r.Holders) > 0
	}
	return app.Div().Class("np-sockets").Body(
		app.H2().Text(T(v.Lang, "sockets")+" ("+v.Host+")"),
		app.If(len(rows) == 0, app.P().Class("np-dim").Text(T(v.Lang, "nosockets"))).Else(
			app.Table().ID("np-sockets-table").Body(
				app.THead().Body(app.Tr().Body(
					app.Th().Text("fd"), app.Th().Text(T(v.Lang, "ss.local")), app.Th().Text(T(v.Lang, "ss.peer")), app.Th().Text(T(v.Lang, "ss.state")), app.Th().Text(T(v.Lang, "ss.queues")),
					app.If(procs, app.Th().Title(T(v.Lang, "holders.title")).Text(T(v.Lang, "holders"))),
				)),
				app.TBody().Body(
					app.Range(rows).Slice(func(i int) app.UI {
						r := rows[i]
						fd := strconv.Itoa(r.FD)
						if r.FD < 0 {
							fd = "–"
						}
						q := ""
						if r.Queues {
							q = fmt.Sprintf("synq %d · acceptq %d/%d", r.SynQ, r.AcceptQ, r.Backlog)
						}
						return app.Tr().Class("np-st-"+r.State).Body(
							app.Td().Text(fd), app.Td().Text(r.Local), app.Td().Text(r.Peer),
							app.Td().Class("np-state").Text(r.State), app.Td().Text(q),
							app.If(procs, app.Td().Class("np-holders").Text(HoldersText(r.Holders))),
						)
					}),
				),
			),
		),
	)
}

// SockRow is one line of the sockets view, like `ss -tan`.
type SockRow struct {
	FD int // -1: held by a listener, not accepted yet; else the first holder's
	// Holders are the processes that hold the socket and the fd each has
	// it as, as `ss -p` lists them ("pid=1000,fd=3"): after fork, parent
	// and child hold the same socket. Empty for a program of one process.
	Holders []Holder
	Local   string
	Peer    string
	State   string
	Queues  bool // a listener: SynQ/AcceptQ/Backlog are meaningful
	SynQ    int
	AcceptQ int
	Backlog int
	Closed  bool // the program closed the fd; the connection lives on (TIME_WAIT…)
}

// Holder is a process's descriptor of a socket.
type Holder struct{ Pid, FD int }

// HoldersText lists holders as ss -p does: "pid=1000,fd=3 pid=1001,fd=3".
func HoldersText(hs []Holder) string {
	var b strings.Builder
	for i, h := range hs {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "pid=%d,fd=%d", h.Pid, h.FD)
	}
	return b.String()
}

// Sockets replays host's events up to and including event index upto (all
// when upto < 0) and returns its sockets as they were then. A connection is
// followed by its addresses from SYN_RECV (held by the listener) through
// accept (a new fd) and close (no fd, TIME_WAIT…) to CLOSED.
func Sockets(events []trace.Event, host string, upto int) []SockRow {
	type row struct {
		SockRow
		order int
	}
	rows := map[int]*row{}    // row id → row
	fdRow := map[Holder]int{} // a process's open fd → row id
	anyFD := map[int]int{}    // an fd number → the row it was last given to (kernel events carry no pid)
	conn := map[string]int{}
	next := 0
	hold := func(r *row, h Holder) {
		fdRow[h] = r.order
		anyFD[h.FD] = r.order
		r.Holders = append(r.Holders, h)
		if r.FD < 0 || len(r.Holders) == 1 {
			r.FD = h.FD
		}
	}
	newRow := func(fd, pid int) *row {
		next++
		r := &row{SockRow: SockRow{FD: -1, Local: "*:*", Peer: "*:*", State: "UNCONN"}, order: next}
		rows[next] = r
		if fd >= 0 {
			hold(r, Holder{pid, fd})
		}
		return r
	}
	idOf := func(r *row) int { return r.order }
	// release drops a process's fd; the socket goes when no process
	// holds it any more (a connection lives on: TIME_WAIT…).
	release := func(h Holder) {
		id, ok := fdRow[h]
		if !ok {
			return
		}
		delete(fdRow, h)
		if anyFD[h.FD] == id {
			delete(anyFD, h.FD)
		}
		r := rows[id]
		for k, o := range r.Holders {
			if o == h {
				r.Holders = append(r.Holders[:k:k], r.Holders[k+1:]...)
				break
			}
		}
		if len(r.Holders) > 0 {
			r.FD = r.Holders[0].FD
			return
		}
		switch r.State {
		case "UNCONN", "CLOSED", "LISTEN":
			delete(rows, id)
		default:
			r.FD, r.Closed = -1, true
		}
	}
	// lookup finds the row of fd: the process's own when the event says
	// which, else the last row given that number.
	lookup := func(pid, fd int) (int, bool) {
		if id, ok := fdRow[Holder{pid, fd}]; ok {
			return id, true
		}
		id, ok := anyFD[fd]
		return id, ok
	}
	for i := range events {
		if upto >= 0 && i > upto {
			break
		}
		e := &events[i]
		if e.Host != host {
			continue
		}
		switch e.Kind {
		case trace.KindSyscall:
			switch {
			case e.Call == "socket" && e.Ret >= 0:
				newRow(int(e.Ret), e.Pid)
			case (e.Call == "accept" || e.Call == "accept4") && e.Ret >= 0:
				peer := ""
				if _, after, ok := strings.Cut(e.Args, ", "); ok {
					peer = after
				}
				// The connection accept returned: the pending one with the
				// peer accept reported, else the oldest complete one.
				var found *row
				for _, r := range rows {
					if r.FD != -1 || r.Closed || len(r.Holders) > 0 {
						continue
					}
					if peer != "" && r.Peer == peer {
						found = r
						break
					}
					if r.State != "SYN_RECV" && (found == nil || r.order < found.order) {
						found = r
					}
				}
				if found == nil {
					found = newRow(-1, e.Pid)
					found.State = "ESTABLISHED"
					if peer != "" {
						found.Peer = peer
					}
				}
				hold(found, Holder{e.Pid, int(e.Ret)})
			case e.Call == "close" && e.Ret == 0:
				release(Holder{e.Pid, e.FD})
			}
		case trace.KindFork:
			// The child holds every socket its parent held, by the same fds.
			for _, fd := range e.FDs {
				if id, ok := fdRow[Holder{e.Pid, fd}]; ok && e.Child > 0 {
					hold(rows[id], Holder{e.Child, fd})
				}
			}
		case trace.KindExit:
			// A process's end closes its fds (a program of one process:
			// the view keeps what it had, as it always did).
			if e.Pid == 0 {
				break
			}
			var mine []Holder
			for h := range fdRow {
				if h.Pid == e.Pid {
					mine = append(mine, h)
				}
			}
			sort.Slice(mine, func(i, j int) bool { return mine[i].FD < mine[j].FD })
			for _, h := range mine {
				release(h)
			}
		case trace.KindState:
			var r *row
			ck := ""
			if e.Dst != "" && !strings.HasSuffix(e.Dst, ":0") {
				ck = e.Src + " " + e.Dst
				if id, ok := conn[ck]; ok {
					r = rows[id]
				}
			}
			if r == nil && e.FD >= 0 {
				if id, ok := lookup(e.Pid, e.FD); ok {
					r = rows[id]
				}
			}
			if r == nil {
				r = newRow(e.FD, e.Pid)
			}
			if ck != "" {
				conn[ck] = idOf(r)
			}
			if e.Src != "" {
				r.Local = e.Src
			}
			if e.Dst != "" {
				r.Peer = e.Dst
			}
			r.State = e.To
			if e.To == "CLOSED" && r.FD < 0 {
				delete(rows, idOf(r))
				if ck != "" {
					delete(conn, ck)
				}
			}
		case trace.KindAction:
			// A crash takes the host's stack and every socket with it.
			if e.Do == "crash" {
				clear(rows)
				clear(fdRow)
				clear(anyFD)
				clear(conn)
			}
		case trace.KindQueue:
			var r *row
			if id, ok := lookup(e.Pid, e.FD); ok {
				r = rows[id]
			} else {
				r = newRow(e.FD, e.Pid)
			}
			r.Queues, r.SynQ, r.AcceptQ, r.Backlog = true, e.SynQ, e.AcceptQ, e.Backlog
		}
	}
	list := make([]*row, 0, len(rows))
	for _, r := range rows {
		list = append(list, r)
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if (a.FD < 0) != (b.FD < 0) {
			return a.FD >= 0
		}
		if a.FD != b.FD {
			return a.FD < b.FD
		}
		return a.order < b.order
	})
	out := make([]SockRow, len(list))
	for i, r := range list {
		out[i] = r.SockRow
		if len(r.Holders) == 0 || r.Holders[0].Pid == 0 {
			out[i].Holders = nil // a program of one process: no pids
		} else {
			out[i].Holders = slices.Clone(r.Holders)
		}
		// ss prints an unconnected peer as *:*.
		if strings.HasSuffix(out[i].Peer, ":0") && (out[i].State == "LISTEN" || out[i].State == "CLOSED" || out[i].State == "UNCONN") {
			out[i].Peer = "*:*"
		}
	}
	return out
}
