#define _GNU_SOURCE
/* An echo server of one poll loop: a pollfd per client, a closed one's
   slot reused (fd -1 is skipped); it ends once four clients are gone. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <poll.h>
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
	struct pollfd fds[16];
	char peer[16][INET_ADDRSTRLEN];
	int nfds = 1, gone = 0;
	fds[0] = (struct pollfd){l, POLLRDNORM, 0};
	while (gone < 4) {
		if (poll(fds, nfds, -1) < 0) {
			perror("poll");
			return 1;
		}
		for (int i = 1; i < nfds; i++) {
			if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLRDHUP | POLLERR | POLLHUP)))
				continue;
			char buf[256];
			int k = recv(fds[i].fd, buf, sizeof buf, 0);
			if (k <= 0) {
				printf("%s closed (revents %#x)\n", peer[i], fds[i].revents);
				close(fds[i].fd);
				fds[i].fd = -1;
				gone++;
				continue;
			}
			printf("%s: %.*s", peer[i], k, buf);
			send(fds[i].fd, buf, k, 0);
		}
		if (fds[0].revents & POLLRDNORM) {
			struct sockaddr_in from;
			socklen_t len = sizeof from;
			int c = accept(l, (struct sockaddr *)&from, &len);
			int i = 1;
			while (i < nfds && fds[i].fd >= 0)
				i++;
			if (i == nfds)
				nfds++;
			fds[i] = (struct pollfd){c, POLLIN | POLLRDHUP, 0};
			inet_ntop(AF_INET, &from.sin_addr, peer[i], sizeof peer[i]);
			printf("accepted %s\n", peer[i]);
		}
	}
	printf("served %d clients\n", gone);
	close(l);
	return 0;
}
