//go:build linux

package linuxref

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

const (
	solPacket      = 263 // SOL_PACKET
	packetVnetHdr  = 15  // PACKET_VNET_HDR
	packetOutgoing = 4   // PACKET_OUTGOING
	ethPAll        = 0x0003
	vnetHdrLen     = 10 // struct virtio_net_hdr
	sysSetns       = 308
)

func htons(v uint16) uint16 { return v<<8 | v>>8 }

// hub is the wire in the wire namespace: for every link, it takes each
// frame a host sends (a packet socket on the host's port) and, after the
// link's delay, puts it out on the port of the host it is addressed to, or
// on every other port of the link for broadcast and multicast. It sends a
// frame with the mark of the port it came from, so nft rules on the ports'
// egress hooks know its sender. The virtio-net header (PACKET_VNET_HDR)
// carries checksum offload and GSO across unchanged.
type hub struct {
	stop    atomic.Bool
	readers sync.WaitGroup
	writers sync.WaitGroup
	ports   []*hubPort
	errMu   sync.Mutex
	err     error
}

type hubPort struct {
	Port
	index   int // mark = index+1
	ifindex int
	mac     [6]byte
	recv    int
	send    int
	delay   atomic.Int64 // the link's delay (ns), changed by a "set" action
	peers   []*hubPort
	queue   chan hubFrame
}

type hubFrame struct {
	due  time.Time
	data []byte // virtio-net header + Ethernet frame
	from *hubPort
}

// startHub opens the packet sockets inside namespace ns (on a locked OS
// thread that ends with its goroutine, so no Go thread stays in that
// namespace) and starts forwarding.
func startHub(ns string, ports []Port, ifindex map[string]int, delay map[int]time.Duration) (*hub, error) {
	h := &hub{}
	for i, p := range ports {
		hp := &hubPort{Port: p, index: i, ifindex: ifindex[p.Name], recv: -1, send: -1,
			queue: make(chan hubFrame, 4096)}
		hp.delay.Store(int64(delay[p.Link]))
		if _, err := fmt.Sscanf(p.MAC, "%x:%x:%x:%x:%x:%x", &hp.mac[0], &hp.mac[1], &hp.mac[2], &hp.mac[3], &hp.mac[4], &hp.mac[5]); err != nil {
			return nil, fmt.Errorf("port %s: MAC %q: %v", p.Name, p.MAC, err)
		}
		h.ports = append(h.ports, hp)
	}
	for _, a := range h.ports {
		for _, b := range h.ports {
			if a != b && a.Link == b.Link {
				a.peers = append(a.peers, b)
			}
		}
	}
	errc := make(chan error, 1)
	go func() {
		// The thread goes into the wire namespace and back. Should the
		// way back fail, it stays locked and ends with this goroutine.
		runtime.LockOSThread()
		self, err := os.Open("/proc/thread-self/ns/net")
		if err != nil {
			errc <- err
			return
		}
		defer self.Close()
		errc <- h.open(ns)
		if _, _, e := syscall.RawSyscall(sysSetns, self.Fd(), syscall.CLONE_NEWNET, 0); e == 0 {
			runtime.UnlockOSThread()
		}
	}()
	if err := <-errc; err != nil {
		h.close()
		return nil, err
	}
	for _, p := range h.ports {
		h.readers.Add(1)
		go h.read(p)
		h.writers.Add(1)
		go h.write(p)
	}
	return h, nil
}

