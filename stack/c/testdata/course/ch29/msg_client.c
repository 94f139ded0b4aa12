/*
 * Chapter 29: the client sends each word with sendmsg from a fixed
 * 4-byte tag and the word (msg_name naming the server), and reads the
 * answer with recvmsg into one buffer.
 *
 *     msg_client host port word...
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	struct sockaddr_storage to;
	socklen_t tolen;
	int fd, port, i;

	if (argc < 4 || str_to_int(argv[2], &port) < 0)
		err_quit("usage: msg_client host port word...");
	fd = udp_client(argv[1], port, &to, &tolen);
	for (i = 3; i < argc; i++) {
		struct iovec out[2] = {{"TAG:", 4}, {argv[i], strlen(argv[i])}};
		char buf[128];
		struct iovec in = {buf, sizeof buf};
		struct msghdr m;
		ssize_t n;

		memset(&m, 0, sizeof m);
		m.msg_name = &to;
		m.msg_namelen = tolen;
		m.msg_iov = out;
		m.msg_iovlen = 2;
		printf("sendmsg: %zd\n", sendmsg(fd, &m, 0));
		memset(&m, 0, sizeof m);
		m.msg_iov = &in;
		m.msg_iovlen = 1;
		n = recvmsg(fd, &m, 0);
		printf("recvmsg: %zd: %.*s (flags %d)\n", n, (int)n, buf, m.msg_flags);
	}
	Close(fd);
	return 0;
}
