//go:build linux

package linuxref

import (
	"os"
	"testing"
	"time"

	"netplay/stack/scenario"
)

// TestBroadcastOnLinux: a datagram to the link's broadcast address is
// refused with EACCES until SO_BROADCAST is set, then reaches both hosts
// bound to the port; 255.255.255.255 has no route on a link without a
// default route (ENETUNREACH), with the option or without. The sender
// starts once both are waiting.
func TestBroadcastOnLinux(t *testing.T) {
	needRoot(t)
	t.Parallel()
	read := func(name string) string {
		b, err := os.ReadFile("../c/testdata/net/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	sc := &scenario.Scenario{Version: 1, Seed: 1, Limit: scenario.Duration(10 * time.Second),
		Hosts: []scenario.Host{
			{Name: "sender", Addrs: []string{"10.0.0.1/24"}, File: "broadcast_send.c", Program: read("broadcast_send.c"),
				Start: scenario.Duration(100 * time.Millisecond)},
			{Name: "r1", Addrs: []string{"10.0.0.2/24"}, File: "broadcast_recv.c", Program: read("broadcast_recv.c")},
			{Name: "r2", Addrs: []string{"10.0.0.3/24"}, File: "broadcast_recv.c", Program: read("broadcast_recv.c")},
		},
		Links: []scenario.Link{{Hosts: []string{"sender", "r1", "r2"}, Delay: scenario.Duration(time.Millisecond)}},
	}
	sameModel(t, sc, 5*time.Second)
}
