//go:build wasm

package main

import (
	"errors"
	"time"
)

// breatheEvery is how long the runner may hold the browser's only thread
// before it gives the event loop a turn (rendering, the Stop button).
const breatheEvery = 30 * time.Millisecond

var lastBreath time.Time

// breathe is called by the scheduler between steps. time.Sleep parks the
// goroutine on a JS timer, so the browser runs its event loop meanwhile.
func breathe() {
	if time.Since(lastBreath) < breatheEvery {
		return
	}
	time.Sleep(time.Millisecond)
	lastBreath = time.Now()
}

func serveNative([]string) error { return errors.New("unreachable in the browser") }
