package scenario

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Action is something done to a running scenario at a virtual time, as a
// learner does it to a real network (README, "Extensions to the
// contracts"): to a host's program, to a host, or to a link. Do says what:
//
//   - "signal": send Signal to the host's program (its process and those
//     it forked), as kill(1) or, for SIGINT, Ctrl-C at its terminal does;
//   - "restart": start the host's program again, a new process with the
//     same program and arguments, on the host as it is (its ports, its
//     connections in TIME_WAIT); a program still running is killed first
//     (SIGKILL);
//   - "crash": power the host off: its programs die, its stack is gone
//     without sending anything, its NICs are silent;
//   - "boot": power a crashed host on again: a fresh stack on the same
//     addresses, and the host's program started again at once, as a
//     service starts at boot;
//   - "unplug", "plug": pull the link's cables and put them back: while
//     unplugged every NIC on the link has no carrier and nothing crosses;
//   - "set": change the link's one-way Delay and/or Loss from now on.
type Action struct {
	At     Duration  `json:"at"`
	Do     string    `json:"do"`
	Host   string    `json:"host,omitempty"`   // signal, restart, crash, boot
	Link   *int      `json:"link,omitempty"`   // unplug, plug, set: an index into links
	Signal string    `json:"signal,omitempty"` // signal: "SIGINT", "SIGTERM", "SIGKILL"…
	Delay  *Duration `json:"delay,omitempty"`  // set: the link's new delay
	Loss   *float64  `json:"loss,omitempty"`   // set: the link's new loss probability
}

// What actions do (Action.Do).
const (
	DoSignal  = "signal"
	DoRestart = "restart"
	DoCrash   = "crash"
	DoBoot    = "boot"
	DoUnplug  = "unplug"
	DoPlug    = "plug"
	DoSet     = "set"
)

// ActionKinds lists every Action.Do, host actions first.
var ActionKinds = []string{DoSignal, DoRestart, DoCrash, DoBoot, DoUnplug, DoPlug, DoSet}

