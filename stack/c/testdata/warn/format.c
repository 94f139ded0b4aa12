/* -Wformat and -Wformat-extra-args: printf and scanf arguments that do not
   match their conversions. */
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <syslog.h>

int main(int argc, char **argv) {
	char name[] = "server";
	long big = 1L << 40;
	size_t n = strlen(name);
	ssize_t got = -1;
	unsigned int u = 7;
	double d = 2.5;
	short sh = 3;
	char c = 'x';
	int port;
	printf("%d %s\n", name, 8080);
	printf("%d\n", big);
	printf("%ld %zu %zd %u %x\n", big, n, got, u, u);
	printf("%d %u\n", n, d);
	printf("%s\n");
	printf("%d\n", 1, 2);
	printf("%f %e %g %c %hd %d %c\n", d, d, (float)d, c, sh, c, 65);
	printf("%5.2f %-10s %*d %.*s\n", d, name, 4, 2, 3, name);
	printf("%lu\n", sizeof name);
	printf("%p %p\n", name, (void *)argv);
	printf("%s %s\n", argv[0], argc);
	fprintf(stderr, "%d\n", "oops");
	char buf[32];
	snprintf(buf, sizeof buf, "%s:%d", name, name);
	sprintf(buf, "%x", d);
	scanf("%d", port);
	scanf("%d %s", &port, name);
	sscanf("1", "%ld", &port);
	syslog(LOG_INFO, "%s", 5);
	printf("%%d %m\n");
	return 0;
}
