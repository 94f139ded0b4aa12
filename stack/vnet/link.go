package vnet

import (
	"fmt"
	"net/netip"
	"sync/atomic"
	"time"

	"gvisor.dev/gvisor/pkg/buffer"
	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/tcpip/header"
	"gvisor.dev/gvisor/pkg/tcpip/link/ethernet"
	"gvisor.dev/gvisor/pkg/tcpip/stack"

	"netplay/stack/trace"
)

// mtu is the Ethernet MTU of every link.
const mtu = 1500

// Link is an Ethernet segment joining NICs of two or more hosts: a frame
// sent by one NIC reaches the NIC it is addressed to (every other NIC for
// broadcast and multicast) after the link's delay, unless a fault rule or
// the link's loss drops it.
type Link struct {
	w     *World
	index int
	nics  []*NIC
	delay time.Duration
	loss  float64
	// unplugged: the cables are out (carrier.go); cuts counts the times
	// they were pulled, so a frame on the wire then is lost.
	unplugged bool
	cuts      int
}

// NIC is a host's network interface on a link.
type NIC struct {
	host  *Host
	link  *Link
	id    tcpip.NICID
	mac   tcpip.LinkAddress
	addrs []netip.Prefix
	ep    *nicEndpoint
}

// Host returns the NIC's host.
func (n *NIC) Host() *Host { return n.host }

// MAC returns the NIC's Ethernet address.
func (n *NIC) MAC() tcpip.LinkAddress { return n.mac }

// Addrs returns the NIC's addresses.
func (n *NIC) Addrs() []netip.Prefix { return append([]netip.Prefix(nil), n.addrs...) }

// AddLink joins hosts in one Ethernet segment with a one-way delay and a
// loss probability (0..1, drawn from the world's seed). Each host gets a
// new NIC on it.
func (w *World) AddLink(hosts []string, delay time.Duration, loss float64) (*Link, error) {
	if len(hosts) < 2 {
		return nil, fmt.Errorf("a link joins at least two hosts")
	}
	seen := map[string]bool{}
	for _, name := range hosts {
		if w.byName[name] == nil {
			return nil, fmt.Errorf("no host named %q", name)
		}
		if seen[name] {
			return nil, fmt.Errorf("host %q is on the link twice", name)
		}
		seen[name] = true
	}
	if delay < 0 || loss < 0 || loss > 1 {
		return nil, fmt.Errorf("a link needs delay ≥ 0 and loss in [0, 1]")
	}
	l := &Link{w: w, index: len(w.links), delay: delay, loss: loss}
	for _, name := range hosts {
		h := w.byName[name]
		n := &NIC{host: h, link: l, id: tcpip.NICID(len(h.nics) + 2)}
		// Locally administered, readable MACs: 02:00:00:00:<host>:<nic>.
		n.mac = tcpip.LinkAddress([]byte{0x02, 0, 0, 0, byte(h.index + 1), byte(len(h.nics) + 1)})
		if err := n.attach(); err != nil {
			return nil, err
		}
		h.nics = append(h.nics, n)
		l.nics = append(l.nics, n)
	}
	w.links = append(w.links, l)
	return l, nil
}

// attach creates the NIC on its host's current stack, behind a link
// endpoint of its own: a stack that is gone (the host crashed) keeps its
// old endpoint, which sends and receives nothing any more.
func (n *NIC) attach() error {
	n.ep = &nicEndpoint{nic: n}
	if err := n.host.stack.CreateNIC(n.id, ethernet.New(n.ep)); err != nil {
		return fmt.Errorf("host %s: NIC: %v", n.host.name, err)
	}
	return nil
}

