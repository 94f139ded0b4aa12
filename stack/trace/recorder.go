package trace

import (
	"fmt"
	"sync"
	"unsafe"
)

// DefaultBudget is how many bytes of events a Recorder keeps unless told
// otherwise: a run that never stops writing (a print loop, a program
// polling a ready descriptor) keeps the first and the last half of this
// of its trace and says what it left out between them.
const DefaultBudget = 32 << 20

// Recorder collects the events of one run in the order they happened.
// It is safe for concurrent use; the world's scheduler makes that order
// deterministic.
//
// Its memory is bounded by a byte budget (an event's size is its struct
// plus its text and frame bytes). The head of the trace keeps its first
// half; once the head is full, events go to the tail, which keeps the
// most recent events within the other half and lets the oldest go, a chunk
// at a time. Events returns the head, one KindCut event saying what was
// left out (how many events, how many bytes, from when until when), and
// the tail.
type Recorder struct {
	mu sync.Mutex
	// events are kept in fixed-size chunks: a long run never copies the
	// whole trace to grow it, and the garbage collector sees small arrays.
	// head holds the first chunks, tail (once the head is full) the last.
	head, tail [][]Event
	headBytes  int
	tailBytes  []int // bytes of each tail chunk
	budget     int
	full       bool // the head is full: new events go to the tail
	cut        Event
	n          int
	frames     int
	conns      seqTracker // relative sequence numbers per connection direction
	listen     func(Event)
	// unread indexes the local messages not read yet by number (chunks
	// never move, so the pointers stay good until a chunk is let go).
	unread map[int]*Event
}

// New returns an empty Recorder with the default budget.
func New() *Recorder { return NewBudget(0) }

// NewBudget returns an empty Recorder that keeps at most about budget
// bytes of events (0: DefaultBudget).
func NewBudget(budget int) *Recorder {
	if budget <= 0 {
		budget = DefaultBudget
	}
	return &Recorder{budget: budget}
}

// OnEvent registers f to be called (under the recorder's lock, in order)
// for every event added after the call. Used for live views and progress.
func (r *Recorder) OnEvent(f func(Event)) {
	r.mu.Lock()
	r.listen = f
	r.mu.Unlock()
}

// Add appends e as it is and returns its index: its place among every
// event recorded, from 0 (Ready.Ev refers to events by it).
func (r *Recorder) Add(e Event) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	*r.slotLocked() = e
	r.addedLocked()
	return r.n - 1
}

const chunkSize = 1024

// eventBytes is what an event costs the budget: the struct and the bytes
// it alone holds (the host name is shared by all of a host's events).
func eventBytes(e *Event) int {
	n := int(unsafe.Sizeof(*e)) + len(e.Data) + len(e.Summary) + len(e.Args) + len(e.Text) +
		len(e.Options) + len(e.Reason) + len(e.Src) + len(e.Dst) + len(e.Path)
	for _, r := range e.Ready {
		n += int(unsafe.Sizeof(r)) + len(r.Events)
	}
	return n
}

// slotLocked appends a zero event and returns it to be filled in; the
// caller then calls addedLocked.
func (r *Recorder) slotLocked() *Event {
	chunks := &r.head
	if r.full {
		chunks = &r.tail
	}
	if len(*chunks) == 0 || len((*chunks)[len(*chunks)-1]) == chunkSize {
		*chunks = append(*chunks, make([]Event, 0, chunkSize))
		if r.full {
			r.tailBytes = append(r.tailBytes, 0)
		}
	}
	last := &(*chunks)[len(*chunks)-1]
	*last = (*last)[:len(*last)+1]
	return &(*last)[len(*last)-1]
}

