/* No shell on the host: system() and popen() fail as glibc's do when
   /bin/sh cannot be run. */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <sys/wait.h>

int main(void) {
	errno = 0;
	int r = system(NULL);
	printf("system(NULL) = %d\n", r);
	errno = 0;
	r = system("echo hello");
	int e = errno;
	printf("system(\"echo hello\") = %d, exited %d with %d, errno %s\n", r, WIFEXITED(r), WEXITSTATUS(r), strerror(e));
	const char *modes[] = {"r", "w", "re", "rw", "x", ""};
	for (int i = 0; i < 6; i++) {
		errno = 0;
		FILE *f = popen("ls", modes[i]);
		e = errno;
		printf("popen(\"ls\", \"%s\") = %s, errno %s\n", modes[i], f ? "a stream" : "NULL", strerror(e));
	}
	return 0;
}
