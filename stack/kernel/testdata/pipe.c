/* Pipes: bytes in order, EOF once every writer closed, EPIPE with no
   reader, non-blocking ends, what select and poll report, fstat. */
#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <signal.h>
#include <fcntl.h>
#include <unistd.h>
#include <poll.h>
#include <sys/select.h>

static void show(const char *what, long r) {
	if (r < 0) printf("%s: %ld %s\n", what, r, strerror(errno));
	else printf("%s: %ld\n", what, r);
}

int main(void) {
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IONBF, 0);
	int p[2];
	char b[100000];
	show("pipe", pipe(p));
	printf("fds %d %d\n", p[0], p[1]);
	printf("flags %#x %#x\n", fcntl(p[0], F_GETFL), fcntl(p[1], F_GETFL));
	show("write", write(p[1], "hello ", 6));
	show("write", write(p[1], "world", 5));
	show("read", read(p[0], b, 4));
	show("read", read(p[0], b, sizeof b));
	show("write to the read end", write(p[0], "x", 1));
	show("read the write end", read(p[1], b, 1));
	show("lseek", lseek(p[0], 0, SEEK_SET));
	struct pollfd pf[2] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}};
	show("poll", poll(pf, 2, 0));
	printf("revents %#x %#x\n", pf[0].revents, pf[1].revents);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	show("nonblocking read", read(p[0], b, 10));
	/* fill it: 65536 bytes, then a non-blocking write says EAGAIN */
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	long total = 0, n;
	memset(b, 'x', sizeof b);
	while ((n = write(p[1], b, 4096)) > 0)
		total += n;
	printf("held %ld, then %s\n", total, strerror(errno));
	show("big write", write(p[1], b, 10000));
	show("poll", poll(pf, 2, 0));
	printf("revents %#x %#x\n", pf[0].revents, pf[1].revents);
	show("read", read(p[0], b, 5000));
	show("poll", poll(pf, 2, 0));
	printf("revents %#x %#x\n", pf[0].revents, pf[1].revents);
	show("partial write", write(p[1], b, 10000));
	int d = dup(p[1]);
	close(p[1]);
	while (read(p[0], b, sizeof b) > 0)
		;
	show("read with a writer left", read(p[0], b, 10));
	close(d);
	show("read with no writer", read(p[0], b, 10));
	show("poll", poll(pf, 1, 0));
	printf("revents %#x\n", pf[0].revents);
	fd_set r; FD_ZERO(&r); FD_SET(p[0], &r);
	struct timeval tv = {0, 0};
	show("select", select(p[0] + 1, &r, NULL, NULL, &tv));
	close(p[0]);
	int q[2];
	pipe2(q, O_CLOEXEC | O_NONBLOCK);
	printf("pipe2 flags %#x %#x fd %d\n", fcntl(q[0], F_GETFL), fcntl(q[1], F_GETFL), fcntl(q[0], F_GETFD));
	close(q[0]);
	show("write with no reader", write(q[1], "x", 1));
	pf[0].fd = q[1]; pf[0].events = POLLOUT;
	show("poll", poll(pf, 1, 0));
	printf("revents %#x\n", pf[0].revents);
	show("pipe2 bad flags", pipe2(q, 1));
	return 0;
}
