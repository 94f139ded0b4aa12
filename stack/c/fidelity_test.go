package c

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestFidelityAsGlibc runs each program of testdata/fidelity (Linux's
// answers at the edges: RLIMIT_NOFILE, bad user pointers, privileged
// ports, …) on a host of its own and with gcc on this machine as the
// learner runs in netplay: user 1000 without privileges, RLIMIT_NOFILE's
// soft limit 1024, no address randomisation (netplay has none: a run
// repeats). The same output, byte for byte, and status.
func TestFidelityAsGlibc(t *testing.T) {
	files, _ := filepath.Glob("testdata/fidelity/*.c")
	if len(files) == 0 {
		t.Fatal("no programs")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			_, events := runScenario(t, []map[string]any{{"name": "a", "file": filepath.Base(file), "program": readFile(t, file)}})
			h := hostRuns(events)["a"]
			first := h.first()
			if first == nil {
				t.Fatalf("the program did not end: exits %+v", h.exits)
			}
			stdout, stderr, status := gccRunAsLearner(t, file)
			if h.stdout != stdout || h.stderr != stderr || first.Status != status {
				t.Errorf("netplay: status %d %s\n%s%s\ngcc: status %d\n%s%s", first.Status, first.Reason, h.stdout, h.stderr, status, stdout, stderr)
			}
		})
	}
}

// gccRunAsLearner builds file with gcc and runs it as gccRun does, as
// user 1000 (group 1000, no other groups) with RLIMIT_NOFILE's soft
// limit at 1024, Linux's default, and without address randomisation
// (setarch -R: the stack at the top of the address space, where a
// length of (size_t)-1 runs past its end). It skips the test unless it
// runs as root with gcc, prlimit, setpriv and setarch.
func gccRunAsLearner(t *testing.T, file string) (stdout, stderr string, status int) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("not root: cannot run the gcc build as user 1000")
	}
	for _, tool := range []string{"gcc", "stdbuf", "prlimit", "setpriv", "setarch"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("no %s: only checked that it runs", tool)
		}
	}
	dir := t.TempDir()
	for _, d := range []string{filepath.Dir(dir), dir} { // user 1000 reaches the binary
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	run := filepath.Join(dir, "home") // the learner's working directory, theirs
	if err := os.Mkdir(run, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(run, 1000, 1000); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, strings.TrimSuffix(filepath.Base(file), ".c"))
	build := exec.Command("gcc", "-O0", "-w", "-pthread", "-o", bin, filepath.Base(file))
	build.Dir = filepath.Dir(file)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("gcc: %v\n%s", err, out)
	}
	cmd := exec.Command("prlimit", "--nofile=1024:", "setpriv", "--reuid=1000", "--regid=1000", "--clear-groups",
		"setarch", "-R", "stdbuf", "-oL", bin)
	cmd.Dir = run
	cmd.Env = []string{}
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	if err := cmd.Run(); err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatal(err)
		}
		status = exitStatus(ee)
	}
	return o.String(), e.String(), status
}

// TestCompileErrorsAsGcc compiles each program of testdata/gccerrors,
// which gcc refuses, and compares netplay's errors with gcc's
// (-fsyntax-only): the first is gcc's first, and every one is one of
// gcc's ("file:line:col: error: message"; gcc may go on to more).
func TestCompileErrorsAsGcc(t *testing.T) {
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("no gcc")
	}
	files, _ := filepath.Glob("testdata/gccerrors/*.c")
	if len(files) == 0 {
		t.Fatal("no programs")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			name := filepath.Base(file)
			_, err := Compile(name, readFile(t, file))
			if err == nil {
				t.Fatal("netplay compiled it")
			}
			cmd := exec.Command("gcc", "-fsyntax-only", "-fdiagnostics-plain-output", name)
			cmd.Dir = filepath.Dir(file)
			out, _ := cmd.CombinedOutput()
			var gcc []string
			for _, l := range strings.Split(string(out), "\n") {
				if strings.HasPrefix(l, name+":") && strings.Contains(l, ": error: ") {
					gcc = append(gcc, l)
				}
			}
			np := strings.Split(err.Error(), "\n")
			if len(gcc) == 0 || np[0] != gcc[0] {
				t.Fatalf("netplay:\n%s\ngcc:\n%s", err, strings.Join(gcc, "\n"))
			}
			for _, l := range np {
				if !slices.Contains(gcc, l) {
					t.Errorf("netplay's %q is not gcc's:\n%s", l, strings.Join(gcc, "\n"))
				}
			}
		})
	}
}
