/*
 * Chapter 7: the heartbeat client sends a ping every interval, waits for
 * the pong with SO_RCVTIMEO (a read that times out fails with EAGAIN),
 * and after its beats goes quiet without closing, so the server's timeout
 * ends the connection.
 *
 *     hb_client host port beats interval-ms
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int fd, port, beats, ms, i;
	struct timeval tv = {0, 300000};
	char buf[64];
	ssize_t n;

	if (argc != 5 || str_to_int(argv[2], &port) < 0 || str_to_int(argv[3], &beats) < 0 ||
	    str_to_int(argv[4], &ms) < 0)
		err_quit("usage: hb_client host port beats interval-ms");
	if ((fd = tcp_client(argv[1], port)) < 0)
		return 1;
	Setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	for (i = 1; i <= beats; i++) {
		Writen(fd, "ping\n", 5);
		if ((n = read(fd, buf, sizeof buf)) > 0)
			printf("beat %d answered: %.*s", i, (int)n, buf);
		Sleep_ms(ms);
	}
	n = read(fd, buf, sizeof buf);
	if (n < 0)
		printf("quiet read: %s\n", is_would_block(errno) ? "timed out" : strerror(errno));
	n = read(fd, buf, sizeof buf);
	printf("then read returns %zd: the server gave up\n", n);
	Close(fd);
	return 0;
}
