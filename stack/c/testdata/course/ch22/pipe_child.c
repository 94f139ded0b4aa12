/*
 * Chapter 22: a pipe between a parent and its child: the child writes
 * lines and exits; the parent reads until EOF, which comes only once
 * every write end is closed (the parent closes its own copy first).
 * Writing to a pipe nobody reads: EPIPE (SIGPIPE ignored).
 *
 *     pipe_child lines
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int fds[2], n, i, status, lines = 0;
	char buf[BUFFSIZE];
	ssize_t r;
	pid_t pid;

	if (argc != 2 || str_to_int(argv[1], &n) < 0)
		err_quit("usage: pipe_child lines");
	Pipe(fds);
	if ((pid = fork()) == 0) {
		Close(fds[0]);
		for (i = 1; i <= n; i++) {
			int len = snprintf(buf, sizeof buf, "line %d from the child\n", i);
			Writen(fds[1], buf, len);
		}
		exit(0);
	}
	Close(fds[1]);
	while ((r = Read(fds[0], buf, sizeof buf)) > 0)
		for (i = 0; i < r; i++)
			lines += buf[i] == '\n';
	waitpid(pid, &status, 0);
	printf("%d lines, then EOF; the child exited with %d\n", lines, WEXITSTATUS(status));
	Close(fds[0]);

	Pipe(fds);
	Close(fds[0]);
	ignore_sigpipe();
	if (write(fds[1], "x", 1) < 0)
		printf("write with no reader: %s\n", strerror(errno));
	Close(fds[1]);
	return 0;
}
