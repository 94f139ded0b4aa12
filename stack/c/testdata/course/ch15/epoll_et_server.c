/*
 * Chapter 15: the same server edge-triggered (EPOLLET): epoll_wait
 * reports a socket once per arrival, so the server must read until EAGAIN
 * (its sockets are non-blocking) or it would never hear of the rest.
 *
 *     epoll_et_server port clients
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int lfd, ep, port, clients, accepted = 0, open = 0;
	long bytes = 0;
	struct epoll_event ev, events[16];

	if (argc != 3 || str_to_int(argv[1], &port) < 0 || str_to_int(argv[2], &clients) < 0)
		err_quit("usage: epoll_et_server port clients");
	lfd = tcp_server_listen(NULL, port, LISTENQ);
	ep = epoll_create1(0);
	ev.events = EPOLLIN;
	ev.data.fd = lfd;
	epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
	while (accepted < clients || open > 0) {
		int i, n = epoll_wait(ep, events, ARRAY_LEN(events), -1);

		for (i = 0; i < n; i++) {
			int fd = events[i].data.fd;

			if (fd == lfd) {
				int c = Accept(lfd, NULL, NULL);

				set_nonblock(c);
				ev.events = EPOLLIN | EPOLLET;
				ev.data.fd = c;
				epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
				accepted++;
				open++;
				continue;
			}
			for (;;) {
				char buf[4];
				ssize_t r = read(fd, buf, sizeof buf);

				if (r < 0 && is_would_block(errno))
					break;
				if (r <= 0) {
					Close(fd); /* closing removes it from the epoll set */
					open--;
					break;
				}
				bytes += r;
				Writen(fd, buf, r);
			}
		}
	}
	printf("served %d clients, %ld bytes\n", accepted, bytes);
	Close(ep);
	Close(lfd);
	return 0;
}
