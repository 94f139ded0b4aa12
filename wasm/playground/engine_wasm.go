//go:build wasm

package main

import (
	"runtime/debug"
	"sync"
	"syscall/js"
	"time"
	"unsafe"

	"netplay/app/engineapi"
	"netplay/app/page"
	"netplay/stack/c"
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
	debug.SetMaxStack(c.GoStackLimit) // stack/c/gostack.go
	post := js.Global().Get("netplayEngineSend")
	send := func(m engineapi.Message) { post.Invoke(m.Object()) }
	// answer sends a result (result, waiting or ahead) and then, apart,
	// the hosts' whole output it had: the page shows the result without
	// waiting for megabytes of text, which go as bytes, transferred.
	answer := func(m engineapi.Message, output string) {
		m.More = output != ""
		send(m)
		if m.More {
			o := js.ValueOf(engineapi.Message{Type: engineapi.TypeOutput, ID: m.ID, Key: m.Key}.Object())
			b := js.Global().Get("Uint8Array").New(len(output))
			js.CopyBytesToJS(b, unsafe.Slice(unsafe.StringData(output), len(output)))
			o.Set(engineapi.FieldOutput, b)
			post.Invoke(o, b.Get("buffer"))
		}
	}
	ahead := newRunsAhead(run)
	ahead.done = func(key, result, output, errText string) {
		answer(engineapi.Message{Type: engineapi.TypeAhead, Key: key, Result: result, Error: errText}, output)
	}
	var mu sync.Mutex
	runs := map[int]liveRun{}
	handle := js.FuncOf(func(_ js.Value, args []js.Value) any {
		m := engineapi.Read(args[0])
		switch m.Type {
		case engineapi.TypeRun:
			// A page's Run is always live: its consoles take input, and a
			// program reading stdin waits for the learner.
			lr := liveRun{stop: make(chan struct{}), input: make(chan engineapi.Typed, maxTypedAhead)}
			mu.Lock()
			runs[m.ID] = lr
			mu.Unlock()
			go func() {
				res := engineapi.Message{Type: engineapi.TypeResult, ID: m.ID}
				var output string
				sc, err := engineapi.DecodeScenario(m.Scenario)
				if err == nil {
					live := engineapi.Live{Stop: lr.stop, Input: lr.input, Waiting: func(so *engineapi.Result) {
						result, errText := engineapi.EncodeResult(so, nil)
						answer(engineapi.Message{Type: engineapi.TypeWaiting, ID: m.ID, Result: result, Error: errText}, engineapi.EncodeOutput(so))
					}}
					res.Result, output, res.Error, res.Reused = ahead.Run(sc, live)
				} else {
					res.Result, res.Error = engineapi.EncodeResult(nil, err)
				}
				mu.Lock()
				delete(runs, m.ID)
				mu.Unlock()
				answer(res, output)
			}()
		case engineapi.TypeStop:
			send(engineapi.Message{Type: engineapi.TypeStopping, ID: m.ID})
			mu.Lock()
			if lr, ok := runs[m.ID]; ok {
				close(lr.stop)
				delete(runs, m.ID)
			}
			mu.Unlock()
		case engineapi.TypeInput:
			mu.Lock()
			lr, ok := runs[m.ID]
			mu.Unlock()
			if ok {
				lr.input <- engineapi.Typed{Host: m.Host, Text: m.Text, EOF: m.EOF}
			}
		case engineapi.TypePrepare:
			if sc, err := engineapi.DecodeScenario(m.Scenario); err == nil {
				ahead.Prepare(sc)
			}
		}
		return nil
	})
	listen.Invoke(handle)
	send(engineapi.Message{Type: engineapi.TypeStarted})
	go func() {
		warmWhenSaid()
		warmUp(ahead)
		// web/boot.js registers the service worker after this.
		send(engineapi.Message{Type: engineapi.TypeWarm})
	}()
	select {}
}

// warmWhenSaid returns when web/engine.js says the engine may warm up:
// the first worker runs Go's start and the package inits while the page
// starts, and the warm-up once the page has mounted (on two cores, both
// warming up at once slowed the page's start).
func warmWhenSaid() {
	when := js.Global().Get("netplayEngineWarmWhen")
	if when.Type() != js.TypeFunction {
		return
	}
	said := make(chan struct{})
	var f js.Func
	f = js.FuncOf(func(js.Value, []js.Value) any {
		f.Release()
		close(said)
		return nil
	})
	when.Invoke(f)
	<-said
}

// liveRun is a run the page is waiting for: how to stop it and where what
// the learner types goes.
type liveRun struct {
	stop  chan struct{}
	input chan engineapi.Typed
}

// maxTypedAhead is how many lines the learner may type before the run
// takes them (it takes them where the world is next idle) without the
// engine's message handler waiting.
const maxTypedAhead = 1024

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
	c := engineapi.NewClient(engineapi.ClientOptions{
		Post:         func(m engineapi.Message) { eng.Call("send", m.Object()) },
		Restart:      func() { eng.Call("restart") },
		Local:        run,
		LocalPrepare: prepare,
		Reused:       countReused,
	})
	eng.Call("listen", js.FuncOf(func(_ js.Value, args []js.Value) any {
		m := engineapi.Read(args[0])
		if m.Type == engineapi.TypeOutput { // bytes (startEngine's answer)
			v := args[0].Get(engineapi.FieldOutput)
			b := make([]byte, v.Get("length").Int())
			js.CopyBytesToGo(b, v)
			m.Output = unsafe.String(unsafe.SliceData(b), len(b)) // b is not written again
		}
		c.Receive(m)
		return nil
	}))
	cfg.Runner, cfg.Prepare, cfg.PrepareDelay = c.Run, c.Prepare, 0
	js.Global().Set("netplayEngineUsed", true) // for the browser tests
	js.Global().Set("netplayEngineReused", 0)
}

// inPagePrepareDelay: compiling on the page's thread blocks it, so it
// waits until the page is drawn and the learner reads.
const inPagePrepareDelay = 700 * time.Millisecond

// countReused counts the Runs answered with a run made ahead, for the
// browser tests.
func countReused() {
	js.Global().Set("netplayEngineReused", js.Global().Get("netplayEngineReused").Int()+1)
}
