/*
 * Chapter 5: socketpair gives two connected local sockets at once, no
 * path needed: the way a parent talks with the child it forks.
 *
 *     socketpair n
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int sv[2], n, i, status;
	char buf[64];
	pid_t pid;

	if (argc != 2 || str_to_int(argv[1], &n) < 0)
		err_quit("usage: socketpair n");
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		err_sys("socketpair");
	if ((pid = fork()) == 0) {
		int x, sum = 0;

		Close(sv[0]);
		while (Readn(sv[1], &x, sizeof x) == sizeof x) {
			sum += x * x;
			Writen(sv[1], &sum, sizeof sum);
		}
		exit(0);
	}
	Close(sv[1]);
	for (i = 1; i <= n; i++) {
		int sum;

		Writen(sv[0], &i, sizeof i);
		Readn(sv[0], &sum, sizeof sum);
		printf("sum of squares to %d: %d\n", i, sum);
	}
	Shutdown(sv[0], SHUT_WR);
	waitpid(pid, &status, 0);
	snprintf(buf, sizeof buf, "child exited with %d", WEXITSTATUS(status));
	puts(buf);
	return 0;
}
