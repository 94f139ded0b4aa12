/*
 * Chapter 9: writev sends a header and a body in one call from two
 * buffers: one system call, and usually one segment, where two write()s
 * would give two.
 *
 *     writev_client host port message...
 */
#include "lib/common.h"

struct header {
	uint32_t seq;
	uint32_t len;
};

int main(int argc, char **argv)
{
	int fd, port, i;

	if (argc < 4 || str_to_int(argv[2], &port) < 0)
		err_quit("usage: writev_client host port message...");
	if ((fd = tcp_client(argv[1], port)) < 0)
		return 1;
	for (i = 3; i < argc; i++) {
		struct header h = {htonl(i - 2), htonl(strlen(argv[i]))};
		struct iovec iov[2] = {{&h, sizeof h}, {argv[i], strlen(argv[i])}};
		ssize_t n = writev(fd, iov, 2);

		if (n < 0)
			err_sys("writev");
		printf("writev %d: %zd bytes (8 of header, %zu of body)\n", i - 2, n, strlen(argv[i]));
	}
	Shutdown(fd, SHUT_WR);
	{
		char ack[64];
		ssize_t n = Readn(fd, ack, 3);
		printf("server acknowledged: %.*s\n", (int)n, ack);
	}
	Close(fd);
	return 0;
}
