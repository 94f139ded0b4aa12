package runner

import (
	"fmt"
	"slices"
	"time"

	"netplay/stack/linux/signal"
	"netplay/stack/scenario"
	"netplay/stack/trace"
	"netplay/stack/vnet"
)

// actor does the scenario's actions at their virtual times, and what is
// done live (Options.Actions) where the world is next idle (vnet.Actor).
// Each action is an event in the trace, recorded before what it causes.
// Live actions are recorded with the virtual time they were done, so that,
// added to the scenario (Scenario.AddAction), they replay the run.
type actor struct {
	w      *vnet.World
	sc     *scenario.Scenario
	progs  map[string]vnet.Program
	script []scenario.Action
	next   int
	live   <-chan scenario.Action
	queued []scenario.Action // done live, not done yet
	done   []scenario.Action // done live, with their times (Result.Actions)
}

// Act implements vnet.Actor: the next scripted action that is due, else
// the next one done live.
func (ac *actor) Act(now int64) (acted bool, next int64, ok bool) {
	for ac.live != nil {
		select {
		case a, open := <-ac.live:
			if !open {
				ac.live = nil
				continue
			}
			ac.queued = append(ac.queued, a)
			continue
		default:
		}
		break
	}
	switch {
	case ac.next < len(ac.script) && int64(ac.script[ac.next].At) <= now:
		ac.do(ac.script[ac.next], now)
		ac.next++
		acted = true
	case len(ac.queued) > 0:
		a := ac.queued[0]
		ac.queued = ac.queued[1:]
		a.At = scenario.Duration(time.Duration(now))
		if ac.possible(a) == nil {
			ac.do(a, now)
			ac.done = append(ac.done, a)
			acted = true
		}
	}
	if ac.next < len(ac.script) {
		next, ok = int64(ac.script[ac.next].At), true
	}
	if len(ac.queued) > 0 && (!ok || next > now) {
		next, ok = now, true // a live action waits for the next turn
	}
	return acted, next, ok
}

// possible says why a live action cannot be done now (the scenario's own
// actions were checked by Validate).
func (ac *actor) possible(a scenario.Action) error {
	if a.OnHost() {
		h := ac.w.Host(a.Host)
		switch {
		case h == nil:
			return fmt.Errorf("no host named %q", a.Host)
		case a.Do == scenario.DoBoot && h.Up():
			return fmt.Errorf("%s is running", a.Host)
		case a.Do != scenario.DoBoot && !h.Up():
			return fmt.Errorf("%s is crashed", a.Host)
		case (a.Do == scenario.DoSignal || a.Do == scenario.DoRestart) && ac.progs[a.Host] == nil:
			return fmt.Errorf("%s has no program", a.Host)
		case a.Do == scenario.DoSignal && !slices.Contains(scenario.ActionSignals, a.Signal):
			return fmt.Errorf("%s is not a signal an action sends", a.Signal)
		}
		return nil
	}
	if a.Link == nil || ac.w.Link(*a.Link) == nil {
		return fmt.Errorf("no such link")
	}
	l := ac.w.Link(*a.Link)
	switch {
	case a.Do == scenario.DoUnplug && !l.Plugged(), a.Do == scenario.DoPlug && l.Plugged():
		return fmt.Errorf("link %d is already %sged", *a.Link, a.Do)
	case a.Do == scenario.DoSet && (a.Delay == nil && a.Loss == nil || a.Delay != nil && *a.Delay < 0 || a.Loss != nil && (*a.Loss < 0 || *a.Loss > 1)):
		return fmt.Errorf("a set action needs a delay ≥ 0 or a loss in [0, 1]")
	}
	return nil
}

// do does one action at now: its event first, then what it causes.
func (ac *actor) do(a scenario.Action, now int64) {
	w := ac.w
	ev := trace.Event{T: now, Host: a.Host, Kind: trace.KindAction, Do: a.Do, Signal: a.Signal}
	if !a.OnHost() {
		l := w.Link(*a.Link)
		ev.Link = l.Index()
		if a.Do == scenario.DoSet {
			delay, loss := l.Delay(), l.Loss()
			if a.Delay != nil {
				delay = a.Delay.D()
			}
			if a.Loss != nil {
				loss = *a.Loss
			}
			l.Set(delay, loss) // checked by Validate or possible
			ev.Delay, ev.Loss = int64(delay), loss
			w.Trace().Add(ev)
			return
		}
		w.Trace().Add(ev)
		if a.Do == scenario.DoUnplug {
			l.Unplug()
		} else {
			l.Plug()
		}
		return
	}
	h := w.Host(a.Host)
	job := h.Program()
	if a.Do == scenario.DoSignal && len(job) == 0 {
		ev.Reason = "no program is running"
	}
	w.Trace().Add(ev)
	switch a.Do {
	case scenario.DoSignal:
		sig, _ := signal.ByName(a.Signal) // one of scenario.ActionSignals
		for _, p := range job {
			p.Signal(int(sig), "sent by an action")
		}
	case scenario.DoRestart:
		for _, p := range job {
			p.Kill("SIGKILL (restart)")
		}
		ac.start(a.Host)
	case scenario.DoCrash:
		h.Crash("the host crashed (power off)")
	case scenario.DoBoot:
		if err := h.Boot(); err != nil {
			panic(err) // checked by Validate or possible
		}
		for i := range ac.sc.Hosts {
			if sh := &ac.sc.Hosts[i]; sh.Name == a.Host && ac.progs[a.Host] != nil {
				if err := seedFiles(h, ac.sc, sh); err != nil {
					panic(fmt.Sprintf("host %s: %v", a.Host, err)) // the same files took at the start
				}
				ac.start(a.Host)
			}
		}
	}
}

// start starts the host's program again now, with its arguments.
func (ac *actor) start(host string) {
	for _, h := range ac.sc.Hosts {
		if h.Name == host {
			if _, err := ac.w.Start(host, ac.progs[host], 0, h.Args); err != nil {
				panic(err) // the host is up and its last program has exited
			}
			return
		}
	}
}
