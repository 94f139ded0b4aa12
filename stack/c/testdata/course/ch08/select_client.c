/*
 * Chapter 8: the keyboard client done right (UNP's str_cli with select):
 * it waits for the keyboard and the socket at once, so typed lines go out
 * as they come and echoes are printed as they arrive; at end of input it
 * half-closes and reads what is still on its way.
 *
 *     select_client host port
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int fd, port, stdin_eof = 0;
	char buf[MAXLINE];
	ssize_t n;

	if (argc != 3 || str_to_int(argv[2], &port) < 0)
		err_quit("usage: select_client host port");
	if ((fd = tcp_client(argv[1], port)) < 0)
		return 1;
	for (;;) {
		fd_set rs;

		FD_ZERO(&rs);
		if (!stdin_eof)
			FD_SET(STDIN_FILENO, &rs);
		FD_SET(fd, &rs);
		Select(fd + 1, &rs, NULL, NULL, NULL);
		if (FD_ISSET(fd, &rs)) {
			if ((n = Read(fd, buf, sizeof buf)) == 0) {
				if (stdin_eof)
					break;
				err_quit("server terminated prematurely");
			}
			printf("%.*s", (int)n, buf);
		}
		if (FD_ISSET(STDIN_FILENO, &rs)) {
			if ((n = Read(STDIN_FILENO, buf, sizeof buf)) == 0) {
				stdin_eof = 1;
				Shutdown(fd, SHUT_WR);
				continue;
			}
			Writen(fd, buf, n);
		}
	}
	printf("done\n");
	Close(fd);
	return 0;
}
