package engineapi

import (
	"fmt"
	"strconv"
	"strings"

	"netplay/stack/trace"
)

// What the page's console shows of each host's output: its first and its
// last lines, within these bounds each. A program that prints without end
// (for(;;) printf(...)) would otherwise put hundreds of thousands of events
// on the wire and in the page's document; what lies between the two is
// folded into one event the console shows as a count, and the whole
// output travels beside the trace as plain text (Result.Output) for the
// console's download.
const (
	HeadLines = 200
	TailLines = 200
	HeadBytes = 16 << 10
	TailBytes = 16 << 10
)

// IsFold reports whether e is the event Fold put in place of a host's
// output: a cut of that host (Host set), whose Len is the lines it held,
// CutEvents the writes and CutBytes the bytes. The recorder's own cut
// (the trace's budget) has no host.
func IsFold(e *trace.Event) bool { return e.Kind == trace.KindCut && e.Host != "" }

// Fold bounds each host's output in res.Events to its head and tail
// (FoldEach) and sets res.Output.
func Fold(res *Result) {
	if res == nil {
		return
	}
	events := res.Events
	res.Events, res.Output = FoldEach(func(f func(int, *trace.Event)) {
		for i := range events {
			f(len(events), &events[i])
		}
	})
}

// FoldEach returns the events each gives (in order, with their number,
// as trace.Recorder.Each does; it is called twice) with each host's
// output bounded to its head and tail (HeadLines/HeadBytes,
// TailLines/TailBytes, whole writes): the writes between them become one
// cut event of that host (IsFold), and the writes kept of such a host go
// as one event per run of adjacent writes. output is the whole output of
// each host that was folded, as text. Ready records that pointed at a folded
// write say -1, as for what the recorder's budget left out.
func FoldEach(each func(f func(n int, e *trace.Event))) (events []trace.Event, output map[string]string) {
	// First pass: each host's writes, their sizes, and its whole output
	// with the recorder's cuts in it.
	type host struct {
		writes     []write
		whole      strings.Builder
		head, tail int   // writes [head, tail) are folded
		seen       int   // writes met in the second pass
		at         int   // the index of the host's cut in events
		last       int64 // the time of the last folded write
	}
	hosts := map[string]*host{}
	var order []*host
	total := 0
	each(func(n int, e *trace.Event) {
		total = n
		switch {
		case e.Kind == trace.KindOutput:
			h := hosts[e.Host]
			if h == nil {
				h = &host{}
				hosts[e.Host] = h
				order = append(order, h)
			}
			h.writes = append(h.writes, write{strings.Count(e.Text, "\n"), len(e.Text)})
			h.whole.WriteString(e.Text)
		case e.Kind == trace.KindCut && e.Host == "":
			// The recorder's budget left out part of the run, these
			// hosts' writes in it too.
			for _, h := range order {
				fmt.Fprintf(&h.whole, "\n[netplay: %s]\n", e.Reason)
			}
		}
	})
	folded := 0
	for name, h := range hosts {
		h.head = kept(h.writes, false, HeadLines, HeadBytes)
		h.tail = len(h.writes) - kept(h.writes[h.head:], true, TailLines, TailBytes)
		if h.head == h.tail {
			continue
		}
		folded += h.tail - h.head - 1
		if output == nil {
			output = map[string]string{}
		}
		output[name] = h.whole.String()
	}
	// Second pass: the events, the folded writes left out.
	events = make([]trace.Event, 0, total-folded)
	newIndex := make([]int, 0, total) // old index → new; -1: folded
	each(func(n int, e *trace.Event) {
		h := hosts[e.Host]
		if e.Kind == trace.KindOutput && h != nil && h.head != h.tail {
			k := h.seen
			h.seen++
			if k >= h.head && k < h.tail {
				if k == h.head {
					h.at = len(events)
					events = append(events, trace.Event{T: e.T, Host: e.Host, Kind: trace.KindCut, Pid: e.Pid})
				}
				h.last = e.T
				newIndex = append(newIndex, -1)
				return
			}
		}
		if e.Kind == trace.KindOutput && h != nil && h.head != h.tail && len(events) > 0 {
			// A folded host's writes kept on either side of its cut go
			// as one event per run of them: what the console shows at
			// any row is the same, and the page decodes a few events
			// instead of hundreds.
			if last := &events[len(events)-1]; last.Kind == trace.KindOutput && last.Host == e.Host &&
				last.Stream == e.Stream && last.Pid == e.Pid && last.Tid == e.Tid && last.Text != "" {
				last.Text += e.Text
				newIndex = append(newIndex, len(events)-1)
				return
			}
		}
		newIndex = append(newIndex, len(events))
		events = append(events, *e)
	})
	if folded == 0 {
		return events, nil
	}
	for _, h := range order {
		if h.head == h.tail {
			continue
		}
		lines, bytes := 0, 0
		for _, w := range h.writes[h.head:h.tail] {
			lines += w.lines
			bytes += w.bytes
		}
		cut := &events[h.at]
		cut.Until, cut.CutEvents, cut.CutBytes, cut.Len = h.last, h.tail-h.head, int64(bytes), lines
		cut.Reason = fmt.Sprintf("%s lines (%s bytes) of %s's output were left out of the page's trace", group(lines), group(bytes), cut.Host)
	}
	for j := range events {
		if len(events[j].Ready) == 0 {
			continue
		}
		rd := append([]trace.Ready(nil), events[j].Ready...)
		for k := range rd {
			// Ev indexes the events as each gave them.
			if ev := rd[k].Ev; ev >= 0 && ev < len(newIndex) {
				rd[k].Ev = newIndex[ev]
			}
		}
		events[j].Ready = rd
	}
	return events, output
}

// write is one output event's size.
type write struct{ lines, bytes int }

// kept is how many of the writes, taken from the start (or from the end),
// fit whole in lines lines and bytes bytes.
func kept(writes []write, fromEnd bool, lines, bytes int) int {
	for k := range writes {
		w := writes[k]
		if fromEnd {
			w = writes[len(writes)-1-k]
		}
		lines -= w.lines
		bytes -= w.bytes
		if lines < 0 || bytes < 0 {
			return k
		}
	}
	return len(writes)
}

// group writes n with thousands separators: 198,000.
func group(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
