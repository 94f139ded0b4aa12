/*
 * Chapter 13: the select server again with poll(): an array of pollfd
 * (lib/pollset.c) instead of bit sets, no FD_SETSIZE limit. It asks for
 * POLLRDNORM, which for a socket is POLLIN, and counts the bytes echoed.
 *
 *     poll_server port clients
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int lfd, port, clients, accepted = 0;
	long echoed = 0;
	struct pollset ps;

	if (argc != 3 || str_to_int(argv[1], &port) < 0 || str_to_int(argv[2], &clients) < 0)
		err_quit("usage: poll_server port clients");
	lfd = tcp_server_listen(NULL, port, LISTENQ);
	pollset_init(&ps);
	pollset_add(&ps, lfd, POLLRDNORM);
	while (ps.n > 0) {
		int i, n = Poll(ps.fds, ps.n, -1);

		for (i = ps.n - 1; i >= 0 && n > 0; i--) {
			struct pollfd p = ps.fds[i];

			if (p.revents == 0)
				continue;
			n--;
			if (p.fd == lfd) {
				int fd = Accept(lfd, NULL, NULL);

				printf("client %d connected (revents %s)\n", ++accepted,
				       p.revents & POLLRDNORM ? "POLLRDNORM" : "other");
				pollset_add(&ps, fd, POLLRDNORM);
				if (accepted == clients) {
					pollset_remove(&ps, lfd);
					Close(lfd);
				}
			} else {
				char buf[MAXLINE];
				ssize_t r = Read(p.fd, buf, sizeof buf);

				if (r == 0) {
					pollset_remove(&ps, p.fd);
					Close(p.fd);
					continue;
				}
				echoed += r;
				Writen(p.fd, buf, r);
			}
		}
	}
	printf("echoed %ld bytes\n", echoed);
	pollset_free(&ps);
	return 0;
}
