//go:build !linux

package kernel_test

import "os/exec"

// asUser is Linux's only: elsewhere there is no gcc to compare with.
func asUser(cmd *exec.Cmd, uid, gid int) {}
