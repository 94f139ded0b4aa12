/* RLIMIT_NOFILE raised: a soft limit set up to the hard one numbers
   descriptors up to it (EMFILE at the new limit); lowered again, the
   descriptors above it stay open and usable, and new ones fail; getrlimit
   and sysconf report it. */
#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/socket.h>

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

static void report(const char *what, long r) {
	printf("%s: %ld %s\n", what, r, r < 0 ? strerror(errno) : "");
}

int main(void) {
	struct rlimit rl;
	getrlimit(RLIMIT_NOFILE, &rl);
	printf("soft %lu, hard at least 2500: %d\n", (unsigned long)rl.rlim_cur, rl.rlim_max >= 2500);
	rl.rlim_cur = 2500;
	report("setrlimit soft 2500", setrlimit(RLIMIT_NOFILE, &rl));
	getrlimit(RLIMIT_NOFILE, &rl);
	printf("getrlimit soft %lu, sysconf %ld, getdtablesize %d\n", (unsigned long)rl.rlim_cur, sysconf(_SC_OPEN_MAX), getdtablesize());
	int last = fill();
	rl.rlim_cur = 100;
	report("setrlimit soft 100", setrlimit(RLIMIT_NOFILE, &rl));
	report("socket", socket(AF_INET, SOCK_DGRAM, 0));
	report("dup2 to fd 150", dup2(0, 150));
	int one = 1;
	report("setsockopt on fd 2000, above the limit", setsockopt(2000, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
	report("close fd 2400", close(2400));
	report("socket", socket(AF_INET, SOCK_DGRAM, 0));
	for (int fd = 3; fd <= last; fd++)
		close(fd);
	report("socket after closing all", socket(AF_INET, SOCK_DGRAM, 0));
	rl.rlim_cur = rl.rlim_max + 1;
	report("soft above hard", setrlimit(RLIMIT_NOFILE, &rl));
	return 0;
}
