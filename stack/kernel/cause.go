package kernel

import (
	"strings"
	"sync"

	"gvisor.dev/gvisor/pkg/waiter"

	"netplay/stack/sock"
	"netplay/stack/trace"
	"netplay/stack/vnet"
)

// What made a descriptor ready: every open description remembers, for each
// kind of readiness, the event of the trace that last changed it (a
// notification on its queue), so that select, poll and epoll_wait can say
// in their trace event which frame, local message, input or call made
// each descriptor they return ready (trace.Ready).

// causeRef is an event of the trace that changed a description's
// readiness.
type causeRef struct {
	by    string // trace.Ready.By
	ev    int    // the event's index in the trace; -1 until known
	frame int    // the frame's or local message's number
}

// Readiness kinds a description remembers the cause of.
const (
	causeIn = iota
	causeOut
	causeErr
	causeHup
	causeRdHup
	causePri
	causeKinds
)

var causeBits = [causeKinds]waiter.EventMask{
	waiter.ReadableEvents, waiter.WritableEvents, waiter.EventErr, waiter.EventHUp, waiter.EventRdHUp, waiter.EventPri,
}

// causes watches one description's queue.
type causes struct {
	h     *Host
	entry waiter.Entry
	last  [causeKinds]*causeRef
}

// causeState is the host's part: the threads whose calls may be causes,
// and an event the kernel itself just recorded that explains the
// notifications that follow it (a local message a call wrote, input).
type causeState struct {
	mu    sync.Mutex
	tasks map[*vnet.Thread]*Task
	now   *causeRef
	frame *causeRef // the last frame's, reused while it is delivered
}

// NotifyEvent implements waiter.EventListener.
func (c *causes) NotifyEvent(m waiter.EventMask) {
	h := c.h
	h.causes.mu.Lock()
	defer h.causes.mu.Unlock()
	ref := h.causeNow()
	for k, bits := range causeBits {
		if m&bits != 0 {
			c.last[k] = ref
		}
	}
}

// causeNow is what changes readiness now (causes.mu held): an event the
// kernel just recorded, a frame being delivered, or the call a thread is
// making (its next syscall event) or made last (what netstack does after
// the thread stopped for the scheduler); nil for a timer.
func (h *Host) causeNow() *causeRef {
	cs := &h.causes
	if cs.now != nil {
		return cs.now
	}
	c := h.vh.World().Cause()
	switch {
	case c.Frame != 0:
		if cs.frame == nil || cs.frame.frame != c.Frame {
			cs.frame = &causeRef{by: "frame", ev: c.Ev, frame: c.Frame}
		}
		return cs.frame
	case c.Thread != nil:
		t := cs.tasks[c.Thread]
		if t == nil {
			return nil
		}
		if c.Thread.Running() {
			if t.pending == nil {
				t.pending = &causeRef{by: "call", ev: -1}
			}
			return t.pending
		}
		return t.lastCall
	}
	return nil
}

// watch starts remembering what changes d's readiness. A connection
// accept returns may be readable already: what made it so came before it
// had a descriptor (the frame that brought its data or FIN, the first
// local message still unread).
func (t *Task) watch(d *Desc) {
	d.causes = &causes{h: t.host}
	d.causes.entry.Init(d.causes, waiter.AllEvents|waiter.EventPri)
	d.file.Queue().EventRegister(&d.causes.entry)
	if d.file.Readiness(waiter.ReadableEvents)&waiter.ReadableEvents == 0 {
		return
	}
	switch f := d.file.(type) {
	case *inetFile:
		d.causes.last[causeIn] = t.frameInto(f)
	case *unixSocket:
		if len(f.in.msgs) > 0 {
			m := f.in.msgs[0]
			d.causes.last[causeIn] = &causeRef{by: "local", ev: m.ev, frame: m.n}
		}
	}
}

// frameInto finds the last segment that reached a TCP connection with
// data, a FIN or a reset.
func (t *Task) frameInto(f *inetFile) *causeRef {
	if f.s.Type() != sock.SOCK_STREAM {
		return nil
	}
	local, err1 := f.s.Name(false)
	peer, err2 := f.s.Name(true)
	if err1 != 0 || err2 != 0 {
		return nil
	}
	src, dst := sock.FormatSockaddr(peer), sock.FormatSockaddr(local)
	now := int64(t.th.Now())
	e, ev, ok := t.th.Trace().Last(func(e *trace.Event) bool {
		return e.Kind == trace.KindSegment && e.Src == src && e.Dst == dst && !e.Dropped && e.Arrive > 0 &&
			e.Arrive <= now && (e.Len > 0 || strings.ContainsAny(e.Flags, "FR"))
	})
	if !ok {
		return nil
	}
	return &causeRef{by: "frame", ev: ev, frame: e.Frame}
}

// unwatch stops it (the description is released).
func (d *Desc) unwatch() {
	if d.causes != nil {
		d.file.Queue().EventUnregister(&d.causes.entry)
	}
}

// readyOf says what made d ready for the kinds in m: the latest event
// among theirs (by its place in the trace).
func (h *Host) readyOf(d *Desc, m waiter.EventMask, fd int, events string) trace.Ready {
	r := trace.Ready{FD: fd, Events: events, Ev: -1}
	if d.causes == nil {
		return r
	}
	h.causes.mu.Lock()
	defer h.causes.mu.Unlock()
	var best *causeRef
	for k, bits := range causeBits {
		if c := d.causes.last[k]; c != nil && m&bits != 0 && c.ev >= 0 && (best == nil || c.ev > best.ev) {
			best = c
		}
	}
	if best != nil {
		r.By, r.Ev, r.Frame = best.by, best.ev, best.frame
	}
	return r
}

// recorded notes that the task's call was recorded as event ev: the
// changes it made are its, and the later ones netstack makes for it.
func (t *Task) recorded(ev int) {
	cs := &t.host.causes
	cs.mu.Lock()
	if t.pending != nil {
		t.pending.ev = ev
		t.pending = nil
	}
	t.lastCall = &causeRef{by: "call", ev: ev}
	cs.now = nil
	cs.mu.Unlock()
}

// exited notes that the task's process ended, its exit event the trace's
// ev: the descriptors it leaves closed are its exit's doing.
func (t *Task) exited(ev int) {
	cs := &t.host.causes
	cs.mu.Lock()
	if t.pending != nil {
		t.pending.by, t.pending.ev = "exit", ev
		t.pending = nil
	}
	cs.mu.Unlock()
}

// recordedHere says the kernel just recorded event ev (by "local" or
// "input", frame its number): the notifications that follow in the same
// call are its doing.
func (h *Host) recordedHere(by string, ev, frame int) {
	h.causes.mu.Lock()
	h.causes.now = &causeRef{by: by, ev: ev, frame: frame}
	h.causes.mu.Unlock()
}

// doneHere ends what recordedHere began, outside a call (input).
func (h *Host) doneHere() {
	h.causes.mu.Lock()
	h.causes.now = nil
	h.causes.mu.Unlock()
}

// addTask lets the task's calls be causes.
func (h *Host) addTask(t *Task) {
	h.causes.mu.Lock()
	if h.causes.tasks == nil {
		h.causes.tasks = map[*vnet.Thread]*Task{}
	}
	h.causes.tasks[t.th] = t
	h.causes.mu.Unlock()
}
