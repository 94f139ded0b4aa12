/*
 * stats.c - counts and sizes of what a program sent or received.
 */
#include "common.h"

void stats_init(struct stats *s, const char *name)
{
	s->name = name;
	s->count = 0;
	s->bytes = 0;
	s->min = 0;
	s->max = 0;
}

void stats_add(struct stats *s, long n)
{
	if (s->count == 0 || n < s->min)
		s->min = n;
	if (n > s->max)
		s->max = n;
	s->count++;
	s->bytes += n;
}

void stats_print(const struct stats *s, FILE *out)
{
	if (s->count == 0) {
		fprintf(out, "%s: nothing\n", s->name);
		return;
	}
	fprintf(out, "%s: %ld messages, %ld bytes (min %ld, max %ld, mean %.1f)\n",
		s->name, s->count, s->bytes, s->min, s->max, (double)s->bytes / s->count);
}
