package c

import (
	"strings"
	"testing"
)

// The process as netplay's Linux describes it: what a machine's gcc
// cannot show (its own limits, CPUs and pid differ), checked against the
// values stack/libc documents.
func TestProcessDescription(t *testing.T) {
	r := runC(t, "sys.c", `#include <stdio.h>
#include <unistd.h>
#include <syslog.h>
#include <sys/resource.h>
#include <sys/utsname.h>
int main(void) {
	struct rlimit rl;
	getrlimit(RLIMIT_NOFILE, &rl);
	printf("open_max %ld nofile %lu %lu\n", sysconf(_SC_OPEN_MAX), rl.rlim_cur, rl.rlim_max);
	printf("cpus %ld page %ld clk %ld bad %ld\n", sysconf(_SC_NPROCESSORS_ONLN), sysconf(_SC_PAGESIZE), sysconf(_SC_CLK_TCK), sysconf(12345));
	rl.rlim_cur = 64;
	printf("setrlimit %d ", setrlimit(RLIMIT_NOFILE, &rl));
	printf("open_max %ld dtablesize %d\n", sysconf(_SC_OPEN_MAX), getdtablesize());
	rl.rlim_max = rl.rlim_max * 2;
	printf("raise hard limit %d\n", setrlimit(RLIMIT_NOFILE, &rl));
	struct utsname u;
	uname(&u);
	printf("%s %s %s\n", u.sysname, u.nodename, u.machine);
	printf("pid %d ppid %d uid %d pgrp %d setsid %d\n", getpid(), getppid(), getuid(), getpgrp(), setsid());
	openlog("d", LOG_PID | LOG_PERROR, LOG_DAEMON);
	syslog(LOG_ERR, "up");
	return 0;
}`)
	want := "open_max 1024 nofile 1024 524288\ncpus 1 page 4096 clk 100 bad -1\nsetrlimit 0 open_max 64 dtablesize 64\nraise hard limit -1\nLinux test x86_64\npid 1000 ppid 1 uid 1000 pgrp 1000 setsid -1\n"
	if r.stdout != want || r.stderr != "d[1000]: up\n" {
		t.Errorf("got\n%s%s\nwant\n%s", r.stdout, r.stderr, want)
	}
}

// A declared function netplay does not do yet fails at run time as Linux
// fails what it cannot do: ENOSYS from a system call, or a message naming
// the function and the line; the program compiles and runs up to it.
func TestNotYetFailsAtRunTime(t *testing.T) {
	r := runC(t, "fifo.c", `#include <stdio.h>
#include <sys/stat.h>
int main(void) {
	int r = mkfifo("f", 0644);
	if (r < 0)
		perror("mkfifo");
	printf("r %d\n", r);
	return 0;
}`)
	if r.stdout != "r -1\n" || r.stderr != "mkfifo: Function not implemented\n" || r.fault != "" {
		t.Errorf("mkfifo: %+v", r)
	}
	r = runC(t, "d.c", `#include <stdio.h>
#include <unistd.h>
int main(void) {
	printf("before\n");
	daemon(0, 0);
	printf("after\n");
	return 0;
}`)
	if r.stdout != "before\n" || r.status != 134 || !strings.HasPrefix(r.fault, "daemon() is not supported in netplay yet: a program cannot leave its terminal at d.c:5") {
		t.Errorf("daemon: %+v", r)
	}
	r = runC(t, "sj.c", `#include <setjmp.h>
static jmp_buf env;
int main(void) {
	if (setjmp(env) == 0)
		longjmp(env, 1);
	return 0;
}`)
	if r.status != 134 || !strings.HasPrefix(r.fault, "setjmp() is not supported in netplay yet at sj.c:4") {
		t.Errorf("setjmp: %+v", r)
	}
}
