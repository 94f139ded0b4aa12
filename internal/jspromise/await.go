//go:build js && wasm

// Package jspromise waits for JavaScript promises from Go: the page's fetch
// calls and the Worker's rate limiter share it.
package jspromise

import (
	"errors"
	"syscall/js"
)

// Await blocks until p settles: its value, or its rejection as an error.
// It blocks the calling goroutine, so it must never run in a JavaScript
// callback (the promise could not settle while the event loop waits).
func Await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	ok := js.FuncOf(func(_ js.Value, args []js.Value) any {
		var v js.Value
		if len(args) > 0 {
			v = args[0]
		}
		ch <- result{v: v}
		return nil
	})
	fail := js.FuncOf(func(_ js.Value, args []js.Value) any {
		msg := "promise rejected"
		if len(args) > 0 && args[0].Truthy() {
			msg = args[0].Call("toString").String()
		}
		ch <- result{err: errors.New(msg)}
		return nil
	})
	defer ok.Release()
	defer fail.Release()
	p.Call("then", ok, fail)
	r := <-ch
	return r.v, r.err
}
