/* Signal sets, the mask and dispositions as a program reads them back;
   no signal is sent. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <signal.h>

static void handler(int sig) { (void)sig; }

int main(void) {
	sigset_t s, old;
	sigemptyset(&s);
	printf("empty: SIGINT %d\n", sigismember(&s, SIGINT));
	sigaddset(&s, SIGINT);
	sigaddset(&s, SIGCHLD);
	printf("added: SIGINT %d SIGCHLD %d SIGTERM %d\n", sigismember(&s, SIGINT), sigismember(&s, SIGCHLD), sigismember(&s, SIGTERM));
	sigdelset(&s, SIGINT);
	printf("deleted: SIGINT %d\n", sigismember(&s, SIGINT));
	errno = 0;
	int r = sigaddset(&s, 0);
	printf("bad signal: %d errno %d\n", r, errno);
	errno = 0;
	r = sigismember(&s, 65);
	printf("bad signal: %d errno %d\n", r, errno);
	sigfillset(&s);
	printf("filled: SIGKILL %d SIGRTMIN %d 32 %d 33 %d 64 %d\n", sigismember(&s, SIGKILL), sigismember(&s, SIGRTMIN), sigismember(&s, 32), sigismember(&s, 33), sigismember(&s, 64));
	unsigned char *b = (unsigned char *)&s;
	printf("fill bytes: %02x %02x %02x %02x\n", b[0], b[3], b[4], b[7]);

	sigemptyset(&s);
	sigaddset(&s, SIGINT);
	sigaddset(&s, SIGKILL);
	sigprocmask(SIG_BLOCK, &s, &old);
	printf("old mask has SIGINT %d\n", sigismember(&old, SIGINT));
	sigprocmask(SIG_SETMASK, NULL, &old);
	printf("now SIGINT %d SIGKILL %d\n", sigismember(&old, SIGINT), sigismember(&old, SIGKILL));
	sigemptyset(&s);
	sigaddset(&s, SIGINT);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	sigprocmask(SIG_BLOCK, NULL, &old);
	printf("after unblock SIGINT %d\n", sigismember(&old, SIGINT));
	errno = 0;
	r = sigprocmask(99, &s, NULL);
	printf("bad how: %d errno %d\n", r, errno);
	sigpending(&s);
	printf("pending SIGINT %d\n", sigismember(&s, SIGINT));

	struct sigaction sa, prev;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGTERM);
	sa.sa_flags = SA_RESTART;
	printf("sigaction: %d\n", sigaction(SIGUSR1, &sa, NULL));
	sigaction(SIGUSR1, NULL, &prev);
	printf("read back: handler ok %d flags %#x mask SIGTERM %d\n", prev.sa_handler == handler, prev.sa_flags, sigismember(&prev.sa_mask, SIGTERM));
	errno = 0;
	r = sigaction(SIGKILL, &sa, NULL);
	printf("SIGKILL: %d errno %d\n", r, errno);
	printf("signal old is handler: %d\n", signal(SIGUSR1, SIG_IGN) == handler);
	printf("signal old is SIG_IGN: %d\n", signal(SIGUSR1, SIG_DFL) == SIG_IGN);
	printf("signal(SIGPIPE, SIG_IGN) old is SIG_DFL: %d\n", signal(SIGPIPE, SIG_IGN) == SIG_DFL);
	errno = 0;
	r = signal(SIGSTOP, handler) == SIG_ERR;
	printf("signal(SIGSTOP): %d errno %d\n", r, errno);
	printf("NSIG %d SIGRTMIN %d SIGRTMAX %d\n", NSIG, SIGRTMIN, SIGRTMAX);
	psignal(SIGINT, "psignal");
	char eb[64];
	r = strerror_r(111, eb, sizeof eb);
	printf("XSI strerror_r: %d %s\n", r, eb);
	r = strerror_r(111, eb, 5);
	printf("XSI strerror_r short: %d [%s]\n", r, eb);
	r = strerror_r(9999, eb, sizeof eb);
	printf("XSI strerror_r unknown: %d [%s]\n", r, eb);
	return 0;
}
