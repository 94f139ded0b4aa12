/*
 * Chapter 11: when the peer does not read, its receive buffer and our
 * send buffer fill. A non-blocking send takes what fits and returns that
 * count (a short write); once nothing fits it says EAGAIN. A blocking
 * write waits for room as the peer reads. Both ends ask for small
 * buffers, so that 1 MiB cannot fit; how much does fit depends on the
 * kernel's bookkeeping (and on the ACKs that come meanwhile), so the
 * program does not print it.
 *
 *     full_buffer port              (the slow peer: reads after a while)
 *     full_buffer host port         (the sender)
 */
#include "lib/common.h"

#define GOAL (1 << 20)

static void peer(int port)
{
	int lfd = tcp_server_listen(NULL, port, LISTENQ), fd, small = 8192;
	char buf[BUFFSIZE];
	long total = 0;
	ssize_t n;

	/* Accepted connections take the listener's buffer size. */
	Setsockopt(lfd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
	fd = Accept(lfd, NULL, NULL);
	Sleep_ms(300);
	while ((n = Read(fd, buf, sizeof buf)) > 0)
		total += n;
	printf("peer: read %ld bytes in all\n", total);
	Close(fd);
	Close(lfd);
}

static void sender(const char *host, int port)
{
	static char block[GOAL];
	struct sockaddr_in sin;
	int fd = Socket(AF_INET, SOCK_STREAM, 0), small = 8192;
	ssize_t n = 0, m;

	Setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	Inet_pton(AF_INET, host, &sin.sin_addr);
	Connect(fd, (SA *)&sin, sizeof sin);
	set_nonblock(fd);
	while (n < GOAL && (m = send(fd, block + n, GOAL - n, 0)) > 0)
		n += m;
	printf("non-blocking: the sends took %s, then %s\n", n < GOAL ? "part of it" : "all of it",
	       n < GOAL ? strerror(errno) : "nothing more to send");
	clear_nonblock(fd);
	Writen(fd, block + n, GOAL - n);
	printf("blocking: the rest written once the peer read\n");
	Close(fd);
}

int main(int argc, char **argv)
{
	int port;

	if (argc == 2 && str_to_int(argv[1], &port) == 0)
		peer(port);
	else if (argc == 3 && str_to_int(argv[2], &port) == 0)
		sender(argv[1], port);
	else
		err_quit("usage: full_buffer port | full_buffer host port");
	return 0;
}
