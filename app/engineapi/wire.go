package engineapi

import (
	"unsafe"

	"netplay/stack/trace"
)

// The events of a result travel as JSON with every field of trace.Event
// that is set, the frame bytes included (the trace's own JSON, its
// JSON Lines contract, leaves those to pcap; the page needs them for the
// inspector and the pcap download), and no field that is not: written
// whole, an event is some 650 bytes of field names and zeros, and the
// page decodes the result on its only thread.
//
// wireEvent is trace.Event with `json:",omitempty"` on every field. It is
// declared, not made with reflect.StructOf as both the page and the engine
// start (a cold call of StructOf was a noticeable part of their package
// initialisation in the browser). The conversion below compiles only while
// the two types have the same fields, of the same types, in the same
// order: a field added to trace.Event and not here stops the build, so
// every field travels.
type wireEvent struct {
	T         int64         `json:",omitempty"`
	Host      string        `json:",omitempty"`
	Kind      trace.Kind    `json:",omitempty"`
	Pid       int           `json:",omitempty"`
	Tid       int           `json:",omitempty"`
	Frame     int           `json:",omitempty"`
	Link      int           `json:",omitempty"`
	Data      []byte        `json:",omitempty"`
	Dropped   bool          `json:",omitempty"`
	Fault     string        `json:",omitempty"`
	Arrive    int64         `json:",omitempty"`
	Receiver  string        `json:",omitempty"`
	Src       string        `json:",omitempty"`
	Dst       string        `json:",omitempty"`
	Flags     string        `json:",omitempty"`
	Seq       uint32        `json:",omitempty"`
	Ack       uint32        `json:",omitempty"`
	SeqAbs    uint32        `json:",omitempty"`
	AckAbs    uint32        `json:",omitempty"`
	Len       int           `json:",omitempty"`
	Win       int           `json:",omitempty"`
	Options   string        `json:",omitempty"`
	Type      int           `json:",omitempty"`
	Code      int           `json:",omitempty"`
	Summary   string        `json:",omitempty"`
	Call      string        `json:",omitempty"`
	FD        int           `json:",omitempty"`
	Args      string        `json:",omitempty"`
	Ret       int64         `json:",omitempty"`
	RetText   string        `json:",omitempty"`
	Errno     string        `json:",omitempty"`
	Line      int           `json:",omitempty"`
	File      string        `json:",omitempty"`
	Start     int64         `json:",omitempty"`
	Ready     []trace.Ready `json:",omitempty"`
	From      string        `json:",omitempty"`
	To        string        `json:",omitempty"`
	SynQ      int           `json:",omitempty"`
	AcceptQ   int           `json:",omitempty"`
	Backlog   int           `json:",omitempty"`
	Text      string        `json:",omitempty"`
	Stream    string        `json:",omitempty"`
	Status    int           `json:",omitempty"`
	Reason    string        `json:",omitempty"`
	Zombie    bool          `json:",omitempty"`
	EOF       bool          `json:",omitempty"`
	Sock      string        `json:",omitempty"`
	Path      string        `json:",omitempty"`
	Op        string        `json:",omitempty"`
	Child     int           `json:",omitempty"`
	Name      string        `json:",omitempty"`
	FDs       []int         `json:",omitempty"`
	Do        string        `json:",omitempty"`
	Delay     int64         `json:",omitempty"`
	Loss      float64       `json:",omitempty"`
	Signal    string        `json:",omitempty"`
	Sender    int           `json:",omitempty"`
	Action    string        `json:",omitempty"`
	CutEvents int           `json:",omitempty"`
	CutBytes  int64         `json:",omitempty"`
	Until     int64         `json:",omitempty"`
}

var _ = trace.Event(wireEvent{})

// wireEvents is *events seen as a *[]wireEvent: the same memory, for the
// two types differ only in their tags.
func wireEvents(events *[]trace.Event) *[]wireEvent {
	return (*[]wireEvent)(unsafe.Pointer(events))
}
