/*
 * Chapter 4: an unconnected UDP client. Every sendto names the server;
 * recvfrom tells who answered, and the client checks that it was the
 * server (anyone may send to an unconnected socket).
 *
 *     udp_client host port word...
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	struct sockaddr_storage to, from;
	socklen_t tolen, fromlen;
	char buf[MAXLINE];
	int fd, i, port;

	if (argc < 4 || str_to_int(argv[2], &port) < 0)
		err_quit("usage: udp_client host port word...");
	fd = udp_client(argv[1], port, &to, &tolen);
	for (i = 3; i < argc; i++) {
		ssize_t n;

		Sendto(fd, argv[i], strlen(argv[i]), 0, (SA *)&to, tolen);
		fromlen = sizeof from;
		n = Recvfrom(fd, buf, sizeof buf - 1, 0, (SA *)&from, &fromlen);
		buf[n] = 0;
		printf("%s answered: %s (%s)\n", sock_ntop_host((SA *)&from, fromlen), buf,
		       sock_cmp_addr((SA *)&from, (SA *)&to, fromlen) == 0 ? "the server" : "a stranger");
	}
	Close(fd);
	return 0;
}
