/*
 * Chapter 5: a local stream socket. The server binds a path, the child
 * process connects to it: the same calls as TCP, with a path for an
 * address and no network in between.
 *
 *     unix_stream path
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	char buf[MAXLINE];
	int lfd, fd, status;
	pid_t pid;
	ssize_t n;

	if (argc != 2)
		err_quit("usage: unix_stream path");
	lfd = unix_listen(argv[1], SOCK_STREAM, LISTENQ);
	if ((pid = fork()) == 0) {
		Close(lfd);
		if ((fd = unix_connect(argv[1], SOCK_STREAM)) < 0)
			err_sys("child: connect %s", argv[1]);
		Writen(fd, "ping over a path\n", 17);
		n = Readline(fd, buf, sizeof buf);
		printf("child got: %.*s", (int)n, buf);
		Close(fd);
		exit(0);
	}
	fd = Accept(lfd, NULL, NULL);
	n = Readline(fd, buf, sizeof buf);
	printf("parent got: %.*s", (int)n, buf);
	Writen(fd, "pong\n", 5);
	n = Read(fd, buf, sizeof buf);
	printf("parent: read after the child closed returns %zd\n", n);
	Close(fd);
	waitpid(pid, &status, 0);
	printf("child exited with %d\n", WEXITSTATUS(status));
	Close(lfd);
	unlink(argv[1]);
	return 0;
}
