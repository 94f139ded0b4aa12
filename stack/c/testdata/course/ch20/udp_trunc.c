/*
 * Chapter 20: a datagram longer than the buffer is cut, and the rest is
 * lost: recv returns what fit; with MSG_TRUNC it returns the datagram's
 * real length; recvmsg says MSG_TRUNC in msg_flags. MSG_PEEK leaves the
 * datagram for the next call.
 *
 *     udp_trunc port
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	char small[4];
	struct iovec iov = {small, sizeof small};
	struct msghdr msg;
	int fd, port;
	ssize_t n;

	if (argc != 2 || str_to_int(argv[1], &port) < 0)
		err_quit("usage: udp_trunc port");
	fd = udp_server(NULL, port);
	n = Recv(fd, small, sizeof small, MSG_PEEK);
	printf("peeked %zd: %.*s\n", n, (int)n, small);
	n = Recv(fd, small, sizeof small, 0);
	printf("recv into 4 bytes: %zd: %.*s\n", n, (int)n, small);
	n = Recv(fd, small, sizeof small, MSG_TRUNC);
	printf("recv with MSG_TRUNC: %zd (4 kept: %.4s)\n", n, small);
	memset(&msg, 0, sizeof msg);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	if ((n = recvmsg(fd, &msg, 0)) < 0)
		err_sys("recvmsg");
	printf("recvmsg: %zd, MSG_TRUNC %s\n", n, msg.msg_flags & MSG_TRUNC ? "set" : "not set");
	n = Recv(fd, small, sizeof small, 0);
	printf("a short one: %zd: %.*s\n", n, (int)n, small);
	Close(fd);
	return 0;
}
