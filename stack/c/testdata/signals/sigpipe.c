/* Writing to a connection the peer closed: the first write goes out (the
 * peer answers with RST), the next gets EPIPE and SIGPIPE. argv[3] says
 * what the program does about SIGPIPE: "default" (it ends: status 141),
 * "ignore" (SIG_IGN: write returns EPIPE), "handler", "nosignal" (send
 * with MSG_NOSIGNAL). */
#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

static void on_pipe(int sig) { printf("handler: %s\n", strsignal(sig)); }

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	const char *mode = argv[3];
	if (strcmp(mode, "ignore") == 0)
		signal(SIGPIPE, SIG_IGN);
	else if (strcmp(mode, "handler") == 0)
		signal(SIGPIPE, on_pipe);
	struct addrinfo hints = {0}, *res;
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(argv[1], argv[2], &hints, &res) != 0)
		return 2;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (connect(fd, res->ai_addr, res->ai_addrlen) < 0) {
		perror("connect");
		return 1;
	}
	usleep(200000); /* the server closes meanwhile */
	for (int i = 1; i <= 3; i++) {
		ssize_t n = strcmp(mode, "nosignal") == 0 ? send(fd, "x", 1, MSG_NOSIGNAL) : write(fd, "x", 1);
		if (n < 0)
			printf("write %d: %s\n", i, strerror(errno));
		else
			printf("write %d: %zd\n", i, n);
		usleep(200000);
	}
	close(fd);
	return 0;
}
