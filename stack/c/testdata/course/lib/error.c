/*
 * error.c - error functions in the style of Stevens' UNP: err_sys and
 * err_ret add strerror(errno); err_quit and err_sys end the program.
 */
#include "common.h"

static void err_doit(int errnoflag, int error, const char *fmt, va_list ap);

/* A nonfatal error related to a system call: print a message and return. */
void err_ret(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_doit(1, errno, fmt, ap);
	va_end(ap);
}

/* A fatal error related to a system call: print a message and exit. */
void err_sys(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_doit(1, errno, fmt, ap);
	va_end(ap);
	exit(1);
}

/* A fatal error related to a system call: print a message and abort. */
void err_dump(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_doit(1, errno, fmt, ap);
	va_end(ap);
	abort();
}

/* A nonfatal error unrelated to a system call: print and return. */
void err_msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_doit(0, 0, fmt, ap);
	va_end(ap);
}

/* A fatal error unrelated to a system call: print and exit. */
void err_quit(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_doit(0, 0, fmt, ap);
	va_end(ap);
	exit(1);
}

/* Print a message, with strerror(error) when errnoflag is set, to stderr
 * after flushing stdout so the two streams come out in order. */
static void err_doit(int errnoflag, int error, const char *fmt, va_list ap)
{
	char buf[MAXLINE];
	size_t n;

	vsnprintf(buf, sizeof buf, fmt, ap);
	n = strlen(buf);
	if (errnoflag && n < sizeof buf - 1)
		snprintf(buf + n, sizeof buf - n, ": %s", strerror(error));
	strncat(buf, "\n", sizeof buf - strlen(buf) - 1);
	fflush(stdout);
	fputs(buf, stderr);
	fflush(stderr);
}
