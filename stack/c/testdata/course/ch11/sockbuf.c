/*
 * Chapter 11: the socket's buffers. SO_RCVBUF and SO_SNDBUF say how much
 * the kernel keeps for a socket; Linux doubles what is asked (the other
 * half is for its bookkeeping) and has a floor.
 *
 *     sockbuf
 */
#include "lib/common.h"

static void show(int fd, const char *when)
{
	int rcv, snd;
	socklen_t len = sizeof rcv;

	Getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcv, &len);
	len = sizeof snd;
	Getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &snd, &len);
	printf("%s: SO_RCVBUF %d, SO_SNDBUF %d\n", when, rcv, snd);
}

int main(void)
{
	int fd = Socket(AF_INET, SOCK_STREAM, 0), v;

	v = 8192;
	Setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof v);
	v = 16384;
	Setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, sizeof v);
	show(fd, "asked for 8192 and 16384");
	v = 1;
	Setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof v);
	show(fd, "asked for 1");
	Close(fd);
	return 0;
}
