package trace

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// A recorder over its budget keeps the head and the most recent events,
// and one cut event in between says what it left out.
func TestRecorderBudget(t *testing.T) {
	const budget = 1 << 20
	r := NewBudget(budget)
	const n = 20000
	for i := 0; i < n; i++ {
		r.Add(Event{T: int64(i), Host: "a", Kind: KindOutput, Stream: "stdout", Text: strings.Repeat("x", 100)})
	}
	evs := r.Events()
	if r.Len() != n {
		t.Fatalf("Len %d, want %d", r.Len(), n)
	}
	var cut *Event
	kept, size := 0, 0
	for i := range evs {
		if evs[i].Kind == KindCut {
			if cut != nil {
				t.Fatal("two cut events")
			}
			cut = &evs[i]
			continue
		}
		kept++
		size += eventBytes(&evs[i])
	}
	if cut == nil {
		t.Fatal("no cut event")
	}
	if size > budget+2*chunkSize*eventBytes(&evs[0]) {
		t.Errorf("kept %d bytes, budget %d", size, budget)
	}
	if kept+cut.CutEvents != n {
		t.Errorf("kept %d + cut %d != %d", kept, cut.CutEvents, n)
	}
	if evs[0].T != 0 || evs[len(evs)-1].T != n-1 {
		t.Errorf("head starts at %d, tail ends at %d", evs[0].T, evs[len(evs)-1].T)
	}
	// The cut lies between the head and the tail, in order of time.
	for i := 1; i < len(evs); i++ {
		if evs[i].T < evs[i-1].T {
			t.Fatalf("events out of order at %d", i)
		}
	}
	if cut.T == 0 || cut.Until < cut.T || !strings.Contains(cut.Reason, "budget of 1 MiB") {
		t.Errorf("cut %+v", *cut)
	}
	var text bytes.Buffer
	WriteText(&text, []Event{*cut}, TextOptions{})
	if !strings.HasPrefix(text.String(), FormatTime(cut.T)+" cut: the trace is over its budget") {
		t.Errorf("text %q", text.String())
	}
}

// The new kinds go through JSON and back.
func TestJSONInputLocalCut(t *testing.T) {
	in := []Event{
		{T: 1, Host: "c", Kind: KindInput, Text: "hi\n"},
		{T: 2, Host: "c", Kind: KindInput, EOF: true},
		{T: 3, Host: "c", Kind: KindLocal, Frame: 7, Sock: "unix-stream", Src: "fd 4", Dst: "fd 3", Path: "/tmp/s", Len: 6, Arrive: 5},
		{T: 4, Host: "c", Kind: KindLocal, Frame: 8, Sock: "pipe", Src: "fd 4", Dst: "fd 3", Len: 1, Arrive: -1},
		{T: 4, Host: "c", Kind: KindLocal, Frame: 9, Sock: "pipe", Src: "fd 4", Dst: "fd 3", Len: 1, Arrive: 0},
		{T: 5, Kind: KindCut, CutEvents: 10, CutBytes: 4480, Until: 9, Reason: "the trace is over its budget"},
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, in); err != nil {
		t.Fatal(err)
	}
	out, err := ReadJSON(&b)
	if err != nil {
		t.Fatal(err)
	}
	for i := range in {
		if !reflect.DeepEqual(in[i], out[i]) {
			t.Errorf("event %d: %+v came back as %+v", i, in[i], out[i])
		}
	}
}
