package kernel_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"netplay/stack/kernel"
	"netplay/stack/runner"
	"netplay/stack/trace"
)

// sameAsLinux runs prog (C source of one program that uses no network)
// built with gcc on this machine's kernel, in an empty directory with
// input on its stdin, and in netplay with the same input typed at once
// and then its end; their standard output and exit status must be the
// same. It needs gcc (skipped otherwise). Programs print nothing that
// differs between two Linux machines (inode numbers, times, the
// directory's absolute path).
func sameAsLinux(t *testing.T, name, prog, input string) string {
	t.Helper()
	gcc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("no gcc")
	}
	dir := t.TempDir()
	src, bin := filepath.Join(dir, name+".c"), filepath.Join(dir, name)
	if err := os.WriteFile(src, []byte(prog), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(gcc, "-O0", "-w", "-o", bin, src).CombinedOutput(); err != nil {
		t.Fatalf("gcc: %v\n%s", err, out)
	}
	work := filepath.Join(dir, "work")
	os.Mkdir(work, 0o755)
	cmd := exec.Command(bin)
	cmd.Dir = work
	if os.Geteuid() == 0 {
		// As netplay's programs, an ordinary user in a directory of its own.
		os.Chmod(filepath.Dir(dir), 0o755)
		os.Chmod(dir, 0o755)
		os.Chown(work, kernel.User.Uid, kernel.User.Gid)
		asUser(cmd, kernel.User.Uid, kernel.User.Gid)
	}
	cmd.Stdin = strings.NewReader(input)
	var out bytes.Buffer
	cmd.Stdout = &out
	err = cmd.Run()
	status := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		status = ee.ExitCode()
		if status < 0 {
			status = 128 + int(ee.Sys().(interface{ Signal() os.Signal }).Signal().(interface{ String() string }).String()[0])
		}
	} else if err != nil {
		t.Fatal(err)
	}
	stdin := []string{"0s", "EOF"}
	if input != "" {
		stdin = []string{"0s", input, "0s", "EOF"}
	}
	res, tr := newWorld(t).host("a", "", prog, stdin...).run(runner.Options{})
	got := output(res.Events, "a")
	if got != out.String() {
		t.Errorf("%s: netplay printed\n%s\nLinux printed\n%s\ntrace:\n%s", name, got, out.String(), tr)
	}
	if e := exitOf(t, res.Events, "a"); e.Status != status {
		t.Errorf("%s: exit status %d (%s), Linux %d", name, e.Status, e.Reason, status)
	}
	return tr
}

// localEvents lists the local messages of a trace as "src>dst len read".
func localEvents(evs []trace.Event) []string {
	var out []string
	for _, e := range evs {
		if e.Kind == trace.KindLocal {
			out = append(out, trace.TextLine(&e, trace.TextOptions{}))
		}
	}
	return out
}
