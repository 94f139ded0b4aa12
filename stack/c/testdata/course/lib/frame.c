/*
 * frame.c - messages on a byte stream: a 4-byte length, network order,
 * then the bytes. TCP keeps no message boundaries; this puts them back.
 */
#include "common.h"

int send_frame(int fd, const void *buf, uint32_t len)
{
	uint32_t n = htonl(len);

	if (len > MAXFRAME) {
		errno = EMSGSIZE;
		return -1;
	}
	if (writen(fd, &n, sizeof n) != sizeof n)
		return -1;
	if (len > 0 && writen(fd, buf, len) != (ssize_t)len)
		return -1;
	return 0;
}

/* recv_frame reads one message into buf: its length, 0 at a clean end
 * of stream, -1 on error or a message larger than cap (EMSGSIZE). */
ssize_t recv_frame(int fd, void *buf, size_t cap)
{
	uint32_t n;
	ssize_t r;

	if ((r = readn(fd, &n, sizeof n)) == 0)
		return 0;
	if (r != sizeof n) {
		errno = EIO;
		return -1;
	}
	n = ntohl(n);
	if (n > cap || n > MAXFRAME) {
		errno = EMSGSIZE;
		return -1;
	}
	if ((r = readn(fd, buf, n)) != (ssize_t)n) {
		errno = EIO;
		return -1;
	}
	return n;
}
