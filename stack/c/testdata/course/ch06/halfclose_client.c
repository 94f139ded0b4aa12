/*
 * Chapter 6: shutdown(SHUT_WR) sends a FIN but keeps the socket open for
 * reading: the server sees EOF and can still answer. (close() would have
 * thrown the answer away.)
 *
 *     halfclose_client host port lines
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	char buf[MAXLINE];
	int fd, port, lines, i;
	ssize_t n;

	if (argc != 4 || str_to_int(argv[2], &port) < 0 || str_to_int(argv[3], &lines) < 0)
		err_quit("usage: halfclose_client host port lines");
	if ((fd = tcp_client(argv[1], port)) < 0)
		return 1;
	for (i = 0; i < lines; i++) {
		int len = snprintf(buf, sizeof buf, "line %d of %d\n", i + 1, lines);
		Writen(fd, buf, len);
	}
	Shutdown(fd, SHUT_WR);
	/* MSG_NOSIGNAL: EPIPE rather than the SIGPIPE that would end us. */
	if (send(fd, "late", 4, MSG_NOSIGNAL) < 0)
		printf("send after shutdown: %s\n", strerror(errno));
	while ((n = Read(fd, buf, sizeof buf)) > 0)
		printf("server: %.*s", (int)n, buf);
	printf("server closed\n");
	Close(fd);
	return 0;
}
