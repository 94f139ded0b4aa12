/* The environment: setenv, getenv, putenv, unsetenv, environ. */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>

extern char **environ;

static void dump(const char *when) {
	int n = 0;
	for (char **e = environ; *e; e++)
		n++;
	printf("%s: %d entries\n", when, n);
}

int main(void) {
	dump("start");
	printf("HOME=%s\n", getenv("HOME") ? getenv("HOME") : "(unset)");
	setenv("PORT", "8080", 0);
	setenv("HOST", "server", 1);
	printf("PORT=%s HOST=%s\n", getenv("PORT"), getenv("HOST"));
	setenv("PORT", "9090", 0);
	printf("no overwrite: PORT=%s\n", getenv("PORT"));
	setenv("PORT", "9090", 1);
	printf("overwrite: PORT=%s\n", getenv("PORT"));
	static char kv[] = "MODE=debug";
	putenv(kv);
	printf("MODE=%s\n", getenv("MODE"));
	kv[5] = 'D';
	printf("putenv shares the string: MODE=%s\n", getenv("MODE"));
	dump("after setting");
	unsetenv("PORT");
	printf("PORT after unsetenv: %s\n", getenv("PORT") ? getenv("PORT") : "(unset)");
	errno = 0;
	printf("setenv bad name: %d errno %d\n", setenv("A=B", "x", 1), errno);
	errno = 0;
	printf("unsetenv empty: %d errno %d\n", unsetenv(""), errno);
	for (char **e = environ; *e; e++)
		printf("  %s\n", *e);
	return 0;
}
