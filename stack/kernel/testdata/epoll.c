/* epoll as Linux has it: errno of every misuse of epoll_create and
   epoll_ctl, level- and edge-triggered reports, EPOLLONESHOT re-armed with
   EPOLL_CTL_MOD, EPOLLERR and EPOLLHUP always reported, the data given
   back as given, maxevents and the round robin of a ready list longer
   than it, a closed descriptor leaving the set only with its description,
   an epoll descriptor inside poll, select and another epoll, on local
   sockets, pipes, files and loopback TCP and UDP sockets. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

static void result(const char *what, int r) {
	if (r < 0)
		printf("%s: %d %s\n", what, r, strerror(errno));
	else
		printf("%s: %d\n", what, r);
	errno = 0;
}

static const char *names(uint32_t ev) {
	static char buf[256];
	buf[0] = 0;
	static const struct { uint32_t bit; const char *name; } bits[] = {
		{EPOLLIN, "IN"}, {EPOLLPRI, "PRI"}, {EPOLLOUT, "OUT"}, {EPOLLERR, "ERR"}, {EPOLLHUP, "HUP"},
		{EPOLLRDNORM, "RDNORM"}, {EPOLLRDBAND, "RDBAND"}, {EPOLLWRNORM, "WRNORM"}, {EPOLLWRBAND, "WRBAND"},
		{EPOLLRDHUP, "RDHUP"},
	};
	for (unsigned i = 0; i < sizeof bits / sizeof bits[0]; i++)
		if (ev & bits[i].bit) {
			if (buf[0])
				strcat(buf, "|");
			strcat(buf, bits[i].name);
		}
	if (!buf[0])
		strcpy(buf, "0");
	return buf;
}

/* wait calls epoll_wait and prints what it returned. */
static int wait(const char *what, int ep, int max, int timeout) {
	struct epoll_event evs[16];
	memset(evs, 0, sizeof evs);
	int n = epoll_wait(ep, evs, max, timeout);
	printf("%s: %d", what, n);
	if (n < 0)
		printf(" %s", strerror(errno));
	for (int i = 0; i < n; i++)
		printf(" [%llx %s]", (unsigned long long)evs[i].data.u64, names(evs[i].events));
	printf("\n");
	return n;
}

