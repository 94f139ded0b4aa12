package libc

import (
	"strings"

	"netplay/stack/linux/errno"
)

// Processes: fork, waiting for a child, exec (which fails: there is no
// program to run but the host's own), and the ids.

var processFuncs = []named{
	{"fork", func(p *Proc, a []uint64) uint64 { return p.fork() }},
	{"vfork", func(p *Proc, a []uint64) uint64 { return p.fork() }}, // as fork: the parent does not wait
	{"wait", func(p *Proc, a []uint64) uint64 {
		return p.wait4(-1, a[0], 0, 0)
	}},
	{"waitpid", func(p *Proc, a []uint64) uint64 {
		return p.wait4(int(int32(a[0])), a[1], int(int32(a[2])), 0)
	}},
	{"wait3", func(p *Proc, a []uint64) uint64 {
		return p.wait4(-1, a[0], int(int32(a[1])), a[2])
	}},
	{"wait4", func(p *Proc, a []uint64) uint64 {
		return p.wait4(int(int32(a[0])), a[1], int(int32(a[2])), a[3])
	}},
	{"waitid", func(p *Proc, a []uint64) uint64 {
		return p.waitid(int(int32(a[0])), int(int32(a[1])), a[2], int(int32(a[3])))
	}},
	{"getpid", func(p *Proc, a []uint64) uint64 { return uint64(p.pid()) }},
	{"getppid", func(p *Proc, a []uint64) uint64 {
		if p.Kernel == nil {
			return 1
		}
		return uint64(p.Kernel.Getppid())
	}},
	{"getpgrp", func(p *Proc, a []uint64) uint64 {
		pg, _ := p.getpgid(0)
		return uint64(pg)
	}},
	{"getpgid", func(p *Proc, a []uint64) uint64 {
		pg, e := p.getpgid(int(int32(a[0])))
		return p.ret(int64(pg), e)
	}},
	{"getsid", func(p *Proc, a []uint64) uint64 {
		pid := int(int32(a[0]))
		if p.Kernel == nil {
			if pid != 0 && pid != ownPid {
				return p.fail(errno.ESRCH)
			}
			return 1 // the shell's session
		}
		sid, e := p.Kernel.Getsid(pid)
		return p.ret(int64(sid), e)
	}},
	{"setpgid", func(p *Proc, a []uint64) uint64 { return p.setpgid(int(int32(a[0])), int(int32(a[1]))) }},
	{"setpgrp", func(p *Proc, a []uint64) uint64 { return p.setpgid(0, 0) }},
	{"setsid", func(p *Proc, a []uint64) uint64 {
		if p.Kernel == nil {
			return p.fail(errno.EPERM) // it leads its group
		}
		sid, e := p.Kernel.Setsid()
		return p.ret(int64(sid), e)
	}},
	{"execve", func(p *Proc, a []uint64) uint64 {
		return p.fail(p.kernel().Execve(p.Mem.CString(a[0]), p.strings(a[1])))
	}},
	{"execv", func(p *Proc, a []uint64) uint64 {
		return p.fail(p.kernel().Execve(p.Mem.CString(a[0]), p.strings(a[1])))
	}},
	{"execvp", func(p *Proc, a []uint64) uint64 { return p.execvp(p.Mem.CString(a[0]), p.strings(a[1])) }},
	{"execl", func(p *Proc, a []uint64) uint64 {
		return p.fail(p.kernel().Execve(p.Mem.CString(a[0]), p.argList(a[1:])))
	}},
	{"execle", func(p *Proc, a []uint64) uint64 {
		return p.fail(p.kernel().Execve(p.Mem.CString(a[0]), p.argList(a[1:])))
	}},
	{"execlp", func(p *Proc, a []uint64) uint64 { return p.execvp(p.Mem.CString(a[0]), p.argList(a[1:])) }},
	// There is no /bin/sh on a host (nor can the learner make one: /
	// is root's), so system and popen fail as glibc's do when the
	// shell cannot be run: system(NULL) says there is no shell (0),
	// system(cmd) returns the status of a shell that exited with 127
	// (POSIX) with errno ENOENT from the failed spawn; popen checks
	// its mode (EINVAL) and returns NULL with errno ENOMEM, as
	// glibc's spawn_failure sets it.
	{"system", func(p *Proc, a []uint64) uint64 {
		if a[0] == 0 {
			return 0
		}
		p.SetErrno(errno.ENOENT)
		return 127 << 8
	}},
	{"popen", func(p *Proc, a []uint64) uint64 {
		read, write := false, false
		for _, c := range p.Mem.CString(a[1]) {
			switch c {
			case 'r':
				read = true
			case 'w':
				write = true
			case 'e':
			default:
				return p.failNull(errno.EINVAL)
			}
		}
		if read == write {
			return p.failNull(errno.EINVAL)
		}
		return p.failNull(errno.ENOMEM)
	}},
	// pclose of a stream popen did not open is fclose in glibc
	// (__new_pclose); popen never opens one here.
	{"pclose", func(p *Proc, a []uint64) uint64 {
		if !p.closeStream(p.stream(a[0])) {
			return neg1
		}
		return 0
	}},
}

