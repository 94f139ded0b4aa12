//go:build wasm

package main

import (
	"runtime"
	"syscall/js"
)

// netplayStacks() returns every goroutine's stack: the browser tests log
// it when the page stops answering (a run that never ends).
func init() {
	js.Global().Set("netplayStacks", js.FuncOf(func(js.Value, []js.Value) any {
		b := make([]byte, 1<<20)
		return string(b[:runtime.Stack(b, true)])
	}))
}
