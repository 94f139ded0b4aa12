/*
 * timeutil.c - time in milliseconds and microseconds.
 */
#include "common.h"

long now_ms(void)
{
	struct timeval tv;

	Gettimeofday(&tv);
	return tv.tv_sec * 1000L + tv.tv_usec / 1000;
}

long long now_us(void)
{
	struct timeval tv;

	Gettimeofday(&tv);
	return tv.tv_sec * 1000000LL + tv.tv_usec;
}

long elapsed_ms(const struct timeval *since)
{
	struct timeval now;

	Gettimeofday(&now);
	return (now.tv_sec - since->tv_sec) * 1000L + (now.tv_usec - since->tv_usec) / 1000;
}

const char *format_duration(long ms, char *buf, size_t size)
{
	if (ms < 1000)
		snprintf(buf, size, "%ld ms", ms);
	else if (ms < 60000)
		snprintf(buf, size, "%ld.%03ld s", ms / 1000, ms % 1000);
	else
		snprintf(buf, size, "%ld min %ld s", ms / 60000, (ms % 60000) / 1000);
	return buf;
}
