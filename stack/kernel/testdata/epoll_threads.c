/* epoll, poll and select with threads: each thread blocks alone in its
   call, the others go on; two threads waiting on one epoll instance. */
#include <stdio.h>
#include <unistd.h>
#include <pthread.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>

static int a[2], b[2], c[2], ep;

static void *in_epoll(void *arg) {
	struct epoll_event e;
	int n = epoll_wait(ep, &e, 1, -1);
	printf("%s: epoll_wait %d, fd %d\n", (char *)arg, n, e.data.fd);
	return NULL;
}

static void *in_poll(void *arg) {
	struct pollfd p = {b[0], POLLIN, 0};
	int n = poll(&p, 1, -1);
	printf("poll thread: %d, revents %#x\n", n, p.revents);
	return NULL;
}

static void *in_select(void *arg) {
	fd_set r;
	FD_ZERO(&r);
	FD_SET(c[0], &r);
	int n = select(c[0] + 1, &r, NULL, NULL, NULL);
	printf("select thread: %d, set %d\n", n, FD_ISSET(c[0], &r));
	return NULL;
}

int main(void) {
	pipe(a);
	pipe(b);
	pipe(c);
	ep = epoll_create1(0);
	struct epoll_event ev = {.events = EPOLLIN | EPOLLONESHOT, .data.fd = a[0]};
	epoll_ctl(ep, EPOLL_CTL_ADD, a[0], &ev);
	pthread_t t1, t2, t3, t4;
	pthread_create(&t1, NULL, in_epoll, "first");
	pthread_create(&t2, NULL, in_poll, NULL);
	pthread_create(&t3, NULL, in_select, NULL);
	usleep(100000);
	printf("main: the threads wait; writing to the poll thread's pipe\n");
	fflush(stdout);
	write(b[1], "x", 1);
	pthread_join(t2, NULL);
	printf("main: to the select thread's\n");
	fflush(stdout);
	write(c[1], "x", 1);
	pthread_join(t3, NULL);
	pthread_create(&t4, NULL, in_epoll, "second");
	usleep(100000);
	printf("main: two threads in epoll_wait, one one-shot event\n");
	fflush(stdout);
	write(a[1], "x", 1);
	usleep(100000);
	printf("main: re-armed\n");
	fflush(stdout);
	epoll_ctl(ep, EPOLL_CTL_MOD, a[0], &ev);
	pthread_join(t1, NULL);
	pthread_join(t4, NULL);
	printf("main: done\n");
	return 0;
}
