/*
 * sock_ntop.c - socket addresses as text, and their ports.
 */
#include "common.h"

char *sock_ntop(const SA *sa, socklen_t len)
{
	static char str[INET6_ADDRSTRLEN + 8];
	char host[INET6_ADDRSTRLEN];

	switch (sa->sa_family) {
	case AF_INET: {
		const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;

		if (inet_ntop(AF_INET, &sin->sin_addr, host, sizeof host) == NULL)
			return NULL;
		snprintf(str, sizeof str, "%s:%d", host, ntohs(sin->sin_port));
		return str;
	}
	case AF_INET6: {
		const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)sa;

		if (inet_ntop(AF_INET6, &sin6->sin6_addr, host, sizeof host) == NULL)
			return NULL;
		snprintf(str, sizeof str, "[%s]:%d", host, ntohs(sin6->sin6_port));
		return str;
	}
	default:
		snprintf(str, sizeof str, "sock_ntop: unknown AF_xxx: %d, len %d", sa->sa_family, (int)len);
		return str;
	}
}

char *sock_ntop_host(const SA *sa, socklen_t len)
{
	static char str[INET6_ADDRSTRLEN];

	(void)len;
	switch (sa->sa_family) {
	case AF_INET:
		if (inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, str, sizeof str) == NULL)
			return NULL;
		return str;
	case AF_INET6:
		if (inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, str, sizeof str) == NULL)
			return NULL;
		return str;
	}
	return NULL;
}

int sock_get_port(const SA *sa, socklen_t len)
{
	(void)len;
	switch (sa->sa_family) {
	case AF_INET:
		return ntohs(((const struct sockaddr_in *)sa)->sin_port);
	case AF_INET6:
		return ntohs(((const struct sockaddr_in6 *)sa)->sin6_port);
	}
	return -1;
}

void sock_set_port(SA *sa, socklen_t len, int port)
{
	(void)len;
	switch (sa->sa_family) {
	case AF_INET:
		((struct sockaddr_in *)sa)->sin_port = htons(port);
		return;
	case AF_INET6:
		((struct sockaddr_in6 *)sa)->sin6_port = htons(port);
		return;
	}
}

int sock_cmp_addr(const SA *a, const SA *b, socklen_t len)
{
	(void)len;
	if (a->sa_family != b->sa_family)
		return -1;
	switch (a->sa_family) {
	case AF_INET:
		return memcmp(&((const struct sockaddr_in *)a)->sin_addr, &((const struct sockaddr_in *)b)->sin_addr, sizeof(struct in_addr));
	case AF_INET6:
		return memcmp(&((const struct sockaddr_in6 *)a)->sin6_addr, &((const struct sockaddr_in6 *)b)->sin6_addr, sizeof(struct in6_addr));
	}
	return -1;
}
