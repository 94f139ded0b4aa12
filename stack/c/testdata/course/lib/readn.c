/*
 * readn.c - read exactly n bytes (fewer only at end of file).
 */
#include "common.h"

ssize_t readn(int fd, void *buf, size_t n)
{
	size_t left = n;
	ssize_t got;
	char *p = buf;

	while (left > 0) {
		if ((got = read(fd, p, left)) < 0) {
			if (errno == EINTR)
				continue; /* and call read() again */
			return -1;
		} else if (got == 0) {
			break; /* EOF */
		}
		left -= got;
		p += got;
	}
	return n - left;
}

ssize_t Readn(int fd, void *buf, size_t n)
{
	ssize_t r;

	if ((r = readn(fd, buf, n)) < 0)
		err_sys("readn error");
	return r;
}
