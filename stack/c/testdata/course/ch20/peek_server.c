/*
 * Chapter 20: what a receive can be asked: ioctl FIONREAD says how many
 * bytes wait, MSG_PEEK reads without taking, MSG_WAITALL waits for the
 * whole buffer, MSG_DONTWAIT makes one call non-blocking.
 *
 *     peek_server port
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int lfd, fd, port, avail;
	char buf[64];
	ssize_t n;

	if (argc != 2 || str_to_int(argv[1], &port) < 0)
		err_quit("usage: peek_server port");
	lfd = tcp_server_listen(NULL, port, LISTENQ);
	fd = Accept(lfd, NULL, NULL);
	Sleep_ms(200); /* the client's first two pieces have come */
	if (ioctl(fd, FIONREAD, &avail) < 0)
		err_sys("ioctl FIONREAD");
	printf("FIONREAD: %d bytes wait\n", avail);
	n = Recv(fd, buf, 6, MSG_PEEK);
	printf("MSG_PEEK: %.*s\n", (int)n, buf);
	n = Recv(fd, buf, 6, MSG_PEEK);
	printf("MSG_PEEK again: %.*s\n", (int)n, buf);
	n = Recv(fd, buf, avail, 0);
	printf("recv: %.*s\n", (int)n, buf);
	if (recv(fd, buf, sizeof buf, MSG_DONTWAIT) < 0)
		printf("MSG_DONTWAIT: %s\n", strerror(errno));
	/* The last piece comes 200 ms later, in two halves: wait for all. */
	n = Recv(fd, buf, 10, MSG_WAITALL);
	printf("MSG_WAITALL(10): %zd: %.*s\n", n, (int)n, buf);
	n = Recv(fd, buf, sizeof buf, MSG_WAITALL);
	printf("MSG_WAITALL at EOF: %zd\n", n);
	Close(fd);
	Close(lfd);
	return 0;
}
