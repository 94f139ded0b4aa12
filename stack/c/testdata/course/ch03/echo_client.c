/*
 * Chapter 3: the echo server's client. It sends a framed greeting, prints
 * the server's, then sends each line and prints its echo.
 *
 *     echo_client host port [line ...]
 */
#include "lib/common.h"

static char *default_lines[] = {"hello", "how are you?", "bye"};

int main(int argc, char **argv)
{
	const char *greeting = "hello from the client";
	char buf[MAXLINE];
	ssize_t n;
	int port, fd;

	if (argc < 3)
		err_quit("usage: echo_client host port [line ...]");
	if (str_to_int(argv[2], &port) < 0)
		err_quit("echo_client: bad port %s", argv[2]);
	if ((fd = tcp_client(argv[1], port)) < 0)
		return 1;
	if (send_frame(fd, greeting, strlen(greeting)) < 0)
		err_sys("send_frame");
	if ((n = recv_frame(fd, buf, sizeof buf - 1)) <= 0)
		err_quit("echo_client: no greeting from the server");
	buf[n] = 0;
	printf("server says: %s\n", buf);
	printf("greeting as sent:\n");
	hexdump(stdout, greeting, strlen(greeting));
	if (argc > 3)
		str_cli_lines(fd, argv + 3, argc - 3, stdout);
	else
		str_cli_lines(fd, default_lines, ARRAY_LEN(default_lines), stdout);
	Close(fd);
	return 0;
}
