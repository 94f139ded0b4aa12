/*
 * Chapter 10: line framing. The client sends lines in pieces that cut
 * them anywhere (a line across two writes, two lines in one), and the
 * server reads 8 bytes at a time, which cuts them again; it reassembles
 * lines in a buffer and handles each whole line once. (It starts reading
 * once everything has come, so that the reads are the same every run.)
 *
 *     line_framing port           (server)
 *     line_framing host port      (client)
 */
#include "lib/common.h"

static const char *pieces[] = {"GET a", "pple\nGET ban", "ana\n", "GET cherry\nGET da", "te\nQUIT\n"};

static void client(const char *host, int port)
{
	char buf[MAXLINE];
	int fd, i;
	ssize_t n;

	if ((fd = tcp_client(host, port)) < 0)
		exit(1);
	for (i = 0; i < (int)ARRAY_LEN(pieces); i++) {
		Writen(fd, pieces[i], strlen(pieces[i]));
		Sleep_ms(10);
	}
	while ((n = Readline(fd, buf, sizeof buf)) > 0)
		printf("client: %s", buf);
	Close(fd);
}

static void server(int port)
{
	int lfd = tcp_server_listen(NULL, port, LISTENQ);
	int fd = Accept(lfd, NULL, NULL), reads = 0, lines = 0;
	struct buffer in;
	char chunk[8];
	ssize_t n;

	buffer_init(&in);
	Sleep_ms(500);
	while ((n = Read(fd, chunk, sizeof chunk)) > 0) {
		ssize_t nl;

		reads++;
		buffer_append(&in, chunk, n);
		while ((nl = buffer_find(&in, '\n')) >= 0) {
			char line[MAXLINE], reply[MAXLINE + 16];

			memcpy(line, in.data, nl);
			line[nl] = 0;
			buffer_consume(&in, nl + 1);
			lines++;
			if (strcmp(line, "QUIT") == 0) {
				Writen(fd, "BYE\n", 4);
				Shutdown(fd, SHUT_WR);
				continue;
			}
			n = snprintf(reply, sizeof reply, "FRUIT %s\n", line + 4);
			Writen(fd, reply, n);
		}
	}
	printf("server: %d lines from %d reads, %zu bytes left over\n", lines, reads, in.len);
	buffer_free(&in);
	Close(fd);
	Close(lfd);
}

int main(int argc, char **argv)
{
	int port;

	if (argc == 2 && str_to_int(argv[1], &port) == 0)
		server(port);
	else if (argc == 3 && str_to_int(argv[2], &port) == 0)
		client(argv[1], port);
	else
		err_quit("usage: line_framing port | line_framing host port");
	return 0;
}
