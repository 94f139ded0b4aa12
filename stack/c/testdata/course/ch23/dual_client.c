/*
 * Chapter 23: the dual server's client asks over TCP and over UDP, to an
 * IPv4 or an IPv6 address (getaddrinfo with AI_NUMERICHOST tells which).
 *
 *     dual_client address port tcp|udp
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	struct addrinfo hints, *ai;
	char buf[MAXLINE];
	int fd, err, udp;
	ssize_t n;

	if (argc != 4)
		err_quit("usage: dual_client address port tcp|udp");
	udp = strcmp(argv[3], "udp") == 0;
	memset(&hints, 0, sizeof hints);
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	hints.ai_socktype = udp ? SOCK_DGRAM : SOCK_STREAM;
	if ((err = getaddrinfo(argv[1], argv[2], &hints, &ai)) != 0)
		err_quit("getaddrinfo: %s", gai_strerror(err));
	printf("%s is %s\n", argv[1], ai->ai_family == AF_INET6 ? "IPv6" : "IPv4");
	fd = Socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
	Connect(fd, ai->ai_addr, ai->ai_addrlen);
	freeaddrinfo(ai);
	Writen(fd, "hello both\n", 11);
	n = Read(fd, buf, sizeof buf);
	printf("%s echo: %.*s", udp ? "UDP" : "TCP", (int)n, buf);
	Close(fd);
	return 0;
}
