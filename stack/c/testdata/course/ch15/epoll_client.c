/*
 * Chapter 15: a client that sends its lines and reads the echo of each
 * whole (readn: the echo comes back in pieces of 4 bytes).
 *
 *     epoll_client host port line...
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int fd, port, i;

	if (argc < 4 || str_to_int(argv[2], &port) < 0)
		err_quit("usage: epoll_client host port line...");
	if ((fd = tcp_client(argv[1], port)) < 0)
		return 1;
	for (i = 3; i < argc; i++) {
		char buf[MAXLINE];
		size_t len = strlen(argv[i]);

		Writen(fd, argv[i], len);
		Readn(fd, buf, len);
		printf("echo: %.*s\n", (int)len, buf);
	}
	Close(fd);
	return 0;
}
