/*
 * writen.c - write all n bytes, whatever write() takes at a time.
 */
#include "common.h"

ssize_t writen(int fd, const void *buf, size_t n)
{
	size_t left = n;
	ssize_t put;
	const char *p = buf;

	while (left > 0) {
		if ((put = write(fd, p, left)) <= 0) {
			if (put < 0 && errno == EINTR)
				continue;
			return -1;
		}
		left -= put;
		p += put;
	}
	return n;
}

void Writen(int fd, const void *buf, size_t n)
{
	if (writen(fd, buf, n) != (ssize_t)n)
		err_sys("writen error");
}
