/* The string functions socket programs reach for beyond the basics (GNU
   ones: memmem, strerror_r returning the text). */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <libgen.h>
#include <signal.h>

int main(void) {
	const char buf[] = "GET /index.html HTTP/1.1\r\nHost: x\r\n\r\nbody";
	const char *end = memmem(buf, sizeof buf - 1, "\r\n\r\n", 4);
	printf("header ends at %ld\n", end ? (long)(end - buf) : -1L);
	printf("memmem miss: %p, empty needle: %ld\n", memmem(buf, 10, "zz", 2), (long)((const char *)memmem(buf, 10, "", 0) - buf));
	printf("memchr: %ld\n", (long)((const char *)memchr(buf, '/', sizeof buf) - buf));

	char line[] = "key=value;other=2;;last";
	char *rest = line, *tok;
	while ((tok = strsep(&rest, ";=")) != NULL)
		printf("strsep: [%s]\n", tok);

	char copy[] = "a,b,,c";
	char *save, *t = strtok_r(copy, ",", &save);
	while (t) {
		printf("strtok_r: [%s]\n", t);
		t = strtok_r(NULL, ",", &save);
	}
	printf("strcasecmp: %d %d %d\n", strcasecmp("Hello", "hello") == 0, strncasecmp("ABCd", "abce", 3) == 0, strcasecmp("a", "B") < 0);
	printf("ffs: %d %d %d\n", ffs(0), ffs(8), ffs(-2147483647 - 1));

	char dst[12];
	memset(dst, 'x', sizeof dst);
	char *e = stpncpy(dst, "abc", 6);
	printf("stpncpy: %ld %d %d %c\n", (long)(e - dst), dst[3], dst[5], dst[6]);

	char *d = strdup("duplicate");
	char *n = strndup("duplicate", 3);
	printf("strdup: %s %s\n", d, n);

	for (int s = 0; s <= 66; s += 11)
		printf("strsignal(%d) = %s\n", s, strsignal(s));
	printf("strsignal(SIGPIPE) = %s\n", strsignal(SIGPIPE));
	printf("strsignal(SIGRTMIN+2) = %s\n", strsignal(SIGRTMIN + 2));

	char eb[64];
	printf("strerror_r: %s\n", strerror_r(111, eb, sizeof eb));
	printf("strerror_r unknown: %s\n", strerror_r(9999, eb, sizeof eb));

	const char *paths[] = {"/usr/lib/", "/usr/lib", "usr", "/", ".", "..", "a/b/c", "//x//y//", ""};
	for (int i = 0; i < 9; i++) {
		char p1[32], p2[32];
		strcpy(p1, paths[i]);
		strcpy(p2, paths[i]);
		printf("[%s] dirname=[%s] basename=[%s]\n", paths[i], dirname(p1), basename(p2));
	}
	return 0;
}
