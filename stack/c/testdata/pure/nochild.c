/* A process without children: wait and waitpid fail with ECHILD; the
   W* macros decode statuses. */
#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <sys/types.h>

int main(void) {
	int status;
	errno = 0;
	pid_t p = wait(&status);
	printf("wait: %d %s\n", (int)p, strerror(errno));
	errno = 0;
	p = waitpid(-1, &status, WNOHANG);
	printf("waitpid WNOHANG: %d %s\n", (int)p, strerror(errno));
	errno = 0;
	p = waitpid(-1, &status, 0x4000);
	printf("waitpid bad options: %d %s\n", (int)p, strerror(errno));
	int codes[] = {0, 0x0100, 0x2a00, 0x0009, 0x008b, 0x137f, 0xffff};
	for (int i = 0; i < 7; i++) {
		int s = codes[i];
		printf("%#06x: exited %d status %d signaled %d sig %d stopped %d stopsig %d core %d\n", s,
		       WIFEXITED(s), WEXITSTATUS(s), WIFSIGNALED(s), WTERMSIG(s), WIFSTOPPED(s), WSTOPSIG(s), WCOREDUMP(s) != 0);
	}
	return 0;
}