// ActionSignals are the signals an action may send: those whose default
// action ends a program (stopping and continuing one is not modelled).
var ActionSignals = []string{"SIGINT", "SIGTERM", "SIGKILL", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2"}

// OnHost reports whether the action is done to a host (else to a link).
func (a *Action) OnHost() bool {
	switch a.Do {
	case DoSignal, DoRestart, DoCrash, DoBoot:
		return true
	}
	return false
}

// Target names what the action is done to: the host, or "link N".
func (a *Action) Target() string {
	if a.Link != nil {
		return fmt.Sprintf("link %d", *a.Link)
	}
	return a.Host
}

// AddAction adds a to the scenario's actions after every action at the
// same time or before: an action done while a run went on (the page's
// controls), recorded so that the run replays.
func (s *Scenario) AddAction(a Action) {
	i := len(s.Actions)
	for i > 0 && s.Actions[i-1].At > a.At {
		i--
	}
	s.Actions = slices.Insert(s.Actions, i, a)
}

// Crashed reports whether the scenario's actions have host crashed at
// virtual time t: after a crash at or before t and before the boot that
// follows it.
func (s *Scenario) Crashed(host string, t time.Duration) bool {
	down := false
	for _, a := range s.Actions {
		if a.At.D() > t {
			break
		}
		if a.Host == host && (a.Do == DoCrash || a.Do == DoBoot) {
			down = a.Do == DoCrash
		}
	}
	return down
}

// checkActions checks the actions: each names what it is done to and
// carries only its own fields, they come in order of time within the
// limit, and each makes sense where it stands (a host is crashed before
// it boots and is not crashed when its program gets a signal, a link is
// plugged before it is unplugged, a program has started before anything
// is done to it); input is not typed at a crashed host.
func (s *Scenario) checkActions(index map[string]int, limit time.Duration) error {
	crashed := map[string]int{} // host -> the action that crashed it
	unplugged := map[int]int{}  // link -> the action that unplugged it
	for i, a := range s.Actions {
		p := fmt.Sprintf("actions[%d]", i)
		switch {
		case a.At < 0:
			return fieldErr(p+".at", "negative time %s", a.At.D())
		case a.At.D() > limit:
			return fieldErr(p+".at", "at %s, after the scenario's limit %s", a.At.D(), limit)
		case i > 0 && a.At < s.Actions[i-1].At:
			return fieldErr(p+".at", "at %s, before the action above it (%s): actions go in order of time", a.At.D(), s.Actions[i-1].At.D())
		}
		if !slices.Contains(ActionKinds, a.Do) {
			if a.Do == "" {
				return fieldErr(p+".do", "say what the action does: one of %s", strings.Join(ActionKinds, ", "))
			}
			return fieldErr(p+".do", "%q: want one of %s", a.Do, strings.Join(ActionKinds, ", "))
		}
		if a.Signal != "" && a.Do != DoSignal {
			return fieldErr(p+".signal", "only a \"signal\" action sends a signal")
		}
		if a.Do != DoSet {
			if a.Delay != nil {
				return fieldErr(p+".delay", "only a \"set\" action changes a link's delay")
			}
			if a.Loss != nil {
				return fieldErr(p+".loss", "only a \"set\" action changes a link's loss")
			}
		}
		if a.OnHost() {
			if err := s.checkHostAction(p, a, index, crashed, i); err != nil {
				return err
			}
			continue
		}
		if err := s.checkLinkAction(p, a, limit, unplugged, i); err != nil {
			return err
		}
	}
	for i, h := range s.Hosts {
		for k, in := range h.Stdin {
			if s.Crashed(h.Name, in.At.D()) {
				return fieldErr(fmt.Sprintf("hosts[%d].stdin[%d].at", i, k), "typed at %s, while %s is crashed (power off): nothing reads its terminal", in.At.D(), h.Name)
			}
		}
	}
	return nil
}

func (s *Scenario) checkHostAction(p string, a Action, index map[string]int, crashed map[string]int, i int) error {
	if a.Link != nil {
		return fieldErr(p+".link", "%s is done to a host; it takes \"host\", not \"link\"", anAction(a.Do))
	}
	hi, ok := index[a.Host]
	if !ok {
		if a.Host == "" {
			return fieldErr(p+".host", "%s needs the host it is done to", anAction(a.Do))
		}
		return fieldErr(p+".host", "no host named %q%s", a.Host, didYouMean(a.Host, index))
	}
	h := &s.Hosts[hi]
	if a.Do == DoSignal {
		switch {
		case a.Signal == "":
			return fieldErr(p+".signal", "which signal? one of %s", strings.Join(ActionSignals, ", "))
		case !slices.Contains(ActionSignals, a.Signal):
			return fieldErr(p+".signal", "%q: want one of %s", a.Signal, strings.Join(ActionSignals, ", "))
		}
	}
	if (a.Do == DoSignal || a.Do == DoRestart) && strings.TrimSpace(h.Program) == "" {
		return fieldErr(p+".host", "%s has no program to %s", a.Host, map[string]string{DoSignal: "signal", DoRestart: "restart"}[a.Do])
	}
	if h.Program != "" && a.At < h.Start && a.Do != DoBoot {
		return fieldErr(p+".at", "at %s, before %s's program starts (%s)", a.At.D(), a.Host, h.Start.D())
	}
	c, down := crashed[a.Host]
	switch {
	case a.Do == DoBoot && !down:
		return fieldErr(p, "%s is running at %s: only a crashed host boots (crash it first)", a.Host, a.At.D())
	case a.Do == DoBoot:
		delete(crashed, a.Host)
	case down:
		return fieldErr(p, "%s is crashed at %s (actions[%d]); boot it first", a.Host, a.At.D(), c)
	case a.Do == DoCrash:
		crashed[a.Host] = i
	}
	return nil
}

func (s *Scenario) checkLinkAction(p string, a Action, limit time.Duration, unplugged map[int]int, i int) error {
	if a.Host != "" {
		return fieldErr(p+".host", "%s is done to a link; it takes \"link\", not \"host\"", anAction(a.Do))
	}
	if a.Link == nil {
		return fieldErr(p+".link", "%s needs the link it is done to (its index in \"links\", from 0)", anAction(a.Do))
	}
	l := *a.Link
	if l < 0 || l >= len(s.Links) {
		return fieldErr(p+".link", "%d: the scenario has %d link(s), links[0] to links[%d]", l, len(s.Links), len(s.Links)-1)
	}
	u, out := unplugged[l]
	switch a.Do {
	case DoUnplug:
		if out {
			return fieldErr(p, "link %d is already unplugged at %s (actions[%d])", l, a.At.D(), u)
		}
		unplugged[l] = i
	case DoPlug:
		if !out {
			return fieldErr(p, "link %d is plugged in at %s: only an unplugged link is plugged in (unplug it first)", l, a.At.D())
		}
		delete(unplugged, l)
	case DoSet:
		if a.Delay == nil && a.Loss == nil {
			return fieldErr(p, "a \"set\" action changes the link's \"delay\", \"loss\" or both; it gives neither")
		}
		if a.Delay != nil && *a.Delay < 0 {
			return fieldErr(p+".delay", "negative delay %s", a.Delay.D())
		}
		if a.Delay != nil && a.Delay.D() > limit {
			return fieldErr(p+".delay", "delay %s is longer than the scenario's limit %s", a.Delay.D(), limit)
		}
		if a.Loss != nil && (math.IsNaN(*a.Loss) || *a.Loss < 0 || *a.Loss > 1) {
			return fieldErr(p+".loss", "%v is not a probability between 0 and 1", *a.Loss)
		}
	}
	return nil
}

// anAction names an action kind with its article: `an "unplug" action`.
func anAction(do string) string {
	if strings.IndexByte("aeiou", do[0]) >= 0 {
		return fmt.Sprintf("an %q action", do)
	}
	return fmt.Sprintf("a %q action", do)
}
