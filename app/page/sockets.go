package page

import (
	"fmt"
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
	return app.Div().Class("np-sockets").Body(
		app.H2().Text(T(v.Lang, "sockets")+" ("+v.Host+")"),
		app.If(len(rows) == 0, app.P().Class("np-dim").Text(T(v.Lang, "nosockets"))).Else(
			app.Table().ID("np-sockets-table").Body(
				app.THead().Body(app.Tr().Body(
					app.Th().Text("fd"), app.Th().Text("local"), app.Th().Text("peer"), app.Th().Text("state"), app.Th().Text("queues"),
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
						)
					}),
				),
			),
		),
	)
}

// SockRow is one line of the sockets view, like `ss -tan`.
type SockRow struct {
	FD      int // -1: held by a listener, not accepted yet
	Local   string
	Peer    string
	State   string
	Queues  bool // a listener: SynQ/AcceptQ/Backlog are meaningful
	SynQ    int
	AcceptQ int
	Backlog int
	Closed  bool // the program closed the fd; the connection lives on (TIME_WAIT…)
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
	rows := map[int]*row{} // row id → row
	fdRow := map[int]int{} // open fd → row id
	conn := map[string]int{}
	next := 0
	newRow := func(fd int) *row {
		next++
		r := &row{SockRow: SockRow{FD: fd, Local: "*:*", Peer: "*:*", State: "UNCONN"}, order: next}
		rows[next] = r
		if fd >= 0 {
			fdRow[fd] = next
		}
		return r
	}
	idOf := func(r *row) int { return r.order }
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
				newRow(int(e.Ret))
			case (e.Call == "accept" || e.Call == "accept4") && e.Ret >= 0:
				peer := ""
				if _, after, ok := strings.Cut(e.Args, ", "); ok {
					peer = after
				}
				// The connection accept returned: the pending one with the
				// peer accept reported, else the oldest complete one.
				var found *row
				for _, r := range rows {
					if r.FD != -1 || r.Closed {
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
					found = newRow(-1)
					found.State = "ESTABLISHED"
					if peer != "" {
						found.Peer = peer
					}
				}
				found.FD = int(e.Ret)
				fdRow[found.FD] = idOf(found)
			case e.Call == "close" && e.Ret == 0:
				id, ok := fdRow[e.FD]
				if !ok {
					break
				}
				delete(fdRow, e.FD)
				r := rows[id]
				switch r.State {
				case "UNCONN", "CLOSED", "LISTEN":
					delete(rows, id)
				default:
					r.FD, r.Closed = -1, true
				}
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
				if id, ok := fdRow[e.FD]; ok {
					r = rows[id]
				}
			}
			if r == nil {
				r = newRow(e.FD)
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
		case trace.KindQueue:
			var r *row
			if id, ok := fdRow[e.FD]; ok {
				r = rows[id]
			} else {
				r = newRow(e.FD)
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
		// ss prints an unconnected peer as *:*.
		if strings.HasSuffix(out[i].Peer, ":0") && (out[i].State == "LISTEN" || out[i].State == "CLOSED" || out[i].State == "UNCONN") {
			out[i].Peer = "*:*"
		}
	}
	return out
}
