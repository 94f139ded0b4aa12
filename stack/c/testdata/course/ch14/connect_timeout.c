/*
 * Chapter 14: a connect with a time limit (lib/nonblock.c): non-blocking
 * connect, then poll for at most the limit. To an address nobody answers
 * for (no ARP reply), the limit ends it: ETIMEDOUT, long before the
 * kernel itself would give up.
 *
 *     connect_timeout host port ms
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	struct sockaddr_in sin;
	int fd, port, ms;

	if (argc != 4 || str_to_int(argv[2], &port) < 0 || str_to_int(argv[3], &ms) < 0)
		err_quit("usage: connect_timeout host port ms");
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	Inet_pton(AF_INET, argv[1], &sin.sin_addr);
	fd = Socket(AF_INET, SOCK_STREAM, 0);
	if (connect_timeout(fd, (SA *)&sin, sizeof sin, ms) < 0)
		printf("connect to %s within %d ms: %s\n", argv[1], ms, strerror(errno));
	else
		printf("connected to %s\n", argv[1]);
	Close(fd);
	return 0;
}
