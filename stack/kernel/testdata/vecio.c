/* Vectored I/O on local sockets and to the terminal, and the descriptor
   calls whose results a program reads back: writev, readv, sendmsg and
   recvmsg (msg_flags, msg_namelen), poll's band bits, select's remaining
   time, fcntl's flags. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include <sys/uio.h>
#include <sys/time.h>
#include <sys/select.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

int main(void) {
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) {
		perror("socketpair");
		return 1;
	}
	char h[] = "HEAD ", b1[] = "body one, ", b2[] = "body two";
	struct iovec out[3] = {{h, 5}, {b1, 10}, {b2, 8}};
	ssize_t n = writev(sv[0], out, 3);
	printf("writev %zd\n", n);
	char r1[7] = {0}, r2[32] = {0};
	struct iovec in[2] = {{r1, 6}, {r2, sizeof r2 - 1}};
	n = readv(sv[1], in, 2);
	printf("readv %zd [%s] [%s]\n", n, r1, r2);
	errno = 0;
	n = writev(sv[0], out, -1);
	printf("writev -1: %zd %s\n", n, strerror(errno));
	errno = 0;
	n = readv(99, in, 2);
	printf("readv bad fd: %zd %s\n", n, strerror(errno));

	int dv[2];
	socketpair(AF_UNIX, SOCK_DGRAM, 0, dv);
	struct msghdr m;
	memset(&m, 0, sizeof m);
	m.msg_iov = out;
	m.msg_iovlen = 3;
	printf("sendmsg %zd\n", sendmsg(dv[0], &m, 0));
	char small[8] = {0}, more[4] = {0};
	struct iovec rin[2] = {{small, 7}, {more, 3}};
	struct msghdr rm;
	memset(&rm, 0, sizeof rm);
	rm.msg_iov = rin;
	rm.msg_iovlen = 2;
	rm.msg_controllen = 99;
	n = recvmsg(dv[1], &rm, 0);
	printf("recvmsg %zd [%s] [%s] flags %s controllen %zu\n", n, small, more, rm.msg_flags & MSG_TRUNC ? "MSG_TRUNC" : "0", (size_t)rm.msg_controllen);
	sendmsg(dv[0], &m, 0);
	char whole[64] = {0};
	n = recv(dv[1], whole, 4, MSG_TRUNC);
	printf("recv MSG_TRUNC %zd [%s]\n", n, whole);
	sendmsg(dv[0], &m, 0);
	struct iovec big = {whole, sizeof whole};
	rm.msg_iov = &big;
	rm.msg_iovlen = 1;
	n = recvmsg(dv[1], &rm, 0);
	printf("recvmsg whole %zd flags %d\n", n, rm.msg_flags);

	struct pollfd p[3] = {
		{sv[0], POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM | POLLWRBAND | POLLRDBAND, 0},
		{dv[0], POLLOUT | POLLWRNORM | POLLWRBAND, 0},
		{sv[1], POLLIN | POLLRDNORM, 0},
	};
	write(sv[0], "x", 1);
	int ready = poll(p, 3, 0);
	printf("poll %d: %#x %#x %#x\n", ready, p[0].revents, p[1].revents, p[2].revents);

	fd_set rs;
	FD_ZERO(&rs);
	FD_SET(dv[1], &rs);
	struct timeval tv = {0, 250000};
	ready = select(dv[1] + 1, &rs, NULL, NULL, &tv);
	printf("select %d left %ld.%06ld\n", ready, (long)tv.tv_sec, (long)tv.tv_usec);
	FD_ZERO(&rs);
	FD_SET(sv[1], &rs);
	tv.tv_sec = 2;
	tv.tv_usec = 0;
	ready = select(sv[1] + 1, &rs, NULL, NULL, &tv);
	/* Linux takes a few microseconds: the time left, to the millisecond. */
	printf("select ready %d left %ld ms\n", ready, ((long)tv.tv_sec * 1000000 + tv.tv_usec + 500) / 1000);
	struct timespec ts = {0, 1000000};
	FD_ZERO(&rs);
	FD_SET(dv[1], &rs);
	ready = pselect(dv[1] + 1, &rs, NULL, NULL, &ts, NULL);
	printf("pselect %d %ld\n", ready, ts.tv_nsec);
	struct pollfd q = {sv[1], POLLIN, 0};
	ready = ppoll(&q, 1, &ts, NULL);
	printf("ppoll %d %#x\n", ready, q.revents);

	int fl = fcntl(sv[0], F_GETFL);
	fcntl(sv[0], F_SETFL, fl | O_NONBLOCK);
	printf("flags %#x then %#x\n", fl, fcntl(sv[0], F_GETFL));

	int avail = -1;
	write(sv[1], "four", 4);
	ioctl(sv[0], FIONREAD, &avail);
	printf("FIONREAD stream %d\n", avail);
	sendmsg(dv[0], &m, 0);
	sendmsg(dv[0], &m, 0);
	ioctl(dv[1], FIONREAD, &avail);
	printf("FIONREAD dgram %d\n", avail);
	int pfd[2];
	pipe(pfd);
	write(pfd[1], "abcdefg", 7);
	ioctl(pfd[0], FIONREAD, &avail);
	printf("FIONREAD pipe %d\n", avail);
	int on = 1;
	ioctl(dv[1], FIONBIO, &on);
	char sink[64];
	recv(dv[1], sink, sizeof sink, 0);
	recv(dv[1], sink, sizeof sink, 0);
	errno = 0;
	n = recv(dv[1], sink, sizeof sink, 0);
	printf("after FIONBIO: %zd %s\n", n, strerror(errno));
	errno = 0;
	printf("unknown request: %d %s\n", ioctl(sv[0], 0x1234, &avail), strerror(errno));
	printf("SIOCATMARK on a pipe: %d %s\n", ioctl(pfd[0], SIOCATMARK, &avail), strerror(errno));

	char t1[] = "to the ", t2[] = "terminal\n";
	struct iovec tout[2] = {{t1, 7}, {t2, 9}};
	fflush(stdout);
	n = writev(1, tout, 2);
	printf("writev to stdout %zd\n", n);
	return 0;
}
