package libc

import (
	"strings"
	"time"

	"netplay/stack/kernel"
	"netplay/stack/linux/errno"
)

// The process as Linux describes it to itself: identity, limits,
// configuration (sysconf), scheduling, the environment, on a one-CPU
// machine. Programs run as user 1000; a host's first program is pid 1000
// (its processes and threads: process.go), started by a shell (pid 1).
const (
	ownPid   = 1000 // a program that runs without a system (no kernel) is this pid
	ownUid   = 1000
	ownGid   = 1000
	pageSize = 4096
	numCPUs  = 1
	physMem  = 1 << 30 // what sysconf tells of the host's memory
)

// Resource limits: Linux's defaults for a user process (Debian 12).
const (
	rlimCPU, rlimFsize, rlimData, rlimStack, rlimCore, rlimRSS, rlimNproc, rlimNofile = 0, 1, 2, 3, 4, 5, 6, 7
	rlimNLimits                                                                       = 16
	rlimInfinity                                                                      = ^uint64(0)
)

type rlimit struct{ cur, max uint64 }

var defaultRlimits = [rlimNLimits]rlimit{
	rlimCPU: {rlimInfinity, rlimInfinity}, rlimFsize: {rlimInfinity, rlimInfinity},
	rlimData: {rlimInfinity, rlimInfinity}, rlimStack: {8 << 20, rlimInfinity}, rlimCore: {0, rlimInfinity},
	rlimRSS: {rlimInfinity, rlimInfinity}, rlimNproc: {15422, 15422}, rlimNofile: {1024, 524288},
	8: {8 << 20, 8 << 20}, 9: {rlimInfinity, rlimInfinity}, 10: {rlimInfinity, rlimInfinity},
	11: {15422, 15422}, 12: {819200, 819200}, 13: {0, 0}, 14: {0, 0}, 15: {rlimInfinity, rlimInfinity},
}

// sysconfValue is sysconf(name); ok false for a name Linux does not know.
func (p *Proc) sysconfValue(name int) (v int64, ok bool) {
	switch name {
	case 0: // _SC_ARG_MAX: a quarter of the stack limit
		return 2097152, true
	case 1: // _SC_CHILD_MAX
		return int64(p.rlimits[rlimNproc].cur), true
	case 2: // _SC_CLK_TCK
		return 100, true
	case 3: // _SC_NGROUPS_MAX
		return 65536, true
	case 4: // _SC_OPEN_MAX
		return int64(p.rlimits[rlimNofile].cur), true
	case 5: // _SC_STREAM_MAX
		return 16, true
	case 6: // _SC_TZNAME_MAX: no limit
		return -1, true
	case 7, 8: // _SC_JOB_CONTROL, _SC_SAVED_IDS
		return 1, true
	case 29, 67, 68, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 46, 77, 78, 79, 80, 81, 82,
		133, 137, 149, 153, 154, 159, 235, 236: // _SC_VERSION, _SC_THREADS and the other POSIX options
		return 200809, true
	case 30: // _SC_PAGESIZE
		return pageSize, true
	case 31: // _SC_RTSIG_MAX
		return 32, true
	case 33: // _SC_SEM_VALUE_MAX
		return 2147483647, true
	case 34: // _SC_SIGQUEUE_MAX
		return int64(p.rlimits[11].cur), true
	case 43: // _SC_LINE_MAX
		return 2048, true
	case 60: // _SC_IOV_MAX
		return 1024, true
	case 69, 70: // _SC_GETGR_R_SIZE_MAX, _SC_GETPW_R_SIZE_MAX
		return 1024, true
	case 71: // _SC_LOGIN_NAME_MAX
		return 256, true
	case 72: // _SC_TTY_NAME_MAX
		return 32, true
	case 73: // _SC_THREAD_DESTRUCTOR_ITERATIONS
		return 4, true
	case 74: // _SC_THREAD_KEYS_MAX
		return 1024, true
	case 75: // _SC_THREAD_STACK_MIN
		return 16384, true
	case 83, 84: // _SC_NPROCESSORS_CONF, _SC_NPROCESSORS_ONLN
		return numCPUs, true
	case 85, 86: // _SC_PHYS_PAGES, _SC_AVPHYS_PAGES
		return physMem / pageSize, true
	case 87: // _SC_ATEXIT_MAX
		return 2147483647, true
	case 89: // _SC_XOPEN_VERSION
		return 700, true
	case 109: // _SC_NZERO
		return 20, true
	case 173: // _SC_SYMLOOP_MAX: no limit
		return -1, true
	case 180: // _SC_HOST_NAME_MAX
		return 64, true
	case 249: // _SC_MINSIGSTKSZ
		return 1776, true
	case 250: // _SC_SIGSTKSZ
		return 8192, true
	}
	if name >= 0 && name <= 250 {
		return -1, true // an option this system does not have
	}
	return 0, false
}

