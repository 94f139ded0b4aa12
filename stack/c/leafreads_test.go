package c

import (
	"os"
	"os/exec"
	"runtime"
	"testing"

	"netplay/internal/tier"
)

// TestLeafReadsCorpus runs the differential corpus natively with the leaf
// reads the wasm build uses (leafreads_on.go), so that gcc checks them too.
// It is a nested go test: the wasm tier runs it.
func TestLeafReadsCorpus(t *testing.T) {
	if leafReads || runtime.GOOS == "js" {
		t.Skip("leaf reads already on")
	}
	tier.Need(t, tier.Wasm)
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool")
	}
	cmd := exec.Command(goBin, "test", "-count=1", "-tags", "netplay_leafreads", "-run", "^TestCorpusDifferential$", ".")
	cmd.Env = os.Environ()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("corpus with netplay_leafreads: %v\n%s", err, out)
	}
}
