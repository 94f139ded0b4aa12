package c

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// argsFor gives some corpus programs command-line arguments.
var argsFor = map[string][]string{"argv.c": {"one", "two words", "3"}}

// TestCorpusDifferential compiles each program of testdata/pure with the
// machine's gcc and with netplay, runs both and compares stdout and stderr
// byte for byte, and the exit status. gcc's program runs as netplay's does:
// argv[0] "./name", an empty environment. Natively each program is also
// compiled with the wasm port's operand reads (leaves), so that gcc checks
// them in the fast tier too.
func TestCorpusDifferential(t *testing.T) {
	files, _ := filepath.Glob("testdata/pure/*.c")
	if len(files) == 0 {
		t.Fatal("no corpus")
	}
	gcc, gccErr := exec.LookPath("gcc")
	dir := t.TempDir()
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			variants := map[string]result{"": runC(t, name, string(src), argsFor[name]...)}
			if !leafReads {
				variants[" (leaf reads)"] = runLeaves(t, name, string(src), argsFor[name]...)
			}
			for v, got := range variants {
				if got.fault != "" {
					t.Fatalf("fault%s: %s (stdout %q)", v, got.fault, got.stdout)
				}
			}
			if gccErr != nil {
				t.Skip("no gcc: only checked that it runs")
			}
			bin := filepath.Join(dir, strings.TrimSuffix(name, ".c"))
			build := exec.Command(gcc, "-O0", "-w", "-o", bin, name, "-lm")
			build.Dir = filepath.Dir(file)
			if out, err := build.CombinedOutput(); err != nil {
				t.Fatalf("gcc: %v\n%s", err, out)
			}
			cmd := exec.Command(bin, argsFor[name]...)
			cmd.Args[0] = "./" + strings.TrimSuffix(name, ".c")
			cmd.Env = []string{}
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			status := 0
			if err := cmd.Run(); err != nil {
				ee, ok := err.(*exec.ExitError)
				if !ok {
					t.Fatal(err)
				}
				status = ee.ExitCode()
			}
			for v, got := range variants {
				if got.stdout != stdout.String() {
					t.Errorf("stdout differs%s\nnetplay:\n%s\ngcc:\n%s", v, got.stdout, stdout.String())
				}
				if got.stderr != stderr.String() {
					t.Errorf("stderr differs%s\nnetplay:\n%s\ngcc:\n%s", v, got.stderr, stderr.String())
				}
				if got.status != status {
					t.Errorf("status%s %d, gcc %d", v, got.status, status)
				}
			}
		})
	}
}

// runLeaves is runC compiling with the wasm port's operand reads (leaves).
func runLeaves(t testing.TB, file, src string, args ...string) result {
	leavesForTest = true
	defer func() { leavesForTest = false }()
	return runC(t, file, src, args...)
}
