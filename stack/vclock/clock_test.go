package vclock

import (
	"math/rand"
	"sort"
	"testing"
	"time"
)

func TestTimersFireInDeadlineThenCreationOrder(t *testing.T) {
	c := New()
	var got []string
	c.AfterFunc(2*time.Second, func() { got = append(got, "b") })
	c.AfterFunc(time.Second, func() { got = append(got, "a1") })
	c.AfterFunc(time.Second, func() { got = append(got, "a2") })
	stopped := c.AfterFunc(time.Second, func() { got = append(got, "never") })
	if !stopped.Stop() {
		t.Fatal("Stop of a pending timer returned false")
	}
	if c.FireNext() {
		t.Fatal("a timer fired before its deadline")
	}
	next, ok := c.Next()
	if !ok || next != int64(time.Second) {
		t.Fatalf("Next = %d, %v; want 1s", next, ok)
	}
	c.Advance(next)
	for c.FireNext() {
	}
	if want := "a1,a2"; join(got) != want {
		t.Fatalf("fired %q, want %q", join(got), want)
	}
	c.Advance(int64(5 * time.Second))
	for c.FireNext() {
	}
	if want := "a1,a2,b"; join(got) != want {
		t.Fatalf("fired %q, want %q", join(got), want)
	}
	if stopped.Stop() {
		t.Fatal("second Stop returned true")
	}
}

func TestResetMovesTimerAndNowIsMonotonic(t *testing.T) {
	c := New()
	fired := 0
	tm := c.AfterFunc(time.Second, func() { fired++ })
	tm.Reset(3 * time.Second)
	c.Advance(int64(2 * time.Second))
	if c.FireNext() {
		t.Fatal("reset timer fired at its old deadline")
	}
	c.Advance(int64(time.Second)) // backwards: ignored
	if got := c.Nanos(); got != int64(2*time.Second) {
		t.Fatalf("clock went backwards to %d", got)
	}
	c.Advance(int64(3 * time.Second))
	if !c.FireNext() || fired != 1 {
		t.Fatal("reset timer did not fire at its new deadline")
	}
	if got := c.NowMonotonic().Sub(c.NowMonotonic()); got != 0 {
		t.Fatal(got)
	}
	if !c.Now().Equal(Epoch().Add(3 * time.Second)) {
		t.Fatalf("Now = %v", c.Now())
	}
}

func join(s []string) string {
	out := ""
	for i, v := range s {
		if i > 0 {
			out += ","
		}
		out += v
	}
	return out
}

// TestHeapOrderRandom sets, resets and stops many timers in a seeded
// random order and checks that they fire exactly in (deadline, last
// set) order, as a sorted list of the pending ones says.
func TestHeapOrderRandom(t *testing.T) {
	c := New()
	r := rand.New(rand.NewSource(7))
	type want struct {
		when int64
		seq  int
		id   int
	}
	pending := map[int]want{} // by timer id
	var timers []*Timer
	var fired []int
	seq := 0
	for step := 0; step < 20000; step++ {
		switch op := r.Intn(10); {
		case op < 4 || len(timers) == 0:
			id := len(timers)
			d := time.Duration(r.Intn(50))
			timers = append(timers, c.AfterFunc(d, func() { fired = append(fired, id) }).(*Timer))
			seq++
			pending[id] = want{c.Nanos() + int64(d), seq, id}
		case op < 6:
			id := r.Intn(len(timers))
			d := time.Duration(r.Intn(50))
			timers[id].Reset(d)
			seq++
			pending[id] = want{c.Nanos() + int64(d), seq, id}
		case op < 7:
			id := r.Intn(len(timers))
			_, was := pending[id]
			if got := timers[id].Stop(); got != was {
				t.Fatalf("Stop = %v, want %v", got, was)
			}
			delete(pending, id)
		default:
			if next, ok := c.Next(); ok && r.Intn(2) == 0 {
				c.Advance(next)
			}
			var due []want
			for _, w := range pending {
				if w.when <= c.Nanos() {
					due = append(due, w)
				}
			}
			sort.Slice(due, func(i, j int) bool {
				if due[i].when != due[j].when {
					return due[i].when < due[j].when
				}
				return due[i].seq < due[j].seq
			})
			fired = fired[:0]
			for c.FireNext() {
			}
			if len(fired) != len(due) {
				t.Fatalf("step %d: fired %d timers, want %d", step, len(fired), len(due))
			}
			for i, w := range due {
				if fired[i] != w.id {
					t.Fatalf("step %d: fired %v, want order %v", step, fired, due)
				}
				delete(pending, w.id)
			}
		}
		if c.Pending() != len(pending) {
			t.Fatalf("step %d: Pending = %d, want %d", step, c.Pending(), len(pending))
		}
	}
}

// NextOf looks only at the timers of the kinds asked for.
func TestNextOf(t *testing.T) {
	c := New()
	c.AfterFuncKind(3*time.Second, 1, func() {})
	c.AfterFuncKind(2*time.Second, 2, func() {})
	stopped := c.AfterFuncKind(time.Second, 1, func() {})
	stopped.Stop()
	if at, ok := c.NextOf(1 << 1); !ok || at != int64(3*time.Second) {
		t.Errorf("kind 1: %v %v, want 3s", time.Duration(at), ok)
	}
	if at, ok := c.NextOf(1<<1 | 1<<2); !ok || at != int64(2*time.Second) {
		t.Errorf("kinds 1, 2: %v %v, want 2s", time.Duration(at), ok)
	}
	if _, ok := c.NextOf(1 << 0); ok {
		t.Error("kind 0: a timer, want none")
	}
}
