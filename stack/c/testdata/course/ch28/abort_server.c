/*
 * Chapter 28: an abortive close. SO_LINGER with a zero time makes close()
 * throw away what is unsent and send a reset instead of a FIN: the peer's
 * next read fails with ECONNRESET rather than returning 0. The server
 * closes its first client gracefully and its second abortively.
 *
 *     abort_server port
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int lfd, port, i;

	if (argc != 2 || str_to_int(argv[1], &port) < 0)
		err_quit("usage: abort_server port");
	lfd = tcp_server_listen(NULL, port, LISTENQ);
	for (i = 0; i < 2; i++) {
		int fd = Accept(lfd, NULL, NULL);
		struct linger l = {1, 0};
		char buf[64];
		ssize_t n = Read(fd, buf, sizeof buf);

		printf("client %d: %.*s", i + 1, (int)n, buf);
		Writen(fd, "goodbye\n", 8);
		if (i == 1) {
			Setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
			printf("client %d: closing with SO_LINGER 0\n", i + 1);
		}
		Close(fd);
	}
	Close(lfd);
	return 0;
}
