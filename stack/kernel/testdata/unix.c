/* Local sockets: the errno of every misuse, names and their lengths,
   stream and datagram semantics, as Linux gives them. */
#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <poll.h>
#include <sys/socket.h>
#include <netinet/in.h>

struct sockaddr_un { sa_family_t sun_family; char sun_path[108]; };

static void show(const char *what, int r) {
	if (r < 0) printf("%s: %d %s\n", what, r, strerror(errno));
	else printf("%s: %d\n", what, r);
}

static struct sockaddr_un addr(const char *path) {
	struct sockaddr_un a;
	memset(&a, 0, sizeof a);
	a.sun_family = AF_UNIX;
	strcpy(a.sun_path, path);
	return a;
}

int main(void) {
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IONBF, 0);
	char b[64];
	socklen_t len;
	struct sockaddr_un a, c;

	int u = socket(AF_INET, SOCK_DGRAM, 0);
	show("udp accept", accept(u, NULL, NULL));
	int d = socket(AF_UNIX, SOCK_DGRAM, 0);
	show("unix dgram accept", accept(d, NULL, NULL));
	show("unix dgram listen", listen(d, 5));
	show("bad type", socket(AF_UNIX, 99, 0));
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	struct pollfd p = {s, POLLIN | POLLOUT, 0};
	poll(&p, 1, 0);
	printf("fresh stream revents %#x\n", p.revents);
	show("read unconnected", read(s, b, 10));
	show("send unconnected", send(s, "x", 1, 0));
	show("accept not listening", accept(s, NULL, NULL));
	show("listen unbound", listen(s, 1));
	a = addr("nosuch.sock");
	show("connect missing", connect(s, (struct sockaddr *)&a, sizeof a));
	a = addr("nodir/x.sock");
	show("bind no dir", bind(s, (struct sockaddr *)&a, sizeof a));
	FILE *f = fopen("plain", "w"); fclose(f);
	a = addr("plain");
	show("connect regular file", connect(s, (struct sockaddr *)&a, sizeof a));
	show("connect len 2", connect(s, (struct sockaddr *)&a, 2));
	show("bind regular file", bind(s, (struct sockaddr *)&a, sizeof a));

	a = addr("t.sock");
	int l = socket(AF_UNIX, SOCK_STREAM, 0);
	show("bind", bind(l, (struct sockaddr *)&a, sizeof a));
	show("bind again", bind(l, (struct sockaddr *)&a, sizeof a));
	len = sizeof c;
	getsockname(l, (struct sockaddr *)&c, &len);
	printf("getsockname len %d path %s\n", len, c.sun_path);
	show("connect not listening", connect(s, (struct sockaddr *)&a, sizeof a));
	show("bind taken", bind(d, (struct sockaddr *)&a, sizeof a));
	show("listen", listen(l, 1));
	show("dgram connect to stream", connect(d, (struct sockaddr *)&a, sizeof a));
	show("connect", connect(s, (struct sockaddr *)&a, sizeof a));
	show("connect again", connect(s, (struct sockaddr *)&a, sizeof a));
	len = sizeof c;
	show("getpeername", getpeername(s, (struct sockaddr *)&c, &len));
	printf("  len %d path %s\n", len, c.sun_path);
	len = sizeof c;
	getsockname(s, (struct sockaddr *)&c, &len);
	printf("client getsockname len %d\n", len);
	len = sizeof c;
	int n = accept(l, (struct sockaddr *)&c, &len);
	printf("accept %d len %d\n", n, len);
	len = sizeof c;
	getsockname(n, (struct sockaddr *)&c, &len);
	printf("accepted getsockname len %d path %s\n", len, c.sun_path);
	len = sizeof c;
	show("accepted getpeername", getpeername(n, (struct sockaddr *)&c, &len));
	printf("  len %d\n", len);
	show("write", write(s, "hello", 5));
	show("sendto on stream", sendto(s, "x", 1, 0, (struct sockaddr *)&a, sizeof a));
	len = sizeof c;
	c.sun_family = 99;
	show("recvfrom stream", recvfrom(n, b, sizeof b, 0, (struct sockaddr *)&c, &len));
	printf("  len %d family %d\n", len, c.sun_family);

	/* backlog 1 holds two connections not accepted yet; the third waits */
	int x = socket(AF_UNIX, SOCK_STREAM, 0);
	show("connect 2", connect(x, (struct sockaddr *)&a, sizeof a));
	int y = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	show("connect 3", connect(y, (struct sockaddr *)&a, sizeof a));
	int z = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	show("connect 4", connect(z, (struct sockaddr *)&a, sizeof a));
	show("write before accept", write(x, "early", 5));
	int xa = accept(l, NULL, NULL);
	show("read what came before accept", read(xa, b, sizeof b));

	/* stream: bytes, not messages; MSG_PEEK, MSG_WAITALL */
	write(s, "ab", 2); write(s, "cd", 2);
	show("peek", recv(n, b, sizeof b, MSG_PEEK));
	show("read both writes", read(n, b, sizeof b));
	show("nonblocking read", recv(n, b, sizeof b, MSG_DONTWAIT));
	write(s, "abc", 3); close(s);
	show("read after the peer closed", read(n, b, sizeof b));
	show("read at the end", read(n, b, sizeof b));
	show("write to a closed peer", write(n, "q", 1));

	/* closing with unread data resets the peer */
	int sv[2];
	show("socketpair", socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	write(sv[1], "zz", 2);
	close(sv[0]);
	show("read after the peer closed unread", read(sv[1], b, 1));
	show("socketpair inet", socketpair(AF_INET, SOCK_STREAM, 0, sv));
	show("shutdown", socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	shutdown(sv[0], SHUT_WR);
	show("read after shutdown", read(sv[1], b, sizeof b));
	show("write after shutdown", write(sv[0], "x", 1));
	show("write the other way", write(sv[1], "yy", 2));
	show("read the other way", read(sv[0], b, sizeof b));

	/* datagrams keep their boundaries; a short buffer loses the rest */
	int e = socket(AF_UNIX, SOCK_DGRAM, 0), g = socket(AF_UNIX, SOCK_DGRAM, 0);
	a = addr("d.sock");
	bind(e, (struct sockaddr *)&a, sizeof a);
	show("sendto", sendto(g, "dg1", 3, 0, (struct sockaddr *)&a, sizeof a));
	show("sendto", sendto(g, "datagram2", 9, 0, (struct sockaddr *)&a, sizeof a));
	len = sizeof c;
	c.sun_family = 99;
	show("recvfrom", recvfrom(e, b, sizeof b, 0, (struct sockaddr *)&c, &len));
	printf("  len %d family %d\n", len, c.sun_family);
	show("short recv", recv(e, b, 4, 0));
	show("send unconnected", send(g, "x", 1, 0));
	int i;
	for (i = 0; i < 20; i++)
		if (sendto(g, "x", 1, MSG_DONTWAIT, (struct sockaddr *)&a, sizeof a) < 0) break;
	printf("queue full after %d: %s\n", i, strerror(errno));
	p.fd = g; p.events = POLLIN | POLLOUT;
	poll(&p, 1, 0);
	printf("unconnected revents %#x\n", p.revents);
	connect(g, (struct sockaddr *)&a, sizeof a);
	poll(&p, 1, 0);
	printf("connected to a full queue revents %#x\n", p.revents);
	struct sockaddr_un gb = addr("g.sock");
	bind(g, (struct sockaddr *)&gb, sizeof gb);
	recv(e, b, sizeof b, 0);
	send(g, "named", 5, 0);
	while (recv(e, b, sizeof b, MSG_DONTWAIT) == 1)
		;
	len = sizeof c;
	show("recvfrom a named sender", recvfrom(e, b, sizeof b, MSG_DONTWAIT, (struct sockaddr *)&c, &len));
	close(e);
	show("send to a closed socket", send(g, "x", 1, 0));
	show("send again", send(g, "x", 1, 0));
	int h = socket(AF_UNIX, SOCK_DGRAM, 0);
	show("bind a stale name", bind(h, (struct sockaddr *)&a, sizeof a));
	show("sendto a stale name", sendto(h, "x", 1, 0, (struct sockaddr *)&a, sizeof a));
	show("unlink", unlink("d.sock"));
	show("bind after unlink", bind(h, (struct sockaddr *)&a, sizeof a));

	struct sockaddr_un ab;
	memset(&ab, 0, sizeof ab);
	ab.sun_family = AF_UNIX;
	memcpy(ab.sun_path, "\0abs", 4);
	int k = socket(AF_UNIX, SOCK_DGRAM, 0);
	show("abstract bind", bind(k, (struct sockaddr *)&ab, 2 + 4));
	len = sizeof c;
	getsockname(k, (struct sockaddr *)&c, &len);
	printf("  len %d\n", len);
	int m = socket(AF_UNIX, SOCK_DGRAM, 0);
	show("abstract taken", bind(m, (struct sockaddr *)&ab, 2 + 4));
	show("autobind", bind(m, (struct sockaddr *)&ab, 2));
	len = sizeof c;
	getsockname(m, (struct sockaddr *)&c, &len);
	printf("  len %d first byte %d\n", len, c.sun_path[0]);
	/* seqpacket: a connection of records */
	int sq = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	struct sockaddr_un qa = addr("q.sock");
	show("seqpacket bind", bind(sq, (struct sockaddr *)&qa, sizeof qa));
	show("seqpacket listen", listen(sq, 2));
	int qc = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	show("seqpacket send unconnected", send(qc, "x", 1, 0));
	struct sockaddr_un sa = addr("t.sock");
	show("seqpacket to a stream listener", connect(qc, (struct sockaddr *)&sa, sizeof sa));
	show("seqpacket connect", connect(qc, (struct sockaddr *)&qa, sizeof qa));
	int qs = accept(sq, NULL, NULL);
	show("seqpacket accept", qs >= 0);
	show("record", send(qc, "first", 5, 0));
	show("record", sendto(qc, "second!", 7, 0, (struct sockaddr *)&sa, sizeof sa));
	show("recv one record", recv(qs, b, sizeof b, 0));
	show("recv a short part", recv(qs, b, 3, 0));
	show("nothing left", recv(qs, b, sizeof b, MSG_DONTWAIT));
	show("peek", (send(qs, "back", 4, 0), recv(qc, b, sizeof b, MSG_PEEK)));
	show("read", read(qc, b, sizeof b));
	close(qs);
	show("read after close", read(qc, b, sizeof b));
	show("send after close", send(qc, "x", 1, 0));

	int o;
	len = sizeof o;
	getsockopt(m, SOL_SOCKET, SO_SNDBUF, &o, &len);
	printf("sndbuf %d\n", o);
	getsockopt(m, SOL_SOCKET, SO_TYPE, &o, &len);
	printf("type %d\n", o);
	show("tcp option on a local socket", setsockopt(m, IPPROTO_TCP, 1, &o, 4));
	return 0;
}
