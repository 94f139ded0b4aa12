/* poll and select on every kind of descriptor, as Linux answers them:
   regular files, directories and /dev/null always ready; pipes; local
   stream, datagram and listening sockets; a TCP listener and connection on
   the loopback; POLLRDHUP; POLLNVAL for a closed descriptor and select's
   EBADF. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>

static const char *names(short ev) {
	static char buf[256];
	buf[0] = 0;
	static const struct { short bit; const char *name; } bits[] = {
		{POLLIN, "IN"}, {POLLPRI, "PRI"}, {POLLOUT, "OUT"}, {POLLERR, "ERR"}, {POLLHUP, "HUP"},
		{POLLNVAL, "NVAL"}, {POLLRDNORM, "RDNORM"}, {POLLRDBAND, "RDBAND"}, {POLLWRNORM, "WRNORM"},
		{POLLWRBAND, "WRBAND"}, {POLLRDHUP, "RDHUP"},
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

#define ALL (POLLIN | POLLPRI | POLLOUT | POLLRDNORM | POLLRDBAND | POLLWRNORM | POLLWRBAND | POLLRDHUP)

static void show(const char *what, int fd) {
	struct pollfd p = {fd, ALL, 0};
	int n = poll(&p, 1, 0);
	fd_set r, w, e;
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_ZERO(&e);
	if (fd >= 0) {
		FD_SET(fd, &r);
		FD_SET(fd, &w);
		FD_SET(fd, &e);
	}
	struct timeval tv = {0, 0};
	errno = 0;
	int s = select(fd + 1, &r, &w, &e, &tv);
	if (s < 0)
		printf("%-28s poll %d %-40s select %d %s\n", what, n, names(p.revents), s, strerror(errno));
	else
		printf("%-28s poll %d %-40s select %d%s%s%s\n", what, n, names(p.revents), s,
		       FD_ISSET(fd, &r) ? " r" : "", FD_ISSET(fd, &w) ? " w" : "", FD_ISSET(fd, &e) ? " e" : "");
}

int main(void) {
	int file = open("f.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
	show("file", file);
	int ro = open("f.txt", O_RDONLY);
	show("file read-only", ro);
	show("directory", open(".", O_RDONLY));
	show("/dev/null", open("/dev/null", O_RDWR));
	show("/dev/zero", open("/dev/zero", O_RDONLY));
	close(ro);
	show("closed fd", ro);

	int p[2];
	pipe(p);
	show("pipe read end", p[0]);
	show("pipe write end", p[1]);
	write(p[1], "x", 1);
	show("pipe read end, data", p[0]);
	close(p[1]);
	show("pipe, writer closed", p[0]);
	pipe(p);
	close(p[0]);
	show("pipe, reader closed", p[1]);

	int s[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, s);
	show("unix stream", s[0]);
	write(s[1], "x", 1);
	show("unix stream, data", s[0]);
	shutdown(s[1], SHUT_WR);
	show("unix stream, peer SHUT_WR", s[0]);
	shutdown(s[0], SHUT_WR);
	show("unix stream, both SHUT_WR", s[0]);
	close(s[1]);
	show("unix stream, peer closed", s[0]);
	socketpair(AF_UNIX, SOCK_DGRAM, 0, s);
	show("unix dgram", s[0]);
	send(s[1], "x", 1, 0);
	show("unix dgram, datagram", s[0]);
	shutdown(s[0], SHUT_RD);
	show("unix dgram, SHUT_RD", s[0]);
	shutdown(s[0], SHUT_WR);
	show("unix dgram, SHUT_RDWR", s[0]);

	int u = socket(AF_UNIX, SOCK_STREAM, 0);
	show("unix, not connected", u);
	struct sockaddr_un ua = {.sun_family = AF_UNIX};
	strcpy(ua.sun_path, "s.sock");
	unlink("s.sock");
	bind(u, (struct sockaddr *)&ua, sizeof ua);
	listen(u, 4);
	show("unix listener", u);
	int c = socket(AF_UNIX, SOCK_STREAM, 0);
	connect(c, (struct sockaddr *)&ua, sizeof ua);
	show("unix listener, pending", u);
	show("unix connected", c);
	unlink("s.sock");

	int l = socket(AF_INET, SOCK_STREAM, 0);
	show("tcp, new", l);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(7009), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	bind(l, (struct sockaddr *)&sa, sizeof sa);
	show("tcp, bound", l);
	listen(l, 4);
	show("tcp listener", l);
	int t = socket(AF_INET, SOCK_STREAM, 0);
	connect(t, (struct sockaddr *)&sa, sizeof sa);
	struct pollfd lp = {l, POLLIN, 0};
	poll(&lp, 1, 1000);
	show("tcp listener, pending", l);
	int a = accept(l, NULL, NULL);
	show("tcp connected", t);
	send(t, "x", 1, 0);
	struct pollfd ap = {a, POLLIN, 0};
	poll(&ap, 1, 1000);
	show("tcp, data", a);
	shutdown(t, SHUT_WR);
	ap.events = POLLRDHUP;
	poll(&ap, 1, 1000);
	show("tcp, FIN", a);
	close(a);
	struct pollfd tp = {t, POLLRDHUP, 0};
	poll(&tp, 1, 1000);
	show("tcp, both closed", t);

	int d = socket(AF_INET, SOCK_DGRAM, 0);
	show("udp", d);
	close(d);
	close(l);
	return 0;
}
