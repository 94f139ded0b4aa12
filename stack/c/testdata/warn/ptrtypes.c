/* -Wincompatible-pointer-types and -Wpointer-sign. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

struct point { int x, y; };

static int sum(int *v, int n) {
	int s = 0;
	for (int i = 0; i < n; i++)
		s += v[i];
	return s;
}

static long *bad(void) {
	static int x;
	return &x;
}

int main(void) {
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in addr;
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons(9000);
	bind(fd, &addr, sizeof addr);
	bind(fd, (struct sockaddr *)&addr, sizeof addr);
	socklen_t len = sizeof addr;
	int ilen = sizeof addr;
	getsockname(fd, (struct sockaddr *)&addr, &ilen);
	getsockname(fd, (struct sockaddr *)&addr, &len);
	unsigned char ubuf[8];
	char cbuf[8];
	strcpy(ubuf, "x");
	strcpy(cbuf, "x");
	struct point pt = {1, 2};
	int *ip = &pt;
	void *vp = &pt;
	char *cp = vp;
	double d[2] = {1, 2};
	int total = sum(d, 2);
	long *lp = bad();
	printf("%d %p %p %d %ld\n", *ip, vp, (void *)cp, total, *lp);
	return 0;
}