// transmit puts a frame that nic sent on the link: it is traced, matched
// against the fault rules and the link's loss, and delivered later by the
// scheduler.
func (l *Link) transmit(from *NIC, frame []byte) {
	w := l.w
	if w.closing.Load() {
		return // the stacks are being torn down; nothing is on the wire any more
	}
	now := w.clock.Nanos()
	// The recorder keeps frame, and the delivery below reads the same
	// bytes: nobody changes a frame once it is on the wire.
	num, index := w.rec.FrameIndexed(now, from.host.name, l.index, frame)
	var ev trace.Event
	if len(w.rules) > 0 {
		ev, _ = w.rec.FrameEvent(num)
	}

	var to []*NIC
	var dst tcpip.LinkAddress
	if len(frame) >= header.EthernetMinimumSize {
		dst = header.Ethernet(frame).DestinationAddress()
	}
	broadcast := dst == header.EthernetBroadcastAddress || header.IsMulticastEthernetAddress(dst)
	for _, n := range l.nics {
		if n != from && (broadcast || n.mac == dst) {
			to = append(to, n)
		}
	}
	receiver := ""
	if !broadcast && len(to) == 1 {
		receiver = to[0].host.name
	}
	if l.unplugged {
		// No carrier: the NIC sends nothing. The frame stays in the
		// trace, dropped, so the reader sees what the host tried.
		w.rec.SetFrameFate(num, receiver, 0, true, fmt.Sprintf("%s: link %d is unplugged", trace.NoCarrier, l.index))
		return
	}

	delay := l.delay
	dropped, why := false, ""
	for _, r := range w.rules {
		if !r.matches(num, ev, from.host, to) {
			continue
		}
		if r.drop {
			dropped, why = true, r.name
			break
		}
		delay += r.by
		why = r.name
	}
	if !dropped && l.loss > 0 && w.loss.Float64() < l.loss {
		dropped, why = true, fmt.Sprintf("link %d loss %g", l.index, l.loss)
	}
	if dropped || len(to) == 0 {
		w.rec.SetFrameFate(num, receiver, 0, dropped, why)
		return
	}
	w.rec.SetFrameFate(num, receiver, now+int64(delay), false, why)
	data := frame
	cuts := l.cuts
	w.clock.AfterFunc(delay, func() {
		w.cause.set(Cause{Frame: num, Ev: index})
		w.timerHosts++
		got, lost := false, ""
		for _, n := range to {
			switch {
			case l.cuts != cuts:
				lost = fmt.Sprintf("lost: link %d was unplugged", l.index)
			case n.host.down:
				lost = fmt.Sprintf("lost: %s is powered off", n.host.name)
			default:
				n.host.touch()
				n.host.noteFrame(n.id, data)
				n.ep.deliver(data)
				got = true
			}
		}
		if !got && lost != "" {
			w.rec.SetFrameFate(num, receiver, 0, true, lost)
		}
	})
}

// nicEndpoint is the link-layer endpoint below gVisor's ethernet endpoint:
// it hands whole frames to the link and delivers received ones to the stack.
type nicEndpoint struct {
	nic        *NIC
	dispatcher stack.NetworkDispatcher
	// dead: the stack it belongs to is gone (its host crashed); what that
	// stack still sends goes nowhere.
	dead atomic.Bool
}

var _ stack.LinkEndpoint = (*nicEndpoint)(nil)

func (e *nicEndpoint) deliver(frame []byte) {
	if e.dispatcher == nil {
		return
	}
	pkt := stack.NewPacketBuffer(stack.PacketBufferOptions{Payload: buffer.MakeWithData(frame)})
	defer pkt.DecRef()
	e.dispatcher.DeliverNetworkPacket(0, pkt)
}

// WritePackets implements stack.LinkWriter.WritePackets: each packet already
// carries its Ethernet header (added by ethernet.Endpoint.AddHeader).
func (e *nicEndpoint) WritePackets(pkts stack.PacketBufferList) (int, tcpip.Error) {
	if e.dead.Load() {
		return pkts.Len(), nil
	}
	n := 0
	e.nic.host.touch()
	for _, pkt := range pkts.AsSlice() {
		// One copy of the packet's bytes: the trace and the delivery share it.
		frame := make([]byte, 0, pkt.Size())
		for _, b := range pkt.AsSlices() {
			frame = append(frame, b...)
		}
		e.nic.link.transmit(e.nic, frame)
		n++
	}
	return n, nil
}

// MTU implements stack.NetworkLinkEndpoint.MTU: the frame size, of which
// the ethernet endpoint above takes its header.
func (e *nicEndpoint) MTU() uint32 { return mtu + header.EthernetMinimumSize }

