/*
 * ring.c - a ring buffer of fixed size: writes wrap around, nothing moves.
 */
#include "common.h"

int ring_init(struct ring *r, size_t cap)
{
	r->data = malloc(cap);
	if (r->data == NULL)
		return -1;
	r->cap = cap;
	r->head = 0;
	r->len = 0;
	return 0;
}

size_t ring_put(struct ring *r, const void *p, size_t n)
{
	const unsigned char *src = p;
	size_t i, room = r->cap - r->len;

	if (n > room)
		n = room;
	for (i = 0; i < n; i++)
		r->data[(r->head + r->len + i) % r->cap] = src[i];
	r->len += n;
	return n;
}

size_t ring_peek(const struct ring *r, void *p, size_t n)
{
	unsigned char *dst = p;
	size_t i;

	if (n > r->len)
		n = r->len;
	for (i = 0; i < n; i++)
		dst[i] = r->data[(r->head + i) % r->cap];
	return n;
}

size_t ring_get(struct ring *r, void *p, size_t n)
{
	n = ring_peek(r, p, n);
	r->head = (r->head + n) % r->cap;
	r->len -= n;
	return n;
}

void ring_free(struct ring *r)
{
	free(r->data);
	r->data = NULL;
	r->cap = r->head = r->len = 0;
}
