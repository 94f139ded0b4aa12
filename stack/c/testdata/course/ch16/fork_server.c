/*
 * Chapter 16: a process per client. The parent accepts and forks; the
 * child closes the listening socket, serves its client and exits; the
 * parent closes the connected socket (the child has its own descriptor
 * for it) and reaps its children with waitpid.
 *
 *     fork_server port clients
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int lfd, port, clients, i, status;

	if (argc != 3 || str_to_int(argv[1], &port) < 0 || str_to_int(argv[2], &clients) < 0)
		err_quit("usage: fork_server port clients");
	lfd = tcp_server_listen(NULL, port, LISTENQ);
	for (i = 1; i <= clients; i++) {
		int fd = Accept(lfd, NULL, NULL);
		pid_t pid = fork();

		if (pid < 0)
			err_sys("fork");
		if (pid == 0) {
			char line[MAXLINE];
			int lines = 0;

			Close(lfd);
			while (Readline(fd, line, sizeof line) > 0) {
				lines++;
				Writen(fd, line, strlen(line));
			}
			printf("child for client %d: %d lines\n", i, lines);
			exit(lines);
		}
		Close(fd);
	}
	for (i = 1; i <= clients; i++) {
		if (wait(&status) < 0)
			err_sys("wait");
		printf("a child exited with %d\n", WEXITSTATUS(status));
	}
	Close(lfd);
	return 0;
}