// addedLocked counts the event slotLocked returned, keeps the budget and
// tells the listener.
func (r *Recorder) addedLocked() {
	r.n++
	chunks := r.head
	if r.full {
		chunks = r.tail
	}
	last := chunks[len(chunks)-1]
	e := &last[len(last)-1]
	size := eventBytes(e)
	if !r.full {
		r.headBytes += size
		r.full = r.headBytes >= r.budget/2
	} else {
		r.tailBytes[len(r.tailBytes)-1] += size
		r.trimLocked()
	}
	if r.listen != nil {
		r.listen(*e)
	}
}

// trimLocked lets the oldest tail chunks go while the tail is over its
// half of the budget, counting what they held in the cut event.
func (r *Recorder) trimLocked() {
	total := 0
	for _, b := range r.tailBytes {
		total += b
	}
	for total > r.budget-r.budget/2 && len(r.tail) > 1 {
		old := r.tail[0]
		if r.cut.Kind == "" {
			r.cut = Event{T: old[0].T, Kind: KindCut}
		}
		r.cut.Until = old[len(old)-1].T
		r.cut.CutEvents += len(old)
		r.cut.CutBytes += int64(r.tailBytes[0])
		total -= r.tailBytes[0]
		for i := range old {
			if old[i].Kind == KindLocal {
				delete(r.unread, old[i].Frame)
			}
		}
		r.tail[0] = nil
		r.tail, r.tailBytes = r.tail[1:], r.tailBytes[1:]
	}
}

// Frame records an Ethernet frame that host sent on link at time t and
// returns its wire number (counted from 1). The frame is decoded here.
// The recorder keeps data as the event's Data: the caller must not change
// it afterwards. The caller fills in Dropped/Fault/Arrive/Receiver
// afterwards through SetFrameFate, since the fate is decided after the
// number is known.
func (r *Recorder) Frame(t int64, host string, link int, data []byte) int {
	n, _ := r.FrameIndexed(t, host, link, data)
	return n
}

// FrameIndexed is Frame that also returns the frame event's index (Add).
func (r *Recorder) FrameIndexed(t int64, host string, link int, data []byte) (num, index int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.frames++
	e := r.slotLocked() // zero: chunks are never reused
	e.T, e.Host, e.Frame, e.Link, e.Data = t, host, r.frames, link, data
	decodeFrame(e, &r.conns)
	r.addedLocked()
	return r.frames, r.n - 1
}

// FrameEvent returns a copy of the event of frame number n (1-based).
func (r *Recorder) FrameEvent(n int) (Event, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if e := r.findLocked(func(e *Event) bool { return e.Frame == n && e.Data != nil }); e != nil {
		return *e, true
	}
	return Event{}, false
}

// SetFrameFate records what became of frame n: the receiving host, when it
// arrived, or that it was dropped and by which rule. A frame the budget
// already left out is not changed.
func (r *Recorder) SetFrameFate(n int, receiver string, arrive int64, dropped bool, fault string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if e := r.findLocked(func(e *Event) bool { return e.Frame == n && e.Data != nil }); e != nil {
		e.Receiver, e.Arrive, e.Dropped, e.Fault = receiver, arrive, dropped, fault
	}
}

// Local records a message written to a local socket or a pipe (a
// KindLocal event filled in by the caller from e) and returns its number,
// counted from 1, for SetLocalRead.
func (r *Recorder) Local(e Event) int {
	n, _ := r.LocalIndexed(e)
	return n
}

// LocalIndexed is Local that also returns the event's index (Add).
func (r *Recorder) LocalIndexed(e Event) (num, index int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.frames++                                          // local messages share the numbering of frames: one lookup
	e.Kind, e.Frame, e.Arrive = KindLocal, r.frames, -1 // not read yet
	slot := r.slotLocked()
	*slot = e
	if r.unread == nil {
		r.unread = map[int]*Event{}
	}
	r.unread[e.Frame] = slot
	r.addedLocked()
	return e.Frame, r.n - 1
}

// SetLocalRead records when the last byte of local message n was read.
func (r *Recorder) SetLocalRead(n int, t int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if e := r.unread[n]; e != nil {
		e.Arrive = t
		delete(r.unread, n)
	}
}

