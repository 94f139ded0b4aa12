/*
 * Chapter 22: what the system says of a descriptor that is not open, or
 * not what the call wants: EBADF from read, write and close, select's
 * EBADF, poll's POLLNVAL (poll itself succeeds), ESPIPE from lseek on a
 * pipe, ENOTSOCK from a socket call on a file, EISCONN connecting twice.
 *
 *     badfd
 */
#include "lib/common.h"

int main(void)
{
	struct pollfd p[2];
	struct timeval tv = {0, 0};
	int fds[2], file, n;
	fd_set rs;
	char c;

	if (read(42, &c, 1) < 0)
		printf("read(42): %s\n", strerror(errno));
	if (close(42) < 0)
		printf("close(42): %s\n", strerror(errno));
	FD_ZERO(&rs);
	FD_SET(42, &rs);
	if (select(43, &rs, NULL, NULL, &tv) < 0)
		printf("select on 42: %s\n", strerror(errno));
	Pipe(fds);
	p[0].fd = 42;
	p[0].events = POLLIN;
	p[1].fd = fds[1];
	p[1].events = POLLOUT;
	n = Poll(p, 2, 0);
	printf("poll: %d, revents %s and %s\n", n, p[0].revents == POLLNVAL ? "POLLNVAL" : "?",
	       p[1].revents == POLLOUT ? "POLLOUT" : "?");
	if (lseek(fds[0], 0, SEEK_SET) < 0)
		printf("lseek on a pipe: %s\n", strerror(errno));
	if (write(fds[0], "x", 1) < 0)
		printf("write on the read end: %s\n", strerror(errno));
	file = open("badfd.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (listen(file, 1) < 0)
		printf("listen on a file: %s\n", strerror(errno));
	if (read(file, &c, 1) < 0)
		printf("read on a write-only file: %s\n", strerror(errno));
	Close(file);
	unlink("badfd.txt");
	Close(fds[0]);
	Close(fds[1]);
	return 0;
}
