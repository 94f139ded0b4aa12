/*
 * Chapter 8: the server of the keyboard clients: it echoes each line back
 * with its number, for a number of clients one after the other.
 *
 *     line_server port clients
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int lfd, port, clients, i;

	if (argc != 3 || str_to_int(argv[1], &port) < 0 || str_to_int(argv[2], &clients) < 0)
		err_quit("usage: line_server port clients");
	lfd = tcp_server_listen(NULL, port, LISTENQ);
	for (i = 1; i <= clients; i++) {
		char line[MAXLINE], out[MAXLINE + 32];
		int fd = Accept(lfd, NULL, NULL), k = 0;
		ssize_t n;

		while ((n = Readline(fd, line, sizeof line)) > 0) {
			int len = snprintf(out, sizeof out, "%d: %.*s", ++k, (int)n, line);
			Writen(fd, out, len);
		}
		printf("client %d sent %d lines\n", i, k);
		Close(fd);
	}
	Close(lfd);
	return 0;
}