func (h *hub) open(ns string) error {
	f, err := os.Open("/var/run/netns/" + ns)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, _, e := syscall.RawSyscall(sysSetns, f.Fd(), syscall.CLONE_NEWNET, 0); e != 0 {
		return fmt.Errorf("setns %s: %v", ns, e)
	}
	for _, p := range h.ports {
		var err error
		if p.recv, err = syscall.Socket(syscall.AF_PACKET, syscall.SOCK_RAW, int(htons(ethPAll))); err != nil {
			return fmt.Errorf("packet socket: %v", err)
		}
		if err := syscall.SetsockoptInt(p.recv, solPacket, packetVnetHdr, 1); err != nil {
			return fmt.Errorf("PACKET_VNET_HDR: %v", err)
		}
		tv := syscall.Timeval{Usec: 100_000}
		if err := syscall.SetsockoptTimeval(p.recv, syscall.SOL_SOCKET, syscall.SO_RCVTIMEO, &tv); err != nil {
			return err
		}
		if err := syscall.Bind(p.recv, &syscall.SockaddrLinklayer{Protocol: htons(ethPAll), Ifindex: p.ifindex}); err != nil {
			return fmt.Errorf("bind to %s: %v", p.Name, err)
		}
		if p.send, err = syscall.Socket(syscall.AF_PACKET, syscall.SOCK_RAW, 0); err != nil {
			return err
		}
		if err := syscall.SetsockoptInt(p.send, solPacket, packetVnetHdr, 1); err != nil {
			return err
		}
		if err := syscall.SetsockoptInt(p.send, syscall.SOL_SOCKET, syscall.SO_MARK, p.index+1); err != nil {
			return fmt.Errorf("SO_MARK: %v", err)
		}
	}
	return nil
}

func (h *hub) fail(err error) {
	h.errMu.Lock()
	if h.err == nil {
		h.err = err
	}
	h.errMu.Unlock()
}

func (h *hub) read(p *hubPort) {
	defer h.readers.Done()
	buf := make([]byte, vnetHdrLen+65536+64)
	for !h.stop.Load() {
		n, from, err := syscall.Recvfrom(p.recv, buf, 0)
		if err != nil {
			// ENETDOWN: the port went down (a host crashed, a link was
			// unplugged); the socket takes frames again once it is up.
			if errors.Is(err, syscall.EAGAIN) || errors.Is(err, syscall.EINTR) || errors.Is(err, syscall.ENETDOWN) {
				continue
			}
			h.fail(fmt.Errorf("port %s: recv: %v", p.Name, err))
			return
		}
		if ll, ok := from.(*syscall.SockaddrLinklayer); ok && ll.Pkttype == packetOutgoing {
			continue // what the hub itself put out on this port
		}
		if n < vnetHdrLen+14 {
			continue
		}
		data := append([]byte(nil), buf[:n]...)
		dst := data[vnetHdrLen : vnetHdrLen+6]
		due := time.Now().Add(time.Duration(p.delay.Load()))
		for _, q := range p.peers {
			if dst[0]&1 == 0 && [6]byte(dst) != q.mac {
				continue
			}
			select {
			case q.queue <- hubFrame{due: due, data: data, from: p}:
			default:
				h.fail(fmt.Errorf("port %s: queue full", q.Name))
			}
		}
	}
}

func (h *hub) write(q *hubPort) {
	defer h.writers.Done()
	for f := range q.queue {
		if d := time.Until(f.due); d > 0 {
			time.Sleep(d)
		}
		frame := f.data[vnetHdrLen:]
		et := uint16(frame[12])<<8 | uint16(frame[13])
		to := &syscall.SockaddrLinklayer{Ifindex: q.ifindex, Protocol: htons(et), Halen: 6}
		copy(to.Addr[:], frame[:6])
		err := syscall.Sendto(f.from.send, f.data, 0, to)
		if err != nil && !errors.Is(err, syscall.ENOBUFS) && !errors.Is(err, syscall.EPERM) && !errors.Is(err, syscall.ENETDOWN) {
			// ENOBUFS (NET_XMIT_DROP): an nft rule on the egress dropped it;
			// ENETDOWN: the port is down (a crashed host, a link unplugged),
			// so the frame is lost there.
			h.fail(fmt.Errorf("port %s: send: %v", q.Name, err))
		}
	}
}

// setDelay gives link's ports a new delay for the frames that come in from
// now on.
func (h *hub) setDelay(link int, d time.Duration) {
	for _, p := range h.ports {
		if p.Link == link {
			p.delay.Store(int64(d))
		}
	}
}

// close stops forwarding (frames still delayed are sent first) and closes
// the sockets; it returns the first error the hub met.
func (h *hub) close() error {
	h.stop.Store(true)
	h.readers.Wait()
	for _, p := range h.ports {
		close(p.queue)
	}
	h.writers.Wait()
	for _, p := range h.ports {
		if p.recv >= 0 {
			syscall.Close(p.recv)
		}
		if p.send >= 0 {
			syscall.Close(p.send)
		}
	}
	h.errMu.Lock()
	defer h.errMu.Unlock()
	return h.err
}
