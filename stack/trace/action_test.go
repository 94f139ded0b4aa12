package trace

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// TestActionEvents: an action event's JSON has exactly its fields, reads
// back as it was written, and prints as the text trace says.
func TestActionEvents(t *testing.T) {
	for _, tc := range []struct {
		e          Event
		json, text string
	}{
		{Event{T: 2e9, Host: "server", Kind: KindAction, Do: "signal", Signal: "SIGINT"},
			`{"t_ns":2000000000,"host":"server","kind":"action","do":"signal","sig":"SIGINT"}`,
			"2.000000 server action: signal SIGINT"},
		{Event{T: 3e9, Host: "server", Kind: KindAction, Do: "signal", Signal: "SIGTERM", Reason: "no program is running"},
			`{"t_ns":3000000000,"host":"server","kind":"action","do":"signal","sig":"SIGTERM","reason":"no program is running"}`,
			"3.000000 server action: signal SIGTERM: no program is running"},
		{Event{T: 4e9, Host: "server", Kind: KindAction, Do: "crash"},
			`{"t_ns":4000000000,"host":"server","kind":"action","do":"crash"}`,
			"4.000000 server action: crash (power off)"},
		{Event{T: 5e9, Kind: KindAction, Do: "unplug", Link: 1},
			`{"t_ns":5000000000,"host":"","kind":"action","do":"unplug","link":1}`,
			"5.000000 link 1 action: unplug (no carrier)"},
		{Event{T: 6e9, Kind: KindAction, Do: "plug"},
			`{"t_ns":6000000000,"host":"","kind":"action","do":"plug","link":0}`,
			"6.000000 link 0 action: plug"},
		{Event{T: 8e9, Kind: KindAction, Do: "set", Delay: 50e6, Loss: 0.1},
			`{"t_ns":8000000000,"host":"","kind":"action","do":"set","link":0,"delay_ns":50000000,"loss":0.1}`,
			"8.000000 link 0 action: set delay 50ms, loss 0.1"},
	} {
		b, err := tc.e.MarshalJSON()
		if err != nil || string(b) != tc.json {
			t.Errorf("JSON %s (%v), want %s", b, err, tc.json)
		}
		var back Event
		if err := back.UnmarshalJSON(b); err != nil || !reflect.DeepEqual(back, tc.e) {
			t.Errorf("read back %+v (%v), want %+v", back, err, tc.e)
		}
		var text bytes.Buffer
		WriteText(&text, []Event{tc.e}, TextOptions{})
		if got := strings.TrimSuffix(text.String(), "\n"); got != tc.text {
			t.Errorf("text %q, want %q", got, tc.text)
		}
	}
}
