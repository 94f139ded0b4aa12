package trace

import "sync"

// Recorder collects the events of one run in the order they happened.
// It is safe for concurrent use; the world's scheduler makes that order
// deterministic.
type Recorder struct {
	mu     sync.Mutex
	events []Event
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
	r.addLocked(e)
}

func (r *Recorder) addLocked(e Event) {
	r.events = append(r.events, e)
	if r.listen != nil {
		r.listen(e)
	}
}

// Frame records an Ethernet frame that host sent on link at time t and
// returns its wire number (counted from 1). The frame is decoded here.
// The caller fills in Dropped/Fault/Arrive/Receiver afterwards through
// SetFrameFate, since the fate is decided after the number is known.
func (r *Recorder) Frame(t int64, host string, link int, data []byte) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.frames++
	e := Event{T: t, Host: host, Frame: r.frames, Link: link, Data: append([]byte(nil), data...)}
	decodeFrame(&e, &r.conns)
	r.addLocked(e)
	return r.frames
}

// FrameEvent returns a copy of the event of frame number n (1-based).
func (r *Recorder) FrameEvent(n int) (Event, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.events) - 1; i >= 0; i-- {
		if r.events[i].Frame == n && r.events[i].Data != nil {
			return r.events[i], true
		}
	}
	return Event{}, false
}

// SetFrameFate records what became of frame n: the receiving host, when it
// arrived, or that it was dropped and by which rule.
func (r *Recorder) SetFrameFate(n int, receiver string, arrive int64, dropped bool, fault string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.events) - 1; i >= 0; i-- {
		e := &r.events[i]
		if e.Frame == n && e.Data != nil {
			e.Receiver, e.Arrive, e.Dropped, e.Fault = receiver, arrive, dropped, fault
			return
		}
	}
}

// Events returns a copy of all events recorded so far.
func (r *Recorder) Events() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Event(nil), r.events...)
}

// Len returns the number of events recorded so far.
func (r *Recorder) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.events)
}
