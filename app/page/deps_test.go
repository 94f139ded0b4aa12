//go:build !wasm

package page

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// engineOnly are packages the page's side must not link, with why: the
// engine worker runs scenarios, the page only draws their traces. Keeping
// them out is what lets the page be a binary of its own, without the
// engine's code to download and initialise before the page starts.
var engineOnly = map[string]string{
	"gvisor.dev/gvisor":    "the engine's TCP/IP stack",
	"netplay/stack/runner": "it runs scenarios; the page gets an engineapi.Result",
	"netplay/stack/vnet":   "the engine's world",
	"netplay/stack/vclock": "the engine's virtual clock",
	"netplay/stack/kernel": "the operating system programs call",
	"netplay/stack/sock":   "the engine's sockets",
	"netplay/stack/fs":     "the hosts' file systems",
	"netplay/stack/c":      "the C front end and machine",
	"netplay/stack/libc":   "the C library",
	"modernc.org/cc":       "the C parser",
}

// TestEngineOutOfPage keeps the engine out of the page's side: app/page
// and the engineapi it shares with the engine link none of engineOnly,
// natively or in the browser (as Tailscale's deptest keeps packages out).
func TestEngineOutOfPage(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool")
	}
	roots := []string{"netplay/app/page", "netplay/app/engineapi"}
	for _, env := range [][]string{{"GOOS=linux", "GOARCH=amd64"}, {"GOOS=js", "GOARCH=wasm"}} {
		cmd := exec.Command(goBin, append([]string{"list", "-deps", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}"}, roots...)...)
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list (%s): %v", strings.Join(env, " "), err)
		}
		imports := map[string][]string{}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			f := strings.Fields(line)
			imports[f[0]] = f[1:]
		}
		from := importedFrom(imports, roots)
		for banned, why := range engineOnly {
			var found []string // nearest first
			for _, pkg := range from.order {
				if pkg == banned || strings.HasPrefix(pkg, banned+"/") {
					found = append(found, pkg)
				}
			}
			if len(found) > 0 {
				t.Errorf("%s: the page's side links %s (%s): %s, and %d more",
					strings.Join(env, " "), banned, why, from.chain(found[0]), len(found)-1)
			}
		}
	}
}

// imported is the import graph from some roots, breadth first.
type imported struct {
	order []string          // every package, nearest to the roots first
	by    map[string]string // package → the package that first imports it
}

func importedFrom(imports map[string][]string, roots []string) imported {
	g := imported{by: map[string]string{}}
	for _, r := range roots {
		g.by[r] = ""
		g.order = append(g.order, r)
	}
	for i := 0; i < len(g.order); i++ {
		for _, next := range imports[g.order[i]] {
			if _, seen := g.by[next]; !seen {
				g.by[next] = g.order[i]
				g.order = append(g.order, next)
			}
		}
	}
	return g
}

// chain says how a root comes to import pkg: "a → b → pkg".
func (g imported) chain(pkg string) string {
	chain := []string{pkg}
	for p := g.by[pkg]; p != ""; p = g.by[p] {
		chain = append([]string{p}, chain...)
	}
	return strings.Join(chain, " → ")
}
