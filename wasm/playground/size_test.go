//go:build !wasm

package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"netplay/internal/tier"
)

// banned are packages the page's wasm must not link, with why. Each pulls
// in far more than its name suggests: net/http's client brings the whole
// Transport (TLS, HTTP/2, proxies) and net/http's initialisers alone keep
// TLS, ECDH and X.509 code, about 0.8 MB of gzip between them; the page
// reaches its share API through fetch (app/page/shortlink_wasm.go) and
// go-app's server stays out (_goapp/README.md).
var banned = map[string]string{
	"net/http":      "the share API goes through fetch; go-app's Handler is the server's",
	"crypto/tls":    "comes with net/http",
	"crypto/x509":   "comes with net/http or crypto/tls",
	"text/template": "go-app's Handler templates; the browser renders with go-app's nodes",
	"html/template": "nothing in the page renders templates",
	"net/rpc":       "no RPC in the page",
}

// Size budgets of web/app.wasm (-s -w, as make web builds it), checked with
// Go's gzip level 9. Measured on 2026-12-01 (bytes):
//
//	                                     raw    gzip -9    zopfli  brotli-11
//	app.wasm before (net/http linked) 23,940,641  5,396,434
//	app.wasm, share API via fetch     18,952,214  4,298,789 4,127,837 3,063,759
//	app.wasm, go-app's server left out 17,660,139  3,944,365 3,790,209 2,812,947
//	+ the engine worker, faster stack/c 17,883,891  3,992,483
//	inlining only in stack/c, libc, runtime 17,714,688 3,525,893
//	gVisor without its stateify code  16,899,488  3,430,403
//
// Inlining off in the runtime too would save another 42 kB of gzip, but
// the handshake's cold compile under node took about twice as long.
//
// Probes (GOOS=js, -s -w, raw / gzip -9): empty main 1.80 / 0.54 MB; go-app
// alone 7.05 / 1.92 (its net/http import alone: +2.9 / +0.8 over empty);
// go-app plus one http.Get 12.2 / 3.14; gVisor's stack 7.50 / 1.94;
// stack/runner 8.85 / 2.23; modernc.org/cc/v4 alone 6.35 / 1.61; stack/c
// (with gVisor) 13.2 / 3.08; stack/runner + stack/c 14.5 / 3.36. Of the
// page's 10.4 MB of code, gVisor is 2.2 MB, cc/v4 2.2, the runtime 1.2,
// netplay/stack 1.1, go-app 0.44, netplay/app 0.45; the data section
// (pclntab, type data, strings, tables) is 7.2 MB raw, 1.6 MB of the gzip.
//
// A change that grows the page past a budget must say why in the commit
// that raises it.
const (
	maxRaw  = 17_500_000
	maxGzip = 3_550_000
)

// goTool returns the go command, or skips when there is none or outside
// the wasm tier (these tests build the page).
func goTool(t *testing.T) string {
	t.Helper()
	tier.Need(t, tier.Wasm)
	p, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool")
	}
	return p
}

// buildSh runs build.sh from the module root.
func buildSh(t *testing.T, goBin string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command("./wasm/playground/build.sh", args...)
	cmd.Dir = "../.."
	cmd.Env = append(os.Environ(), "GO="+goBin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("build.sh %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return out
}

// TestPageDeps keeps big packages the page does not need out of its wasm.
func TestPageDeps(t *testing.T) {
	goBin := goTool(t)
	deps := strings.Fields(string(buildSh(t, goBin, "-deps")))
	have := map[string]bool{}
	for _, d := range deps {
		have[d] = true
	}
	for _, want := range []string{"github.com/maxence-charriere/go-app/v9/pkg/app", "modernc.org/cc/v4", "gvisor.dev/gvisor/pkg/tcpip/stack", "netplay/app/page"} {
		if !have[want] {
			t.Errorf("the page does not link %s: is build.sh building the page?", want)
		}
	}
	for _, d := range deps {
		for b, why := range banned {
			if d == b || strings.HasPrefix(d, b+"/") {
				t.Errorf("the page links %s (%s)", d, why)
			}
		}
	}
	t.Logf("%d packages", len(deps))
}

// TestPageSize builds the page's wasm as make web does and keeps it within
// its budgets.
func TestPageSize(t *testing.T) {
	goBin := goTool(t)
	out := filepath.Join(t.TempDir(), "app.wasm")
	buildSh(t, goBin, out)
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	w.Write(raw)
	w.Close()
	t.Logf("app.wasm: %d bytes raw, %d gzip (Go's level 9)", len(raw), gz.Len())
	if len(raw) > maxRaw {
		t.Errorf("app.wasm is %d bytes raw, budget %d", len(raw), maxRaw)
	}
	if gz.Len() > maxGzip {
		t.Errorf("app.wasm is %d bytes gzip, budget %d", gz.Len(), maxGzip)
	}
}
