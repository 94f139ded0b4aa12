/*
 * Chapter 29: sendmsg and recvmsg, the general forms of send and recv: a
 * UDP server takes each datagram into two buffers with the sender's
 * address in msg_name, and answers with sendmsg from two pieces, to the
 * address it got.
 *
 *     msg_server port count
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int fd, port, count, i;

	if (argc != 3 || str_to_int(argv[1], &port) < 0 || str_to_int(argv[2], &count) < 0)
		err_quit("usage: msg_server port count");
	fd = udp_server(NULL, port);
	for (i = 0; i < count; i++) {
		struct sockaddr_in from;
		char head[4], body[64];
		struct iovec in[2] = {{head, sizeof head}, {body, sizeof body}};
		struct iovec out[2] = {{"ack:", 4}, {body, 0}};
		struct msghdr m;
		ssize_t n;

		memset(&m, 0, sizeof m);
		m.msg_name = &from;
		m.msg_namelen = sizeof from;
		m.msg_iov = in;
		m.msg_iovlen = 2;
		if ((n = recvmsg(fd, &m, 0)) < 0)
			err_sys("recvmsg");
		printf("%zd bytes from %s (namelen %u): [%.4s] [%.*s]\n", n, inet_ntoa(from.sin_addr), (unsigned)m.msg_namelen,
		       head, (int)(n > 4 ? n - 4 : 0), body);
		out[1].iov_len = n > 4 ? n - 4 : 0;
		m.msg_iov = out;
		m.msg_iovlen = 2;
		if ((n = sendmsg(fd, &m, 0)) < 0)
			err_sys("sendmsg");
	}
	Close(fd);
	return 0;
}
