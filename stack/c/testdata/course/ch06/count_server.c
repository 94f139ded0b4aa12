/*
 * Chapter 6: a server that reads until the client has said all (read
 * returns 0: the client's FIN), then answers with what it counted. It
 * works only because the client closes just its sending half.
 *
 *     count_server port clients
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int lfd, port, clients, i;

	if (argc != 3 || str_to_int(argv[1], &port) < 0 || str_to_int(argv[2], &clients) < 0)
		err_quit("usage: count_server port clients");
	lfd = tcp_server_listen(NULL, port, LISTENQ);
	for (i = 0; i < clients; i++) {
		char buf[BUFFSIZE], reply[128];
		long bytes = 0, lines = 0;
		ssize_t n, k;
		int fd = Accept(lfd, NULL, NULL);

		while ((n = Read(fd, buf, sizeof buf)) > 0) {
			bytes += n;
			for (k = 0; k < n; k++)
				lines += buf[k] == '\n';
		}
		printf("client %d: %ld bytes, %ld lines, then EOF\n", i + 1, bytes, lines);
		snprintf(reply, sizeof reply, "%ld bytes in %ld lines\n", bytes, lines);
		if (write(fd, reply, strlen(reply)) < 0)
			printf("client %d: write: %s\n", i + 1, strerror(errno));
		Close(fd);
	}
	Close(lfd);
	return 0;
}
