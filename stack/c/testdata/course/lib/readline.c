/*
 * readline.c - read a line, one read() per buffer rather than per byte.
 * The buffer is static: one descriptor at a time, as in UNP's version
 * (the chapter on buffers shows why that matters).
 */
#include "common.h"

static int read_cnt;
static char *read_ptr;
static char read_buf[MAXLINE];

/* next returns the next byte of fd in *c: 1, 0 at EOF, -1 on error. */
static ssize_t next(int fd, char *c)
{
	if (read_cnt <= 0) {
	again:
		if ((read_cnt = read(fd, read_buf, sizeof read_buf)) < 0) {
			if (errno == EINTR)
				goto again;
			return -1;
		} else if (read_cnt == 0) {
			return 0;
		}
		read_ptr = read_buf;
	}
	read_cnt--;
	*c = *read_ptr++;
	return 1;
}

ssize_t readline(int fd, void *buf, size_t maxlen)
{
	ssize_t rc;
	size_t n;
	char c, *p = buf;

	for (n = 1; n < maxlen; n++) {
		if ((rc = next(fd, &c)) == 1) {
			*p++ = c;
			if (c == '\n')
				break; /* newline is stored, like fgets() */
		} else if (rc == 0) {
			*p = 0;
			return n - 1; /* EOF, n - 1 bytes were read */
		} else {
			return -1;
		}
	}
	*p = 0;
	return n;
}

ssize_t Readline(int fd, void *buf, size_t maxlen)
{
	ssize_t n;

	if ((n = readline(fd, buf, maxlen)) < 0)
		err_sys("readline error");
	return n;
}

/* readline_pending says how many bytes the buffer holds beyond the last
 * line returned: select() on the socket does not see them. */
ssize_t readline_pending(void)
{
	return read_cnt;
}
