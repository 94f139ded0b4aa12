/*
 * Chapter 14: a non-blocking connect returns at once with EINPROGRESS;
 * the socket becomes writable when the handshake ends, and SO_ERROR says
 * how it ended: 0, or ECONNREFUSED from a port where nothing listens.
 *
 *     nb_connect host open-port closed-port
 */
#include "lib/common.h"

static void try_port(const char *host, int port)
{
	struct sockaddr_in sin;
	int fd = Socket(AF_INET, SOCK_STREAM, 0), err = 0;
	socklen_t len = sizeof err;
	fd_set ws;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	Inet_pton(AF_INET, host, &sin.sin_addr);
	set_nonblock(fd);
	if (connect(fd, (SA *)&sin, sizeof sin) < 0)
		printf("port %d: connect: %s\n", port, strerror(errno));
	FD_ZERO(&ws);
	FD_SET(fd, &ws);
	Select(fd + 1, NULL, &ws, NULL, NULL);
	Getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
	printf("port %d: writable, SO_ERROR %s\n", port, err ? strerror(err) : "0 (connected)");
	if (err == 0) {
		Sleep_ms(100); /* the server tries to read first */
		Writen(fd, "hi\n", 3);
		Sleep_ms(100); /* and again before the end */
	}
	Close(fd);
}

int main(int argc, char **argv)
{
	int open, closed;

	if (argc != 4 || str_to_int(argv[2], &open) < 0 || str_to_int(argv[3], &closed) < 0)
		err_quit("usage: nb_connect host open-port closed-port");
	try_port(argv[1], open);
	try_port(argv[1], closed);
	return 0;
}
