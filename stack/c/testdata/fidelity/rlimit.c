/* RLIMIT_NOFILE: descriptors are numbered below its soft limit (1024
   as Linux sets it); socket() fails with EMFILE beyond, dup2 with EBADF,
   fcntl(F_DUPFD) with EINVAL. setrlimit lowers it at once; an
   unprivileged user cannot raise the hard limit. */
#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/socket.h>

/* fill opens sockets until socket() fails and returns the last fd. (How
   many it opened is not printed: the gcc build may inherit descriptors.) */
static int fill(void) {
	int last = -1;
	for (;;) {
		int s = socket(AF_INET, SOCK_DGRAM, 0);
		if (s < 0) {
			printf("sockets up to fd %d, then: %s\n", last, strerror(errno));
			break;
		}
		last = s;
	}
	return last;
}

static void report(const char *what, int r) {
	printf("%s: %d %s\n", what, r, r < 0 ? strerror(errno) : "");
}

int main(void) {
	struct rlimit rl;
	report("getrlimit", getrlimit(RLIMIT_NOFILE, &rl));
	printf("soft limit %lu\n", (unsigned long)rl.rlim_cur);
	int last = fill();
	for (int fd = 3; fd <= last; fd++)
		close(fd);

	rl.rlim_cur = 10;
	report("setrlimit to 10", setrlimit(RLIMIT_NOFILE, &rl));
	last = fill();
	report("dup2 to fd 20", dup2(0, 20));
	report("dup2 to fd 9", dup2(0, 9));
	report("fcntl F_DUPFD 20", fcntl(0, F_DUPFD, 20));
	report("fcntl F_DUPFD 5", fcntl(0, F_DUPFD, 5));
	printf("sysconf %ld getdtablesize %d\n", sysconf(_SC_OPEN_MAX), getdtablesize());
	for (int fd = 3; fd <= last; fd++)
		close(fd);

	struct rlimit bad = rl;
	bad.rlim_cur = bad.rlim_max + 1;
	report("soft above hard", setrlimit(RLIMIT_NOFILE, &bad));
	bad.rlim_cur = bad.rlim_max = rl.rlim_max + 1;
	report("hard raised", setrlimit(RLIMIT_NOFILE, &bad));
	bad.rlim_cur = bad.rlim_max = 2000000;
	report("above nr_open", setrlimit(RLIMIT_NOFILE, &bad));
	rl.rlim_cur = 1024;
	report("back to 1024", setrlimit(RLIMIT_NOFILE, &rl));
	rl.rlim_max = 512;
	rl.rlim_cur = 512;
	report("hard lowered to 512", setrlimit(RLIMIT_NOFILE, &rl));
	rl.rlim_max = 1024;
	report("hard raised again", setrlimit(RLIMIT_NOFILE, &rl));
	fill();
	return 0;
}
