package vclock

import (
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