// SetMTU implements stack.NetworkLinkEndpoint.SetMTU; the MTU is fixed.
func (e *nicEndpoint) SetMTU(uint32) {}

// MaxHeaderLength implements stack.NetworkLinkEndpoint.MaxHeaderLength.
func (e *nicEndpoint) MaxHeaderLength() uint16 { return 0 }

// LinkAddress implements stack.NetworkLinkEndpoint.LinkAddress.
func (e *nicEndpoint) LinkAddress() tcpip.LinkAddress { return e.nic.mac }

// SetLinkAddress implements stack.NetworkLinkEndpoint.SetLinkAddress.
func (e *nicEndpoint) SetLinkAddress(a tcpip.LinkAddress) { e.nic.mac = a }

// Capabilities implements stack.NetworkLinkEndpoint.Capabilities. No
// checksum offload: gVisor computes and verifies real checksums, so captures
// are valid for tshark and Wireshark.
func (e *nicEndpoint) Capabilities() stack.LinkEndpointCapabilities { return 0 }

// Attach implements stack.NetworkLinkEndpoint.Attach.
func (e *nicEndpoint) Attach(d stack.NetworkDispatcher) { e.dispatcher = d }

// IsAttached implements stack.NetworkLinkEndpoint.IsAttached.
func (e *nicEndpoint) IsAttached() bool { return e.dispatcher != nil }

// Wait implements stack.NetworkLinkEndpoint.Wait; there are no goroutines.
func (e *nicEndpoint) Wait() {}

// ARPHardwareType implements stack.NetworkLinkEndpoint.ARPHardwareType.
func (e *nicEndpoint) ARPHardwareType() header.ARPHardwareType { return header.ARPHardwareEther }

// AddHeader implements stack.NetworkLinkEndpoint.AddHeader; the ethernet
// endpoint above adds the header.
func (e *nicEndpoint) AddHeader(*stack.PacketBuffer) {}

// ParseHeader implements stack.NetworkLinkEndpoint.ParseHeader.
func (e *nicEndpoint) ParseHeader(*stack.PacketBuffer) bool { return true }

// Close implements stack.NetworkLinkEndpoint.Close.
func (e *nicEndpoint) Close() {}

// SetOnCloseAction implements stack.NetworkLinkEndpoint.SetOnCloseAction.
func (e *nicEndpoint) SetOnCloseAction(func()) {}

// loopbackEndpoint is a host's loopback interface: gVisor's, counting the
// packets it carries as frames that reached the host (Host.Inbound,
// Host.SynIn), as a link's deliveries are counted.
type loopbackEndpoint struct {
	stack.LinkEndpoint
	h *Host
}

// WritePackets implements stack.LinkWriter.WritePackets.
func (e *loopbackEndpoint) WritePackets(pkts stack.PacketBufferList) (int, tcpip.Error) {
	h := e.h
	var head []byte
	for _, pkt := range pkts.AsSlice() {
		h.touch()
		head = head[:0]
		for _, b := range pkt.AsSlices() {
			head = append(head, b...)
			if len(head) >= maxIPHeader+header.TCPMinimumSize {
				break
			}
		}
		h.notePacket(loopbackNIC, head)
	}
	return e.LinkEndpoint.WritePackets(pkts)
}

// A connection as the host that received one of its TCP SYNs names it
// (local: the segment's destination), for the socket layer to find the
// connection a listener made of it without looking through every endpoint
// of the stack.
type ConnID struct {
	Net tcpip.NetworkProtocolNumber
	ID  stack.TransportEndpointID
}

// maxConns bounds the segments (and SYNs) a host keeps until the socket
// layer takes them (a host nobody observes, a flood): past it,
// TakeSegments and TakeSyns say some were dropped and the socket layer
// looks through every socket.
const maxConns = 4096

// maxIPHeader is the longest IP header before a TCP header the packets are
// parsed for: IPv4 with options (IPv6's is shorter).
const maxIPHeader = 60

