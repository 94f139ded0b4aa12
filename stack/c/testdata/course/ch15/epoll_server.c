/*
 * Chapter 15: an epoll server, level-triggered: epoll_wait reports a
 * socket for as long as it has data, so reading a little each time is
 * fine. It reads 4 bytes at a time on purpose and echoes them.
 *
 *     epoll_server port clients
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int lfd, ep, port, clients, accepted = 0, open = 0, wakeups = 0;
	struct epoll_event ev, events[16];

	if (argc != 3 || str_to_int(argv[1], &port) < 0 || str_to_int(argv[2], &clients) < 0)
		err_quit("usage: epoll_server port clients");
	lfd = tcp_server_listen(NULL, port, LISTENQ);
	if ((ep = epoll_create1(0)) < 0)
		err_sys("epoll_create1");
	ev.events = EPOLLIN;
	ev.data.fd = lfd;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev) < 0)
		err_sys("epoll_ctl");
	while (accepted < clients || open > 0) {
		int i, n = epoll_wait(ep, events, ARRAY_LEN(events), -1);

		if (n < 0)
			err_sys("epoll_wait");
		wakeups++;
		for (i = 0; i < n; i++) {
			int fd = events[i].data.fd;
			char buf[4];
			ssize_t r;

			if (fd == lfd) {
				int c = Accept(lfd, NULL, NULL);

				ev.events = EPOLLIN;
				ev.data.fd = c;
				epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
				accepted++;
				open++;
				continue;
			}
			if ((r = Read(fd, buf, sizeof buf)) == 0) {
				epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
				Close(fd);
				open--;
				continue;
			}
			Writen(fd, buf, r);
		}
	}
	printf("served %d clients in %s wake-ups\n", accepted, wakeups > 2 * accepted ? "many" : "few");
	Close(ep);
	Close(lfd);
	return 0;
}
