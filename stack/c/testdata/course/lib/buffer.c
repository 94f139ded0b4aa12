/*
 * buffer.c - a growable byte buffer: what a server keeps per connection
 * for the bytes that arrived but do not make a whole message yet.
 */
#include "common.h"

void buffer_init(struct buffer *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void buffer_reserve(struct buffer *b, size_t extra)
{
	size_t want = b->len + extra, cap = b->cap ? b->cap : 64;

	if (want <= b->cap)
		return;
	while (cap < want)
		cap *= 2;
	b->data = Realloc(b->data, cap);
	b->cap = cap;
}

void buffer_append(struct buffer *b, const void *p, size_t n)
{
	buffer_reserve(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

void buffer_append_str(struct buffer *b, const char *s)
{
	buffer_append(b, s, strlen(s));
}

int buffer_printf(struct buffer *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return n;
	buffer_reserve(b, n + 1);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, n + 1, fmt, ap);
	va_end(ap);
	b->len += n;
	return n;
}

/* buffer_consume drops the first n bytes. */
void buffer_consume(struct buffer *b, size_t n)
{
	if (n >= b->len) {
		b->len = 0;
		return;
	}
	memmove(b->data, b->data + n, b->len - n);
	b->len -= n;
}

/* buffer_find returns the index of the first byte c, or -1. */
ssize_t buffer_find(const struct buffer *b, int c)
{
	const char *p;

	if (b->len == 0)
		return -1;
	p = memchr(b->data, c, b->len);
	return p ? p - b->data : -1;
}

void buffer_free(struct buffer *b)
{
	free(b->data);
	buffer_init(b);
}