func init() { register(processFuncs) }

// The process's ids: a program run without a system (no kernel) is pid
// 1000, leader of its group, child of the shell (pid 1).

// getpgid is getpgid(2).
func (p *Proc) getpgid(pid int) (int, errno.Errno) {
	if p.Kernel == nil {
		if pid != 0 && pid != ownPid {
			return -1, errno.ESRCH
		}
		return ownPid, 0
	}
	return p.Kernel.Getpgid(pid)
}

// setpgid is setpgid(2).
func (p *Proc) setpgid(pid, pgid int) uint64 {
	if p.Kernel == nil {
		switch {
		case pid < 0 || pgid < 0:
			return p.fail(errno.EINVAL)
		case pid != 0 && pid != ownPid:
			return p.fail(errno.ESRCH)
		case pgid != 0 && pgid != ownPid:
			return p.fail(errno.EPERM)
		}
		return 0
	}
	return p.ret(0, p.Kernel.Setpgid(pid, pgid))
}

// pid is the calling process's id.
func (p *Proc) pid() int {
	if p.Kernel == nil {
		return ownPid
	}
	return p.Kernel.Getpid()
}

// fork is fork(2) with pthread_atfork's handlers around it: prepare (last
// registered first) before, then parent or child (in order). What the
// standard streams hold unwritten is in both processes after, as with
// glibc: a printf without a newline before fork appears twice.
func (p *Proc) fork() uint64 {
	handlers := p.threads.atfork
	for i := len(handlers) - 1; i >= 0; i-- {
		if handlers[i][0] != 0 {
			p.Call(handlers[i][0])
		}
	}
	k := p.kernel()
	var state any
	if p.ForkCheck != nil {
		state = p.ForkCheck(nil)
	}
	pid, inherited, err := k.Fork(state)
	if err != 0 {
		return p.fail(err)
	}
	which := 1 // the parent's handlers
	if pid == 0 {
		if p.ForkCheck != nil && inherited != nil {
			p.ForkCheck(inherited) // the child is in its parent's state
		}
		which = 2
	}
	for _, h := range handlers {
		if h[which] != 0 {
			p.Call(h[which])
		}
	}
	return uint64(pid)
}

// wait4 is wait4(2) and the waits glibc makes of it: the child's status
// written at status (unless NULL), rusage zeroed (netplay counts no CPU
// time).
func (p *Proc) wait4(pid int, status uint64, options int, rusage uint64) uint64 {
	if p.Kernel == nil {
		return p.waitOptions(int32(options)) // a program without a system has no child
	}
	cpid, st, err := p.kernel().Wait4(pid, options)
	if err != 0 {
		return p.fail(err)
	}
	if cpid > 0 && status != 0 {
		p.Mem.S32(status, uint32(st))
	}
	if rusage != 0 {
		p.Mem.Set(rusage, 0, 144)
	}
	return uint64(cpid)
}