// pathconfValue is pathconf's answer for any file (the limits of Linux's
// file systems).
func pathconfValue(name int) (int64, bool) {
	switch name {
	case 0: // _PC_LINK_MAX
		return 65000, true
	case 1, 2: // _PC_MAX_CANON, _PC_MAX_INPUT
		return 255, true
	case 3: // _PC_NAME_MAX
		return 255, true
	case 4: // _PC_PATH_MAX
		return 4096, true
	case 5: // _PC_PIPE_BUF
		return 4096, true
	case 6, 7: // _PC_CHOWN_RESTRICTED, _PC_NO_TRUNC
		return 1, true
	case 8: // _PC_VDISABLE
		return 0, true
	}
	return 0, false
}

var unixFuncs = []named{
	{"sysconf", func(p *Proc, a []uint64) uint64 {
		v, ok := p.sysconfValue(int(int32(a[0])))
		if !ok {
			return p.fail(errno.EINVAL)
		}
		return uint64(v)
	}},
	{"pathconf", func(p *Proc, a []uint64) uint64 {
		v, ok := pathconfValue(int(int32(a[1])))
		if !ok {
			return p.fail(errno.EINVAL)
		}
		return uint64(v)
	}},
	{"fpathconf", func(p *Proc, a []uint64) uint64 {
		v, ok := pathconfValue(int(int32(a[1])))
		if !ok {
			return p.fail(errno.EINVAL)
		}
		return uint64(v)
	}},
	{"getpagesize", func(p *Proc, a []uint64) uint64 { return pageSize }},
	{"getdtablesize", func(p *Proc, a []uint64) uint64 { return p.rlimits[rlimNofile].cur }},
	{"uname", func(p *Proc, a []uint64) uint64 {
		const n = 65
		p.Mem.Set(a[0], 0, 6*n)
		for i, s := range []string{"Linux", p.Sys.HostName(), "6.1.0-netplay", "#1 SMP PREEMPT_DYNAMIC netplay", "x86_64", "(none)"} {
			p.Mem.PutCString(a[0]+uint64(i*n), truncate(s, n-1))
		}
		return 0
	}},
	{"getdomainname", func(p *Proc, a []uint64) uint64 {
		if a[1] < 7 {
			return p.fail(errno.EINVAL)
		}
		p.Mem.PutCString(a[0], "(none)")
		return 0
	}},
	{"sethostname", func(p *Proc, a []uint64) uint64 { return p.fail(errno.EPERM) }},
	// gethostid without /etc/hostid: the host's IPv4 address with its
	// halves swapped, as glibc computes it.
	{"gethostid", func(p *Proc, a []uint64) uint64 {
		for _, ad := range p.Sys.LookupHost(p.Sys.HostName()) {
			if ad.Is4() {
				b := ad.As4()
				v := uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
				return uint64(int64(int32(v<<16 | v>>16)))
			}
		}
		return 0
	}},
	{"getlogin", func(p *Proc, a []uint64) uint64 { p.SetErrno(errno.ENOTTY); return 0 }},
	{"getlogin_r", func(p *Proc, a []uint64) uint64 {
		return uint64(errno.ENOTTY) // no controlling terminal to find the user by
	}},
	{"geteuid", func(p *Proc, a []uint64) uint64 { return ownUid }},
	{"getgid", func(p *Proc, a []uint64) uint64 { return ownGid }},
	{"getegid", func(p *Proc, a []uint64) uint64 { return ownGid }},
	{"getgroups", func(p *Proc, a []uint64) uint64 {
		n := int32(a[0])
		if n == 0 {
			return 1
		}
		if n < 1 {
			return p.fail(errno.EINVAL)
		}
		p.Mem.S32(a[1], ownGid)
		return 1
	}},
	{"setuid", setID(ownUid)},
	{"seteuid", setID(ownUid)},
	{"setgid", setID(ownGid)},
	{"setegid", setID(ownGid)},
	{"nice", func(p *Proc, a []uint64) uint64 {
		n := p.nice + int(int32(a[0]))
		if n < p.nice {
			return p.fail(errno.EPERM) // only root lowers its niceness
		}
		p.nice = min(n, 19)
		return uint64(int64(p.nice))
	}},
	{"getpriority", func(p *Proc, a []uint64) uint64 {
		if e := p.ownTarget(int32(a[0]), int32(a[1])); e != 0 {
			return p.fail(e)
		}
		return uint64(int64(p.nice))
	}},
	{"setpriority", func(p *Proc, a []uint64) uint64 {
		if e := p.ownTarget(int32(a[0]), int32(a[1])); e != 0 {
			return p.fail(e)
		}
		n := min(max(int(int32(a[2])), -20), 19)
		if n < p.nice {
			return p.fail(errno.EACCES)
		}
		p.nice = n
		return 0
	}},
	{"getrlimit", func(p *Proc, a []uint64) uint64 {
		r := int32(a[0])
		if r < 0 || r >= rlimNLimits {
			return p.fail(errno.EINVAL)
		}
		p.Mem.S64(a[1], p.rlimits[r].cur)
		p.Mem.S64(a[1]+8, p.rlimits[r].max)
		return 0
	}},
	// setrlimit records the limits; of them netplay enforces
	// RLIMIT_NOFILE (in the kernel's descriptor table). The learner
	// has no CAP_SYS_RESOURCE: a hard limit can only be lowered.
	{"setrlimit", func(p *Proc, a []uint64) uint64 {
		r := int32(a[0])
		if r < 0 || r >= rlimNLimits {
			return p.fail(errno.EINVAL)
		}
		nl := rlimit{p.Mem.L64(a[1]), p.Mem.L64(a[1] + 8)}
		switch {
		case nl.cur > nl.max:
			return p.fail(errno.EINVAL)
		case r == rlimNofile && nl.max > kernel.NrOpen:
			return p.fail(errno.EPERM)
		case nl.max > p.rlimits[r].max:
			return p.fail(errno.EPERM)
		}
		p.rlimits[r] = nl
		if r == rlimNofile && p.Kernel != nil {
			p.kernel().SetFileLimit(nl.cur)
		}
		return 0
	}},
	// CPU time is the time the program has run on the virtual clock,
	// as clock() gives it.
	{"getrusage", func(p *Proc, a []uint64) uint64 {
		who := int32(a[0])
		if who != 0 && who != -1 && who != 1 {
			return p.fail(errno.EINVAL)
		}
		p.Mem.Set(a[1], 0, 144)
		if who != -1 {
			d := p.Sys.Clock() - p.started
			p.Mem.S64(a[1], uint64(d/time.Second))
			p.Mem.S64(a[1]+8, uint64(d%time.Second/time.Microsecond))
		}
		return 0
	}},
	{"sync", func(p *Proc, a []uint64) uint64 { return 0 }},
	{"sched_yield", func(p *Proc, a []uint64) uint64 { p.chargeCall(); return 0 }},
	{"sched_get_priority_max", func(p *Proc, a []uint64) uint64 {
		switch int32(a[0]) {
		case 1, 2: // SCHED_FIFO, SCHED_RR
			return 99
		case 0, 3, 5:
			return 0
		}
		return p.fail(errno.EINVAL)
	}},
	{"sched_get_priority_min", func(p *Proc, a []uint64) uint64 {
		switch int32(a[0]) {
		case 1, 2:
			return 1
		case 0, 3, 5:
			return 0
		}
		return p.fail(errno.EINVAL)
	}},
	{"sched_getscheduler", func(p *Proc, a []uint64) uint64 {
		if e := p.pidArg(int32(a[0])); e != 0 {
			return p.fail(e)
		}
		return 0 // SCHED_OTHER
	}},
	{"sched_setscheduler", func(p *Proc, a []uint64) uint64 {
		if e := p.pidArg(int32(a[0])); e != 0 {
			return p.fail(e)
		}
		prio := int32(p.Mem.L32(a[2]))
		switch int32(a[1]) {
		case 0, 3, 5:
			if prio != 0 {
				return p.fail(errno.EINVAL)
			}
			return 0
		case 1, 2:
			return p.fail(errno.EPERM) // real-time scheduling needs privilege
		}
		return p.fail(errno.EINVAL)
	}},
	{"sched_getparam", func(p *Proc, a []uint64) uint64 {
		if e := p.pidArg(int32(a[0])); e != 0 {
			return p.fail(e)
		}
		p.Mem.S32(a[1], 0)
		return 0
	}},
	{"sched_setparam", func(p *Proc, a []uint64) uint64 {
		if e := p.pidArg(int32(a[0])); e != 0 {
			return p.fail(e)
		}
		if p.Mem.L32(a[1]) != 0 {
			return p.fail(errno.EINVAL)
		}
		return 0
	}},
	{"sched_getcpu", func(p *Proc, a []uint64) uint64 { return 0 }},
	{"sched_getaffinity", func(p *Proc, a []uint64) uint64 {
		if e := p.pidArg(int32(a[0])); e != 0 {
			return p.fail(e)
		}
		if a[1] < 8 {
			return p.fail(errno.EINVAL)
		}
		p.Mem.Set(a[2], 0, a[1])
		p.Mem.S8(a[2], 1) // CPU 0
		return 0
	}},
	{"sched_setaffinity", func(p *Proc, a []uint64) uint64 {
		if e := p.pidArg(int32(a[0])); e != 0 {
			return p.fail(e)
		}
		if a[1] == 0 || p.Mem.L8(a[2])&1 == 0 {
			return p.fail(errno.EINVAL) // no CPU of the machine in the set
		}
		return 0
	}},
	{"getenv", func(p *Proc, a []uint64) uint64 {
		name := p.Mem.CString(a[0])
		if name == "" || strings.Contains(name, "=") {
			return 0
		}
		for e := p.Mem.L64(p.varAddr("environ")); e != 0; e += 8 {
			s := p.Mem.L64(e)
			if s == 0 {
				break
			}
			if kv := p.Mem.CString(s); strings.HasPrefix(kv, name+"=") {
				return s + uint64(len(name)) + 1
			}
		}
		return 0
	}},
	{"setenv", func(p *Proc, a []uint64) uint64 {
		name := p.Mem.CString(a[0])
		if a[0] == 0 || name == "" || strings.Contains(name, "=") {
			return p.fail(errno.EINVAL)
		}
		if i, _ := p.envFind(name); i >= 0 && a[2] == 0 {
			return 0
		}
		kv := name + "=" + p.Mem.CString(a[1])
		s := p.malloc(uint64(len(kv)) + 1)
		if s == 0 {
			return neg1
		}
		p.Mem.PutCString(s, kv)
		p.envPut(name, s)
		return 0
	}},
	{"putenv", func(p *Proc, a []uint64) uint64 {
		kv := p.Mem.CString(a[0])
		name, _, ok := strings.Cut(kv, "=")
		if !ok {
			p.envDelete(kv) // glibc: "NAME" alone removes NAME
			return 0
		}
		p.envPut(name, a[0]) // the program's own string becomes part of the environment
		return 0
	}},
	{"unsetenv", func(p *Proc, a []uint64) uint64 {
		name := p.Mem.CString(a[0])
		if a[0] == 0 || name == "" || strings.Contains(name, "=") {
			return p.fail(errno.EINVAL)
		}
		p.envDelete(name)
		return 0
	}},
	{"setlocale", func(p *Proc, a []uint64) uint64 {
		if int32(a[0]) < 0 || int32(a[0]) > 12 {
			return p.fail(errno.EINVAL)
		}
		if a[1] != 0 {
			switch p.Mem.CString(a[1]) {
			case "", "C", "POSIX":
			default:
				return 0 // only the C locale is installed
			}
		}
		s := p.static("locale", 2)
		p.Mem.PutCString(s, "C")
		return s
	}},
	{"localeconv", func(p *Proc, a []uint64) uint64 {
		lc := p.static("lconv", 96)
		dot, empty := p.static("lconv.", 2), p.static("lconv0", 1)
		p.Mem.PutCString(dot, ".")
		p.Mem.S64(lc, dot)
		for i := uint64(1); i < 10; i++ {
			p.Mem.S64(lc+8*i, empty)
		}
		p.Mem.Set(lc+80, 127, 14) // CHAR_MAX: not available in this locale
		return lc
	}},
}

