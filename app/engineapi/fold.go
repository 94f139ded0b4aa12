package engineapi

import (
	"fmt"
	"slices"
	"strconv"

	"netplay/stack/output"
	"netplay/stack/trace"
)

// What the page's console shows of each host's output is its first and
// its last writes (output.HeadLines, output.TailLines): a program that
// prints without end (for(;;) printf(...)) would otherwise put hundreds
// of thousands of events on the wire and in the page's document. What
// lies between the two is folded into one event the console shows as a
// count, and the whole output follows the trace as plain text
// (Result.Output, TypeOutput) for the console's download.

// IsFold reports whether e is the event View put in place of a host's
// output: a cut of that host (Host set), whose Len is the lines it held,
// CutEvents the writes and CutBytes the bytes. The recorder's own cut
// (the trace's budget) has no host.
func IsFold(e *trace.Event) bool { return e.Kind == trace.KindCut && e.Host != "" }

// walk calls f with each event each gives, how many there are, and its
// index among every event recorded (trace.Recorder.Add; the recorder's cut has the index
// of the first event it left out).
func walk(each func(f func(n int, e *trace.Event)), f func(n, g int, e *trace.Event)) {
	p, offset := 0, 0
	each(func(n int, e *trace.Event) {
		g := p + offset
		if e.Kind == trace.KindCut && e.Host == "" {
			offset = e.CutEvents - 1
		}
		f(n, g, e)
		p++
	})
}

// View returns the events each gives (in order, with their number, as
// trace.Recorder.Each does; it is called once) for the page, out being
// the run's output as it was collected: each host's output events are
// what its console shows from out (output.Host.Console), at the places
// of the trace's events of the same writes (or where they would be,
// when the trace's budget left them out), so that the trace's budget
// takes nothing from a console. A host whose console leaves writes out
// has its kept writes as one event per run of them and one cut event
// between its head and tail (IsFold). whole is the whole output of each
// such host (output.Host.Text), for the console's download. Ready records
// that pointed at a write left out say -1, as for what the recorder's
// budget left out.
func View(each func(f func(n int, e *trace.Event)), out *output.Store) (events []trace.Event, whole map[string]string) {
	type item struct {
		index int
		host  string
		w     *output.Write // nil: the host's cut
		fold  output.Fold
	}
	var pending []item
	stored := map[string]bool{} // hosts whose output comes from out
	folded := map[string]bool{}
	left := 0 // the writes folded
	for _, h := range out.Hosts() {
		head, fold, tail := h.Console()
		name := h.Name()
		stored[name] = true
		for i := range head {
			pending = append(pending, item{index: head[i].Index, host: name, w: &head[i]})
		}
		if fold.Writes > 0 {
			folded[name] = true
			left += fold.Writes
			if whole == nil {
				whole = map[string]string{}
			}
			whole[name] = h.Text()
			pending = append(pending, item{index: fold.Index, host: name, fold: fold})
		}
		for i := range tail {
			pending = append(pending, item{index: tail[i].Index, host: name, w: &tail[i]})
		}
	}
	slices.SortStableFunc(pending, func(a, b item) int { return a.index - b.index })

	fromStore := -1 // the event last made from the store's writes
	put := func(it *item) int {
		if it.w == nil {
			f := it.fold
			events = append(events, trace.Event{T: f.From, Until: f.Until, Host: it.host, Kind: trace.KindCut, Pid: f.Pid,
				CutEvents: f.Writes, CutBytes: f.Bytes, Len: int(f.Lines),
				Reason: fmt.Sprintf("%s lines (%s bytes) of %s's output were left out of the page's trace", group(int(f.Lines)), group(int(f.Bytes)), it.host)})
			return len(events) - 1
		}
		w := it.w
		if n := len(events) - 1; n >= 0 && n == fromStore && folded[it.host] {
			// The writes kept on either side of a cut go as one event per
			// run of them: what the console shows at any row is the
			// same, and the page decodes a few events instead of hundreds.
			if last := &events[n]; last.Host == it.host && last.Stream == w.Stream && last.Pid == w.Pid && last.Tid == w.Tid {
				last.Text += w.Text
				return n
			}
		}
		events = append(events, w.Event(it.host))
		fromStore = len(events) - 1
		return fromStore
	}
	var newIndex []int // each's index → events'; -1: left out
	walk(each, func(n, g int, e *trace.Event) {
		if newIndex == nil {
			newIndex = make([]int, 0, n)
			events = make([]trace.Event, 0, max(0, n-left)+len(pending)+1)
		}
		for len(pending) > 0 && pending[0].index < g {
			put(&pending[0])
			pending = pending[1:]
		}
		if e.Kind == trace.KindOutput && stored[e.Host] {
			at := -1
			if len(pending) > 0 && pending[0].index == g {
				at = put(&pending[0])
				pending = pending[1:]
			}
			newIndex = append(newIndex, at)
			return
		}
		newIndex = append(newIndex, len(events))
		events = append(events, *e)
	})
	for i := range pending {
		put(&pending[i])
	}
	if events == nil {
		events = []trace.Event{}
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
	return events, whole
}

// group writes n with thousands separators: 198,000.
func group(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
