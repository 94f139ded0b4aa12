package scenario

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// withActions is the base doc with actions (and the router given a
// program-less crash is fine).
func withActions(actions string) string {
	return doc(`"faults":[{"drop":{"nth":3}}]}`, `"faults":[{"drop":{"nth":3}}],"actions":`+actions+`}`)
}

func TestActionsValid(t *testing.T) {
	for _, tc := range []struct{ name, actions string }{
		{"every kind", `[{"at":"1s","host":"server","do":"signal","signal":"SIGINT"},{"at":"2s","host":"server","do":"restart"},` +
			`{"at":"3s","host":"server","do":"crash"},{"at":"4s","link":0,"do":"unplug"},{"at":"5s","host":"server","do":"boot"},` +
			`{"at":"6s","link":0,"do":"plug"},{"at":"7s","link":0,"do":"set","delay":"50ms","loss":0.1},{"at":"8s","link":0,"do":"set","delay":"0s"},{"at":"8s","link":0,"do":"set","loss":0}]`},
		{"a router crashes", `[{"at":"1s","host":"router","do":"crash"},{"at":"2s","host":"router","do":"boot"},{"at":"3s","host":"router","do":"crash"}]`},
		{"same instant", `[{"at":"1s","host":"server","do":"signal","signal":"SIGKILL"},{"at":"1s","host":"server","do":"restart"}]`},
		{"at the start", `[{"at":"10ms","host":"client","do":"signal","signal":"SIGTERM"}]`},
	} {
		s, err := Parse([]byte(withActions(tc.actions)))
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		// The canonical form keeps link 0, delay 0s and loss 0.
		b, err := s.Canonical()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Parse(b); err != nil {
			t.Errorf("%s: canonical form does not parse: %v\n%s", tc.name, err, b)
		}
	}
	s, _ := Parse([]byte(withActions(`[{"at":"7s","link":0,"do":"set","delay":"0s","loss":0}]`)))
	if a := s.Actions[0]; a.Link == nil || *a.Link != 0 || a.Delay == nil || *a.Delay != 0 || a.Loss == nil || *a.Loss != 0 {
		t.Errorf("set action %+v: want link, delay and loss given as 0", a)
	}
}

