/* The parent's past a forked child must replay: a handler that ran in the
 * midst of a loop (at whatever iteration the signal found it), input the
 * parent read, times it read, a child it reaped; the child has it all, as
 * the parent had it when it forked. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

static volatile sig_atomic_t got;
static volatile long counter, at;

static void on_usr1(int sig)
{
	got = 1;
	at = counter; /* where the loop was */
}

int main(void)
{
	signal(SIGUSR1, on_usr1);
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		usleep(1000); /* the parent is in its loop by then */
		kill(parent, SIGUSR1);
		_exit(0);
	}
	while (!got)
		counter++;
	int status;
	waitpid(pid, &status, 0);
	int fds[2];
	pipe(fds);
	write(fds[1], "past", 5);
	char buf[8] = {0};
	read(fds[0], buf, sizeof buf);
	time_t t = time(NULL);
	long seen = at;
	pid = fork();
	if (pid == 0) {
		printf("child: handler ran at the parent's iteration %d, read \"%s\", time %d, status %d\n",
		       at == seen && at > 0 && counter >= at, buf, t == time(NULL), WEXITSTATUS(status));
		exit(0);
	}
	waitpid(pid, &status, 0);
	printf("parent: child %d\n", WEXITSTATUS(status));
	return 0;
}
