//go:build wasm

package main

import (
	"errors"
	"syscall/js"
	"time"
)

// breatheEvery is how long the runner may hold the browser's only thread
// before it gives the event loop a turn (the Stop button's message, and
// rendering when the page runs scenarios itself): what a Stop waits for at
// most before the engine reads it.
const breatheEvery = 10 * time.Millisecond

var lastBreath time.Time

// breathe is called by the scheduler between steps: at most every
// breatheEvery it lets the browser run its event loop (yieldToEventLoop).
func breathe() {
	if time.Since(lastBreath) < breatheEvery {
		return
	}
	yieldToEventLoop()
	lastBreath = time.Now()
}

// yieldToEventLoop returns once the browser has handled the events
// waiting (messages, input, a frame). It waits for a message posted to
// itself on a MessageChannel: a task queued behind those waiting, and run
// at once after them. A chain of time.Sleep (setTimeout) calls is clamped
// to 4 ms a call after the fifth, and measured ~15 ms in a loaded
// worker; a message, about 0.3 ms (notes/page.md).
func yieldToEventLoop() {
	mc := js.Global().Get("MessageChannel")
	if mc.Type() != js.TypeFunction {
		time.Sleep(time.Millisecond)
		return
	}
	ch := mc.New()
	in, out := ch.Get("port1"), ch.Get("port2")
	done := make(chan struct{})
	f := js.FuncOf(func(js.Value, []js.Value) any {
		close(done)
		return nil
	})
	in.Set("onmessage", f)
	out.Call("postMessage", 0)
	<-done
	// Closed, the ports keep no event loop alive (node's, in the tests).
	in.Call("close")
	out.Call("close")
	f.Release()
}

func serveNative([]string) error { return errors.New("unreachable in the browser") }
