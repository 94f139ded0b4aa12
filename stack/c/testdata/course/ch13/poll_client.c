/*
 * Chapter 13: a client that waits with poll() and a timeout: it sends a
 * line, and poll says whether the echo came within the time (0: it did
 * not), what POLLOUT and POLLWRNORM say of a socket with room to write,
 * and what poll says once the server has closed too.
 *
 *     poll_client host port line...
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int fd, port, i;
	struct pollfd p;

	if (argc < 4 || str_to_int(argv[2], &port) < 0)
		err_quit("usage: poll_client host port line...");
	if ((fd = tcp_client(argv[1], port)) < 0)
		return 1;
	p.fd = fd;
	p.events = POLLIN;
	printf("poll before sending: %d\n", Poll(&p, 1, 50));
	p.events = POLLOUT | POLLWRNORM;
	Poll(&p, 1, 0);
	printf("writable: POLLOUT %s, POLLWRNORM %s\n", p.revents & POLLOUT ? "yes" : "no", p.revents & POLLWRNORM ? "yes" : "no");
	for (i = 3; i < argc; i++) {
		char buf[MAXLINE];
		ssize_t n;

		Writen(fd, argv[i], strlen(argv[i]));
		p.events = POLLIN;
		if (Poll(&p, 1, 1000) == 1 && (n = Read(fd, buf, sizeof buf)) > 0)
			printf("echo: %.*s\n", (int)n, buf);
	}
	Shutdown(fd, SHUT_WR);
	p.events = POLLIN;
	Poll(&p, 1, 1000);
	{
		ssize_t n = read(fd, &i, 1);

		printf("after the server closed: POLLIN %s, POLLHUP %s, read %zd\n", p.revents & POLLIN ? "yes" : "no",
		       p.revents & POLLHUP ? "yes" : "no", n);
	}
	Close(fd);
	return 0;
}
