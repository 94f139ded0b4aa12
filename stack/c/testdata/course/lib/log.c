/*
 * log.c - leveled messages on stderr; the chapters set verbose from -v.
 */
#include "common.h"

int verbose = 0;

static const char *level_names[] = {"error", "info", "debug", "trace"};

void log_set_level(int level)
{
	if (level < 0)
		level = 0;
	if (level > 3)
		level = 3;
	verbose = level;
}

void logmsg(int level, const char *fmt, ...)
{
	va_list ap;
	char buf[MAXLINE];

	if (level > verbose)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	fflush(stdout);
	fprintf(stderr, "[%s] %s\n", level_names[level < 0 ? 0 : level > 3 ? 3 : level], buf);
}