// Events returns a copy of the events kept: the head, the cut event when
// the budget left events out, the tail.
func (r *Recorder) Events() []Event {
	var out []Event
	r.Each(func(n int, e *Event) {
		if out == nil {
			out = make([]Event, 0, n)
		}
		out = append(out, *e)
	})
	if out == nil {
		out = []Event{}
	}
	return out
}

// Each calls f with each event Events would return, in order, without
// copying the trace first (a view of a long trace need not hold it
// twice); n is how many there are. f must not keep e nor add events.
func (r *Recorder) Each(f func(n int, e *Event)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := r.n - r.cut.CutEvents
	if r.cut.Kind != "" {
		n++
	}
	head := 0
	for _, c := range r.head {
		head += len(c)
	}
	// Ready.Ev counted every event; the cut event stands for the ones
	// left out.
	each := func(e *Event) {
		if r.cut.Kind == "" || len(e.Ready) == 0 {
			f(n, e)
			return
		}
		c := *e
		c.Ready = append([]Ready(nil), e.Ready...)
		for j := range c.Ready {
			switch ev := c.Ready[j].Ev; {
			case ev < head:
			case ev < head+r.cut.CutEvents:
				c.Ready[j].Ev = -1
			default:
				c.Ready[j].Ev = ev - r.cut.CutEvents + 1
			}
		}
		f(n, &c)
	}
	for _, c := range r.head {
		for i := range c {
			each(&c[i])
		}
	}
	if r.cut.Kind != "" {
		cut := r.cut
		cut.Reason = fmt.Sprintf("the trace is over its budget of %s: %d events (%s) from %ss to %ss were left out",
			ByteCount(int64(r.budget)), cut.CutEvents, ByteCount(cut.CutBytes), FormatTime(cut.T), FormatTime(cut.Until))
		f(n, &cut)
	}
	for _, c := range r.tail {
		for i := range c {
			each(&c[i])
		}
	}
}

// ByteCount prints n bytes as "32 MiB", "1.5 GiB" or "812 KiB".
func ByteCount(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	v := float64(n) / float64(div)
	suffix := []string{"KiB", "MiB", "GiB", "TiB"}[exp]
	if v == float64(int64(v)) {
		return fmt.Sprintf("%d %s", int64(v), suffix)
	}
	return fmt.Sprintf("%.1f %s", v, suffix)
}

// Len returns the number of events recorded so far, kept or left out.
func (r *Recorder) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.n
}

// Last returns the newest event for which match is true and its index
// (Add): what made a descriptor ready before it was watched.
func (r *Recorder) Last(match func(*Event) bool) (Event, int, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	end := r.n // the index after the last event
	for c := len(r.tail) - 1; c >= 0; c-- {
		chunk := r.tail[c]
		end -= len(chunk)
		for i := len(chunk) - 1; i >= 0; i-- {
			if match(&chunk[i]) {
				return chunk[i], end + i, true
			}
		}
	}
	end -= r.cut.CutEvents
	for c := len(r.head) - 1; c >= 0; c-- {
		chunk := r.head[c]
		end -= len(chunk)
		for i := len(chunk) - 1; i >= 0; i-- {
			if match(&chunk[i]) {
				return chunk[i], end + i, true
			}
		}
	}
	return Event{}, -1, false
}

// findLocked returns the newest event for which match is true: the event
// asked for (a frame's fate, a local message read) is almost always among
// the last few.
func (r *Recorder) findLocked(match func(*Event) bool) *Event {
	for _, chunks := range [][][]Event{r.tail, r.head} {
		for c := len(chunks) - 1; c >= 0; c-- {
			chunk := chunks[c]
			for i := len(chunk) - 1; i >= 0; i-- {
				if e := &chunk[i]; match(e) {
					return e
				}
			}
		}
	}
	return nil
}
