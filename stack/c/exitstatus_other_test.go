//go:build !unix

package c

import "os/exec"

// exitStatus is the status of a program that ended (no gcc runs here).
func exitStatus(ee *exec.ExitError) int { return ee.ExitCode() }
