package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// asNetplay makes this test binary netplay itself (TestMain), so that the
// exit statuses of a crashed engine are seen from a real process without
// building one.
const asNetplay = "NETPLAY_TEST_AS_NETPLAY"

func TestMain(m *testing.M) {
	if os.Getenv(asNetplay) == "1" {
		main() // os.Args[1:] are netplay's arguments
	}
	os.Exit(m.Run())
}

// netplayCmd runs netplay args as a process (this test binary).
func netplayCmd(t *testing.T, args ...string) *exec.Cmd {
	exe, err := os.Executable()
	if err != nil {
		t.Skipf("no executable to run: %v", err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), asNetplay+"=1")
	return cmd
}

// spinning is a scenario whose program runs until the step budget ends
// it: long enough to kill the engine in the middle.
const spinning = `{"version":1,"hosts":[{"name":"a","program":"int main(void) { for (;;) ; }\n"}]}`

// TestRunExitStatuses: `netplay run` exits 0 when the scenario ran, 2 for
// a bad scenario, 70 when the engine died in a way no recover catches
// (Go answers those with 2 itself), 128+N when the user interrupted it.
func TestRunExitStatuses(t *testing.T) {
	dir := t.TempDir()
	spin := filepath.Join(dir, "spin.json")
	if err := os.WriteFile(spin, []byte(spinning), 0o644); err != nil {
		t.Fatal(err)
	}

	run := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		cmd := netplayCmd(t, args...)
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		return exitCode(err), out.String(), errb.String()
	}
	if code, out, errs := run("run", "testdata/refused.json"); code != exitRan || !strings.Contains(out, "client exited with status 1") || errs != "" {
		t.Errorf("a run: exit %d, stderr %q, stdout %.200q", code, errs, out)
	}
	if code, out, errs := run("run", "testdata/compile-error.json"); code != exitBadScenario || out != "" || !strings.Contains(errs, "a.c:2:") || strings.Contains(errs, "engine") {
		t.Errorf("a compile error: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := run("run", filepath.Join(dir, "missing.json")); code != exitBadScenario || !strings.Contains(errs, "no such file") {
		t.Errorf("a missing scenario: exit %d, stderr %q", code, errs)
	}

	for _, tc := range []struct {
		sig        syscall.Signal
		code       int
		wantStderr string
	}{
		// Go dies of SIGABRT as of its fatal errors: a message, exit 2.
		{syscall.SIGABRT, exitEngine, "the engine failed: SIGABRT: abort"},
		{syscall.SIGKILL, exitEngine, "the engine failed: killed by signal SIGKILL"},
		{syscall.SIGINT, 128 + int(syscall.SIGINT), ""},
	} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			cmd := netplayCmd(t, "run", spin)
			var errb bytes.Buffer
			cmd.Stderr = &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			child := waitChild(t, cmd.Process.Pid)
			waitCaught(t, child, syscall.SIGABRT) // the Go runtime handles signals
			if err := syscall.Kill(child, tc.sig); err != nil {
				t.Fatal(err)
			}
			code := exitCode(cmd.Wait())
			if code != tc.code {
				t.Errorf("engine killed by %v: exit %d, want %d; stderr %q", tc.sig, code, tc.code, errb.String())
			}
			if tc.wantStderr == "" {
				if strings.Contains(errb.String(), "engine failed") {
					t.Errorf("an interrupt is not an engine failure: %q", errb.String())
				}
				return
			}
			if !strings.Contains(errb.String(), tc.wantStderr) || !strings.Contains(errb.String(), "not in the scenario; exit status 70") {
				t.Errorf("stderr %q, want %q", errb.String(), tc.wantStderr)
			}
			if n := strings.Count(errb.String(), "\n"); n > 2 {
				t.Errorf("the crash takes %d lines of stderr, want a short message:\n%s", n, errb.String())
			}
		})
	}
}

// waitChild returns the pid of the child process of parent once it runs
// netplay (it has exec'd).
func waitChild(t *testing.T, parent int) int {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		ents, _ := os.ReadDir("/proc")
		for _, e := range ents {
			pid, err := strconv.Atoi(e.Name())
			if err != nil {
				continue
			}
			stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
			if err != nil {
				continue
			}
			// pid (comm) state ppid …
			rest := stat[bytes.LastIndexByte(stat, ')')+1:]
			f := strings.Fields(string(rest))
			if len(f) < 2 || f[1] != strconv.Itoa(parent) {
				continue
			}
			// Between fork and exec the child is still a copy of its
			// parent (signals blocked); after exec it has childEnv.
			env, _ := os.ReadFile("/proc/" + e.Name() + "/environ")
			if bytes.Contains(env, []byte("\x00"+childEnv+"=")) {
				return pid
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("netplay run (pid %d) started no child within 30 s", parent)
	return 0
}

// waitCaught waits until process pid has a handler for sig (its Go
// runtime has started).
func waitCaught(t *testing.T, pid int, sig syscall.Signal) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
		if err != nil {
			t.Fatalf("process %d: %v", pid, err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if mask, ok := strings.CutPrefix(line, "SigCgt:"); ok {
				m, err := strconv.ParseUint(strings.TrimSpace(mask), 16, 64)
				if err == nil && m&(1<<(sig-1)) != 0 {
					return
				}
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("process %d does not catch %v after 30 s", pid, sig)
}
