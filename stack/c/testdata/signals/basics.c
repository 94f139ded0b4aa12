/* Handlers, masks, pending signals, sleep cut short, raise and kill to
 * itself, SA_RESETHAND and SA_NODEFER, sigsuspend and sigwait. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got, depth, maxdepth;

static void on_usr1(int sig)
{
	got++;
	depth++;
	if (depth > maxdepth)
		maxdepth = depth;
	if (got < 3)
		raise(SIGUSR1); /* deferred unless SA_NODEFER */
	depth--;
}

static void on_info(int sig, siginfo_t *si, void *ctx)
{
	printf("info: signo %s code %d from self %d\n", strsignal(si->si_signo), si->si_code, si->si_pid == getpid());
}

static void on_alarm(int sig) { got++; }

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	printf("deferred: handler ran %d times, nested %d deep\n", got, maxdepth);
	got = maxdepth = 0;
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	printf("nodefer: handler ran %d times, nested %d deep\n", got, maxdepth);

	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGUSR1, &sa, NULL);
	got = 0;
	raise(SIGUSR1);
	struct sigaction old;
	sigaction(SIGUSR1, NULL, &old);
	printf("resethand: ran %d, now %s\n", got, old.sa_handler == SIG_DFL ? "SIG_DFL" : "set");

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR2, &sa, NULL);
	kill(getpid(), SIGUSR2);

	sigset_t set, prev, pend;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, &prev);
	raise(SIGUSR2);
	sigpending(&pend);
	printf("blocked: pending %d\n", sigismember(&pend, SIGUSR2));
	printf("unblock:\n");
	sigprocmask(SIG_SETMASK, &prev, NULL);
	sigpending(&pend);
	printf("pending after %d\n", sigismember(&pend, SIGUSR2));

	signal(SIGALRM, on_alarm);
	got = 0;
	alarm(2);
	unsigned left = sleep(10);
	printf("sleep cut short: about %s left, handler ran %d\n", left >= 7 && left <= 8 ? "8 s" : "?", got);
	printf("alarm left %u\n", alarm(5));
	printf("alarm cancelled, had %u\n", alarm(0));
	struct timespec req = {3, 0}, rem;
	alarm(1);
	int r = nanosleep(&req, &rem);
	printf("nanosleep %d %s, %ld s left\n", r, strerror(errno), (long)rem.tv_sec + (rem.tv_nsec > 500000000));
	alarm(1);
	r = pause();
	printf("pause %d %s\n", r, strerror(errno));

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGUSR1, on_usr1);
	kill(getpid(), SIGUSR1);
	int sig = 0;
	r = sigwait(&set, &sig);
	printf("sigwait %d, sig %s\n", r, strsignal(sig));

	sigset_t none;
	sigemptyset(&none);
	alarm(1);
	r = sigsuspend(&none);
	printf("sigsuspend %d %s\n", r, strerror(errno));

	signal(SIGTERM, SIG_IGN);
	raise(SIGTERM);
	printf("SIGTERM ignored\n");
	r = kill(getpid(), 99);
	printf("kill bad signal: %d %s\n", r, strerror(errno));
	r = kill(99999, 0);
	printf("kill nobody: %d %s\n", r, strerror(errno));
	r = sigaction(SIGKILL, &sa, NULL);
	printf("sigaction SIGKILL: %d %s\n", r, strerror(errno));
	signal(SIGTERM, SIG_DFL);
	printf("bye\n");
	raise(SIGTERM);
	printf("not reached\n");
	return 0;
}
