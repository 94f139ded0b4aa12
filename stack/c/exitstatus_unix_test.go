//go:build unix

package c

import (
	"os/exec"
	"syscall"
)

// exitStatus is the status a shell reports for a program that ended:
// 128 + the signal that ended it.
func exitStatus(ee *exec.ExitError) int {
	if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return ee.ExitCode()
}
