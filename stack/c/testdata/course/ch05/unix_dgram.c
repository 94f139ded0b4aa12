/*
 * Chapter 5: local datagram sockets. Each end binds its own path (an
 * unbound sender cannot be answered), messages keep their boundaries, and
 * recvfrom says which path sent each.
 *
 *     unix_dgram
 */
#include "lib/common.h"

#define SERVER_PATH "dgram.server"
#define CLIENT_PATH "dgram.client"

int main(void)
{
	struct sockaddr_un to, from;
	socklen_t len;
	char buf[256];
	int srv, cli, i;
	ssize_t n;
	const char *msgs[] = {"first", "second, longer", "3"};

	srv = unix_listen(SERVER_PATH, SOCK_DGRAM, 0);
	cli = unix_listen(CLIENT_PATH, SOCK_DGRAM, 0);
	memset(&to, 0, sizeof to);
	to.sun_family = AF_UNIX;
	strcpy(to.sun_path, SERVER_PATH);
	for (i = 0; i < 3; i++)
		Sendto(cli, msgs[i], strlen(msgs[i]), 0, (SA *)&to, sizeof to);
	for (i = 0; i < 3; i++) {
		len = sizeof from;
		n = Recvfrom(srv, buf, sizeof buf, 0, (SA *)&from, &len);
		printf("server: %zd bytes \"%.*s\" from %s\n", n, (int)n, buf, from.sun_path);
		Sendto(srv, buf, n, 0, (SA *)&from, len);
	}
	for (i = 0; i < 3; i++) {
		n = Recv(cli, buf, sizeof buf, 0);
		printf("client: %.*s\n", (int)n, buf);
	}
	/* Nobody bound: sendto fails at once. */
	strcpy(to.sun_path, "dgram.nobody");
	if (sendto(cli, "x", 1, 0, (SA *)&to, sizeof to) < 0)
		printf("sendto dgram.nobody: %s\n", strerror(errno));
	Close(srv);
	Close(cli);
	unlink(SERVER_PATH);
	unlink(CLIENT_PATH);
	return 0;
}
