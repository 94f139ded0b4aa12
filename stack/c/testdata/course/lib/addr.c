/*
 * addr.c - "host:port" strings and name resolution.
 */
#include "common.h"

/* parse_host_port splits "host:port" or "[v6]:port"; 0, or -1. */
int parse_host_port(const char *s, char *host, size_t hostlen, int *port)
{
	const char *colon;
	size_t n;

	if (s[0] == '[') {
		const char *end = strchr(s, ']');

		if (end == NULL || end[1] != ':')
			return -1;
		n = end - s - 1;
		if (n >= hostlen)
			return -1;
		memcpy(host, s + 1, n);
		host[n] = 0;
		return str_to_int(end + 2, port);
	}
	colon = strrchr(s, ':');
	if (colon == NULL)
		return -1;
	n = colon - s;
	if (n >= hostlen)
		return -1;
	memcpy(host, s, n);
	host[n] = 0;
	if (str_to_int(colon + 1, port) < 0 || *port < 0 || *port > 65535)
		return -1;
	return 0;
}

/* resolve_tcp finds the first address of host and service for a TCP
 * connection; 0, or getaddrinfo's error after a message. */
int resolve_tcp(const char *host, const char *service, struct sockaddr_storage *ss, socklen_t *len)
{
	struct addrinfo hints, *res;
	int err;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if ((err = getaddrinfo(host, service, &hints, &res)) != 0) {
		err_msg("resolve_tcp %s %s: %s", host, service, gai_strerror(err));
		return err;
	}
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}
