/* An echo server of one select loop: the listener and every client in
   one fd_set; it ends once four clients have come and gone. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/select.h>
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
	fd_set all;
	FD_ZERO(&all);
	FD_SET(l, &all);
	int maxfd = l, gone = 0;
	char peer[FD_SETSIZE][INET_ADDRSTRLEN];
	while (gone < 4) {
		fd_set r = all;
		int n = select(maxfd + 1, &r, NULL, NULL, NULL);
		if (n < 0) {
			perror("select");
			return 1;
		}
		if (FD_ISSET(l, &r)) {
			struct sockaddr_in from;
			socklen_t len = sizeof from;
			int c = accept(l, (struct sockaddr *)&from, &len);
			inet_ntop(AF_INET, &from.sin_addr, peer[c], sizeof peer[c]);
			printf("accepted %s\n", peer[c]);
			FD_SET(c, &all);
			if (c > maxfd)
				maxfd = c;
		}
		for (int fd = 0; fd <= maxfd; fd++) {
			if (fd == l || !FD_ISSET(fd, &r))
				continue;
			char buf[256];
			int k = recv(fd, buf, sizeof buf, 0);
			if (k <= 0) {
				printf("%s closed\n", peer[fd]);
				close(fd);
				FD_CLR(fd, &all);
				gone++;
				continue;
			}
			printf("%s: %.*s", peer[fd], k, buf);
			send(fd, buf, k, 0);
		}
	}
	printf("served %d clients\n", gone);
	close(l);
	return 0;
}
