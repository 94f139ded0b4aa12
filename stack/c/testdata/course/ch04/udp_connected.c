/*
 * Chapter 4: a connected UDP client. connect() on a UDP socket sends
 * nothing: it fixes the peer, so send/recv need no address, datagrams from
 * anyone else are dropped, and an ICMP port unreachable comes back as
 * ECONNREFUSED on the next call. First a port where nothing listens, then
 * the echo server.
 *
 *     udp_connected host port closed-port
 */
#include "lib/common.h"

static int connected(const char *host, int port)
{
	struct sockaddr_storage to;
	socklen_t tolen;
	int fd = udp_client(host, port, &to, &tolen);

	Connect(fd, (SA *)&to, tolen);
	return fd;
}

int main(int argc, char **argv)
{
	char buf[MAXLINE];
	int fd, port, closed;
	ssize_t n;

	if (argc != 4 || str_to_int(argv[2], &port) < 0 || str_to_int(argv[3], &closed) < 0)
		err_quit("usage: udp_connected host port closed-port");

	fd = connected(argv[1], closed);
	Send(fd, "anyone?", 7, 0);
	n = recv(fd, buf, sizeof buf, 0);
	if (n < 0)
		printf("port %d: recv: %s\n", closed, strerror(errno));
	Close(fd);

	fd = connected(argv[1], port);
	Send(fd, "connected", 9, 0);
	n = Recv(fd, buf, sizeof buf - 1, 0);
	buf[n] = 0;
	printf("port %d: %s\n", port, buf);
	Close(fd);
	return 0;
}
