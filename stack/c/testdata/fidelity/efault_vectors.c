/* Memory the vectored, polling and address-taking calls cannot use is
   EFAULT (a length out of range EINVAL), never a crash, checked where
   Linux checks it: iovec arrays and their buffers (a stream moves the
   buffers before a bad one, a datagram fails whole), struct msghdr and
   its name, poll's array (and more descriptors than RLIMIT_NOFILE),
   epoll_wait's events (only when events come), epoll_ctl's event,
   connect/bind/sendto addresses, getsockname/getpeername and accept's
   address and length (accept takes the connection and closes it,
   recvfrom and recvmsg the datagram). */
#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/uio.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

static void report(const char *what, long r) {
	printf("%s: %ld %s\n", what, r, r < 0 ? strerror(errno) : "");
}

/* report_fd is report for a call returning a descriptor (its number
   depends on what the program inherited). */
static void report_fd(const char *what, long r) {
	if (r >= 0)
		printf("%s: a descriptor\n", what);
	else
		report(what, r);
}

int main(void) {
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	int t = socket(AF_INET, SOCK_STREAM, 0);
	char buf[16] = "hello";
	struct iovec good[2] = {{buf, 3}, {buf + 3, 2}};
	struct iovec bad[2] = {{buf, 3}, {(void *)8, 2}};
	report("writev, iov NULL", writev(1, NULL, 2));
	report("writev, iov (void*)8", writev(1, (struct iovec *)8, 2));
	/* To a file the buffers before a bad one are written (to a pipe
	   Linux's answer depends on whether the pipe held data). */
	int f = open("vectors.txt", O_CREAT | O_TRUNC | O_RDWR, 0644);
	report("writev to a file, second buffer bad", writev(f, bad, 2));
	report("file size", lseek(f, 0, SEEK_END));
	report("readv from a file, second buffer bad", (lseek(f, 0, SEEK_SET), readv(f, bad, 2)));
	close(f);
	unlink("vectors.txt");
	report("writev, first buffer bad", writev(1, bad + 1, 1));
	report("readv, iov NULL", readv(0, NULL, 1));
	report("readv on fd 99, iov NULL", readv(99, NULL, 1));
	report("writev on fd 99, iov NULL", writev(99, NULL, 1));
	report("writev, iovcnt -1", writev(1, good, -1));
	report("writev, iovcnt 1025", writev(1, good, 1025));

	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons(9000);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	struct msghdr m;
	memset(&m, 0, sizeof m);
	m.msg_name = &a;
	m.msg_namelen = sizeof a;
	m.msg_iov = bad;
	m.msg_iovlen = 2;
	report("sendmsg, second buffer bad", sendmsg(u, &m, 0));
	m.msg_iov = (struct iovec *)8;
	report("sendmsg, iov bad", sendmsg(u, &m, 0));
	m.msg_iov = good;
	m.msg_name = (void *)8;
	report("sendmsg, name bad", sendmsg(u, &m, 0));
	report("sendmsg, msg NULL", sendmsg(u, NULL, 0));
	report("recvmsg, msg NULL", recvmsg(u, NULL, MSG_DONTWAIT));
	m.msg_name = &a;
	m.msg_iov = (struct iovec *)8;
	report("recvmsg, iov bad", recvmsg(u, &m, MSG_DONTWAIT));

	report("poll, fds NULL", poll(NULL, 1, 0));
	report("poll, fds (void*)8, 0", poll((struct pollfd *)8, 0, 0));
	report("poll, nfds huge", poll((struct pollfd *)8, 100000, 0));
	int ep = epoll_create1(0);
	report("epoll_wait, events NULL", epoll_wait(ep, NULL, 4, 0));
	struct epoll_event ev = {EPOLLOUT, {.fd = u}};
	report("epoll_ctl", epoll_ctl(ep, EPOLL_CTL_ADD, u, &ev));
	report("epoll_wait ready, events NULL", epoll_wait(ep, NULL, 4, 0));
	report("epoll_wait ready, events (void*)8", epoll_wait(ep, (struct epoll_event *)8, 4, 0));
	report("epoll_ctl, event NULL", epoll_ctl(ep, EPOLL_CTL_ADD, t, NULL));

	report("connect, addr NULL", connect(t, NULL, sizeof a));
	report("connect, addr (void*)8", connect(t, (struct sockaddr *)8, sizeof a));
	report("connect, len 1000", connect(t, (struct sockaddr *)&a, 1000));
	report("connect, len -1", connect(t, (struct sockaddr *)&a, (socklen_t)-1));
	report("bind, addr NULL", bind(u, NULL, sizeof a));
	report("bind, addr (void*)8", bind(u, (struct sockaddr *)8, sizeof a));
	report("sendto, addr (void*)8", sendto(u, buf, 3, 0, (struct sockaddr *)8, sizeof a));
	report("sendto, addr NULL len 16", sendto(u, buf, 3, 0, NULL, sizeof a));
	socklen_t len = sizeof a;
	report("getsockname, addr NULL", getsockname(u, NULL, &len));
	report("getsockname, len NULL", getsockname(u, (struct sockaddr *)&a, NULL));
	report("getsockname, addr (void*)8", getsockname(u, (struct sockaddr *)8, &len));
	report("getpeername, addr NULL", getpeername(u, NULL, &len));
	int l = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	struct sockaddr_in la = {AF_INET, 0, {htonl(INADDR_LOOPBACK)}};
	socklen_t lalen = sizeof la;
	report("bind", bind(l, (struct sockaddr *)&la, sizeof la));
	report("listen", listen(l, 5));
	getsockname(l, (struct sockaddr *)&la, &lalen);
	int c = socket(AF_INET, SOCK_STREAM, 0);
	report("connect", connect(c, (struct sockaddr *)&la, sizeof la));
	int c2 = socket(AF_INET, SOCK_STREAM, 0);
	report("connect", connect(c2, (struct sockaddr *)&la, sizeof la));
	int c3 = socket(AF_INET, SOCK_STREAM, 0);
	report("connect", connect(c3, (struct sockaddr *)&la, sizeof la));
	report_fd("accept, addr (void*)8", accept(l, (struct sockaddr *)8, &len));
	report_fd("accept, len (void*)8", accept(l, (struct sockaddr *)&a, (socklen_t *)8));
	report_fd("accept, addr NULL len bad", accept(l, NULL, (socklen_t *)8));
	/* The two connections the faulted accepts took were closed: the
	   third is the last one queued. */
	report_fd("accept, nothing queued", accept(l, NULL, NULL));

	/* recvfrom takes the datagram, then cannot give its sender back. */
	int r = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in ra = {AF_INET, 0, {htonl(INADDR_LOOPBACK)}};
	socklen_t ralen = sizeof ra;
	bind(r, (struct sockaddr *)&ra, sizeof ra);
	getsockname(r, (struct sockaddr *)&ra, &ralen);
	report("recvfrom, nothing queued, from (void*)8", recvfrom(r, buf, 3, MSG_DONTWAIT, (struct sockaddr *)8, &len));
	report("sendto self", sendto(r, "abc", 3, 0, (struct sockaddr *)&ra, sizeof ra));
	report("recvfrom, from (void*)8", recvfrom(r, buf, 3, MSG_DONTWAIT, (struct sockaddr *)8, &len));
	report("recvfrom again", recvfrom(r, buf, 3, MSG_DONTWAIT, NULL, NULL));
	/* So does recvmsg with a name it cannot give back. */
	memset(&m, 0, sizeof m);
	m.msg_name = (void *)8;
	m.msg_namelen = sizeof ra;
	m.msg_iov = good;
	m.msg_iovlen = 2;
	report("recvmsg, nothing queued, name (void*)8", recvmsg(r, &m, MSG_DONTWAIT));
	report("sendto self", sendto(r, "abc", 3, 0, (struct sockaddr *)&ra, sizeof ra));
	report("recvmsg, name (void*)8", recvmsg(r, &m, MSG_DONTWAIT));
	report("recvmsg again", recvmsg(r, &m, MSG_DONTWAIT));
	return 0;
}
