/*
 * Chapter 12: a client that sends its words one at a time with pauses, so
 * that several clients are connected to the select server at once.
 *
 *     slow_client host port pause-ms word...
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int fd, port, ms, i;
	char buf[MAXLINE];

	if (argc < 5 || str_to_int(argv[2], &port) < 0 || str_to_int(argv[3], &ms) < 0)
		err_quit("usage: slow_client host port pause-ms word...");
	if ((fd = tcp_client(argv[1], port)) < 0)
		return 1;
	for (i = 4; i < argc; i++) {
		ssize_t n;

		Sleep_ms(ms);
		Writen(fd, argv[i], strlen(argv[i]));
		n = Readn(fd, buf, strlen(argv[i]));
		printf("%.*s\n", (int)n, buf);
	}
	Close(fd);
	return 0;
}