func TestActionsErrors(t *testing.T) {
	for _, tc := range []struct{ name, actions, path, want string }{
		{"no do", `[{"at":"1s","host":"server"}]`, "actions[0].do", "say what the action does: one of signal, restart, crash, boot, unplug, plug, set"},
		{"bad do", `[{"at":"1s","host":"server","do":"reboot"}]`, "actions[0].do", `"reboot": want one of`},
		{"unknown field", `[{"at":"1s","host":"server","do":"crash","when":"2s"}]`, "actions[0]", `unknown field "when"`},
		{"after limit", `[{"at":"301s","host":"server","do":"crash"}]`, "actions[0].at", "after the scenario's limit"},
		{"out of order", `[{"at":"2s","host":"server","do":"crash"},{"at":"1s","host":"server","do":"boot"}]`, "actions[1].at", "actions go in order of time"},
		{"no host", `[{"at":"1s","do":"crash"}]`, "actions[0].host", `a "crash" action needs the host`},
		{"unknown host", `[{"at":"1s","host":"sever","do":"crash"}]`, "actions[0].host", `no host named "sever" (did you mean "server"?)`},
		{"host action with link", `[{"at":"1s","host":"server","link":0,"do":"crash"}]`, "actions[0].link", `takes "host", not "link"`},
		{"no signal", `[{"at":"1s","host":"server","do":"signal"}]`, "actions[0].signal", "which signal? one of SIGINT, SIGTERM, SIGKILL"},
		{"bad signal", `[{"at":"1s","host":"server","do":"signal","signal":"INT"}]`, "actions[0].signal", `"INT": want one of SIGINT`},
		{"stop signal", `[{"at":"1s","host":"server","do":"signal","signal":"SIGSTOP"}]`, "actions[0].signal", `"SIGSTOP": want one of`},
		{"signal on restart", `[{"at":"1s","host":"server","do":"restart","signal":"SIGKILL"}]`, "actions[0].signal", `only a "signal" action sends a signal`},
		{"signal without program", `[{"at":"1s","host":"router","do":"signal","signal":"SIGINT"}]`, "actions[0].host", "router has no program to signal"},
		{"restart without program", `[{"at":"1s","host":"router","do":"restart"}]`, "actions[0].host", "router has no program to restart"},
		{"before the start", `[{"at":"5ms","host":"client","do":"crash"}]`, "actions[0].at", "before client's program starts (10ms)"},
		{"boot a running host", `[{"at":"1s","host":"server","do":"boot"}]`, "actions[0]", "server is running at 1s: only a crashed host boots"},
		{"crash twice", `[{"at":"1s","host":"server","do":"crash"},{"at":"2s","host":"server","do":"crash"}]`, "actions[1]", "server is crashed at 2s (actions[0]); boot it first"},
		{"signal a crashed host", `[{"at":"1s","host":"server","do":"crash"},{"at":"2s","host":"server","do":"signal","signal":"SIGINT"}]`, "actions[1]", "boot it first"},
		{"no link", `[{"at":"1s","do":"unplug"}]`, "actions[0].link", `an "unplug" action needs the link`},
		{"bad link", `[{"at":"1s","link":1,"do":"unplug"}]`, "actions[0].link", "1: the scenario has 1 link(s), links[0] to links[0]"},
		{"link action with host", `[{"at":"1s","host":"server","link":0,"do":"plug"}]`, "actions[0].host", `takes "link", not "host"`},
		{"plug a plugged link", `[{"at":"1s","link":0,"do":"plug"}]`, "actions[0]", "link 0 is plugged in at 1s"},
		{"unplug twice", `[{"at":"1s","link":0,"do":"unplug"},{"at":"2s","link":0,"do":"unplug"}]`, "actions[1]", "already unplugged at 2s (actions[0])"},
		{"set nothing", `[{"at":"1s","link":0,"do":"set"}]`, "actions[0]", "gives neither"},
		{"set loss", `[{"at":"1s","link":0,"do":"set","loss":2}]`, "actions[0].loss", "not a probability"},
		{"set delay type", `[{"at":"1s","link":0,"do":"set","delay":5}]`, "actions[0].delay", "want a duration string"},
		{"set delay too long", `[{"at":"1s","link":0,"do":"set","delay":"400s"}]`, "actions[0].delay", "longer than the scenario's limit"},
		{"delay on unplug", `[{"at":"1s","link":0,"do":"unplug","delay":"1s"}]`, "actions[0].delay", `only a "set" action changes a link's delay`},
		{"loss on a host", `[{"at":"1s","host":"server","do":"crash","loss":0.5}]`, "actions[0].loss", `only a "set" action changes a link's loss`},
		{"link type", `[{"at":"1s","link":"0","do":"unplug"}]`, "actions[0].link", "want a whole number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(withActions(tc.actions)))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse: %v, want an *Error", err)
			}
			if e.Path != tc.path || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q (path %q), want path %q and a message with %q", err, e.Path, tc.path, tc.want)
			}
		})
	}
	// Input typed at a crashed host never reaches a program.
	in := strings.Replace(withActions(`[{"at":"1s","host":"server","do":"crash"},{"at":"3s","host":"server","do":"boot"}]`),
		`"name":"server","addrs":["10.0.0.2/24"],"program":"int main(){}"`,
		`"name":"server","addrs":["10.0.0.2/24"],"program":"int main(){}","stdin":[{"at":"500ms","text":"a\n"},{"at":"2s","text":"b\n"}]`, 1)
	if _, err := Parse([]byte(in)); err == nil || !strings.HasPrefix(err.Error(), "hosts[0].stdin[1].at: typed at 2s, while server is crashed") {
		t.Errorf("stdin while crashed: %v", err)
	}
}

func TestAddAction(t *testing.T) {
	s := &Scenario{}
	for _, at := range []time.Duration{3, 1, 2, 1} {
		s.AddAction(Action{At: Duration(at * time.Second), Do: DoCrash, Host: strings.Repeat("h", int(at))})
	}
	var got []string
	for _, a := range s.Actions {
		got = append(got, a.At.D().String()+" "+a.Host)
	}
	if strings.Join(got, ", ") != "1s h, 1s h, 2s hh, 3s hhh" {
		t.Errorf("order %v", got)
	}
}
