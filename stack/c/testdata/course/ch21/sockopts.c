/*
 * Chapter 21: options a socket starts with, as getsockopt reads them
 * (SO_TYPE, SO_ERROR, TCP_NODELAY, SO_KEEPALIVE, SO_REUSEADDR, IP_TTL),
 * and that a dup'ed descriptor is the same socket (its options are one),
 * while FD_CLOEXEC belongs to the descriptor.
 *
 *     sockopts
 */
#include "lib/common.h"

static int get(int fd, int level, int name)
{
	int v = -1;
	socklen_t len = sizeof v;

	Getsockopt(fd, level, name, &v, &len);
	return v;
}

int main(void)
{
	int tcp = Socket(AF_INET, SOCK_STREAM, 0), udp = Socket(AF_INET, SOCK_DGRAM, 0), on = 1, d;

	printf("SO_TYPE: tcp %s, udp %s\n", get(tcp, SOL_SOCKET, SO_TYPE) == SOCK_STREAM ? "SOCK_STREAM" : "?",
	       get(udp, SOL_SOCKET, SO_TYPE) == SOCK_DGRAM ? "SOCK_DGRAM" : "?");
	printf("SO_ERROR %d, TCP_NODELAY %d, SO_KEEPALIVE %d, SO_REUSEADDR %d, IP_TTL %d\n",
	       get(tcp, SOL_SOCKET, SO_ERROR), get(tcp, IPPROTO_TCP, TCP_NODELAY), get(tcp, SOL_SOCKET, SO_KEEPALIVE),
	       get(tcp, SOL_SOCKET, SO_REUSEADDR), get(tcp, IPPROTO_IP, IP_TTL));
	d = dup(tcp);
	Setsockopt(d, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
	printf("TCP_NODELAY set through the dup: the original reads %d\n", get(tcp, IPPROTO_TCP, TCP_NODELAY));
	Fcntl(d, F_SETFD, FD_CLOEXEC);
	printf("FD_CLOEXEC: dup %d, original %d\n", Fcntl(d, F_GETFD, 0), Fcntl(tcp, F_GETFD, 0));
	if (getsockopt(tcp, SOL_SOCKET, 12345, &on, &(socklen_t){sizeof on}) < 0)
		printf("an unknown option: %s\n", strerror(errno));
	Close(d);
	Close(tcp);
	Close(udp);
	return 0;
}
