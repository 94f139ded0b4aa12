package kernel_test

import (
	"os/exec"
	"syscall"
)

// asUser makes cmd run as uid and gid.
func asUser(cmd *exec.Cmd, uid, gid int) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
}
