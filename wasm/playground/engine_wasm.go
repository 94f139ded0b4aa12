//go:build wasm

package main

import (
	"errors"
	"runtime/debug"
	"sync"
	"syscall/js"
	"time"

	"netplay/app/gallery"
	"netplay/app/page"
	"netplay/stack/runner"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// gcPercent: both instances keep small live heaps (a few MB) and allocate
// fast while compiling and running, and Go's wasm collector marks on the
// only thread: collecting at 4× the live heap instead of 2× means fewer
// collections for a few MB more of memory (the handshake's cold compile
// under node was much faster; notes/page.md).
const gcPercent = 400

// startEngine runs the engine when this instance is the engine worker
// (web/engine.js defines netplayEngineListen) and reports whether it did;
// the worker then answers the page until it is terminated.
func startEngine() bool {
	listen := js.Global().Get("netplayEngineListen")
	if listen.Type() != js.TypeFunction {
		return false
	}
	debug.SetGCPercent(gcPercent)
	send := js.Global().Get("netplayEngineSend")
	ahead := newRunsAhead(run)
	ahead.done = func(key, result, errText string) {
		send.Invoke(map[string]any{"type": "ahead", "key": key, "result": result, "error": errText})
	}
	var mu sync.Mutex
	stops := map[int]chan struct{}{}
	handle := js.FuncOf(func(_ js.Value, args []js.Value) any {
		m := args[0]
		switch m.Get("type").String() {
		case "run":
			id, text := m.Get("id").Int(), m.Get("scenario").String()
			stop := make(chan struct{})
			mu.Lock()
			stops[id] = stop
			mu.Unlock()
			go func() {
				var result, errText string
				var reused bool
				sc, err := decodeScenario(text)
				if err == nil {
					result, errText, reused = ahead.Run(sc, stop)
				} else {
					result, errText = encodeResult(nil, err)
				}
				mu.Lock()
				delete(stops, id)
				mu.Unlock()
				send.Invoke(map[string]any{"type": "result", "id": id, "result": result, "error": errText, "reused": reused})
			}()
		case "stop":
			id := m.Get("id").Int()
			mu.Lock()
			if stop, ok := stops[id]; ok {
				close(stop)
				delete(stops, id)
			}
			mu.Unlock()
		case "prepare":
			if sc, err := decodeScenario(m.Get("scenario").String()); err == nil {
				ahead.Prepare(sc)
			}
		}
		return nil
	})
	listen.Invoke(handle)
	go func() {
		warmUp(ahead)
		// web/boot.js registers the service worker after this.
		send.Invoke(map[string]any{"type": "warm"})
	}()
	select {}
}

// useEngine points the page's Runner and Prepare at the engine worker
// when web/boot.js started one; otherwise scenarios run on the page's own
// thread, as before there was a worker.
func useEngine(cfg *page.Config) {
	debug.SetGCPercent(gcPercent)
	eng := js.Global().Get("netplayEngine")
	if !eng.Truthy() {
		cfg.PrepareDelay = inPagePrepareDelay
		return
	}
	c := &engineClient{eng: eng, waiting: map[int]chan engineReply{}}
	eng.Call("listen", js.FuncOf(c.receive))
	cfg.Runner, cfg.Prepare, cfg.PrepareDelay = c.run, c.prepare, 0
	js.Global().Set("netplayEngineUsed", true) // for the browser tests
	js.Global().Set("netplayEngineReused", 0)
}

// inPagePrepareDelay: compiling on the page's thread blocks it, so it
// waits until the page is drawn and the learner reads.
const inPagePrepareDelay = 700 * time.Millisecond

// stopGrace is how long a stopped run may take to hand back its trace
// before the worker is restarted (a program that stopped yielding).
const stopGrace = 2 * time.Second

// engineClient is the page's end of the engine worker.
type engineClient struct {
	eng      js.Value
	mu       sync.Mutex
	next     int
	waiting  map[int]chan engineReply
	restarts int  // workers started after the first
	broken   bool // restarts ran out: scenarios run on the page

	// The last run the engine made ahead (runsAhead), decoded as it
	// arrived: a Run of that scenario shows it with no trip to the worker.
	aheadKey string
	aheadRes *runner.Result
	aheadErr error
	// ready is the page's callback for the scenario it prepared last
	// (readyKey), called once the engine has run it ahead.
	readyKey string
	ready    func([]trace.Event)
}

// maxRestarts bounds the workers started after crashes, so a worker that
// cannot start at all does not loop; the page then runs scenarios itself.
const maxRestarts = 3

// restartLocked replaces the worker, or gives up on workers; c.mu is held.
func (c *engineClient) restartLocked() {
	if c.restarts >= maxRestarts {
		c.broken = true
		return
	}
	c.restarts++
	c.eng.Call("restart")
}

type engineReply struct{ result, err string }

var _ page.Runner = (*engineClient)(nil).run

// receive is the worker's messages to the page (web/boot.js listen).
func (c *engineClient) receive(_ js.Value, args []js.Value) any {
	m := args[0]
	switch m.Get("type").String() {
	case "result":
		if m.Get("reused").Truthy() {
			countReused()
		}
		c.mu.Lock()
		ch := c.waiting[m.Get("id").Int()]
		delete(c.waiting, m.Get("id").Int())
		c.mu.Unlock()
		if ch != nil {
			ch <- engineReply{m.Get("result").String(), m.Get("error").String()}
		}
	case "ahead":
		res, err := decodeResult(m.Get("result").String(), m.Get("error").String())
		key := m.Get("key").String()
		c.mu.Lock()
		c.aheadKey, c.aheadRes, c.aheadErr = key, res, err
		ready := c.ready
		if key != c.readyKey || err != nil {
			ready = nil
		}
		c.mu.Unlock()
		if ready != nil {
			go ready(res.Events)
		}
	case "crash":
		// The worker died (out of memory, a fault in the runtime itself):
		// every run waiting on it fails, and a fresh worker takes over.
		msg := "the engine stopped: " + m.Get("error").String()
		c.mu.Lock()
		for id, ch := range c.waiting {
			ch <- engineReply{err: msg}
			delete(c.waiting, id)
		}
		c.restartLocked()
		c.mu.Unlock()
	}
	return nil
}

// countReused counts the Runs answered with a run made ahead, for the
// browser tests.
func countReused() {
	js.Global().Set("netplayEngineReused", js.Global().Get("netplayEngineReused").Int()+1)
}

// run implements page.Runner by sending the scenario to the worker,
// unless the engine has run it ahead.
func (c *engineClient) run(sc *scenario.Scenario, stop <-chan struct{}) (*runner.Result, error) {
	text, err := encodeScenario(sc)
	if err != nil {
		return nil, err
	}
	ch := make(chan engineReply, 1)
	c.mu.Lock()
	if c.aheadKey == text {
		res, err := c.aheadRes, c.aheadErr
		c.mu.Unlock()
		countReused()
		return res, err
	}
	if c.broken {
		c.mu.Unlock()
		return run(sc, stop)
	}
	c.next++
	id := c.next
	c.waiting[id] = ch
	c.mu.Unlock()
	c.eng.Call("send", map[string]any{"type": "run", "id": id, "scenario": text})
	select {
	case r := <-ch:
		return decodeResult(r.result, r.err)
	case <-stop:
	}
	c.eng.Call("send", map[string]any{"type": "stop", "id": id})
	select {
	case r := <-ch:
		return decodeResult(r.result, r.err)
	case <-time.After(stopGrace):
	}
	c.mu.Lock()
	delete(c.waiting, id)
	c.restartLocked()
	c.mu.Unlock()
	return nil, errors.New("stopped; the engine did not hand back the trace and was restarted")
}

// prepare implements page.Config.Prepare: the worker runs the scenario
// ahead (runsAhead) and sends its trace, which goes to ready.
func (c *engineClient) prepare(sc *scenario.Scenario, ready func([]trace.Event)) {
	text, err := encodeScenario(sc)
	if err != nil {
		return
	}
	c.mu.Lock()
	if c.broken {
		c.mu.Unlock()
		prepare(sc)
		return
	}
	if c.aheadKey == text { // the engine's warm-up ran it already
		res, err := c.aheadRes, c.aheadErr
		c.readyKey, c.ready = "", nil // an older prepare's callback is stale now
		c.mu.Unlock()
		if err == nil && ready != nil {
			go ready(res.Events)
		}
		return
	}
	c.readyKey, c.ready = text, ready
	c.mu.Unlock()
	c.eng.Call("send", map[string]any{"type": "prepare", "scenario": text})
}

// warmUp runs the default scenario ahead (runsAhead) and returns when it
// is done: the page opens with it, and the code of the compiler and of
// the stacks has been through the browser's wasm tiers before the
// learner's first Run of anything else (a cold run took about four times
// as long as the next).
func warmUp(a *runsAhead) {
	defer func() { recover() }() // a failure shows when the page runs it
	sc, err := gallery.Load(gallery.Default)
	if err != nil {
		return
	}
	a.Prepare(sc)
	a.Wait()
}
