/*
 * Chapter 4: a UDP echo server. There is no connection: each datagram
 * says who sent it, and the answer goes back to that address. It serves
 * a number of datagrams, then stops.
 *
 *     udp_echo_server port count
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	char buf[MAXLINE];
	struct sockaddr_in peer;
	socklen_t len;
	int fd, i, count, port;

	if (argc != 3 || str_to_int(argv[1], &port) < 0 || str_to_int(argv[2], &count) < 0)
		err_quit("usage: udp_echo_server port count");
	fd = udp_server(NULL, port);
	for (i = 0; i < count; i++) {
		ssize_t n;

		len = sizeof peer;
		n = Recvfrom(fd, buf, sizeof buf - 1, 0, (SA *)&peer, &len);
		buf[n] = 0;
		str_upper(buf);
		printf("datagram %d: %zd bytes from %s\n", i + 1, n, inet_ntoa(peer.sin_addr));
		Sendto(fd, buf, n, 0, (SA *)&peer, len);
	}
	Close(fd);
	return 0;
}
