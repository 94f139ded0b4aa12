// Command playground is the netplay page. In the browser (GOOS=js, built
// into web/app.wasm) it runs the go-app UI; run natively it serves the page
// like `netplay serve`, with an in-memory share store (for development).
package main

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/engineapi"
	"netplay/app/page"
	"netplay/stack/c"
	"netplay/stack/output"
	"netplay/stack/runner"
	"netplay/stack/scenario"
	"netplay/stack/trace"
	"netplay/stack/vnet"
)

func main() {
	if startEngine() { // this instance is the engine worker (engine_wasm.go)
		return
	}
	cfg := page.Config{Runner: run, ShareAPI: "/api/share", Prepare: func(sc *scenario.Scenario, _ func([]trace.Event)) { prepare(sc) }}
	useEngine(&cfg) // in the browser, runs go to the engine worker
	page.Routes(cfg)
	// In the browser this never returns; natively it returns at once.
	app.RunWhenOnBrowser()
	if err := serveNative(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "playground:", err)
		os.Exit(1)
	}
}

// run is the page's Runner: the scenario runner with the C front end,
// each host's output folded to what the console shows, from the output
// the run collected (engineapi.View). It
// runs on its own goroutine (the page hands it over with ctx.Async), never
// inside a browser callback. A panic in the runner becomes an error on
// the page instead of ending the program (and with it the page).
func run(sc *scenario.Scenario, live engineapi.Live) (res *engineapi.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("internal error (please report): %v", r)
		}
	}()
	var whole map[string]string
	view := func(each func(func(int, *trace.Event)), out *output.Store) []trace.Event {
		var events []trace.Event
		events, whole = engineapi.View(each, out)
		return events
	}
	opt := runner.Options{Compile: compileCached, Stop: live.Stop, Pause: breathe, View: view, WallLimit: wallLimit}
	if live.Input != nil {
		typed := make(chan runner.Typed)
		done := make(chan struct{})
		defer close(done)
		go forwardInput(live.Input, typed, done)
		opt.Input = typed
	}
	if live.Waiting != nil {
		opt.Waiting = func(events []trace.Event) { // View's events: whole is theirs
			live.Waiting(&engineapi.Result{Events: events, Output: whole})
		}
	}
	r, err := runner.Run(sc, opt)
	if err != nil || r == nil {
		return nil, err
	}
	return &engineapi.Result{Warnings: r.Warnings, Events: r.Events, End: r.End, Stdin: r.Stdin, Output: whole}, nil
}

// forwardInput hands what the learner types to the runner until the run
// is done.
func forwardInput(from <-chan engineapi.Typed, to chan<- runner.Typed, done <-chan struct{}) {
	for {
		select {
		case t, ok := <-from:
			if !ok {
				close(to)
				return
			}
			select {
			case to <- runner.Typed{Host: t.Host, Text: t.Text, EOF: t.EOF}:
			case <-done:
				return
			}
		case <-done:
			return
		}
	}
}

// wallLimit is how long a run may take in real time on the page: the step
// budgets end a runaway program at the same step in both ports, but in
// the page that takes more than a minute (the interpreter runs about 4×
// slower in wasm), and a learner waits for a program that never ends.
// What ends a run here says it was the wall clock (docs/limits.md); the
// time a run waits for the learner to type does not count.
var wallLimit = 30 * time.Second

// prepare compiles a scenario's programs into the cache ahead of its
// first run.
func prepare(sc *scenario.Scenario) {
	defer func() { recover() }() // a compiler panic shows when the program runs
	for i := range sc.Hosts {
		if h := &sc.Hosts[i]; h.Program != "" {
			compileCached(h.MainFile(), h.Files, sc.Files)
		}
	}
}

// compiled remembers the programs of the last runs: a compiled program is
// read-only (each run gets its own memory), and in the browser compiling
// the two programs of the handshake costs more than running them, so a
// rerun (a fault added, Run again) skips it. Compile errors are kept too.
// A compile under way is waited for, not repeated: the engine's warm-up
// and a Run clicked meanwhile ask for the same programs.
var compiled = struct {
	sync.Mutex
	m     map[string]*compileResult
	order []string
}{m: map[string]*compileResult{}}

type compileResult struct {
	done  chan struct{} // closed when prog, warns and err are set
	prog  vnet.Program
	warns []string
	err   error
}

// maxCompiled bounds the cache (a gallery's worth of programs).
const maxCompiled = 64

// compileCached builds a host's program (c.CompileProgram) unless the same
// inputs were built before. The key is a digest of every input: the main
// file's name and text, and the host's and the shared files' names, texts
// and order (a library's order decides which member a name comes from).
func compileCached(main scenario.File, own, shared []scenario.File) (vnet.Program, []string, error) {
	key := buildKey(main, own, shared)
	compiled.Lock()
	r, ok := compiled.m[key]
	if !ok {
		r = &compileResult{done: make(chan struct{})}
		compiled.m[key] = r
		compiled.order = append(compiled.order, key)
		if len(compiled.order) > maxCompiled {
			delete(compiled.m, compiled.order[0])
			compiled.order = compiled.order[1:]
		}
	}
	compiled.Unlock()
	if ok {
		<-r.done
		return r.prog, r.warns, r.err
	}
	defer close(r.done)
	defer func() {
		// A compiler panic is the caller's to report (run recovers it);
		// whoever waits gets it as an error instead of a hang.
		if p := recover(); p != nil {
			r.err = fmt.Errorf("internal error (please report): %v", p)
			panic(p)
		}
	}()
	r.prog, r.warns, r.err = c.CompileProgram(main, own, shared)
	return r.prog, r.warns, r.err
}

// buildKey digests a build's inputs: each file as its name and text, each
// length-prefixed, in their lists.
func buildKey(main scenario.File, own, shared []scenario.File) string {
	h := sha256.New()
	var n [8]byte
	put := func(s string) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		io.WriteString(h, s)
	}
	list := func(fs []scenario.File) {
		put(strconv.Itoa(len(fs)))
		for _, f := range fs {
			put(f.Name)
			put(f.Text)
		}
	}
	list([]scenario.File{main})
	list(own)
	list(shared)
	return string(h.Sum(nil))
}
