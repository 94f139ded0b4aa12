/* fork, the child's copy of memory, unflushed output in both, wait and
 * the W* macros, exit statuses and signals, getpid and getppid, orphans,
 * exec failing, ECHILD. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

static int counter = 10;

int main(void)
{
	char *heap = malloc(32);
	strcpy(heap, "parent's");
	printf("before fork "); /* no newline: in both processes' buffers */
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		counter++;
		strcpy(heap, "child's");
		printf("child: counter %d, heap %s, parent is %d\n", counter, heap, getppid() == parent);
		exit(3);
	}
	int status;
	pid_t got = waitpid(pid, &status, 0);
	printf("parent: counter %d, heap %s, reaped %d\n", counter, heap, got == pid);
	printf("exited %d, status %d, signaled %d\n", WIFEXITED(status), WEXITSTATUS(status), WIFSIGNALED(status));

	pid = fork();
	if (pid == 0) {
		pause(); /* until the parent's SIGTERM */
		return 0;
	}
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	printf("killed: signaled %d by %s\n", WIFSIGNALED(status), strsignal(WTERMSIG(status)));

	pid = fork();
	if (pid == 0) {
		char *argv[] = {"nosuch", NULL};
		execvp("nosuch", argv);
		printf("execvp: %s\n", strerror(errno));
		execl("/home", "home", (char *)NULL);
		printf("execl a folder: %s\n", strerror(errno));
		_exit(127);
	}
	wait(&status);
	printf("exec child: %d\n", WEXITSTATUS(status));

	int r = waitpid(-1, &status, WNOHANG);
	printf("no child left: %d %s\n", r, strerror(errno));

	/* A grandchild outlives its parent: init adopts it. */
	pid = fork();
	if (pid == 0) {
		pid_t me = getpid();
		if (fork() == 0) {
			usleep(100000);
			printf("orphan: parent is init %d, was %d\n", getppid() == 1, getppid() == me);
			exit(0);
		}
		exit(5);
	}
	waitpid(pid, &status, 0);
	printf("middle child: %d\n", WEXITSTATUS(status));
	usleep(200000);
	return 0;
}