func init() { register(unixFuncs) }

// setID changes a user or group id: only to the one the process has.
func setID(own uint32) Func {
	return func(p *Proc, a []uint64) uint64 {
		if uint32(a[0]) != own {
			return p.fail(errno.EPERM)
		}
		return 0
	}
}

// pidArg checks a pid argument of the sched_ calls: 0 or a process of the
// host (ESRCH otherwise).
func (p *Proc) pidArg(pid int32) errno.Errno {
	if pid == 0 || p.Kernel == nil && pid == ownPid {
		return 0
	}
	if pid < 0 {
		return errno.EINVAL
	}
	if p.Kernel != nil {
		if _, e := p.Kernel.Getpgid(int(pid)); e == 0 {
			return 0
		}
	}
	return errno.ESRCH
}

// ownTarget checks getpriority's which/who: a process or group of the
// host, or its user.
func (p *Proc) ownTarget(which, who int32) errno.Errno {
	switch which {
	case 0, 1: // PRIO_PROCESS, PRIO_PGRP
		if e := p.pidArg(who); e != 0 {
			return errno.ESRCH
		}
	case 2: // PRIO_USER
		if who != 0 && who != ownUid {
			return errno.ESRCH
		}
	default:
		return errno.EINVAL
	}
	return 0
}

