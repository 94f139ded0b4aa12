/*
 * loop.c - a select() event loop: each watched descriptor has a function
 * called when it is readable. The event-loop chapter builds on it.
 */
#include "common.h"

struct watch {
	int fd;
	loop_fn *fn;
	void *arg;
};

struct loop {
	struct watch w[FD_SETSIZE];
	int n;
};

static int loop_index(const struct loop *l, int fd)
{
	int i;

	for (i = 0; i < l->n; i++)
		if (l->w[i].fd == fd)
			return i;
	return -1;
}

struct loop *loop_new(void)
{
	return Calloc(1, sizeof(struct loop));
}

int loop_watch(struct loop *l, int fd, loop_fn *on_readable, void *arg)
{
	int i = loop_index(l, fd);

	if (fd < 0 || fd >= FD_SETSIZE) {
		errno = EBADF;
		return -1;
	}
	if (i < 0) {
		if (l->n == FD_SETSIZE) {
			errno = ENOMEM;
			return -1;
		}
		i = l->n++;
	}
	l->w[i].fd = fd;
	l->w[i].fn = on_readable;
	l->w[i].arg = arg;
	return 0;
}

void loop_unwatch(struct loop *l, int fd)
{
	int i = loop_index(l, fd);

	if (i >= 0)
		l->w[i] = l->w[--l->n];
}

int loop_count(const struct loop *l)
{
	return l->n;
}

/* loop_run_once waits up to timeout_ms (-1: forever) and calls the function
 * of each readable descriptor; it returns how many it called. */
int loop_run_once(struct loop *l, int timeout_ms)
{
	fd_set r;
	struct timeval tv, *tvp = NULL;
	int i, maxfd = -1, n, called = 0;
	struct watch ready[FD_SETSIZE];
	int nready = 0;

	FD_ZERO(&r);
	for (i = 0; i < l->n; i++) {
		FD_SET(l->w[i].fd, &r);
		maxfd = MAX(maxfd, l->w[i].fd);
	}
	if (timeout_ms >= 0) {
		tv.tv_sec = timeout_ms / 1000;
		tv.tv_usec = (timeout_ms % 1000) * 1000;
		tvp = &tv;
	}
	if ((n = select(maxfd + 1, &r, NULL, NULL, tvp)) < 0) {
		if (errno == EINTR)
			return 0;
		err_sys("loop_run_once: select");
	}
	/* The callbacks may watch and unwatch: call from a copy. */
	for (i = 0; i < l->n; i++)
		if (FD_ISSET(l->w[i].fd, &r))
			ready[nready++] = l->w[i];
	for (i = 0; i < nready; i++) {
		ready[i].fn(ready[i].fd, ready[i].arg);
		called++;
	}
	return called;
}

void loop_free(struct loop *l)
{
	free(l);
}
