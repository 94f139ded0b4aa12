/*
 * Chapter 27: a UDP listener bound to the wildcard address hears
 * datagrams sent to its own address and to the subnet's broadcast
 * address alike; recvfrom says who sent each.
 *
 *     bcast_listener port count
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int fd, port, count, i;

	if (argc != 3 || str_to_int(argv[1], &port) < 0 || str_to_int(argv[2], &count) < 0)
		err_quit("usage: bcast_listener port count");
	fd = udp_server(NULL, port);
	for (i = 0; i < count; i++) {
		struct sockaddr_in from;
		socklen_t len = sizeof from;
		char buf[128];
		ssize_t n = Recvfrom(fd, buf, sizeof buf, 0, (SA *)&from, &len);

		printf("%.*s (from %s)\n", (int)n, buf, inet_ntoa(from.sin_addr));
	}
	Close(fd);
	return 0;
}
