/*
 * echo.c - the two halves of the echo chapters: the server echoes each
 * line back; the client sends lines and prints what comes back.
 */
#include "common.h"

/* str_echo echoes the lines of fd back until the client closes. */
void str_echo(int fd, struct stats *st)
{
	char line[MAXLINE];
	ssize_t n;

	while ((n = Readline(fd, line, sizeof line)) > 0) {
		if (st != NULL)
			stats_add(st, n);
		Writen(fd, line, n);
	}
}

/* str_cli_lines sends each line and prints the echo, then shuts down the
 * sending half and reads until the server closes. */
void str_cli_lines(int fd, char **lines, int n, FILE *out)
{
	char buf[MAXLINE];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(buf, sizeof buf, "%s\n", lines[i]);
		Writen(fd, buf, strlen(buf));
		if (Readline(fd, buf, sizeof buf) == 0)
			err_quit("str_cli: server terminated prematurely");
		fprintf(out, "echo: %s", buf);
	}
	Shutdown(fd, SHUT_WR);
	while (Readline(fd, buf, sizeof buf) > 0)
		fprintf(out, "late: %s", buf);
}
