package vnet

import (
	"reflect"
	"runtime"
	"strings"
	"sync"
	"time"

	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/tcpip/network/ipv4"
	"gvisor.dev/gvisor/pkg/tcpip/network/ipv6"
	"gvisor.dev/gvisor/pkg/tcpip/stack"
	"gvisor.dev/gvisor/pkg/tcpip/transport/tcp"

	"netplay/stack/vclock"
)

// When a run stands still for the learner (issue 12: "the run waits,
// virtual time stands still, while every program waits for a human").
//
// A run waits for input when a program is blocked on its terminal, no
// program can run, and nothing the learner could see is due before the
// time limit. What the learner can see is:
//   - vnet's own timers: a frame in flight on a link, a program's wake-up
//     (sleep, poll/select/epoll timeouts, SO_RCVTIMEO), a signal, an alarm
//     or interval timer, a program's start;
//   - scripted input and actions still to come;
//   - a TCP endpoint's timers that gVisor has armed: retransmission (of
//     data, SYN, SYN-ACK or FIN), zero-window and tail-loss probes, RACK's
//     reorder timer, TCP_CORK's, and keepalive (a probe on the wire, or
//     ETIMEDOUT for the program). A segment due to be resent keeps time
//     running, as it does on Linux while the learner types: a connection
//     retransmitting to a peer that never answers runs on until it gives
//     up or the run meets its limit;
//   - a neighbour entry's timers while the host resolves or probes an
//     address (INCOMPLETE, DELAY, PROBE: ARP and neighbour solicitations).
//
// The rest is the stacks' housekeeping, which changes nothing a learner
// sees before something else happens, and may wait: a REACHABLE neighbour
// entry going STALE (15-45 s after the last confirmation: Linux shows
// nothing either), TIME_WAIT's and FIN_WAIT2's ends (the socket goes
// without a frame), and the timers gVisor leaves queued after it
// disabled them ("orphaned": a retransmission timer whose data was
// acknowledged fires later for nothing). Housekeeping still fires in
// order whenever time moves for anything else, so a run's trace is the
// same whether its input was typed live or replayed: the decision depends
// only on the world's state at that instant.

// The kinds of the clock's timers (vclock.Kind).
const (
	// timerSeen: vnet's own timers, and a stack's timers not known
	// below (the learner is taken to see them).
	timerSeen vclock.Kind = iota
	// timerTCP: a TCP endpoint's timers. Whether one is armed or left
	// orphaned only the endpoint says (tcpDue).
	timerTCP
	// timerNeighbor: a neighbour cache entry's timers, seen while the
	// host resolves or probes (resolving).
	timerNeighbor
	// timerHousekeeping: TIME_WAIT's and FIN_WAIT2's ends.
	timerHousekeeping
)

// stackClock is a host's clock as its gVisor stack sees it (hostClock),
// telling the stack's timers apart by what they do.
type stackClock struct{ hostClock }

// AfterFunc implements tcpip.Clock.AfterFunc.
func (c stackClock) AfterFunc(d time.Duration, f func()) tcpip.Timer {
	return c.after(d, stackTimerKind(f), f)
}

// kindByPC caches stackTimerKind by the code of the timer's function.
var kindByPC sync.Map // uintptr → vclock.Kind

const (
	tcpPackage   = "gvisor.dev/gvisor/pkg/tcpip/transport/tcp."
	stackPackage = "gvisor.dev/gvisor/pkg/tcpip/stack."
)

// stackTimerKind tells what a timer of a gVisor stack is for by the
// function it runs: gVisor's timers are set in a few places, each with a
// function of its own (should a gVisor update rename them, time runs
// through the housekeeping again and stack/kernel's TestWaitStandsStill
// and TestWaitInTimeWait fail).
func stackTimerKind(f func()) vclock.Kind {
	pc := reflect.ValueOf(f).Pointer()
	if k, ok := kindByPC.Load(pc); ok {
		return k.(vclock.Kind)
	}
	name := runtime.FuncForPC(pc).Name()
	k := timerSeen
	switch {
	case strings.HasPrefix(name, tcpPackage+"(*Endpoint).timeWaitTimerExpired"),
		strings.HasPrefix(name, tcpPackage+"(*Endpoint).finWait2TimerExpired"):
		k = timerHousekeeping
	case strings.HasPrefix(name, tcpPackage) && strings.Contains(name, "timerHandler."):
		k = timerTCP
	case strings.HasPrefix(name, stackPackage+"(*neighborEntry)."):
		k = timerNeighbor
	}
	kindByPC.Store(pc, k)
	return k
}

// seenBy reports whether a timer the learner would see (see above) fires
// by limit. It asks the cheap questions first: while frames fly it never
// looks at the endpoints.
func (w *World) seenBy(limit int64) bool {
	due := func(kind vclock.Kind) bool {
		at, ok := w.clock.NextOf(1 << kind)
		return ok && at <= limit
	}
	if due(timerSeen) {
		return true
	}
	if due(timerNeighbor) {
		for _, h := range w.hosts {
			if h.resolving() {
				return true
			}
		}
	}
	// An armed TCP timer has its clock timer queued at or before its
	// expiry: with none by limit, no endpoint need be read.
	if due(timerTCP) {
		for _, h := range w.hosts {
			if at, ok := h.tcpDue(); ok && at <= limit {
				return true
			}
		}
	}
	return false
}