static int add(int ep, int fd, uint32_t events, uint64_t data) {
	struct epoll_event ev = {.events = events, .data.u64 = data};
	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

static int mod(int ep, int fd, uint32_t events, uint64_t data) {
	struct epoll_event ev = {.events = events, .data.u64 = data};
	return epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
}

int main(void) {
	char buf[4096];
	struct epoll_event ev = {.events = EPOLLIN};

	/* epoll_create and epoll_create1 */
	result("epoll_create(0)", epoll_create(0));
	result("epoll_create(-1)", epoll_create(-1));
	int ep = epoll_create(1);
	result("epoll_create(1)", ep);
	result("epoll_create1(1)", epoll_create1(1));
	int ep2 = epoll_create1(EPOLL_CLOEXEC);
	result("epoll_create1(EPOLL_CLOEXEC)", ep2);
	printf("cloexec %d, flags %#o\n", fcntl(ep2, F_GETFD), fcntl(ep2, F_GETFL));

	/* epoll_ctl's errors */
	int sv[2], pp[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pipe(pp);
	int file = open("f.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(file, "data", 4);
	int dir = open(".", O_RDONLY);
	int null = open("/dev/null", O_RDWR);
	result("ctl bad epfd", epoll_ctl(99, EPOLL_CTL_ADD, sv[0], &ev));
	result("ctl bad fd", epoll_ctl(ep, EPOLL_CTL_ADD, 99, &ev));
	result("ctl epfd not epoll", epoll_ctl(pp[0], EPOLL_CTL_ADD, sv[0], &ev));
	result("ctl epfd not epoll, file", epoll_ctl(pp[0], EPOLL_CTL_ADD, file, &ev));
	result("ctl self", epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev));
	result("ctl file", epoll_ctl(ep, EPOLL_CTL_ADD, file, &ev));
	result("ctl dir", epoll_ctl(ep, EPOLL_CTL_ADD, dir, &ev));
	result("ctl /dev/null", epoll_ctl(ep, EPOLL_CTL_ADD, null, &ev));
	result("ctl bad op", epoll_ctl(ep, 99, sv[0], &ev));
	result("ctl mod absent", epoll_ctl(ep, EPOLL_CTL_MOD, sv[0], &ev));
	result("ctl del absent", epoll_ctl(ep, EPOLL_CTL_DEL, sv[0], &ev));
	result("ctl add", add(ep, sv[0], EPOLLIN, 0x1122334455667788ULL));
	result("ctl add again", add(ep, sv[0], EPOLLIN, 1));
	result("ctl exclusive mod", mod(ep, sv[0], EPOLLIN | EPOLLEXCLUSIVE, 1));
	result("ctl exclusive with RDHUP", add(ep, pp[0], EPOLLIN | EPOLLRDHUP | EPOLLEXCLUSIVE, 1));
	result("ctl exclusive epoll", add(ep, ep2, EPOLLIN | EPOLLEXCLUSIVE, 1));
	result("ctl del", epoll_ctl(ep, EPOLL_CTL_DEL, sv[0], NULL));
	result("ctl del again", epoll_ctl(ep, EPOLL_CTL_DEL, sv[0], NULL));
	result("ctl add ep2 in ep", add(ep, ep2, EPOLLIN, 2));
	result("ctl add ep in ep2 (loop)", add(ep2, ep, EPOLLIN, 3));
	result("ctl del ep2", epoll_ctl(ep, EPOLL_CTL_DEL, ep2, NULL));
	result("wait maxevents 0", epoll_wait(ep, &ev, 0, 0));
	result("wait maxevents -1", epoll_wait(ep, &ev, -1, 0));
	result("wait bad fd", epoll_wait(99, &ev, 1, 0));
	result("wait not epoll", epoll_wait(pp[0], &ev, 1, 0));
	result("wait nothing, 0", epoll_wait(ep, &ev, 1, 0));
	result("wait nothing, 30ms", epoll_wait(ep, &ev, 1, 30));

	/* Level-triggered: reported while data is there. */
	add(ep, sv[1], EPOLLIN, 0x1122334455667788ULL);
	wait("LT empty", ep, 8, 0);
	write(sv[0], "hello", 5);
	wait("LT data", ep, 8, 0);
	read(sv[1], buf, 2);
	wait("LT part read", ep, 8, 0);
	read(sv[1], buf, sizeof buf);
	wait("LT drained", ep, 8, 0);
	mod(ep, sv[1], EPOLLIN | EPOLLOUT, 7);
	wait("LT IN|OUT", ep, 8, 0);

	/* Edge-triggered: reported when new data comes, not again. */
	mod(ep, sv[1], EPOLLIN | EPOLLET, 8);
	wait("ET after MOD, nothing", ep, 8, 0);
	write(sv[0], "abc", 3);
	wait("ET data", ep, 8, 0);
	wait("ET again (not drained)", ep, 8, 0);
	read(sv[1], buf, 1);
	wait("ET after a partial read", ep, 8, 0);
	write(sv[0], "d", 1);
	wait("ET more data", ep, 8, 0);
	mod(ep, sv[1], EPOLLIN | EPOLLET, 9);
	wait("ET after MOD while ready", ep, 8, 0);
	read(sv[1], buf, sizeof buf);
	mod(ep, sv[1], EPOLLIN | EPOLLOUT | EPOLLET, 10);
	wait("ET IN|OUT after MOD", ep, 8, 0);
	wait("ET IN|OUT again", ep, 8, 0);
	write(sv[0], "e", 1);
	wait("ET IN|OUT data", ep, 8, 0);
	read(sv[1], buf, sizeof buf);
	wait("ET IN|OUT after a read", ep, 8, 0);
	add(ep, sv[0], EPOLLOUT | EPOLLET, 0x5);
	wait("ET OUT, writer", ep, 8, 0);
	write(sv[0], "j", 1);
	wait("ET OUT, writer wrote", ep, 8, 0);
	read(sv[1], buf, sizeof buf);
	wait("ET OUT, reader read", ep, 8, 0);
	epoll_ctl(ep, EPOLL_CTL_DEL, sv[0], NULL);

	/* One-shot: once, then nothing until MOD re-arms it. */
	mod(ep, sv[1], EPOLLIN | EPOLLONESHOT, 11);
	write(sv[0], "f", 1);
	wait("ONESHOT", ep, 8, 0);
	wait("ONESHOT again", ep, 8, 0);
	write(sv[0], "g", 1);
	wait("ONESHOT more data", ep, 8, 0);
	result("ONESHOT MOD", mod(ep, sv[1], EPOLLIN | EPOLLONESHOT, 12));
	wait("ONESHOT re-armed", ep, 8, 0);
	result("ONESHOT MOD to nothing", mod(ep, sv[1], 0, 13));
	wait("events 0", ep, 8, 0);
	read(sv[1], buf, sizeof buf);
	result("ONESHOT|ET", mod(ep, sv[1], EPOLLIN | EPOLLONESHOT | EPOLLET, 14));
	write(sv[0], "h", 1);
	wait("ONESHOT|ET", ep, 8, 0);
	write(sv[0], "i", 1);
	wait("ONESHOT|ET more", ep, 8, 0);
	read(sv[1], buf, sizeof buf);
	epoll_ctl(ep, EPOLL_CTL_DEL, sv[1], NULL);

	/* EPOLLHUP, EPOLLRDHUP and EPOLLERR, asked for or not. */
	int a[2], b[2], c[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, a);
	socketpair(AF_UNIX, SOCK_STREAM, 0, b);
	socketpair(AF_UNIX, SOCK_DGRAM, 0, c);
	add(ep, a[0], EPOLLIN | EPOLLRDHUP, 0xa0);
	add(ep, b[0], EPOLLOUT, 0xb0);
	shutdown(a[1], SHUT_WR);
	wait("peer SHUT_WR", ep, 8, 0);
	close(a[1]);
	wait("peer closed", ep, 8, 0);
	close(b[1]);
	wait("peer closed, OUT asked", ep, 8, 0);
	epoll_ctl(ep, EPOLL_CTL_DEL, a[0], NULL);
	epoll_ctl(ep, EPOLL_CTL_DEL, b[0], NULL);
	add(ep, c[0], EPOLLIN | EPOLLOUT | EPOLLRDHUP, 0xc0);
	wait("dgram pair", ep, 8, 0);
	close(c[1]);
	wait("dgram peer closed", ep, 8, 0);
	epoll_ctl(ep, EPOLL_CTL_DEL, c[0], NULL);

	int q[2];
	pipe(q);
	add(ep, q[0], EPOLLIN, 0xe0);
	add(ep, q[1], EPOLLOUT, 0xe1);
	wait("pipe", ep, 8, 0);
	write(q[1], "x", 1);
	wait("pipe data", ep, 8, 0);
	close(q[1]);
	wait("pipe writer closed", ep, 8, 0);
	read(q[0], buf, sizeof buf);
	wait("pipe writer closed, drained", ep, 8, 0);
	close(q[0]);
	pipe(q);
	add(ep, q[1], EPOLLOUT | EPOLLET, 0xe2);
	wait("pipe writer", ep, 8, 0);
	fcntl(q[1], F_SETFL, O_NONBLOCK);
	int total = 0, w;
	while ((w = write(q[1], buf, sizeof buf)) > 0)
		total += w;
	printf("pipe filled with %d\n", total);
	wait("pipe full", ep, 8, 0);
	read(q[0], buf, 100);
	wait("pipe read 100", ep, 8, 0);
	read(q[0], buf, 4000);
	wait("pipe read a page", ep, 8, 0);
	close(q[0]);
	wait("pipe reader closed", ep, 8, 0);
	close(q[1]);

	/* A closed descriptor stays in the set while its description lives. */
	int d[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, d);
	add(ep, d[0], EPOLLIN, 0xd0);
	int dup0 = dup(d[0]);
	close(d[0]);
	write(d[1], "z", 1);
	wait("closed, dup open", ep, 8, 0);
	result("ctl del closed fd", epoll_ctl(ep, EPOLL_CTL_DEL, d[0], NULL));
	result("ctl del through dup", epoll_ctl(ep, EPOLL_CTL_DEL, dup0, NULL));
	result("ctl add dup", add(ep, dup0, EPOLLIN, 0xd1));
	close(dup0);
	wait("every fd closed", ep, 8, 0);

	/* maxevents and the round robin of a longer ready list */
	int s[5][2];
	for (int i = 0; i < 5; i++) {
		socketpair(AF_UNIX, SOCK_STREAM, 0, s[i]);
		add(ep, s[i][0], EPOLLIN, 0x10 + i);
	}
	for (int i = 4; i >= 0; i--)
		write(s[i][1], "r", 1);
	wait("5 ready, max 2", ep, 2, 0);
	wait("5 ready, max 2", ep, 2, 0);
	wait("5 ready, max 2", ep, 2, 0);
	read(s[4][0], buf, 1);
	wait("4 ready, max 3", ep, 3, 0);
	wait("4 ready, max 8", ep, 8, 0);
	result("epoll_pwait", epoll_pwait(ep, &ev, 1, 0, NULL));
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	result("epoll_pwait mask", epoll_pwait(ep, &ev, 1, 0, &mask));

	/* An epoll descriptor is readable when its ready list holds a ready one. */
	struct pollfd pf = {ep, POLLIN | POLLOUT, 0};
	result("poll on epoll fd", poll(&pf, 1, 0));
	printf("revents %#x\n", pf.revents);
	fd_set rs, ws;
	FD_ZERO(&rs);
	FD_ZERO(&ws);
	FD_SET(ep, &rs);
	FD_SET(ep, &ws);
	result("select on epoll fd", select(ep + 1, &rs, &ws, NULL, NULL));
	int outer = epoll_create1(0);
	add(outer, ep, EPOLLIN | EPOLLOUT, 0x99);
	wait("nested", outer, 8, 0);
	for (int i = 0; i < 5; i++)
		recv(s[i][0], buf, sizeof buf, MSG_DONTWAIT);
	wait("nested, inner drained", outer, 8, 0);
	pf.revents = 0;
	result("poll on drained epoll fd", poll(&pf, 1, 0));
	result("ctl add outer in ep (loop)", add(ep, outer, EPOLLIN, 1));
	write(s[2][1], "r", 1);
	wait("nested again", outer, 8, 0);
	read(s[2][0], buf, sizeof buf);
	close(outer);

	/* Loopback TCP: a listener, a connection, data and its end. */
	int l = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(7007), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	bind(l, (struct sockaddr *)&sa, sizeof sa);
	listen(l, 5);
	int tcp = epoll_create1(0);
	add(tcp, l, EPOLLIN, 0x70);
	wait("listener", tcp, 8, 0);
	int cl = socket(AF_INET, SOCK_STREAM, 0);
	add(tcp, cl, EPOLLIN | EPOLLOUT | EPOLLRDHUP, 0x71);
	wait("socket not connected", tcp, 8, 0);
	connect(cl, (struct sockaddr *)&sa, sizeof sa);
	mod(tcp, cl, EPOLLIN | EPOLLRDHUP, 0x71); /* waits below end on the server's side */
	wait("connected", tcp, 8, 1000);
	int sc = accept(l, NULL, NULL);
	add(tcp, sc, EPOLLIN | EPOLLRDHUP | EPOLLET, 0x72);
	wait("accepted", tcp, 8, 0);
	send(cl, "ping", 4, 0);
	wait("data", tcp, 8, 1000);
	wait("data, ET", tcp, 8, 0);
	mod(tcp, cl, EPOLLIN | EPOLLOUT | EPOLLRDHUP, 0x71);
	wait("client writable", tcp, 8, 0);
	mod(tcp, cl, EPOLLIN | EPOLLRDHUP, 0x71);
	shutdown(cl, SHUT_WR);
	wait("FIN", tcp, 8, 1000);
	recv(sc, buf, sizeof buf, 0);
	close(sc);
	wait("closed", tcp, 8, 1000);
	wait("closed", tcp, 8, 1000);
	close(cl);
	close(l);

	/* UDP on the loopback */
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	sa.sin_port = htons(7008);
	bind(u, (struct sockaddr *)&sa, sizeof sa);
	add(tcp, u, EPOLLIN | EPOLLOUT, 0x80);
	wait("udp", tcp, 8, 0);
	sendto(u, "dgram", 5, 0, (struct sockaddr *)&sa, sizeof sa);
	wait("udp datagram", tcp, 8, 1000);
	recv(u, buf, sizeof buf, 0);
	wait("udp read", tcp, 8, 0);
	close(u);
	wait("udp closed", tcp, 8, 0);
	return 0;
}
