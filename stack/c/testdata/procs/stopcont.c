/* A child stopped and continued by signals, as waitpid reports it
 * (WUNTRACED, WCONTINUED), SIGCHLD for each, and killed at last;
 * SIG_IGN for SIGCHLD reaps children at once (ECHILD). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

static volatile sig_atomic_t chld;

static void on_child(int sig, siginfo_t *si, void *ctx)
{
	chld++;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_child;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);
	pid_t pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	int status;
	kill(pid, SIGSTOP);
	pid_t r = waitpid(pid, &status, WUNTRACED);
	printf("stopped %d by %s\n", r == pid && WIFSTOPPED(status), strsignal(WSTOPSIG(status)));
	kill(pid, SIGCONT);
	r = waitpid(pid, &status, WCONTINUED);
	printf("continued %d\n", r == pid && WIFCONTINUED(status));
	r = waitpid(pid, &status, WNOHANG);
	printf("running: %d\n", r);
	kill(pid, SIGKILL);
	r = waitpid(pid, &status, 0);
	/* How many SIGCHLDs the handler saw depends on when the parent ran:
	 * one pending signal stands for several. */
	printf("killed %d by %s; SIGCHLD handled %s\n", r == pid && WIFSIGNALED(status), strsignal(WTERMSIG(status)),
	       chld >= 2 ? "at least twice" : "less");

	signal(SIGCHLD, SIG_IGN);
	pid = fork();
	if (pid == 0)
		_exit(7);
	r = waitpid(pid, &status, 0); /* blocks until the child is gone, then nothing to report */
	printf("ignored SIGCHLD: waitpid %d %s\n", r, strerror(errno));
	return 0;
}
