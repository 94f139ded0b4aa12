package engineapi

import (
	"reflect"
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
// wireEvent is trace.Event's fields with `json:",omitempty"`, made from
// the type itself so that a field added to it travels too (an unexported
// field would make reflect.StructOf panic as the package starts: every
// test of the package says so at once).
var wireEvent = func() reflect.Type {
	ev := reflect.TypeFor[trace.Event]()
	fields := make([]reflect.StructField, ev.NumField())
	for i := range fields {
		f := ev.Field(i)
		f.Tag = `json:",omitempty"`
		f.Offset, f.Index = 0, nil
		fields[i] = f
	}
	w := reflect.StructOf(fields)
	if w.Size() != ev.Size() {
		panic("engineapi: the wire event's layout differs from trace.Event's")
	}
	for i := range fields {
		if w.Field(i).Offset != ev.Field(i).Offset {
			panic("engineapi: the wire event's layout differs from trace.Event's")
		}
	}
	return w
}()

// wireEvents is *events seen as a []wireEvent (the same memory: the two
// types differ only in their tags), as a settable reflect.Value.
func wireEvents(events *[]trace.Event) reflect.Value {
	return reflect.NewAt(reflect.SliceOf(wireEvent), unsafe.Pointer(events)).Elem()
}
