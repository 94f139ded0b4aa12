/* sendmsg and recvmsg on UDP over the loopback: the sender's address in
   msg_name (and msg_namelen), a datagram longer than the buffers
   (MSG_TRUNC), control messages refused, recv with MSG_TRUNC. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/uio.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

int main(void) {
	int rx = socket(AF_INET, SOCK_DGRAM, 0), tx = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(rx, (struct sockaddr *)&a, sizeof a);
	socklen_t alen = sizeof a;
	getsockname(rx, (struct sockaddr *)&a, &alen);

	char p1[] = "datagram ", p2[] = "in two parts";
	struct iovec v[2] = {{p1, 9}, {p2, 12}};
	struct msghdr m;
	memset(&m, 0, sizeof m);
	m.msg_name = &a;
	m.msg_namelen = sizeof a;
	m.msg_iov = v;
	m.msg_iovlen = 2;
	printf("sendmsg %zd\n", sendmsg(tx, &m, 0));

	struct sockaddr_in from;
	char b1[5] = {0}, b2[6] = {0};
	struct iovec r[2] = {{b1, 4}, {b2, 5}};
	struct msghdr rm;
	memset(&rm, 0, sizeof rm);
	rm.msg_name = &from;
	rm.msg_namelen = sizeof from;
	rm.msg_iov = r;
	rm.msg_iovlen = 2;
	ssize_t n = recvmsg(rx, &rm, 0);
	printf("recvmsg %zd [%s][%s] flags %#x namelen %u from %s\n", n, b1, b2, rm.msg_flags, rm.msg_namelen, inet_ntoa(from.sin_addr));

	char cbuf[64];
	m.msg_control = cbuf;
	m.msg_controllen = CMSG_SPACE(sizeof(int));
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &rx, sizeof rx);
	errno = 0;
	n = sendmsg(tx, &m, 0);
	printf("sendmsg with SCM_RIGHTS on UDP: %zd %s\n", n, strerror(errno));

	m.msg_control = NULL;
	m.msg_controllen = 0;
	sendmsg(tx, &m, 0);
	char small[8] = {0};
	n = recv(rx, small, 7, MSG_TRUNC);
	printf("recv MSG_TRUNC %zd [%s]\n", n, small);
	printf("CMSG_NXTHDR of the only one: %s\n", CMSG_NXTHDR(&m, c) ? "more" : "NULL");
	return 0;
}
