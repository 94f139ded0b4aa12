package runner

import (
	"time"

	"netplay/stack/kernel"
	"netplay/stack/scenario"
	"netplay/stack/vnet"
)

// Typed is input typed live at a host's terminal while a run goes on (the
// page's consoles): text, or with EOF the end of input.
type Typed struct {
	Host string
	Text string
	EOF  bool
}

// input delivers the scenario's scripted stdin and what is typed live to
// the hosts' terminals (vnet.Input). Live input is taken only where the
// world is idle, and each delivery is recorded with its virtual time, so
// that the recorded entries, appended to the scenario (Host.AddInput),
// replay the run exactly.
type input struct {
	hosts   []*hostInput
	byName  map[string]*hostInput
	live    <-chan Typed
	stop    <-chan struct{}
	typed   map[string][]scenario.Input // nil until something is typed live (a Result without live input is as before)
	pending int                         // hosts with live input not delivered yet
	waiting func()                      // Options.Waiting with the trace so far; nil: none
}

type hostInput struct {
	name   string
	host   *vnet.Host
	script []scenario.Input
	next   int
	live   *Typed // typed, not delivered yet
}

// term is the host's terminal now: a host that booted again has a new one.
func (hi *hostInput) term() *kernel.Terminal { return kernel.Of(hi.host).Terminal() }

func newInput(sc *scenario.Scenario, w *vnet.World, live <-chan Typed, stop <-chan struct{}) *input {
	in := &input{byName: map[string]*hostInput{}, live: live, stop: stop}
	for _, h := range sc.Hosts {
		if h.Program == "" && len(h.Stdin) == 0 {
			continue
		}
		hi := &hostInput{name: h.Name, host: w.Host(h.Name), script: h.Stdin}
		in.hosts = append(in.hosts, hi)
		in.byName[h.Name] = hi
	}
	return in
}

// take notes one value typed live; input for a host that runs no program
// is dropped.
func (in *input) take(t Typed) {
	hi := in.byName[t.Host]
	if hi == nil {
		return
	}
	if hi.live == nil {
		hi.live = &Typed{Host: t.Host}
		in.pending++
	}
	if !hi.live.EOF {
		hi.live.Text += t.Text
		hi.live.EOF = t.EOF
	}
}

// drain takes what was typed without waiting.
func (in *input) drain() {
	for in.live != nil {
		select {
		case t, ok := <-in.live:
			if !ok {
				in.live = nil
				return
			}
			in.take(t)
		default:
			return
		}
	}
}

// Deliver implements vnet.Input: per host, the next scripted entry that is
// due, else what was typed live.
func (in *input) Deliver(now int64) (delivered bool, next int64, ok bool) {
	in.drain()
	for _, hi := range in.hosts {
		switch {
		case hi.next < len(hi.script) && int64(hi.script[hi.next].At) <= now:
			e := hi.script[hi.next]
			hi.next++
			hi.term().Type(e.Text, e.EOF) // never while the host is crashed (Validate)
			delivered = true
		case hi.live != nil:
			t := hi.live
			hi.live = nil
			in.pending--
			if hi.host.Up() && !hi.term().Ended() { // a crashed host's console takes nothing
				hi.term().Type(t.Text, t.EOF)
				if in.typed == nil {
					in.typed = map[string][]scenario.Input{}
				}
				in.typed[hi.name] = append(in.typed[hi.name], scenario.Input{At: scenario.Duration(time.Duration(now)), Text: t.Text, EOF: t.EOF})
				delivered = true
			}
		}
		if hi.next < len(hi.script) {
			at := int64(hi.script[hi.next].At)
			if !ok || at < next {
				next, ok = at, true
			}
		}
	}
	if in.pending > 0 && (!ok || next > now) {
		next, ok = now, true // live input waits for the next turn
	}
	return delivered, next, ok
}

// Await implements vnet.Input: it waits for live input, or reports false
// when none can come (no live input, or it was closed) or the run is
// stopped.
func (in *input) Await(now int64) bool {
	if in.live != nil && in.waiting != nil {
		in.waiting()
	}
	for in.live != nil {
		select {
		case t, ok := <-in.live:
			if !ok {
				in.live = nil
				return false
			}
			in.take(t)
			if delivered, _, _ := in.Deliver(now); delivered {
				return true
			}
		case <-in.stop:
			return false
		}
	}
	return false
}
