//go:build wasm

package page

import (
	"strconv"
	"syscall/js"

	"netplay/internal/jspromise"
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
	resp, err := jspromise.Await(js.Global().Call("fetch", url, init))
	if err != nil {
		return nil, err
	}
	buf, err := jspromise.Await(resp.Call("arrayBuffer"))
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
