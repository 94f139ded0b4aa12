/*
 * Chapter 21: the side that closes first keeps the connection in
 * TIME_WAIT, and its port with it: a new server on that port fails with
 * EADDRINUSE unless it sets SO_REUSEADDR before bind. On Linux the option
 * must be on the old socket too (the connection in TIME_WAIT inherits it
 * from the listener), which is why servers always set it.
 *
 *     rebind_server port
 */
#include "lib/common.h"

static int bind_port(int port, int reuse)
{
	struct sockaddr_in sin;
	int fd = Socket(AF_INET, SOCK_STREAM, 0);

	if (reuse)
		Setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof reuse);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_ANY);
	sin.sin_port = htons(port);
	if (bind(fd, (SA *)&sin, sizeof sin) < 0) {
		printf("bind %s SO_REUSEADDR: %s\n", reuse ? "with" : "without", strerror(errno));
		close(fd);
		return -1;
	}
	printf("bind %s SO_REUSEADDR: ok\n", reuse ? "with" : "without");
	return fd;
}

int main(int argc, char **argv)
{
	struct sockaddr_in me, peer;
	socklen_t len;
	char host[INET_ADDRSTRLEN];
	int lfd, fd, port;

	if (argc != 2 || str_to_int(argv[1], &port) < 0)
		err_quit("usage: rebind_server port");
	lfd = bind_port(port, 1);
	Listen(lfd, LISTENQ);
	fd = Accept(lfd, NULL, NULL);
	len = sizeof me;
	Getsockname(fd, (SA *)&me, &len);
	len = sizeof peer;
	Getpeername(fd, (SA *)&peer, &len);
	printf("accepted on %s:%d from %s\n", inet_ntop(AF_INET, &me.sin_addr, host, sizeof host), ntohs(me.sin_port),
	       inet_ntoa(peer.sin_addr));
	Writen(fd, "bye\n", 4);
	Close(fd); /* we close first: TIME_WAIT is ours */
	Close(lfd);
	Sleep_ms(100);
	bind_port(port, 0);
	fd = bind_port(port, 1);
	if (fd >= 0)
		Close(fd);
	return 0;
}
