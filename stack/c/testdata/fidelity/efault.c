/* Memory a system call cannot use is EFAULT, never a crash: a length
   past the end of the address space (checked first), NULL (checked as
   the call copies, after the descriptor), bad option values and lengths;
   select looks at no descriptor beyond its table. */
#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

static void report(const char *what, long r) {
	printf("%s: %ld %s\n", what, r, r < 0 ? strerror(errno) : "");
}

int main(void) {
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	int t = socket(AF_INET, SOCK_STREAM, 0);
	char buf[16] = "hello";
	report("send udp, length -1", send(u, buf, (size_t)-1, 0));
	report("send tcp, length -1", send(t, buf, (size_t)-1, 0));
	report("send on fd 99, length -1", send(99, buf, (size_t)-1, 0));
	report("recv, length -1", recv(u, buf, (size_t)-1, MSG_DONTWAIT));
	report("send on fd 99, NULL", send(99, NULL, 10, 0));
	report("send on stdout, NULL", send(1, NULL, 10, 0));

	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons(9000);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	report("sendto, NULL", sendto(u, NULL, 10, 0, (struct sockaddr *)&a, sizeof a));
	report("write, NULL", write(1, NULL, 10));
	report("write on fd 99, NULL", write(99, NULL, 10));
	report("read on fd 99, NULL", read(99, NULL, 10));

	report("setsockopt level -1, NULL", setsockopt(u, -1, -1, NULL, 4));
	report("setsockopt SO_REUSEADDR, NULL", setsockopt(u, SOL_SOCKET, SO_REUSEADDR, NULL, 4));
	report("setsockopt SO_REUSEADDR, NULL, length 2", setsockopt(u, SOL_SOCKET, SO_REUSEADDR, NULL, 2));
	report("setsockopt unknown SOL_SOCKET, NULL", setsockopt(u, SOL_SOCKET, 9999, NULL, 4));
	report("setsockopt TCP_NODELAY, NULL", setsockopt(t, IPPROTO_TCP, TCP_NODELAY, NULL, 4));
	report("setsockopt on fd 99, NULL", setsockopt(99, SOL_SOCKET, SO_REUSEADDR, NULL, 4));
	report("getsockopt SO_TYPE, NULL, NULL", getsockopt(u, SOL_SOCKET, SO_TYPE, NULL, NULL));
	int v;
	socklen_t len = sizeof v;
	report("getsockopt SO_TYPE, NULL value", getsockopt(u, SOL_SOCKET, SO_TYPE, NULL, &len));
	report("getsockopt on fd 99, NULL", getsockopt(99, SOL_SOCKET, SO_TYPE, NULL, NULL));

	fd_set r;
	FD_ZERO(&r);
	FD_SET(u, &r);
	struct timeval tv = {0, 0};
	report("select 100000", select(100000, &r, NULL, NULL, &tv));
	FD_SET(u, &r);
	FD_SET(1000, &r); /* not open, but beyond the table */
	report("select 1024 with fd 1000 set", select(1024, &r, NULL, NULL, &tv));
	FD_SET(40, &r); /* not open, in the table */
	report("select 64 with fd 40 set", select(64, &r, NULL, NULL, &tv));
	report("select, NULL set", select(10, (fd_set *)8, NULL, NULL, &tv));
	report("select -1", select(-1, NULL, NULL, NULL, &tv));
	return 0;
}
