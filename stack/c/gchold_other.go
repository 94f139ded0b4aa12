//go:build !wasm

package c

import (
	"runtime/debug"
	"runtime/metrics"
)

// buildGCRoom is how much a native build may allocate before the collector
// runs. The front end allocates ~6 MB of short-lived objects a unit (a
// course's chapter program is 16 units: ~100 MB), and a fresh process
// starts collecting at 4 MB, then at twice the live heap: eight collections
// of a growing live heap in one build, a quarter of its CPU time. As
// cmd/compile raises its starting heap goal (base.AdjustStartingHeap), a
// build collects when it has used this room, once for a course, and the
// memory it may take stays bounded.
const buildGCRoom = 256 << 20

// holdGC turns the collector's heap goal into a memory limit of what the
// process uses now plus buildGCRoom, for the length of a build (builds run
// one at a time: buildMu), and returns what restores both settings.
func holdGC() (release func()) {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	inUse := int64(s[0].Value.Uint64() - s[1].Value.Uint64())
	oldPercent := debug.SetGCPercent(-1)
	oldLimit := debug.SetMemoryLimit(-1)
	debug.SetMemoryLimit(min(oldLimit, inUse+buildGCRoom))
	return func() {
		debug.SetMemoryLimit(oldLimit)
		debug.SetGCPercent(oldPercent)
	}
}
