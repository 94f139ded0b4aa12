package sock_test

import (
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/tcpip/adapters/gonet"
	"gvisor.dev/gvisor/pkg/tcpip/link/pipe"
	"gvisor.dev/gvisor/pkg/tcpip/network/ipv4"
	"gvisor.dev/gvisor/pkg/tcpip/stack"
	"gvisor.dev/gvisor/pkg/tcpip/transport/tcp"
)

// TestBenchGvisorFloor is clients1000 on gVisor alone: two stacks joined by
// gVisor's pipe link (no Ethernet, no ARP), gonet connections on real
// goroutines, no virtual clock, no trace, no fd table. Whatever netplay
// adds, clients1000 cannot run faster than this, in either port; the
// ratio of its two figures is what Go's wasm port costs gVisor. Natively
// it runs on one P, as the wasm port does (a world runs one goroutine at a
// time in both).
// As with clients1000, the first figure is the first run in the process
// (make bench runs this test alone in its node process, so that it is a
// cold one), the warm one the best of the next two.
func TestBenchGvisorFloor(t *testing.T) {
	benchOnly(t)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	report("gvisor_clients1000_"+port()+"_ms", float64(gvisorClients(t, 20, 50).Microseconds())/1000, "ms")
	warm := min(gvisorClients(t, 20, 50), gvisorClients(t, 20, 50))
	report("gvisor_clients1000_"+port()+"_warm_ms", float64(warm.Microseconds())/1000, "ms")
}

// gvisorClients runs hosts×per echo connections of 1 KiB and returns the
// time they took.
func gvisorClients(t *testing.T, hosts, per int) time.Duration {
	a, b := pipe.New("", "", 1500)
	srv := floorStack(t, a, 1)
	cli := floorStack(t, b, 2)
	defer srv.Close()
	defer cli.Close()
	addr := tcpip.FullAddress{NIC: 1, Addr: tcpip.AddrFrom4([4]byte{10, 0, 0, 1}), Port: 80}
	l, err := gonet.ListenTCP(srv, addr, ipv4.ProtocolNumber)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				buf := make([]byte, 1024)
				if _, err := io.ReadFull(c, buf); err == nil {
					c.Write(buf)
				}
			}()
		}
	}()
	var done atomic.Int32
	var wg sync.WaitGroup
	t0 := time.Now()
	for h := 0; h < hosts; h++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			msg, buf := make([]byte, 1024), make([]byte, 1024)
			for i := 0; i < per; i++ {
				c, err := gonet.DialTCP(cli, addr, ipv4.ProtocolNumber)
				if err != nil {
					t.Errorf("dial: %v", err)
					return
				}
				c.Write(msg)
				if _, err := io.ReadFull(c, buf); err == nil {
					done.Add(1)
				}
				c.Close()
			}
		}()
	}
	wg.Wait()
	d := time.Since(t0)
	if n := int(done.Load()); n != hosts*per {
		t.Fatalf("%d of %d echoes came back", n, hosts*per)
	}
	return d
}

func floorStack(t *testing.T, ep stack.LinkEndpoint, host byte) *stack.Stack {
	s := stack.New(stack.Options{
		NetworkProtocols:   []stack.NetworkProtocolFactory{ipv4.NewProtocol},
		TransportProtocols: []stack.TransportProtocolFactory{tcp.NewProtocol},
	})
	if err := s.CreateNIC(1, ep); err != nil {
		t.Fatal(err)
	}
	a := tcpip.AddressWithPrefix{Address: tcpip.AddrFrom4([4]byte{10, 0, 0, host}), PrefixLen: 24}
	if err := s.AddProtocolAddress(1, tcpip.ProtocolAddress{Protocol: ipv4.ProtocolNumber, AddressWithPrefix: a}, stack.AddressProperties{}); err != nil {
		t.Fatal(err)
	}
	s.SetRouteTable([]tcpip.Route{{Destination: a.Subnet(), NIC: 1}})
	return s
}
