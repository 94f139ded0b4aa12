/* -Wint-conversion: an integer where a pointer goes, or the reverse. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

static char *name(int i) { return i; }
static int fd_of(const char *s) { return s; }

int main(void) {
	int sock = socket(AF_INET, SOCK_STREAM, 0);
	char buf[16] = "hi";
	send(socket, buf, 2, 0);
	write(sock, 42, 1);
	char *p = 5;
	int n = buf;
	p = sock;
	n = p;
	long l = (long)p;
	char *q = 0;
	q = NULL;
	if (p == 0 || q != NULL)
		n++;
	printf("%p %d %ld %s %d\n", (void *)q, n, l, name(1), fd_of("x"));
	return close(sock);
}
