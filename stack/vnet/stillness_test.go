package vnet

import "testing"

// The TCP timers' marks are read from gVisor's unexported fields
// (armedTimer): a gVisor update that renames them must fail here, not
// quietly let time run through the housekeeping again.
func TestTCPTimerFields(t *testing.T) {
	if f := tcpFields(); !f.ok {
		t.Fatalf("gVisor's tcp.Endpoint no longer has the timer fields armedTimer reads: %+v", f)
	}
}
