//go:build linux

package c

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// TestNoShellAsGlibc: a host has no /bin/sh; the programs of
// testdata/noshell are compared with gcc's static build run in an empty
// root (chroot) as user 1000, where glibc finds no shell either.
func TestNoShellAsGlibc(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("not root: cannot chroot")
	}
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("no gcc")
	}
	files, _ := filepath.Glob("testdata/noshell/*.c")
	if len(files) == 0 {
		t.Fatal("no programs")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			_, events := runScenario(t, []map[string]any{{"name": "a", "file": filepath.Base(file), "program": readFile(t, file)}})
			h := hostRuns(events)["a"]
			first := h.first()
			if first == nil {
				t.Fatalf("the program did not end: exits %+v", h.exits)
			}
			root := t.TempDir()
			bin := filepath.Join(root, "prog")
			if out, err := exec.Command("gcc", "-static", "-O0", "-w", "-o", bin, file).CombinedOutput(); err != nil {
				t.Skipf("no static glibc to build with: %v\n%s", err, out)
			}
			cmd := exec.Command("/prog")
			cmd.SysProcAttr = &syscall.SysProcAttr{Chroot: root, Credential: &syscall.Credential{Uid: 1000, Gid: 1000}}
			cmd.Dir, cmd.Env = "/", []string{}
			var o, e bytes.Buffer
			cmd.Stdout, cmd.Stderr = &o, &e
			status := 0
			if err := cmd.Run(); err != nil {
				ee, ok := err.(*exec.ExitError)
				if !ok {
					t.Fatal(err)
				}
				status = exitStatus(ee)
			}
			if h.stdout != o.String() || h.stderr != e.String() || first.Status != status {
				t.Errorf("netplay: status %d %s\n%s%s\ngcc without a shell: status %d\n%s%s", first.Status, first.Reason, h.stdout, h.stderr, status, o.String(), e.String())
			}
		})
	}
}
