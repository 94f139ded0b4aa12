// Package vclock is netplay's virtual clock: one per world, shared by every
// gVisor stack (stack.Options.Clock) and every program. Time moves only when
// the world's scheduler calls Advance; due timers are fired one at a time by
// FireNext, in (deadline, creation order), so a run is deterministic.
package vclock

import (
	"container/heap"
	"sync"
	"time"

	"gvisor.dev/gvisor/pkg/tcpip"
)

// epoch is the wall-clock time that virtual time zero maps to, for Now().
// A fixed date keeps traces and pcaps reproducible.
var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Clock is a manual clock with a timer queue.
type Clock struct {
	mu     sync.Mutex
	now    int64 // nanoseconds since the world started
	seq    uint64
	timers timerHeap
	// OnTimerChange, when set, is called (without the lock held) whenever a
	// timer is added, reset or stopped, so the scheduler can count progress.
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
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Epoch returns the wall-clock time of virtual time zero.
func Epoch() time.Time { return epoch }

// AfterFunc implements tcpip.Clock.AfterFunc. Unlike the real clock, f runs
// on the scheduler's goroutine when FireNext reaches it.
func (c *Clock) AfterFunc(d time.Duration, f func()) tcpip.Timer {
	t := &Timer{c: c, f: f, index: -1}
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
	t.when = c.now + int64(d)
	t.seq = c.seq
	heap.Push(&c.timers, t)
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

// Advance moves virtual time forward to t (never backwards).
func (c *Clock) Advance(t int64) {
	c.mu.Lock()
	if t > c.now {
		c.now = t
	}
	c.mu.Unlock()
}

// FireNext runs the earliest timer whose deadline is not after now, on the
// calling goroutine, and reports whether there was one.
func (c *Clock) FireNext() bool {
	c.mu.Lock()
	if len(c.timers) == 0 || c.timers[0].when > c.now {
		c.mu.Unlock()
		return false
	}
	t := heap.Pop(&c.timers).(*Timer)
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
}

var _ tcpip.Timer = (*Timer)(nil)

// Stop implements tcpip.Timer.Stop.
func (t *Timer) Stop() bool {
	c := t.c
	c.mu.Lock()
	stopped := t.index >= 0
	if stopped {
		heap.Remove(&c.timers, t.index)
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
		heap.Remove(&c.timers, t.index)
	}
	t.fired = false
	c.scheduleLocked(t, d)
	cb := c.onChange
	c.mu.Unlock()
	if cb != nil {
		cb()
	}
}

type timerHeap []*Timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if h[i].when != h[j].when {
		return h[i].when < h[j].when
	}
	return h[i].seq < h[j].seq
}
func (h timerHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}
func (h *timerHeap) Push(x any) {
	t := x.(*Timer)
	t.index = len(*h)
	*h = append(*h, t)
}
func (h *timerHeap) Pop() any {
	old := *h
	n := len(old)
	t := old[n-1]
	old[n-1] = nil
	t.index = -1
	*h = old[:n-1]
	return t
}