// resolving reports whether the host resolves or probes a neighbour's
// address: its neighbour timers send ARP requests or solicitations.
func (h *Host) resolving() bool {
	if h.down {
		return false
	}
	for _, n := range h.nics {
		for _, proto := range []tcpip.NetworkProtocolNumber{ipv4.ProtocolNumber, ipv6.ProtocolNumber} {
			entries, err := h.stack.Neighbors(n.id, proto)
			if err != nil {
				continue
			}
			for _, e := range entries {
				switch e.State {
				case stack.Incomplete, stack.Delay, stack.Probe:
					return true
				}
			}
		}
	}
	return false
}

// tcpDue returns the earliest expiry of a timer one of the host's TCP
// endpoints has armed; a handshake under way is due now.
func (h *Host) tcpDue() (at int64, due bool) {
	if h.down {
		return 0, false
	}
	now := h.w.clock.Nanos()
	for _, te := range h.stack.RegisteredEndpoints() {
		ep, ok := te.(*tcp.Endpoint)
		if !ok {
			continue
		}
		switch ep.EndpointState() {
		case tcp.StateConnecting, tcp.StateSynSent, tcp.StateSynRecv:
			return now, true // SYN or SYN-ACK to resend
		}
		if t, armed := armedTimer(ep); armed && (!due || t < at) {
			at, due = max(t, now), true
		}
	}
	return at, due
}

// armedTimer returns the earliest expiry of ep's armed timers
// (retransmission, probes, RACK, cork, keepalive). gVisor disables such
// a timer by marking it and leaves its clock timer queued; the marks are
// not exported, so they are read by name (tcpTimerFields). Should a
// gVisor update rename them, every endpoint counts as due now: time runs
// through the housekeeping as it did before (TestTCPTimerFields fails).
func armedTimer(ep *tcp.Endpoint) (at int64, armed bool) {
	f := tcpFields()
	if !f.ok {
		return 0, true
	}
	v := reflect.ValueOf(ep).Elem()
	check := func(timer reflect.Value) {
		if timer.FieldByIndex(f.state).Int() != f.enabled {
			return
		}
		if t := timer.FieldByIndex(f.target).Int(); !armed || t < at {
			at, armed = t, true
		}
	}
	if snd := v.FieldByIndex(f.snd); !snd.IsNil() {
		for _, idx := range f.sndTimers {
			check(snd.Elem().FieldByIndex(idx))
		}
	}
	check(v.FieldByIndex(f.keepalive))
	return at, armed
}

// tcpTimerFields are the paths, in gVisor's tcp.Endpoint, to the timers
// armedTimer reads, and in its tcp.timer to the state and expiry.
type tcpTimerFields struct {
	ok        bool
	snd       []int   // Endpoint.snd (*sender)
	sndTimers [][]int // sender.resendTimer, reorderTimer, probeTimer, corkTimer
	keepalive []int   // Endpoint.keepalive.timer
	state     []int   // timer.state
	target    []int   // timer.target's nanoseconds (tcpip.MonotonicTime)
	enabled   int64   // timerStateEnabled
}

var tcpFields = sync.OnceValue(func() tcpTimerFields {
	var f tcpTimerFields
	path := func(t reflect.Type, names ...string) ([]int, reflect.Type, bool) {
		var idx []int
		for _, n := range names {
			if t.Kind() == reflect.Pointer {
				t = t.Elem()
			}
			if t.Kind() != reflect.Struct {
				return nil, nil, false
			}
			sf, ok := t.FieldByName(n)
			if !ok {
				return nil, nil, false
			}
			idx, t = append(idx, sf.Index...), sf.Type
		}
		return idx, t, true
	}
	ep := reflect.TypeOf((*tcp.Endpoint)(nil)).Elem()
	var sndType, timerType reflect.Type
	var ok bool
	if f.snd, sndType, ok = path(ep, "snd"); !ok || sndType.Kind() != reflect.Pointer {
		return f
	}
	for _, n := range []string{"resendTimer", "reorderTimer", "probeTimer", "corkTimer"} {
		idx, t, ok := path(sndType, n)
		if !ok {
			return f
		}
		f.sndTimers, timerType = append(f.sndTimers, idx), t
	}
	if f.keepalive, _, ok = path(ep, "keepalive", "timer"); !ok {
		return f
	}
	var st, tt reflect.Type
	if f.state, st, ok = path(timerType, "state"); !ok || st.Kind() != reflect.Int {
		return f
	}
	if f.target, tt, ok = path(timerType, "target", "nanoseconds"); !ok || tt.Kind() != reflect.Int64 {
		return f
	}
	// tcp's timerState: uninitialized, disabled, enabled, orphaned.
	f.enabled = 2
	f.ok = true
	return f
})
