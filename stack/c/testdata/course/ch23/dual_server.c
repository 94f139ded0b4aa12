/*
 * Chapter 23: one server, two protocols, two address families. It listens
 * on TCP and UDP on the same port (different sockets: the port spaces are
 * apart), waits on both with select, and its TCP socket is IPv6 with
 * IPV6_V6ONLY off, so an IPv4 client arrives as a v4-mapped address.
 *
 *     dual_server port requests
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	struct sockaddr_in6 sin6;
	int tfd, ufd, port, requests, served = 0, off = 0, on = 1;

	if (argc != 3 || str_to_int(argv[1], &port) < 0 || str_to_int(argv[2], &requests) < 0)
		err_quit("usage: dual_server port requests");
	tfd = Socket(AF_INET6, SOCK_STREAM, 0);
	Setsockopt(tfd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
	Setsockopt(tfd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
	memset(&sin6, 0, sizeof sin6);
	sin6.sin6_family = AF_INET6;
	sin6.sin6_addr = in6addr_any;
	sin6.sin6_port = htons(port);
	Bind(tfd, (SA *)&sin6, sizeof sin6);
	Listen(tfd, LISTENQ);
	ufd = udp_server(NULL, port);
	while (served < requests) {
		char buf[MAXLINE], host[INET6_ADDRSTRLEN];
		struct sockaddr_storage peer;
		socklen_t len = sizeof peer;
		fd_set rs;
		ssize_t n;

		FD_ZERO(&rs);
		FD_SET(tfd, &rs);
		FD_SET(ufd, &rs);
		Select(MAX(tfd, ufd) + 1, &rs, NULL, NULL, NULL);
		if (FD_ISSET(tfd, &rs)) {
			int fd = Accept(tfd, (SA *)&peer, &len);
			struct sockaddr_in6 *p6 = (struct sockaddr_in6 *)&peer;

			inet_ntop(AF_INET6, &p6->sin6_addr, host, sizeof host);
			printf("TCP from %s (%s)\n", host, IN6_IS_ADDR_V4MAPPED(&p6->sin6_addr) ? "an IPv4 client" : "IPv6");
			n = Readline(fd, buf, sizeof buf);
			Writen(fd, buf, n);
			Close(fd);
			served++;
		}
		if (FD_ISSET(ufd, &rs)) {
			len = sizeof peer;
			n = Recvfrom(ufd, buf, sizeof buf, 0, (SA *)&peer, &len);
			printf("UDP from %s: %.*s", sock_ntop_host((SA *)&peer, len), (int)n, buf);
			Sendto(ufd, buf, n, 0, (SA *)&peer, len);
			served++;
		}
	}
	Close(tfd);
	Close(ufd);
	return 0;
}
