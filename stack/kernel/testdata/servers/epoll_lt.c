/* An echo server of one epoll loop, level-triggered: one short read per
   report (what is left is reported again), a line echoed once it is
   whole; it ends once four clients are gone. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

int main(void) {
	int l = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(7000)};
	if (bind(l, (struct sockaddr *)&a, sizeof a) < 0 || listen(l, 8) < 0) {
		perror("bind");
		return 1;
	}
	int ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = {.events = EPOLLIN, .data.fd = l};
	epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev);
	char peer[64][INET_ADDRSTRLEN];
	char line[64][256];
	int have[64] = {0};
	int gone = 0;
	while (gone < 4) {
		struct epoll_event evs[8];
		int n = epoll_wait(ep, evs, 8, -1);
		if (n < 0) {
			perror("epoll_wait");
			return 1;
		}
		for (int i = 0; i < n; i++) {
			int fd = evs[i].data.fd;
			if (fd == l) {
				struct sockaddr_in from;
				socklen_t len = sizeof from;
				int c = accept(l, (struct sockaddr *)&from, &len);
				inet_ntop(AF_INET, &from.sin_addr, peer[c], sizeof peer[c]);
				printf("accepted %s\n", peer[c]);
				struct epoll_event cev = {.events = EPOLLIN | EPOLLRDHUP, .data.fd = c};
				epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
				continue;
			}
			char buf[8]; /* short: a line takes several reports */
			int k = recv(fd, buf, sizeof buf, 0);
			if (k <= 0) {
				printf("%s closed (events %#x)\n", peer[fd], evs[i].events);
				epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
				close(fd);
				gone++;
				continue;
			}
			memcpy(line[fd] + have[fd], buf, k);
			have[fd] += k;
			if (line[fd][have[fd] - 1] == '\n') {
				send(fd, line[fd], have[fd], 0);
				have[fd] = 0;
			}
		}
	}
	printf("served %d clients\n", gone);
	close(ep);
	close(l);
	return 0;
}
