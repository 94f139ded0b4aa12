package libc

import (
	"netplay/stack/linux/errno"
	"netplay/stack/linux/signal"
)

// NotYet are the functions the headers declare that netplay does not do
// (yet). A program calling one compiles and links, as with gcc; the call
// fails at run time the way Linux fails what it cannot do: a system call
// returns its error value with errno errno.ENOSYS ("Function not implemented"),
// and a library function with no errno to set ends the program with a
// message naming it (the runtime adds the line). Implementing one means
// registering it in Funcs and deleting it here: TestHeaderFunctionsLink
// (stack/c) fails while a name is in both.
var NotYet = map[string]Func{}

// Lookup returns the C library's function called name: its implementation,
// or how it fails (NotYet).
func Lookup(name string) (Func, bool) {
	if f, ok := Funcs[name]; ok {
		if cancelPoints[name] {
			f = cancellable(f)
		}
		return f, true
	}
	f, ok := NotYet[name]
	return f, ok
}

// What calls return with errno.ENOSYS: -1, or a null pointer.
const (
	failNeg1 = iota
	failNull
	failZero // if_nametoindex: 0 is its error value
)

// enosysCalls are system calls (and library functions with errno) netplay
// does not do yet, with the value they fail with.
var enosysCalls = map[string]int{
	// memory mappings, semaphores, asynchronous I/O, timers: the
	// concurrency issue.
	"mmap": failNeg1, "munmap": failNeg1, "mprotect": failNeg1, "msync": failNeg1, "madvise": failNeg1,
	"posix_madvise": failNeg1, "mlock": failNeg1, "munlock": failNeg1, "mlockall": failNeg1, "munlockall": failNeg1,
	"shm_open": failNeg1, "shm_unlink": failNeg1,
	"sem_init": failNeg1, "sem_destroy": failNeg1, "sem_open": failNull, "sem_close": failNeg1, "sem_unlink": failNeg1,
	"sem_wait": failNeg1, "sem_timedwait": failNeg1, "sem_trywait": failNeg1, "sem_post": failNeg1, "sem_getvalue": failNeg1,
	"aio_read": failNeg1, "aio_write": failNeg1, "lio_listio": failNeg1, "aio_error": failNeg1, "aio_return": failNeg1,
	"aio_cancel": failNeg1, "aio_suspend": failNeg1, "aio_fsync": failNeg1,
	"timer_create": failNeg1, "timer_delete": failNeg1, "timer_settime": failNeg1, "timer_gettime": failNeg1,
	"sigqueue": failNeg1, "sigaltstack": failNeg1,
	// The file system and the terminal: issue 12's other parts.
	"fchdir": failNeg1, "get_current_dir_name": failNull,
	"chown": failNeg1, "fchown": failNeg1, "chroot": failNeg1,
	"openat": failNeg1, "fstatat": failNeg1,
	"mkdirat": failNeg1, "mkfifo": failNeg1, "mknod": failNeg1,
	"pread": failNeg1, "pwrite": failNeg1,
	"preadv": failNeg1, "pwritev": failNeg1, "flock": failNeg1, "lockf": failNeg1,
	"futimens": failNeg1, "utimensat": failNeg1, "utimes": failNeg1, "posix_fadvise": failNeg1, "posix_fallocate": failNeg1,
	"mkdtemp": failNull, "realpath": failNull, "tempnam": failNull,
	"freopen": failNull,

	"ttyname":    failNull,
	"sockatmark": failNeg1, "bindresvport": failNeg1, "sbrk": failNull,
	// The host's interfaces are not visible to programs yet.
	"if_nametoindex": failZero, "if_indextoname": failNull, "if_nameindex": failNull,
}

// unsupported are functions that cannot fail with an errno: calling one
// ends the program, naming it and what netplay lacks.
var unsupported = map[string]string{
	"daemon": "a program cannot leave its terminal",

	"mktemp": "no files",
	"setjmp": "", "_setjmp": "", "__sigsetjmp": "", "longjmp": "", "_longjmp": "", "siglongjmp": "",
	"alloca": "", "strptime": "", "if_freenameindex": "",
}

func init() {
	for name, how := range enosysCalls {
		ret := neg1
		switch how {
		case failNull, failZero:
			ret = 0
		}
		NotYet[name] = func(p *Proc, a []uint64) uint64 {
			p.SetErrno(errno.ENOSYS)
			return ret
		}
	}
	for name, what := range unsupported {
		NotYet[name] = unsupportedFunc(name, what)
	}
}

// unsupportedFunc ends the program with a message naming the function and
// why.
func unsupportedFunc(name, why string) Func {
	msg := name + "() is not supported in netplay yet"
	if why != "" {
		msg += ": " + why
	}
	return func(p *Proc, a []uint64) uint64 {
		panic(Fault{Msg: msg, Signal: signal.SIGABRT})
	}
}
