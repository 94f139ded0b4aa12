/*
 * Chapter 8: a client driven by the keyboard: each line typed goes to the
 * server, and the answer is printed. It stops at end of input (Ctrl-D):
 * fgets returns NULL. Blocking in fgets, it cannot notice the server
 * going away until the next line.
 *
 *     fgets_client host port
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	char line[MAXLINE], reply[MAXLINE];
	int fd, port;

	if (argc != 3 || str_to_int(argv[2], &port) < 0)
		err_quit("usage: fgets_client host port");
	if ((fd = tcp_client(argv[1], port)) < 0)
		return 1;
	while (Fgets(line, sizeof line, stdin) != NULL) {
		Writen(fd, line, strlen(line));
		if (Readline(fd, reply, sizeof reply) == 0)
			err_quit("server terminated prematurely");
		Fputs(reply, stdout);
	}
	printf("end of input\n");
	Close(fd);
	return 0;
}
