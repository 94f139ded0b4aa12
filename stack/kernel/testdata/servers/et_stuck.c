/* An edge-triggered reader that does not drain: it takes 4 bytes of each
   report and waits again. The client's 10 bytes came in one report, so
   the 6 left are never reported: it waits forever (the run ends at its
   time limit), and so does the client, waiting for the rest of its echo. */
#include <stdio.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <netinet/in.h>

int main(void) {
	int l = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(7000)};
	bind(l, (struct sockaddr *)&a, sizeof a);
	listen(l, 1);
	int c = accept(l, NULL, NULL);
	int ep = epoll_create1(0);
	struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.fd = c};
	epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
	for (;;) {
		struct epoll_event e;
		int n = epoll_wait(ep, &e, 1, -1);
		char buf[4];
		int k = recv(c, buf, sizeof buf, 0);
		printf("report %d: read %d bytes\n", n, k);
		fflush(stdout);
		if (k <= 0)
			break;
		send(c, buf, k, 0);
	}
	return 0;
}