// envFind returns the index in environ of name's entry (-1 if none) and
// the array.
func (p *Proc) envFind(name string) (int, []uint64) {
	var list []uint64
	at := -1
	for e := p.Mem.L64(p.varAddr("environ")); e != 0; e += 8 {
		s := p.Mem.L64(e)
		if s == 0 {
			break
		}
		if at < 0 && strings.HasPrefix(p.Mem.CString(s), name+"=") {
			at = len(list)
		}
		list = append(list, s)
	}
	return at, list
}

// envPut makes s ("NAME=value") name's entry, in a new environ array.
func (p *Proc) envPut(name string, s uint64) {
	i, list := p.envFind(name)
	if i >= 0 {
		list[i] = s
	} else {
		list = append(list, s)
	}
	p.envSet(list)
}

func (p *Proc) envDelete(name string) {
	i, list := p.envFind(name)
	if i < 0 {
		return
	}
	p.envSet(append(list[:i], list[i+1:]...))
}

func (p *Proc) envSet(list []uint64) {
	arr := p.malloc(uint64(8 * (len(list) + 1)))
	if arr == 0 {
		return
	}
	for i, s := range list {
		p.Mem.S64(arr+uint64(8*i), s)
	}
	p.Mem.S64(arr+uint64(8*len(list)), 0)
	p.Mem.S64(p.varAddr("environ"), arr)
}
