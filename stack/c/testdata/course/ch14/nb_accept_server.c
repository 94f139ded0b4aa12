/*
 * Chapter 14: a non-blocking listening socket: accept says EAGAIN while no
 * connection waits, and a non-blocking read says EAGAIN while no data has
 * come. The server waits in poll between tries, as an event loop does.
 *
 *     nb_accept_server port
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int lfd, fd, port;
	struct pollfd p;
	char buf[64];
	ssize_t n;

	if (argc != 2 || str_to_int(argv[1], &port) < 0)
		err_quit("usage: nb_accept_server port");
	lfd = tcp_server_listen(NULL, port, LISTENQ);
	set_nonblock(lfd);
	if (accept(lfd, NULL, NULL) < 0)
		printf("accept with nobody waiting: %s\n", strerror(errno));
	p.fd = lfd;
	p.events = POLLIN;
	Poll(&p, 1, -1);
	fd = Accept(lfd, NULL, NULL);
	printf("accepted; the new socket is %s\n", Fcntl(fd, F_GETFL, 0) & O_NONBLOCK ? "non-blocking" : "blocking");
	set_nonblock(fd);
	if ((n = read(fd, buf, sizeof buf)) < 0)
		printf("read before the data: %s\n", strerror(errno));
	p.fd = fd;
	Poll(&p, 1, -1);
	n = Read(fd, buf, sizeof buf);
	printf("read %zd bytes: %.*s", n, (int)n, buf);
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && !is_would_block(errno))
			err_sys("read");
		Poll(&p, 1, -1);
	}
	printf("EOF\n");
	Close(fd);
	Close(lfd);
	return 0;
}