// noteFrame records what an Ethernet frame that reached the host on NIC
// nic may change (notePacket); a frame that is not IP (ARP) may change
// anything.
func (h *Host) noteFrame(nic tcpip.NICID, f []byte) {
	if len(f) >= header.EthernetMinimumSize {
		switch header.Ethernet(f).Type() {
		case header.IPv4ProtocolNumber, header.IPv6ProtocolNumber:
			h.notePacket(nic, f[header.EthernetMinimumSize:])
			return
		}
	}
	h.inbound.Add(1)
	h.rescan.Add(1)
}

// notePacket records what an IP packet that reached the host on NIC nic
// may change, before the stack handles it: a TCP segment the endpoint
// netstack's demultiplexer gives it to (and a SYN without ACK is a SYN for
// a listener: a SYN,ACK answers a connect, which has its socket already);
// a UDP datagram changes no connection; anything else (an ICMP error, a
// fragment, an IPv6 extension header, neighbor discovery) may change any,
// so the socket layer reads every socket again (Rescans).
func (h *Host) notePacket(nic tcpip.NICID, ip []byte) {
	h.inbound.Add(1)
	var id ConnID
	var proto uint8
	var tcp []byte
	switch {
	case len(ip) >= header.IPv4MinimumSize && header.IPVersion(ip) == header.IPv4Version:
		v4 := header.IPv4(ip)
		if v4.More() || v4.FragmentOffset() != 0 {
			break // a fragment: its transport header may not be here
		}
		id.Net, id.ID.LocalAddress, id.ID.RemoteAddress = header.IPv4ProtocolNumber, v4.DestinationAddress(), v4.SourceAddress()
		proto = ip[9]
		if hl := int(v4.HeaderLength()); hl >= header.IPv4MinimumSize && hl <= len(ip) {
			tcp = ip[hl:]
		}
	case len(ip) >= header.IPv6MinimumSize && header.IPVersion(ip) == header.IPv6Version:
		v6 := header.IPv6(ip)
		id.Net, id.ID.LocalAddress, id.ID.RemoteAddress = header.IPv6ProtocolNumber, v6.DestinationAddress(), v6.SourceAddress()
		proto = ip[6]
		tcp = ip[header.IPv6MinimumSize:]
	}
	switch {
	case proto == uint8(header.UDPProtocolNumber):
		return
	case proto != uint8(header.TCPProtocolNumber) || len(tcp) < header.TCPMinimumSize:
		h.rescan.Add(1)
		return
	}
	seg := header.TCP(tcp)
	id.ID.LocalPort, id.ID.RemotePort = seg.DestinationPort(), seg.SourcePort()
	flags := seg.Flags()
	if flags&header.TCPFlagSyn != 0 {
		h.synIn.Add(1)
	}
	h.connMu.Lock()
	defer h.connMu.Unlock()
	if flags&header.TCPFlagSyn != 0 && flags&header.TCPFlagAck == 0 {
		if len(h.syns) < maxConns {
			h.syns = append(h.syns, id)
		} else {
			h.synsLost = true
		}
	}
	ep := h.stack.FindTransportEndpoint(id.Net, header.TCPProtocolNumber, id.ID, nic)
	if ep == nil {
		return // no endpoint: netstack answers with an RST
	}
	if len(h.segs) < maxConns {
		h.segs = append(h.segs, ep)
	} else {
		h.segsLost = true
	}
}

// TakeSyns returns the connections of the SYNs (without ACK) that reached
// the host since the last call, and whether some were not kept (then
// look through every endpoint).
func (h *Host) TakeSyns() (syns []ConnID, lost bool) {
	h.connMu.Lock()
	defer h.connMu.Unlock()
	syns, lost = h.syns, h.synsLost
	h.syns, h.synsLost = nil, false
	return syns, lost
}

// TakeSegments returns the endpoints the TCP segments that reached the
// host since the last call were given to (one per segment, in order), and
// whether some were not kept (then read every socket).
func (h *Host) TakeSegments() (segs []stack.TransportEndpoint, lost bool) {
	h.connMu.Lock()
	defer h.connMu.Unlock()
	segs, lost = h.segs, h.segsLost
	h.segs, h.segsLost = nil, false
	return segs, lost
}
