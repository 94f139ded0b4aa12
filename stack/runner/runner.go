// Package runner builds the world a scenario describes (hosts, links,
// addresses, routes, fault rules) and runs its programs to the end. It is
// apart from stack/scenario so that the scenario model (parse, validate,
// share links) stays free of gVisor: the Worker links only that.
package runner

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"netplay/stack/kernel"
	"netplay/stack/output"
	"netplay/stack/scenario"
	"netplay/stack/trace"
	"netplay/stack/vnet"
)

// Options say how to run a scenario.
type Options struct {
	// Compile builds a host's C program (stack/c plugs in here) from its
	// main file (Host.MainFile: the name messages use, e.g. "server.c"),
	// its own files (Host.Files) and the scenario's shared files.
	// Beside the program it returns the compiler's warnings, one a line
	// as gcc prints them ("file:line:col: warning: message [-Wflag]").
	Compile func(main scenario.File, own, shared []scenario.File) (vnet.Program, []string, error)
	// Programs gives Go programs by host name; they take the place of the
	// host's C source (tests).
	Programs map[string]vnet.Program
	// Stop, when closed, ends every program ("stopped").
	Stop <-chan struct{}
	// Pause is called between scheduler steps (the browser lets the page
	// breathe there).
	Pause func()
	// Input, when set, is what the learner types while the run goes on:
	// each value reaches its host's terminal where the world is next idle
	// (at once when the run waits for input), and is recorded in
	// Result.Stdin. A run that only input could continue waits for it;
	// closing the channel says none will come (the run then ends as
	// "waiting for input").
	Input <-chan Typed
	// Waiting, when set, is called each time the run starts to wait for
	// live input (Input), with the trace so far: the page shows it while
	// the learner reads and types. It is called on the run's goroutine
	// with the world idle; the events are the caller's (View's when View
	// is set).
	Waiting func(events []trace.Event)
	// View, when set, makes Result.Events from the trace's events instead
	// of a copy of them all: each calls its argument with every event in
	// order (trace.Recorder.Each); out is the hosts' output as the run
	// collected it (Result.Output). The page keeps a bounded view of a
	// long trace this way (app/engineapi.View).
	View func(each func(f func(n int, e *trace.Event)), out *output.Store) []trace.Event
	// TraceOnly, for a caller that reads only the trace (`netplay run`),
	// leaves the hosts' output uncollected beside it: Result.Output is nil
	// and View gets a nil store.
	TraceOnly bool
	// Actions, when set, are what the learner does while the run goes on
	// (the page's controls: Ctrl-C, kill, restart, crash and boot, a
	// link unplugged): each is done where the world is next idle, its At
	// ignored, and recorded in Result.Actions. One that cannot be done
	// then (a boot of a host that runs) is dropped.
	Actions <-chan scenario.Action
	// RunSteps, Memory and WallLimit bound the whole run (0: vnet's
	// defaults, DefaultRunSteps, DefaultMemory, DefaultWallLimit; a
	// negative WallLimit: none): the steps all programs take together,
	// the heap they hold together, the real time the run takes. The CLI
	// and the page's engine run with the defaults, so a run ends at the
	// same step in both (the wall-clock limit aside).
	RunSteps  int64
	Memory    int64
	WallLimit time.Duration
}

// Result is what a run produced.
type Result struct {
	// Warnings are the compiler's warnings of every program, in host
	// order, each once (hosts that share a library file share its
	// warnings): "file:line:col: warning: message [-Wflag]".
	Warnings []string
	Events   []trace.Event
	// End says how the run ended ("all programs exited", "time limit 300s
	// reached", "waiting for input", "stopped" …).
	End string
	// Stdin is the live input delivered (Options.Input), per host, as
	// scenario entries at the virtual times they were delivered: added to
	// the hosts' stdin (scenario.Host.AddInput) they replay this run.
	Stdin map[string][]scenario.Input
	// Actions are the live actions done (Options.Actions), at the virtual
	// times they were done: added to the scenario (Scenario.AddAction)
	// they replay this run. Nil when none was.
	Actions []scenario.Action
	// Output is what the hosts' programs wrote, collected as the run went
	// (vnet.World.Output): the whole within its budget, and what each
	// host's console shows. Nil for Options.TraceOnly.
	Output *output.Store
}

// outputBudget is the world's output budget for opt: the default, or
// none at all for a caller that reads only the trace.
func outputBudget(opt Options) int {
	if opt.TraceOnly {
		return -1
	}
	return 0
}

// CompileError lists every compile error of every program, one
// "file:line:col: message" a line.
type CompileError struct {
	Errors []error
}

func (e *CompileError) Error() string {
	var lines []string
	for _, err := range e.Errors {
		lines = append(lines, err.Error())
	}
	return strings.Join(lines, "\n")
}

// ErrNoCompiler is returned when a host has C source but Options.Compile
// is nil.
var ErrNoCompiler = errors.New("this scenario has C programs but no C compiler was given")

