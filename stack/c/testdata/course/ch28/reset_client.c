/*
 * Chapter 28: the client reads what the server said, waits, and reads
 * again: 0 after a FIN, ECONNRESET after a reset (and the unread
 * "goodbye" may be lost with it: the reset discards what was queued).
 *
 *     reset_client host port
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	char buf[64];
	int fd, port;
	ssize_t n;

	if (argc != 3 || str_to_int(argv[2], &port) < 0)
		err_quit("usage: reset_client host port");
	if ((fd = tcp_client(argv[1], port)) < 0)
		return 1;
	Writen(fd, "hello\n", 6);
	Sleep_ms(200);
	while ((n = read(fd, buf, sizeof buf)) > 0)
		printf("read %zd: %.*s", n, (int)n, buf);
	if (n == 0)
		printf("read: 0 (the server closed)\n");
	else
		printf("read: %s\n", strerror(errno));
	Close(fd);
	return 0;
}
