/* A client of the server models: connects to argv[1]:argv[2], sends two
 * lines naming its address, prints each echo, closes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <netdb.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s host port\n", argv[0]);
		return 2;
	}
	struct addrinfo hints = {0}, *res;
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_STREAM;
	int rc = getaddrinfo(argv[1], argv[2], &hints, &res);
	if (rc != 0) {
		fprintf(stderr, "getaddrinfo: %s\n", gai_strerror(rc));
		return 1;
	}
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (connect(fd, res->ai_addr, res->ai_addrlen) < 0) {
		perror("connect");
		return 1;
	}
	freeaddrinfo(res);
	char host[INET_ADDRSTRLEN], line[128], buf[128];
	struct sockaddr_in me;
	socklen_t len = sizeof me;
	getsockname(fd, (struct sockaddr *)&me, &len);
	inet_ntop(AF_INET, &me.sin_addr, host, sizeof host);
	for (int i = 1; i <= 2; i++) {
		int len = snprintf(line, sizeof line, "%s says %d\n", host, i);
		if (write(fd, line, len) != len) {
			perror("write");
			return 1;
		}
		int got = 0;
		while (got < len) {
			ssize_t n = read(fd, buf + got, sizeof buf - 1 - got);
			if (n <= 0) {
				fprintf(stderr, "server closed early\n");
				return 1;
			}
			got += n;
		}
		buf[got] = 0;
		printf("echo: %s", buf);
	}
	close(fd);
	return 0;
}