// Run validates the scenario, compiles every program (all errors are
// reported together), builds the world and runs it to its end.
func Run(sc *scenario.Scenario, opt Options) (*Result, error) {
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	progs := map[string]vnet.Program{}
	var cerrs []error
	var warnings []string
	seen := map[string]bool{}
	for _, h := range sc.Hosts {
		if p, ok := opt.Programs[h.Name]; ok {
			progs[h.Name] = p
			continue
		}
		if strings.TrimSpace(h.Program) == "" {
			continue
		}
		if opt.Compile == nil {
			return nil, ErrNoCompiler
		}
		p, warns, err := opt.Compile(h.MainFile(), h.Files, sc.Files)
		if err != nil {
			cerrs = append(cerrs, err)
			continue
		}
		for _, w := range warns {
			if !seen[w] {
				seen[w] = true
				warnings = append(warnings, w)
			}
		}
		progs[h.Name] = p
	}
	if len(cerrs) > 0 {
		return nil, &CompileError{Errors: cerrs}
	}
	var stop <-chan struct{}
	if opt.Stop != nil {
		stop = opt.Stop
	}
	var in *input
	w, err := build(sc, vnet.Options{Pause: opt.Pause, RunSteps: opt.RunSteps, Memory: opt.Memory, WallLimit: opt.WallLimit, OutputBudget: outputBudget(opt)}, func(w *vnet.World) vnet.Input {
		in = newInput(sc, w, opt.Input, stop)
		if opt.Waiting != nil {
			in.waiting = func() {
				if opt.View != nil {
					opt.Waiting(opt.View(w.Trace().Each, w.Output()))
					return
				}
				opt.Waiting(w.Trace().Events())
			}
		}
		if len(in.hosts) == 0 || opt.Input == nil && !hasStdin(sc) {
			return nil
		}
		return in
	})
	if err != nil {
		return nil, err
	}
	var ac *actor
	if len(sc.Actions) > 0 || opt.Actions != nil {
		ac = &actor{w: w, sc: sc, progs: progs, script: sc.Actions, live: opt.Actions}
		w.SetActor(ac)
	}
	for _, h := range sc.Hosts {
		if p := progs[h.Name]; p != nil {
			if err := seedFiles(w.Host(h.Name), sc, &h); err != nil {
				w.Close()
				return nil, fmt.Errorf("host %s: %v", h.Name, err)
			}
			if _, err := w.Start(h.Name, p, h.Start.D(), h.Args); err != nil {
				w.Close()
				return nil, err
			}
		}
	}
	done := make(chan struct{})
	defer close(done)
	if opt.Stop != nil {
		go func() {
			select {
			case <-opt.Stop:
				w.Stop()
			case <-done:
			}
		}()
	}
	end, err := w.Run()
	if err != nil {
		return nil, err
	}
	res := &Result{Warnings: warnings, End: end, Stdin: in.typed, Output: w.Output()}
	if opt.View != nil {
		res.Events = opt.View(w.Trace().Each, w.Output())
	} else {
		res.Events = w.Trace().Events()
	}
	if ac != nil {
		res.Actions = ac.done
	}
	return res, nil
}

// seedFiles puts the scenario's files in the home directory of a host
// that runs a program (its working directory): the shared tree, the
// host's own files and its program, as the course lays them out, for the
// program to read and write (the copy is the host's own).
func seedFiles(vh *vnet.Host, sc *scenario.Scenario, h *scenario.Host) error {
	k := kernel.Of(vh)
	for _, f := range sc.Files {
		if err := k.AddFile(f.Name, f.Text); err != nil {
			return err
		}
	}
	for _, f := range h.Files {
		if err := k.AddFile(f.Name, f.Text); err != nil {
			return err
		}
	}
	if h.Program != "" {
		m := h.MainFile()
		return k.AddFile(m.Name, m.Text)
	}
	return nil
}

func hasStdin(sc *scenario.Scenario) bool {
	for _, h := range sc.Hosts {
		if len(h.Stdin) > 0 {
			return true
		}
	}
	return false
}

// Build makes the world a valid scenario describes: hosts, links,
// addresses, routes and fault rules, with no program started.
func Build(sc *scenario.Scenario, pause func()) (*vnet.World, error) {
	return build(sc, vnet.Options{Pause: pause}, nil)
}

// build is Build with more options; input, when set, gives the world's
// input once the hosts exist (it needs their terminals).
func build(sc *scenario.Scenario, opts vnet.Options, input func(*vnet.World) vnet.Input) (*vnet.World, error) {
	opts.Seed, opts.Limit = sc.Seed, sc.EffectiveLimit()
	w := vnet.New(opts)
	fail := func(err error) (*vnet.World, error) {
		w.Close()
		return nil, err
	}
	for _, h := range sc.Hosts {
		if _, err := w.AddHost(h.Name, h.Forward); err != nil {
			return fail(err)
		}
	}
	for i, l := range sc.Links {
		if _, err := w.AddLink(l.Hosts, l.Delay.D(), l.Loss); err != nil {
			return fail(fmt.Errorf("links[%d]: %v", i, err))
		}
	}
	for _, h := range sc.Hosts {
		for n, nic := range sc.NICs(h.Name) {
			for _, a := range nic.Addrs {
				if err := w.Host(h.Name).AddAddress(n, a); err != nil {
					return fail(err)
				}
			}
		}
	}
	for i, r := range sc.Routes {
		to, err := netip.ParsePrefix(r.To)
		if err != nil {
			return fail(fmt.Errorf("routes[%d].to: %v", i, err))
		}
		var via netip.Addr
		if r.Via != "" {
			if via, err = netip.ParseAddr(r.Via); err != nil {
				return fail(fmt.Errorf("routes[%d].via: %v", i, err))
			}
		}
		if err := w.Host(r.Host).AddRoute(to, via); err != nil {
			return fail(fmt.Errorf("routes[%d]: %v", i, err))
		}
	}
	for i, f := range sc.Faults {
		m, drop := f.Delay, false
		if f.Drop != nil {
			m, drop = f.Drop, true
		}
		r := vnet.Rule{Drop: drop, By: m.By.D(), Nth: m.Nth, Host: m.Host, Dir: m.Dir, Proto: m.Proto, Flags: m.Flags, Port: m.Port, Count: m.Count}
		if err := w.AddRule(r); err != nil {
			return fail(fmt.Errorf("faults[%d]: %v", i, err))
		}
	}
	if input != nil {
		w.SetInput(input(w))
	}
	return w, nil
}
