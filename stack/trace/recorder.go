package trace

import "sync"

// Recorder collects the events of one run in the order they happened.
// It is safe for concurrent use; the world's scheduler makes that order
// deterministic.
type Recorder struct {
	mu sync.Mutex
	// events are kept in fixed-size chunks: a long run never copies the
	// whole trace to grow it, and the garbage collector sees small arrays.
	chunks [][]Event
	n      int
	frames int
	conns  seqTracker // relative sequence numbers per connection direction
	listen func(Event)
}

// New returns an empty Recorder.
func New() *Recorder { return &Recorder{} }

// OnEvent registers f to be called (under the recorder's lock, in order)
// for every event added after the call. Used for live views and progress.
func (r *Recorder) OnEvent(f func(Event)) {
	r.mu.Lock()
	r.listen = f
	r.mu.Unlock()
}

// Add appends e as it is.
func (r *Recorder) Add(e Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	*r.slotLocked() = e
	r.addedLocked()
}

const chunkSize = 1024

// slotLocked appends a zero event and returns it to be filled in; the
// caller then calls addedLocked.
func (r *Recorder) slotLocked() *Event {
	if len(r.chunks) == 0 || len(r.chunks[len(r.chunks)-1]) == chunkSize {
		r.chunks = append(r.chunks, make([]Event, 0, chunkSize))
	}
	last := &r.chunks[len(r.chunks)-1]
	*last = (*last)[:len(*last)+1]
	return &(*last)[len(*last)-1]
}

// addedLocked counts the event slotLocked returned and tells the listener.
func (r *Recorder) addedLocked() {
	r.n++
	if r.listen != nil {
		last := r.chunks[len(r.chunks)-1]
		r.listen(last[len(last)-1])
	}
}

// Frame records an Ethernet frame that host sent on link at time t and
// returns its wire number (counted from 1). The frame is decoded here.
// The recorder keeps data as the event's Data: the caller must not change
// it afterwards. The caller fills in Dropped/Fault/Arrive/Receiver
// afterwards through SetFrameFate, since the fate is decided after the
// number is known.
func (r *Recorder) Frame(t int64, host string, link int, data []byte) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.frames++
	e := r.slotLocked() // zero: chunks are never reused
	e.T, e.Host, e.Frame, e.Link, e.Data = t, host, r.frames, link, data
	decodeFrame(e, &r.conns)
	r.addedLocked()
	return r.frames
}

// FrameEvent returns a copy of the event of frame number n (1-based).
func (r *Recorder) FrameEvent(n int) (Event, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if e := r.frameLocked(n); e != nil {
		return *e, true
	}
	return Event{}, false
}

// SetFrameFate records what became of frame n: the receiving host, when it
// arrived, or that it was dropped and by which rule.
func (r *Recorder) SetFrameFate(n int, receiver string, arrive int64, dropped bool, fault string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if e := r.frameLocked(n); e != nil {
		e.Receiver, e.Arrive, e.Dropped, e.Fault = receiver, arrive, dropped, fault
	}
}

// Events returns a copy of all events recorded so far.
func (r *Recorder) Events() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Event, 0, r.n)
	for _, c := range r.chunks {
		out = append(out, c...)
	}
	return out
}

// Len returns the number of events recorded so far.
func (r *Recorder) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.n
}

// frameLocked finds the event of frame n, searching from the newest: the
// frame asked for is almost always among the last few events.
func (r *Recorder) frameLocked(n int) *Event {
	for c := len(r.chunks) - 1; c >= 0; c-- {
		chunk := r.chunks[c]
		for i := len(chunk) - 1; i >= 0; i-- {
			if e := &chunk[i]; e.Frame == n && e.Data != nil {
				return e
			}
		}
	}
	return nil
}
