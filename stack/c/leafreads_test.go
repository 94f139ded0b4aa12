package c

import (
	"os"
	"os/exec"
	"runtime"
	"testing"
)

// TestLeafReadsCorpus runs the differential corpus natively with the leaf
// reads the wasm build uses (leafreads_on.go), so that gcc checks them too.
func TestLeafReadsCorpus(t *testing.T) {
	if leafReads || runtime.GOOS == "js" || testing.Short() {
		t.Skip("leaf reads already on, or -short")
	}
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
