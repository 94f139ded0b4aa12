/*
 * Chapter 5: the echo client, driven by the keyboard. It greets the
 * server, then sends each line typed and prints the echo, until the end
 * of input (Ctrl-D).
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	char line[MAXLINE], reply[MAXLINE];
	ssize_t n;
	int fd;

	if (argc != 2)
		err_quit("usage: stdin_client host");
	fd = tcp_client(argv[1], 9877);
	if (send_frame(fd, "typed by hand", 13) < 0)
		err_sys("send_frame");
	if ((n = recv_frame(fd, reply, sizeof reply - 1)) < 0)
		err_sys("recv_frame");
	reply[n] = 0;
	printf("server says: %s\n> ", reply);
	fflush(stdout);
	while (Fgets(line, sizeof line, stdin) != NULL) {
		Writen(fd, line, strlen(line));
		if (Readline(fd, reply, sizeof reply) == 0)
			err_quit("stdin_client: server terminated prematurely");
		printf("echo: %s> ", reply);
		fflush(stdout);
	}
	printf("bye\n");
	Close(fd);
	return 0;
}
