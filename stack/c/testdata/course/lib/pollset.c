/*
 * pollset.c - the pollfd array a poll() server keeps, growing as clients
 * come and compacted as they go.
 */
#include "common.h"

void pollset_init(struct pollset *ps)
{
	ps->fds = NULL;
	ps->n = 0;
	ps->cap = 0;
}

int pollset_add(struct pollset *ps, int fd, short events)
{
	if (ps->n == ps->cap) {
		int cap = ps->cap ? 2 * ps->cap : 8;

		ps->fds = Realloc(ps->fds, cap * sizeof ps->fds[0]);
		ps->cap = cap;
	}
	ps->fds[ps->n].fd = fd;
	ps->fds[ps->n].events = events;
	ps->fds[ps->n].revents = 0;
	return ps->n++;
}

int pollset_find(const struct pollset *ps, int fd)
{
	int i;

	for (i = 0; i < ps->n; i++)
		if (ps->fds[i].fd == fd)
			return i;
	return -1;
}

/* pollset_remove takes fd out; the last entry takes its place. */
void pollset_remove(struct pollset *ps, int fd)
{
	int i = pollset_find(ps, fd);

	if (i < 0)
		return;
	ps->fds[i] = ps->fds[--ps->n];
}

void pollset_free(struct pollset *ps)
{
	free(ps->fds);
	pollset_init(ps);
}
