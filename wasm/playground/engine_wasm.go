//go:build wasm

package main

import (
	"errors"
	"runtime/debug"
	"sync"
	"syscall/js"
	"time"

	"netplay/app/engineapi"
	"netplay/app/gallery"
	"netplay/app/page"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// The engine is the part of this program that compiles and runs scenarios.
// In the browser it lives in a Web Worker (web/engine.js, startEngine):
// the page's thread only draws, so a compile or a long run never freezes
// it, and the worker compiles a scenario's programs while the page is
// still starting. Page and engine exchange the messages of app/engineapi.

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
	post := js.Global().Get("netplayEngineSend")
	send := func(m engineapi.Message) { post.Invoke(m.Object()) }
	ahead := newRunsAhead(run)
	ahead.done = func(key, result, errText string) {
		send(engineapi.Message{Type: engineapi.TypeAhead, Key: key, Result: result, Error: errText})
	}
	var mu sync.Mutex
	stops := map[int]chan struct{}{}
	handle := js.FuncOf(func(_ js.Value, args []js.Value) any {
		m := engineapi.Read(args[0])
		switch m.Type {
		case engineapi.TypeRun:
			stop := make(chan struct{})
			mu.Lock()
			stops[m.ID] = stop
			mu.Unlock()
			go func() {
				answer := engineapi.Message{Type: engineapi.TypeResult, ID: m.ID}
				sc, err := engineapi.DecodeScenario(m.Scenario)
				if err == nil {
					answer.Result, answer.Error, answer.Reused = ahead.Run(sc, stop)
				} else {
					answer.Result, answer.Error = engineapi.EncodeResult(nil, err)
				}
				mu.Lock()
				delete(stops, m.ID)
				mu.Unlock()
				send(answer)
			}()
		case engineapi.TypeStop:
			mu.Lock()
			if stop, ok := stops[m.ID]; ok {
				close(stop)
				delete(stops, m.ID)
			}
			mu.Unlock()
		case engineapi.TypePrepare:
			if sc, err := engineapi.DecodeScenario(m.Scenario); err == nil {
				ahead.Prepare(sc)
			}
		}
		return nil
	})
	listen.Invoke(handle)
	go func() {
		warmUp(ahead)
		// web/boot.js registers the service worker after this.
		send(engineapi.Message{Type: engineapi.TypeWarm})
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
	aheadRes *engineapi.Result
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
	m := engineapi.Read(args[0])
	switch m.Type {
	case engineapi.TypeResult:
		if m.Reused {
			countReused()
		}
		c.mu.Lock()
		ch := c.waiting[m.ID]
		delete(c.waiting, m.ID)
		c.mu.Unlock()
		if ch != nil {
			ch <- engineReply{m.Result, m.Error}
		}
	case engineapi.TypeAhead:
		res, err := engineapi.DecodeResult(m.Result, m.Error)
		c.mu.Lock()
		c.aheadKey, c.aheadRes, c.aheadErr = m.Key, res, err
		ready := c.ready
		if m.Key != c.readyKey || err != nil {
			ready = nil
		}
		c.mu.Unlock()
		if ready != nil {
			go ready(res.Events)
		}
	case engineapi.TypeCrash:
		// The worker died (out of memory, a fault in the runtime itself):
		// every run waiting on it fails, and a fresh worker takes over.
		msg := "the engine stopped: " + m.Error
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
func (c *engineClient) run(sc *scenario.Scenario, stop <-chan struct{}) (*engineapi.Result, error) {
	text, err := engineapi.EncodeScenario(sc)
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
	c.send(engineapi.Message{Type: engineapi.TypeRun, ID: id, Scenario: text})
	select {
	case r := <-ch:
		return engineapi.DecodeResult(r.result, r.err)
	case <-stop:
	}
	c.send(engineapi.Message{Type: engineapi.TypeStop, ID: id})
	select {
	case r := <-ch:
		return engineapi.DecodeResult(r.result, r.err)
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
	text, err := engineapi.EncodeScenario(sc)
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
	c.send(engineapi.Message{Type: engineapi.TypePrepare, Scenario: text})
}

// send posts m to the worker (web/boot.js send).
func (c *engineClient) send(m engineapi.Message) { c.eng.Call("send", m.Object()) }

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
