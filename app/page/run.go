package page

import (
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/editor"
	"netplay/app/engineapi"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// runState is the run under way and what the last run gave.
type runState struct {
	events []trace.Event          // the last run's trace
	output *engineapi.OutputLater // hosts' whole output where the trace folds it
	// fetching is the host whose whole output was asked for while it is
	// on its way.
	fetching string
	ranOK    bool                     // the last run gave a trace (downloads)
	runErr   string                   // why the last run gave none, as shown
	compile  map[string][]editor.Mark // editor id → compile errors
	// warnings are the compiler's of the last run, one a line as gcc
	// prints them; each is also marked at its line in its editor.
	warnings  []string
	warnMarks map[string][]editor.Mark // editor id → the warnings marked in it
	runEnd    string                   // how the run ended ("all programs exited", "stopped"…)
	runTook   time.Duration
	runs      int // finished runs, shown as data-runs (browser tests wait on it)

	running  bool
	stop     chan struct{}        // closed to stop the run under way
	input    chan engineapi.Typed // what the learner types, to the run under way
	waiting  bool                 // the run under way waits for the learner's input
	runStart time.Time
}

// maxTypedAhead bounds what the learner can type before the run takes it
// (it does so where the world is next idle, at once when it waits).
const maxTypedAhead = 256

// run compiles and runs the scenario on a goroutine; the trace replaces
// the diagram when it is done.
func (p *Playground) run(ctx app.Context) {
	if p.running {
		return
	}
	p.syncDocs()
	for _, k := range p.keys {
		editor.SetMarks(k, nil)
		editor.Highlight(k, 0)
	}
	// The last trace stays on the diagram (dimmed) until the new one is
	// there, so the pane does not jump while a run is on.
	p.runErr, p.compile, p.warnings, p.warnMarks = "", nil, nil, nil
	p.selected, p.upto, p.playing, p.dimLater = -1, -1, false, false
	if p.cfg.Runner == nil {
		p.runErr = p.t("runerr") + " this build of the page has no scenario runner"
		return
	}
	sc := clone(p.sc)
	stop, input := make(chan struct{}), make(chan engineapi.Typed, maxTypedAhead)
	p.running, p.stop, p.input, p.waiting, p.runStart = true, stop, input, false, time.Now()
	runner := p.cfg.Runner
	root := p.rootCtx(ctx)
	live := engineapi.Live{Stop: stop, Input: input, Waiting: func(res *engineapi.Result) {
		root.Dispatch(func(ctx app.Context) {
			if p.input == input { // still this run
				p.events, p.output, p.waiting = res.Events, res.Outputs(), true
			}
		})
	}}
	root.Async(func() {
		res, err := runner(sc, live)
		root.Dispatch(func(ctx app.Context) {
			if err != nil || res == nil {
				p.finish(ctx, nil, "", err)
				return
			}
			p.record(res.Stdin)
			p.output = res.Outputs()
			p.warnings = res.Warnings
			p.finish(ctx, res.Events, res.End, nil)
		})
	})
}

// typeInput sends what the learner typed at host's console to the run
// under way (the console offers its line only during a run).
func (p *Playground) typeInput(ctx app.Context, host, text string, eof bool) {
	if p.input == nil {
		return
	}
	select {
	case p.input <- engineapi.Typed{Host: host, Text: text, EOF: eof}:
		p.waiting = false
	default: // the run has not taken what was typed before: this is dropped
	}
}

// record adds the input typed during a run to the scenario's hosts, at the
// virtual times the run delivered it: the next run replays it, and a
// share link carries it.
func (p *Playground) record(stdin map[string][]scenario.Input) {
	for host, entries := range stdin {
		if i := p.hostIndex(host); i >= 0 {
			for _, in := range entries {
				p.sc.Hosts[i].AddInput(in)
			}
		}
	}
}

func (p *Playground) finish(ctx app.Context, events []trace.Event, end string, err error) {
	p.running, p.stop, p.input, p.waiting = false, nil, nil, false
	if err != nil {
		p.output = nil
	}
	p.runs++
	p.runTook = time.Since(p.runStart)
	p.events, p.runEnd = events, end
	if err != nil {
		// Compile errors go to their editors; anything else is shown as is.
		p.compile = map[string][]editor.Mark{}
		for _, line := range strings.Split(err.Error(), "\n") {
			file, ln, col, msg, ok := compileLine(strings.TrimSpace(line))
			if !ok {
				continue
			}
			if k := p.keyOfFile(file); k != "" {
				p.compile[k] = append(p.compile[k], editor.Mark{Line: ln, Col: col, Msg: msg})
			}
		}
		p.openMarkedFile()
		if len(p.compile) > 0 {
			p.runErr = p.t("compileerr") + "\n" + err.Error()
			for k, marks := range p.compile {
				editor.SetMarks(k, marks)
			}
			for i, k := range p.keys {
				if len(p.compile[k]) > 0 {
					p.showEditorOf(i)
					break
				}
			}
		} else {
			p.runErr = p.t("runerr") + " " + err.Error()
		}
		return
	}
	p.ranOK = true
	p.markWarnings()
	if p.speed != "all" && len(events) > 0 {
		p.upto = 0
		p.playing = true
		p.tick(ctx)
	}
}

// markWarnings marks each of the run's warnings at its line in the
// editor of its file ("client.c:7:9: warning: … [-Wint-conversion]").
func (p *Playground) markWarnings() {
	marks := map[string][]editor.Mark{}
	for _, w := range p.warnings {
		file, ln, col, msg, ok := compileLine(w)
		if !ok {
			continue
		}
		if k := p.keyOfFile(file); k != "" {
			marks[k] = append(marks[k], editor.Mark{Line: ln, Col: col, Msg: msg, Warning: true})
		}
	}
	p.warnMarks = marks
	for k, m := range marks {
		editor.SetMarks(k, m)
	}
}

// compileLine splits a compiler message "file:line:col: msg" (the
// shortest file that leaves such a rest). Written out rather than a
// regexp: compiling one was a noticeable part of starting the page.
func compileLine(s string) (file string, line, col int, msg string, ok bool) {
	for i := 1; i < len(s); i++ {
		if s[i] != ':' {
			continue
		}
		rest := s[i+1:]
		n := leadingDigits(rest)
		if n == 0 || n == len(rest) || rest[n] != ':' {
			continue
		}
		m := leadingDigits(rest[n+1:])
		if m == 0 || !strings.HasPrefix(rest[n+1+m:], ": ") {
			continue
		}
		line, err1 := strconv.Atoi(rest[:n])
		col, err2 := strconv.Atoi(rest[n+1 : n+1+m])
		if err1 != nil || err2 != nil {
			continue
		}
		return s[:i], line, col, rest[n+1+m+2:], true
	}
	return "", 0, 0, "", false
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// stopRun stops the run under way, or the replay.
func (p *Playground) stopRun(ctx app.Context, e app.Event) {
	p.playing = false
	if p.stop != nil {
		close(p.stop)
		p.stop = nil
	}
}

// downloadOutput offers a host's whole output, which the console shows
// folded, as a text file. The engine sends it just after the run's
// result: a click before it has come waits for it.
func (p *Playground) downloadOutput(ctx app.Context, host string) {
	later, name := p.output, p.fileBase()+"-"+host+".txt"
	if later == nil {
		return
	}
	p.fetching = host
	ctx.Async(func() {
		out, err := later.Wait()
		ctx.Dispatch(func(ctx app.Context) {
			// ctx is the console's (the link's): the playground draws
			// the link's state and the error box.
			p.Update()
			if p.fetching == host {
				p.fetching = ""
			}
			if err != nil {
				p.runErr = p.t("foldfail") + " " + err.Error()
				return
			}
			if text, ok := out[host]; ok {
				download(name, "text/plain;charset=utf-8", []byte(text))
			}
		})
	})
}

// clearRun forgets the last run (another scenario was opened).
func (p *Playground) clearRun() {
	p.events, p.output, p.ranOK, p.runErr, p.compile, p.fetching = nil, nil, false, "", nil, ""
	p.selected, p.upto, p.playing, p.dimLater = -1, -1, false, false
}

// prepareSoon hands the scenario to Config.Prepare after
// Config.PrepareDelay, unless a run has started by then.
func (p *Playground) prepareSoon(ctx app.Context) {
	if p.cfg.Prepare == nil {
		return
	}
	root := p.rootCtx(ctx)
	root.After(p.cfg.PrepareDelay, func(ctx app.Context) {
		if p.running || p.sc == nil {
			return
		}
		sc, prepare := clone(p.sc), p.cfg.Prepare
		root.Async(func() {
			prepare(sc, func(events []trace.Event) {
				root.Dispatch(func(ctx app.Context) { p.layAhead(events) })
			})
		})
	})
}
