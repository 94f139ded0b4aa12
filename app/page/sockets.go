package page

import (
	"sort"
	"strings"

	"netplay/stack/trace"
)

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
// when upto < 0) and returns its sockets as they were then.
func Sockets(events []trace.Event, host string, upto int) []SockRow {
	type key struct {
		fd        int
		local, pr string // for connections not accepted yet
	}
	rows := map[key]*SockRow{}
	byFD := func(fd int) *SockRow {
		k := key{fd: fd}
		r := rows[k]
		if r == nil {
			r = &SockRow{FD: fd, Local: "*:*", Peer: "*:*", State: "UNCONN"}
			rows[k] = r
		}
		return r
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
				rows[key{fd: int(e.Ret)}] = &SockRow{FD: int(e.Ret), Local: "*:*", Peer: "*:*", State: "UNCONN"}
			case e.Call == "accept" || e.Call == "accept4":
				if e.Ret < 0 {
					break
				}
				// The oldest established child of this listener becomes the new fd.
				var best *key
				for k, r := range rows {
					if k.fd == -1 && r.State == "ESTABLISHED" && (best == nil || k.pr < best.pr) {
						kk := k
						best = &kk
					}
				}
				if best != nil {
					r := rows[*best]
					delete(rows, *best)
					r.FD = int(e.Ret)
					rows[key{fd: r.FD}] = r
				} else {
					byFD(int(e.Ret)).State = "ESTABLISHED"
				}
			case e.Call == "close" && e.Ret == 0:
				k := key{fd: e.FD}
				if r := rows[k]; r != nil {
					delete(rows, k)
					if r.State != "UNCONN" && r.State != "CLOSED" && r.State != "LISTEN" {
						r.Closed = true
						rows[key{fd: -2, local: r.Local, pr: r.Peer}] = r
					}
				}
			}
		case trace.KindState:
			var r *SockRow
			var k key
			if e.FD >= 0 {
				k = key{fd: e.FD}
				r = byFD(e.FD)
			} else {
				// A connection the listener holds, or one the program closed.
				k = key{fd: -1, local: e.Src, pr: e.Dst}
				if r = rows[k]; r == nil {
					if c := rows[key{fd: -2, local: e.Src, pr: e.Dst}]; c != nil {
						k, r = key{fd: -2, local: e.Src, pr: e.Dst}, c
					} else {
						r = &SockRow{FD: -1}
						rows[k] = r
					}
				}
			}
			if e.Src != "" {
				r.Local = e.Src
			}
			if e.Dst != "" {
				r.Peer = e.Dst
			}
			r.State = e.To
			if e.To == "CLOSED" && (r.Closed || e.FD < 0) {
				delete(rows, k)
			}
		case trace.KindQueue:
			r := byFD(e.FD)
			r.Queues, r.SynQ, r.AcceptQ, r.Backlog = true, e.SynQ, e.AcceptQ, e.Backlog
		}
	}
	out := make([]SockRow, 0, len(rows))
	for _, r := range rows {
		if r.Peer == "" {
			r.Peer = "*:*"
		}
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.FD < 0) != (b.FD < 0) {
			return a.FD >= 0
		}
		if a.FD != b.FD {
			return a.FD < b.FD
		}
		return strings.Compare(a.Peer, b.Peer) < 0
	})
	return out
}
