// Package vclock is netplay's virtual clock: one per world, shared by every
// gVisor stack (stack.Options.Clock) and every program. Time moves only when
// the world's scheduler calls Advance; due timers are fired one at a time by
// FireNext, in (deadline, creation order), so a run is deterministic.
package vclock

import (
	"sync"
	"sync/atomic"
	"time"

	"gvisor.dev/gvisor/pkg/tcpip"
)

// epoch is the wall-clock time that virtual time zero maps to, for Now().
// A fixed date keeps traces and pcaps reproducible.
var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Clock is a manual clock with a timer queue.
type Clock struct {
	mu sync.Mutex
	// now is nanoseconds since the world started; written under mu, read
	// without it (the stacks read the time for every segment).
	now    atomic.Int64
	seq    uint64
	timers timerHeap
	// onChange, when set (OnChange), is called without the lock held
	// whenever a timer is added, reset or stopped, so the scheduler can
	// count progress.
	onChange func()
}

var _ tcpip.Clock = (*Clock)(nil)

// New returns a clock at virtual time zero.
func New() *Clock { return &Clock{} }

// OnChange registers f to be called whenever the timer set changes.
func (c *Clock) OnChange(f func()) {
	c.mu.Lock()
	c.onChange = f
	c.mu.Unlock()
}

// Now implements tcpip.Clock.Now.
func (c *Clock) Now() time.Time {
	return epoch.Add(time.Duration(c.Nanos()))
}

// NowMonotonic implements tcpip.Clock.NowMonotonic.
func (c *Clock) NowMonotonic() tcpip.MonotonicTime {
	return tcpip.MonotonicTime{}.Add(time.Duration(c.Nanos()))
}

// Nanos returns virtual nanoseconds since the world started.
func (c *Clock) Nanos() int64 {
	return c.now.Load()
}

// Epoch returns the wall-clock time of virtual time zero.
func Epoch() time.Time { return epoch }

// AfterFunc implements tcpip.Clock.AfterFunc. Unlike the real clock, f runs
// on the scheduler's goroutine when FireNext reaches it.
func (c *Clock) AfterFunc(d time.Duration, f func()) tcpip.Timer {
	return c.AfterFuncKind(d, 0, f)
}

// Kind is what a timer is for, as whoever sets it classifies it; the clock
// keeps it and does not interpret it (NextOf).
type Kind uint8

// AfterFuncKind is AfterFunc for a timer of kind k.
func (c *Clock) AfterFuncKind(d time.Duration, k Kind, f func()) *Timer {
	t := &Timer{c: c, f: f, index: -1, kind: k}
	c.mu.Lock()
	c.scheduleLocked(t, d)
	cb := c.onChange
	c.mu.Unlock()
	if cb != nil {
		cb()
	}
	return t
}

func (c *Clock) scheduleLocked(t *Timer, d time.Duration) {
	if d < 0 {
		d = 0
	}
	c.seq++
	t.when = c.now.Load() + int64(d)
	t.seq = c.seq
	c.timers.push(t)
}

// Next returns the deadline of the earliest pending timer.
func (c *Clock) Next() (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.timers) == 0 {
		return 0, false
	}
	return c.timers[0].when, true
}

// NextOf returns the deadline of the earliest pending timer whose kind is
// among kinds (a bit set, 1<<kind). It looks at every timer: it is for the
// scheduler's rare questions, not for each step.
func (c *Clock) NextOf(kinds uint64) (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var next int64
	ok := false
	for _, t := range c.timers {
		if kinds&(1<<t.kind) != 0 && (!ok || t.when < next) {
			next, ok = t.when, true
		}
	}
	return next, ok
}

// Advance moves virtual time forward to t (never backwards).
func (c *Clock) Advance(t int64) {
	c.mu.Lock()
	if t > c.now.Load() {
		c.now.Store(t)
	}
	c.mu.Unlock()
}

// FireNext runs the earliest timer whose deadline is not after now, on the
// calling goroutine, and reports whether there was one.
func (c *Clock) FireNext() bool {
	c.mu.Lock()
	if len(c.timers) == 0 || c.timers[0].when > c.now.Load() {
		c.mu.Unlock()
		return false
	}
	t := c.timers.pop()
	t.fired = true
	c.mu.Unlock()
	t.f()
	return true
}

// Pending returns the number of timers not yet fired or stopped.
func (c *Clock) Pending() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.timers)
}

// Timer is a timer of a Clock.
type Timer struct {
	c     *Clock
	f     func()
	when  int64
	seq   uint64
	index int // in the heap, -1 when not queued
	fired bool
	kind  Kind
}

var _ tcpip.Timer = (*Timer)(nil)

// Stop implements tcpip.Timer.Stop.
func (t *Timer) Stop() bool {
	c := t.c
	c.mu.Lock()
	stopped := t.index >= 0
	if stopped {
		c.timers.remove(t.index)
	}
	cb := c.onChange
	c.mu.Unlock()
	if stopped && cb != nil {
		cb()
	}
	return stopped
}

// Reset implements tcpip.Timer.Reset.
func (t *Timer) Reset(d time.Duration) {
	c := t.c
	c.mu.Lock()
	if t.index >= 0 {
		c.timers.remove(t.index)
	}
	t.fired = false
	c.scheduleLocked(t, d)
	cb := c.onChange
	c.mu.Unlock()
	if cb != nil {
		cb()
	}
}

// timerHeap is a binary min-heap of timers by (when, seq), kept as
// container/heap keeps one, without its interface calls.
type timerHeap []*Timer

func (h timerHeap) less(i, j int) bool {
	if h[i].when != h[j].when {
		return h[i].when < h[j].when
	}
	return h[i].seq < h[j].seq
}

func (h timerHeap) swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}

func (h timerHeap) up(j int) {
	for {
		i := (j - 1) / 2 // parent
		if i == j || !h.less(j, i) {
			break
		}
		h.swap(i, j)
		j = i
	}
}

func (h timerHeap) down(i0, n int) bool {
	i := i0
	for {
		j1 := 2*i + 1
		if j1 >= n || j1 < 0 {
			break
		}
		j := j1 // left child
		if j2 := j1 + 1; j2 < n && h.less(j2, j1) {
			j = j2 // right child
		}
		if !h.less(j, i) {
			break
		}
		h.swap(i, j)
		i = j
	}
	return i > i0
}

func (h *timerHeap) push(t *Timer) {
	t.index = len(*h)
	*h = append(*h, t)
	h.up(len(*h) - 1)
}

// pop removes and returns the earliest timer.
func (h *timerHeap) pop() *Timer {
	n := len(*h) - 1
	h.swap(0, n)
	h.down(0, n)
	return h.removeLast()
}

// remove removes the timer at index i.
func (h *timerHeap) remove(i int) {
	n := len(*h) - 1
	if n != i {
		h.swap(i, n)
		if !h.down(i, n) {
			h.up(i)
		}
	}
	h.removeLast()
}

func (h *timerHeap) removeLast() *Timer {
	old := *h
	n := len(old)
	t := old[n-1]
	old[n-1] = nil
	t.index = -1
	*h = old[:n-1]
	return t
}
