// Replaces gVisor's pkg/rand/rand.go in the page's wasm build (see
// ../build.sh): the same Reader and Read, from the browser's
// crypto.getRandomValues, which crypto/rand reads in the browser too,
// without crypto/rand's code. In the page only the network hashes' seeds
// come from here: every stack gets its generators from the scenario's
// seed (stack/vnet).
// gVisor is Apache-2.0 licensed, Copyright 2018 The gVisor Authors.

//go:build !linux

package rand

import (
	"io"
	"syscall/js"
)

// Reader is the default reader.
var Reader io.Reader = jsReader{}

// Read implements io.Reader.Read.
func Read(b []byte) (int, error) {
	return jsReader{}.Read(b)
}

// jsReader reads crypto.getRandomValues, at most 65,536 bytes a call.
type jsReader struct{}

func (jsReader) Read(b []byte) (int, error) {
	const most = 64 << 10
	for p := b; len(p) > 0; {
		n := min(len(p), most)
		a := js.Global().Get("Uint8Array").New(n)
		js.Global().Get("crypto").Call("getRandomValues", a)
		js.CopyBytesToGo(p[:n], a)
		p = p[n:]
	}
	return len(b), nil
}
