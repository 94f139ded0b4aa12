/*
 * wrapunix.c - wrappers of the system and memory calls the chapters use.
 */
#include "common.h"

void Close(int fd)
{
	if (close(fd) == -1)
		err_sys("close error");
}

ssize_t Read(int fd, void *buf, size_t n)
{
	ssize_t r;

	do {
		r = read(fd, buf, n);
	} while (r < 0 && errno == EINTR);
	if (r < 0)
		err_sys("read error");
	return r;
}

void Write(int fd, const void *buf, size_t n)
{
	if (write(fd, buf, n) != (ssize_t)n)
		err_sys("write error");
}

void *Malloc(size_t n)
{
	void *r;

	if ((r = malloc(n)) == NULL)
		err_sys("malloc error");
	return r;
}

void *Calloc(size_t n, size_t size)
{
	void *r;

	if ((r = calloc(n, size)) == NULL)
		err_sys("calloc error");
	return r;
}

void *Realloc(void *p, size_t n)
{
	void *r;

	if ((r = realloc(p, n)) == NULL)
		err_sys("realloc error");
	return r;
}

char *Strdup(const char *s)
{
	char *r;

	if ((r = strdup(s)) == NULL)
		err_sys("strdup error");
	return r;
}

int Fcntl(int fd, int cmd, int arg)
{
	int n;

	if ((n = fcntl(fd, cmd, arg)) == -1)
		err_sys("fcntl error");
	return n;
}

void Pipe(int fds[2])
{
	if (pipe(fds) < 0)
		err_sys("pipe error");
}

void Dup2(int from, int to)
{
	if (dup2(from, to) == -1)
		err_sys("dup2 error");
}

void Gettimeofday(struct timeval *tv)
{
	if (gettimeofday(tv, NULL) == -1)
		err_sys("gettimeofday error");
}

void Sleep_ms(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}
