/*
 * udp.c - datagram sockets: a bound server, a client with its peer.
 */
#include "common.h"

int udp_server(const char *host, int port)
{
	struct sockaddr_in sin;
	int fd;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	if (host == NULL)
		sin.sin_addr.s_addr = htonl(INADDR_ANY);
	else
		Inet_pton(AF_INET, host, &sin.sin_addr);
	fd = Socket(AF_INET, SOCK_DGRAM, 0);
	Bind(fd, (SA *)&sin, sizeof sin);
	return fd;
}

int udp_client(const char *host, int port, struct sockaddr_storage *to, socklen_t *tolen)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)to;

	memset(to, 0, sizeof *to);
	sin->sin_family = AF_INET;
	sin->sin_port = htons(port);
	Inet_pton(AF_INET, host, &sin->sin_addr);
	*tolen = sizeof *sin;
	return Socket(AF_INET, SOCK_DGRAM, 0);
}
