/*
 * Chapter 9: readv fills several buffers in order from one read: here the
 * fixed header and the start of the body. The rest of the body, if any,
 * comes with readn.
 *
 *     readv_server port
 */
#include "lib/common.h"

struct header {
	uint32_t seq;
	uint32_t len;
};

int main(int argc, char **argv)
{
	int lfd, fd, port, count = 0;

	if (argc != 2 || str_to_int(argv[1], &port) < 0)
		err_quit("usage: readv_server port");
	lfd = tcp_server_listen(NULL, port, LISTENQ);
	fd = Accept(lfd, NULL, NULL);
	/* Let the client's messages pile up: one readv then sees several. */
	Sleep_ms(100);
	for (;;) {
		struct header h;
		char body[256];
		struct iovec iov[1] = {{&h, sizeof h}};
		ssize_t n = readv(fd, iov, 1);
		uint32_t len;

		if (n == 0)
			break;
		if (n != sizeof h)
			err_quit("short header: %zd", n);
		len = ntohl(h.len);
		if (len >= sizeof body)
			err_quit("body too long");
		Readn(fd, body, len);
		printf("message %u: %u bytes: %.*s\n", ntohl(h.seq), len, (int)len, body);
		count++;
	}
	{
		char ok[4];
		snprintf(ok, sizeof ok, "%03d", count);
		Writen(fd, ok, 3);
	}
	Close(fd);
	Close(lfd);
	return 0;
}
