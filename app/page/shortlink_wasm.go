//go:build wasm

package page

import (
	"errors"
	"strconv"
	"syscall/js"
)

// request sends one HTTP request with the browser's fetch and waits for
// the answer. It blocks, so it runs on its own goroutine (ctx.Async), never
// in a browser callback.
func request(method, url, contentType string, body []byte, limit int64) (*response, error) {
	init := map[string]any{"method": method}
	if contentType != "" {
		init["headers"] = map[string]any{"Content-Type": contentType}
	}
	if body != nil {
		u8 := js.Global().Get("Uint8Array").New(len(body))
		js.CopyBytesToJS(u8, body)
		init["body"] = u8
	}
	resp, err := await(js.Global().Call("fetch", url, init))
	if err != nil {
		return nil, err
	}
	buf, err := await(resp.Call("arrayBuffer"))
	if err != nil {
		return nil, err
	}
	u8 := js.Global().Get("Uint8Array").New(buf)
	n := int64(u8.Get("length").Int())
	if n > limit {
		n = limit
	}
	b := make([]byte, n)
	js.CopyBytesToGo(b, u8.Call("subarray", 0, n))
	code := resp.Get("status").Int()
	status := strconv.Itoa(code)
	if t := resp.Get("statusText").String(); t != "" {
		status += " " + t
	}
	return &response{code: code, status: status, body: b}, nil
}

// await waits for a promise: its value, or its rejection as an error.
func await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	ok := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{v: args[0]}
		return nil
	})
	fail := js.FuncOf(func(_ js.Value, args []js.Value) any {
		msg := "request failed"
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
