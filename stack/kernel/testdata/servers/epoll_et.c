#define _GNU_SOURCE
/* An echo server of one epoll loop, edge-triggered: non-blocking sockets,
   each report read until EAGAIN (a reader that stops early is not told
   again); it ends once four clients are gone. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

int main(void) {
	int l = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	int one = 1;
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(7000)};
	if (bind(l, (struct sockaddr *)&a, sizeof a) < 0 || listen(l, 8) < 0) {
		perror("bind");
		return 1;
	}
	int ep = epoll_create1(0);
	struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.fd = l};
	epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev);
	char peer[64][INET_ADDRSTRLEN];
	int gone = 0;
	while (gone < 4) {
		struct epoll_event evs[8];
		int n = epoll_wait(ep, evs, 8, -1);
		for (int i = 0; i < n; i++) {
			int fd = evs[i].data.fd;
			if (fd == l) {
				for (;;) { /* every connection waiting */
					struct sockaddr_in from;
					socklen_t len = sizeof from;
					int c = accept4(l, (struct sockaddr *)&from, &len, SOCK_NONBLOCK);
					if (c < 0)
						break;
					inet_ntop(AF_INET, &from.sin_addr, peer[c], sizeof peer[c]);
					printf("accepted %s\n", peer[c]);
					struct epoll_event cev = {.events = EPOLLIN | EPOLLRDHUP | EPOLLET, .data.fd = c};
					epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
				}
				continue;
			}
			char buf[256];
			int total = 0, k;
			while ((k = recv(fd, buf + total, 8, 0)) > 0) /* 8 at a time, until EAGAIN */
				total += k;
			if (total > 0)
				send(fd, buf, total, 0);
			if (k == 0 || (k < 0 && errno != EAGAIN)) {
				printf("%s closed after %d bytes (events %#x)\n", peer[fd], total, evs[i].events);
				close(fd); /* its last descriptor: it leaves the set */
				gone++;
			} else {
				printf("%s: %d bytes\n", peer[fd], total);
			}
		}
	}
	printf("served %d clients\n", gone);
	return 0;
}
