/*
 * signals.c - signal handlers as the chapters install them.
 */
#include "common.h"

sigfunc *Signal(int signo, sigfunc *func)
{
	sigfunc *old = signal(signo, func);

	if (old == SIG_ERR)
		err_sys("signal error");
	return old;
}

/* ignore_sigpipe makes a write to a closed connection fail with EPIPE
 * instead of ending the program. */
void ignore_sigpipe(void)
{
	Signal(SIGPIPE, SIG_IGN);
}
