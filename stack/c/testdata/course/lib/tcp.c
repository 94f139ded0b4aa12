/*
 * tcp.c - a listening socket and a connected one in a call each.
 */
#include "common.h"

/* fill_addr puts host (NULL: any) and port in *ss; it returns its length,
 * or 0 when host is not a numeric IPv4 or IPv6 address. */
static socklen_t fill_addr(struct sockaddr_storage *ss, const char *host, int port)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof *ss);
	if (host == NULL || strcmp(host, "*") == 0) {
		sin->sin_family = AF_INET;
		sin->sin_addr.s_addr = htonl(INADDR_ANY);
		sin->sin_port = htons(port);
		return sizeof *sin;
	}
	if (inet_pton(AF_INET, host, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		return sizeof *sin;
	}
	if (inet_pton(AF_INET6, host, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		return sizeof *sin6;
	}
	return 0;
}

int tcp_server_listen(const char *host, int port, int backlog)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd, on = 1;

	if ((len = fill_addr(&ss, host, port)) == 0)
		err_quit("tcp_server_listen: bad address %s", host);
	fd = Socket(ss.ss_family, SOCK_STREAM, 0);
	Setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
	Bind(fd, (SA *)&ss, len);
	Listen(fd, backlog);
	logmsg(2, "listening on %s", sock_ntop((SA *)&ss, len));
	return fd;
}

int tcp_client(const char *host, int port)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd;

	if ((len = fill_addr(&ss, host, port)) == 0)
		err_quit("tcp_client: bad address %s", host);
	fd = Socket(ss.ss_family, SOCK_STREAM, 0);
	if (connect(fd, (SA *)&ss, len) < 0) {
		err_ret("tcp_client: connect to %s", sock_ntop((SA *)&ss, len));
		close(fd);
		return -1;
	}
	return fd;
}
