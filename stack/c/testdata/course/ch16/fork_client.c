/*
 * Chapter 16: a client that forks: the child sends the lines (in one
 * write), the parent reads the echoes. Both hold the socket; the child's
 * shutdown, not its exit, tells the server it is done (the parent's
 * descriptor keeps the connection open).
 *
 *     fork_client host port line...
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int fd, port, i, status;
	char buf[MAXLINE];
	pid_t pid;
	ssize_t n;

	if (argc < 4 || str_to_int(argv[2], &port) < 0)
		err_quit("usage: fork_client host port line...");
	if ((fd = tcp_client(argv[1], port)) < 0)
		return 1;
	if ((pid = fork()) == 0) {
		struct buffer out;

		buffer_init(&out);
		for (i = 3; i < argc; i++)
			buffer_printf(&out, "%s\n", argv[i]);
		Writen(fd, out.data, out.len); /* all lines in one write */
		Shutdown(fd, SHUT_WR);
		exit(0);
	}
	while ((n = Readline(fd, buf, sizeof buf)) > 0)
		printf("echo: %s", buf);
	waitpid(pid, &status, 0);
	printf("the writer exited with %d\n", WEXITSTATUS(status));
	Close(fd);
	return 0;
}
