/*
 * Chapter 12: one process, many clients: select() says which sockets are
 * readable (the listening socket when a connection waits to be accepted).
 * Each client's line comes back in upper case; the server stops when its
 * clients have come and gone.
 *
 *     select_server port clients
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int lfd, port, clients, accepted = 0, open = 0, maxfd, i;
	int fds[FD_SETSIZE];
	fd_set all;

	if (argc != 3 || str_to_int(argv[1], &port) < 0 || str_to_int(argv[2], &clients) < 0)
		err_quit("usage: select_server port clients");
	lfd = tcp_server_listen(NULL, port, LISTENQ);
	FD_ZERO(&all);
	FD_SET(lfd, &all);
	maxfd = lfd;
	for (i = 0; i < FD_SETSIZE; i++)
		fds[i] = -1;
	while (accepted < clients || open > 0) {
		fd_set rs = all;
		int ready = Select(maxfd + 1, &rs, NULL, NULL, NULL);

		if (FD_ISSET(lfd, &rs)) {
			int fd = Accept(lfd, NULL, NULL);

			accepted++;
			open++;
			fds[fd] = accepted;
			FD_SET(fd, &all);
			maxfd = MAX(maxfd, fd);
			printf("client %d connected (%d ready)\n", accepted, ready);
			if (accepted == clients) {
				FD_CLR(lfd, &all);
				Close(lfd);
			}
			if (--ready == 0)
				continue;
		}
		for (i = 0; i <= maxfd; i++) {
			char buf[MAXLINE];
			ssize_t n;

			if (fds[i] < 0 || !FD_ISSET(i, &rs))
				continue;
			if ((n = Read(i, buf, sizeof buf)) == 0) {
				printf("client %d closed\n", fds[i]);
				FD_CLR(i, &all);
				Close(i);
				fds[i] = -1;
				open--;
				continue;
			}
			buf[n] = 0;
			Writen(i, str_upper(buf), n);
		}
	}
	return 0;
}
