package vnet

import "sync/atomic"

// Cause is what the world is doing: delivering a frame (its number and
// the index of its event in the trace), running a thread's slice, or
// neither (a timer of a stack, input from outside). The kernel reads it
// when a descriptor's readiness changes, to say in the trace what made a
// descriptor that select, poll or epoll_wait returned ready. What a
// frame's delivery sets off in netstack's goroutines happens before the
// scheduler's next step, so the cause still holds then.
type Cause struct {
	Frame  int
	Ev     int
	Thread *Thread
}

// causeBox holds the world's cause; netstack's goroutines read it.
type causeBox struct{ p atomic.Pointer[Cause] }

func (b *causeBox) set(c Cause) { b.p.Store(&c) }

// Cause returns what the world is doing now.
func (w *World) Cause() Cause {
	if c := w.cause.p.Load(); c != nil {
		return *c
	}
	return Cause{}
}

// Running reports whether the thread has control now: a change it causes
// then comes from the call it is making.
func (t *Thread) Running() bool { return t.state == stateRunning }
