/*
 * Chapter 7: heartbeats. The server answers each "ping" with "pong"; when
 * the client stays silent longer than the timeout (select with a time
 * limit), the server gives up on it. select writes back the time left.
 *
 *     hb_server port timeout-ms
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int lfd, fd, port, ms, beats = 0;

	if (argc != 3 || str_to_int(argv[1], &port) < 0 || str_to_int(argv[2], &ms) < 0)
		err_quit("usage: hb_server port timeout-ms");
	lfd = tcp_server_listen(NULL, port, LISTENQ);
	fd = Accept(lfd, NULL, NULL);
	for (;;) {
		struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
		char buf[64];
		fd_set rs;
		ssize_t n;
		int r;

		FD_ZERO(&rs);
		FD_SET(fd, &rs);
		r = Select(fd + 1, &rs, NULL, NULL, &tv);
		if (r == 0) {
			printf("no heartbeat for %d ms: giving up after %d\n", ms, beats);
			break;
		}
		if ((n = Readline(fd, buf, sizeof buf)) == 0) {
			printf("client closed after %d beats\n", beats);
			break;
		}
		beats++;
		printf("beat %d: %.*s (time left %s)\n", beats, (int)(n - 1), buf, tv.tv_sec || tv.tv_usec ? "some" : "none");
		Writen(fd, "pong\n", 5);
	}
	Close(fd);
	Close(lfd);
	return 0;
}
