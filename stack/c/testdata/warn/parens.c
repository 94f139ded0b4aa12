/* -Wparentheses (an assignment used as a condition) and -Wreturn-type. */
#include <stdio.h>
#include <sys/socket.h>
#include <netinet/in.h>

static int pick(int x) {
	if (x > 0)
		return 1;
}

int main(void) {
	int fd;
	if (fd = socket(AF_INET, SOCK_STREAM, 0) < 0)
		return 1;
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		return 1;
	int n = 0;
	while (n = pick(n))
		break;
	while ((n = pick(n)))
		break;
	if (n == 1 && fd > 0 || n == 2)
		n++;
	printf("%d\n", n);
	return 0;
}
