/*
 * nonblock.c - O_NONBLOCK on and off, and connect() with a time limit.
 */
#include "common.h"

int set_nonblock(int fd)
{
	int flags = fcntl(fd, F_GETFL, 0);

	if (flags < 0)
		return -1;
	return fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

int clear_nonblock(int fd)
{
	int flags = fcntl(fd, F_GETFL, 0);

	if (flags < 0)
		return -1;
	return fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
}

/* connect_timeout connects fd within ms milliseconds: 0, or -1 with errno
 * (ETIMEDOUT when the time ran out). fd is blocking again after. */
int connect_timeout(int fd, const SA *sa, socklen_t len, int ms)
{
	fd_set w;
	struct timeval tv;
	int err = 0, n;
	socklen_t elen = sizeof err;

	if (set_nonblock(fd) < 0)
		return -1;
	if (connect(fd, sa, len) == 0)
		return clear_nonblock(fd);
	if (errno != EINPROGRESS)
		return -1;
	FD_ZERO(&w);
	FD_SET(fd, &w);
	tv.tv_sec = ms / 1000;
	tv.tv_usec = (ms % 1000) * 1000;
	if ((n = select(fd + 1, NULL, &w, NULL, &tv)) < 0)
		return -1;
	if (n == 0) {
		errno = ETIMEDOUT;
		return -1;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) < 0)
		return -1;
	if (err != 0) {
		errno = err;
		return -1;
	}
	return clear_nonblock(fd);
}
