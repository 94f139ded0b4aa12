package vnet

import (
	"fmt"
	"time"

	"gvisor.dev/gvisor/pkg/tcpip/network/ipv4"
	"gvisor.dev/gvisor/pkg/tcpip/network/ipv6"
)

// Actions done to a running world from outside (a scenario's actions, the
// page's controls): a host's power, a program killed, a link's cables and
// settings. The World's Actor decides when (see Actor); these do it, on
// the scheduler's goroutine, between steps.

// Up reports whether the host is powered on (it has not crashed, or has
// booted again since).
func (h *Host) Up() bool { return !h.down }

// Boots returns how many times the host has booted again after a crash.
func (h *Host) Boots() int { return h.boots }

// Running returns the processes on the host that have not exited, in the
// order they were started.
func (h *Host) Running() []*Process {
	var ps []*Process
	for _, p := range h.w.procs {
		if p.host == h && !p.done {
			ps = append(ps, p)
		}
	}
	return ps
}

// Program returns the processes of the process group of the program the
// host was started with (the program and what it forked, as a terminal's
// job) that have not exited, in the order they were started.
func (h *Host) Program() []*Process {
	var ps []*Process
	for _, p := range h.Running() {
		if h.proc != nil && p.pgid == h.proc.pgid {
			ps = append(ps, p)
		}
	}
	return ps
}

// Crash powers the host off at once, as pulling its plug does: its NICs
// go silent (it sends nothing more, frames that reach it are lost), every
// program on it ends as SIGKILL ends one (status 137, with reason), and
// its stack and everything the layers above kept for it (Value: the
// kernel's files and terminal, the sockets) are gone without a FIN or an
// RST. Its peers find out by their own timers, or from an RST once it has
// booted again.
func (h *Host) Crash(reason string) {
	if h.down {
		return
	}
	h.down = true
	for _, n := range h.nics {
		n.ep.dead.Store(true)
	}
	for _, p := range h.Running() {
		p.kill(reason)
	}
	h.values, h.observers = nil, nil
	h.stack.Close()
	h.stack.Wait()
	h.touch()
}

// Boot powers a crashed host on again: a fresh stack with the host's NICs,
// addresses, routes and settings, and nothing of its former life (the
// layers above start afresh on first use). Starting its programs is the
// caller's business.
func (h *Host) Boot() error {
	if !h.down {
		return fmt.Errorf("host %s is running; only a crashed host boots", h.name)
	}
	h.boots++
	h.lastPid = 0 // a fresh kernel numbers its processes afresh
	if err := h.newStack(); err != nil {
		return err
	}
	h.down = false
	h.touch()
	return nil
}

// Kill ends the process at once as SIGKILL does (status 137), with
// reason; a process that has exited is left alone.
func (p *Process) Kill(reason string) {
	if !p.done {
		p.kill(reason)
	}
}

// Link returns the link with index i (in the order added), or nil.
func (w *World) Link(i int) *Link {
	if i < 0 || i >= len(w.links) {
		return nil
	}
	return w.links[i]
}

// Index returns the link's index, the scenario's.
func (l *Link) Index() int { return l.index }

// Delay returns the link's one-way delay.
func (l *Link) Delay() time.Duration { return l.delay }

// Loss returns the probability that the link loses a frame.
func (l *Link) Loss() float64 { return l.loss }

// Plugged reports whether the link's cables are in.
func (l *Link) Plugged() bool { return !l.unplugged }

// Unplug pulls the link's cables: every NIC on it loses its carrier.
// What its hosts send is not sent (the trace keeps it, dropped, with a
// fault that starts with trace.NoCarrier), frames on the wire are lost,
// and each host forgets the neighbours (ARP, NDP) it learnt on that NIC,
// as Linux does when a NIC loses its carrier. Addresses and routes stay:
// a host sees silence, not an error.
func (l *Link) Unplug() {
	if l.unplugged {
		return
	}
	l.unplugged = true
	l.cuts++
	for _, n := range l.nics {
		if n.host.down {
			continue
		}
		n.host.stack.ClearNeighbors(n.id, ipv4.ProtocolNumber)
		n.host.stack.ClearNeighbors(n.id, ipv6.ProtocolNumber)
		n.host.touch()
	}
}

// Plug puts the link's cables back.
func (l *Link) Plug() { l.unplugged = false }

// Set changes the link's one-way delay and loss probability from now on;
// frames on the wire keep theirs.
func (l *Link) Set(delay time.Duration, loss float64) error {
	if delay < 0 || loss < 0 || loss > 1 {
		return fmt.Errorf("link %d: a link needs delay ≥ 0 and loss in [0, 1]", l.index)
	}
	l.delay, l.loss = delay, loss
	return nil
}