// waitid is waitid(2) for the ended children: idtype P_ALL, P_PID or
// P_PGID; options must ask for WEXITED (WSTOPPED, WCONTINUED), and the
// child is told in a siginfo_t at info.
func (p *Proc) waitid(idtype, id int, info uint64, options int) uint64 {
	const wexited, wstopped, wcontinued = 4, 2, 8
	pid := -1
	switch idtype {
	case 0: // P_ALL
	case 1: // P_PID
		pid = id
	case 2: // P_PGID
		pid = -id
		if id == 0 {
			pid = 0
		}
	default:
		return p.fail(errno.EINVAL)
	}
	if options&(wexited|wstopped|wcontinued) == 0 || pid == -1 && idtype == 1 {
		return p.fail(errno.EINVAL)
	}
	if p.Kernel == nil {
		return p.waitOptions(int32(options &^ (wexited | wstopped)))
	}
	wopts := options &^ (wexited | wstopped)
	if options&wstopped != 0 {
		wopts |= 2 // WUNTRACED
	}
	cpid, st, err := p.kernel().Wait4(pid, wopts)
	if err != 0 {
		return p.fail(err)
	}
	if info != 0 {
		p.Mem.Set(info, 0, siginfoSize)
		if cpid > 0 {
			code, status := 1, st>>8&0xff // CLD_EXITED
			switch {
			case st&0xff == 0x7f:
				code, status = 5, st>>8&0xff // CLD_STOPPED
			case st == 0xffff:
				code, status = 6, 18 // CLD_CONTINUED by SIGCONT
			case st&0x7f != 0:
				code, status = 2, st&0x7f // CLD_KILLED
			}
			p.Mem.S32(info, 17) // SIGCHLD
			p.Mem.S32(info+8, uint32(code))
			p.Mem.S32(info+16, uint32(cpid))
			p.Mem.S32(info+20, ownUid)
			p.Mem.S32(info+24, uint32(status))
		}
	}
	return 0
}

// execvp is execvp and execlp: a file without a slash is looked for in
// each folder of PATH (glibc's /bin:/usr/bin when unset), an execve each;
// it fails with EACCES when one of them did, else the last error.
func (p *Proc) execvp(file string, argv []string) uint64 {
	if file == "" {
		return p.fail(errno.ENOENT)
	}
	if strings.Contains(file, "/") {
		return p.fail(p.kernel().Execve(file, argv))
	}
	path := "/bin:/usr/bin"
	if i, list := p.envFind("PATH"); i >= 0 {
		path = strings.TrimPrefix(p.Mem.CString(list[i]), "PATH=")
	}
	err, sawAccess := errno.ENOENT, false
	for _, dir := range strings.Split(path, ":") {
		if dir == "" {
			dir = "."
		}
		err = p.kernel().Execve(dir+"/"+file, argv)
		if err == errno.EACCES {
			sawAccess = true
		}
	}
	if sawAccess {
		err = errno.EACCES
	}
	return p.fail(err)
}

// strings reads a NULL-terminated array of C strings (argv).
func (p *Proc) strings(a uint64) []string {
	var out []string
	for ; a != 0 && p.Mem.L64(a) != 0; a += 8 {
		out = append(out, p.Mem.CString(p.Mem.L64(a)))
	}
	return out
}

// argList reads execl's arguments: C strings up to a NULL.
func (p *Proc) argList(a []uint64) []string {
	var out []string
	for _, s := range a {
		if s == 0 {
			break
		}
		out = append(out, p.Mem.CString(s))
	}
	return out
}

// waitOptions fails a wait of a program without a system: EINVAL for
// options wait does not know, else ECHILD.
func (p *Proc) waitOptions(opt int32) uint64 {
	const known = 1 | 2 | 4 | 8 | 0x01000000 | 0x20000000 | 0x40000000 | -0x80000000
	if opt&^known != 0 {
		return p.fail(errno.EINVAL)
	}
	return p.fail(errno.ECHILD)
}
