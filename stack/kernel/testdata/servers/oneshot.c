/* An echo server whose clients are one-shot items: after each report it
   answers, then re-arms the client with EPOLL_CTL_MOD; it ends once four
   clients are gone. */
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
	int ep = epoll_create(16);
	struct epoll_event ev = {.events = EPOLLIN, .data.u64 = (uint64_t)l << 32};
	epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev);
	int gone = 0, rearmed = 0;
	while (gone < 4) {
		struct epoll_event e;
		if (epoll_wait(ep, &e, 1, -1) != 1)
			continue;
		int fd = e.data.u64 >> 32;
		if (fd == l) {
			int c = accept(l, NULL, NULL);
			struct epoll_event cev = {.events = EPOLLIN | EPOLLONESHOT, .data.u64 = (uint64_t)c << 32 | 0xabc};
			epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
			printf("accepted fd %d\n", c);
			continue;
		}
		char buf[256];
		int k = recv(fd, buf, sizeof buf, 0);
		if (k <= 0) {
			printf("fd %d closed, tag %#llx\n", fd, (unsigned long long)(e.data.u64 & 0xffffffff));
			close(fd);
			gone++;
			continue;
		}
		send(fd, buf, k, 0);
		struct epoll_event again = {.events = EPOLLIN | EPOLLONESHOT, .data.u64 = e.data.u64};
		if (epoll_ctl(ep, EPOLL_CTL_MOD, fd, &again) == 0)
			rearmed++;
	}
	printf("served %d clients, re-armed %d times\n", gone, rearmed);
	return 0;
}
