// Package tier says which tiers of the tests run. `go test ./...` is the
// fast tier: every package, no runs on the Linux kernel, no nested builds,
// no browser. The slower tiers are opted into by an environment variable
// each, which the Makefile's targets set (docs/testing.md):
//
//	NETPLAY_LINUX=1    make test-linux    the comparison with the Linux kernel (root)
//	NETPLAY_WASM=1     make test-wasm     builds of the page's and the Worker's wasm
//	NETPLAY_BROWSER=1  make test-browser  chromium against netplay serve
//	NETPLAY_BENCH=1    make bench         the figures of the README's table
package tier

import (
	"os"
	"testing"
)

// A Tier is the environment variable that opts into it.
type Tier string

const (
	Linux   Tier = "NETPLAY_LINUX"
	Wasm    Tier = "NETPLAY_WASM"
	Browser Tier = "NETPLAY_BROWSER"
	Bench   Tier = "NETPLAY_BENCH"
)

// target is the make target that runs a tier.
var target = map[Tier]string{
	Linux:   "test-linux",
	Wasm:    "test-wasm",
	Browser: "test-browser",
	Bench:   "bench",
}

// On reports whether the tier's variable is set to 1.
func On(x Tier) bool { return os.Getenv(string(x)) == "1" }

// Need skips the test unless the tier is on.
func Need(t testing.TB, x Tier) {
	t.Helper()
	if !On(x) {
		t.Skipf("not in the fast tier: %s=1 runs it (make %s)", x, target[x])
	}
}
