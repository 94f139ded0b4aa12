/*
 * Chapter 24: stdio on a socket. fdopen gives a FILE for reading and
 * another (on a dup) for writing: one FILE for both directions mixes up
 * its buffer. Output is fully buffered on a socket: without fflush the
 * answer would wait in the buffer until it fills or the FILE closes.
 *
 *     stdio_server port
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int lfd, fd, port, lines = 0;
	char line[MAXLINE];
	FILE *in, *out;

	if (argc != 2 || str_to_int(argv[1], &port) < 0)
		err_quit("usage: stdio_server port");
	lfd = tcp_server_listen(NULL, port, LISTENQ);
	fd = Accept(lfd, NULL, NULL);
	if ((in = fdopen(fd, "r")) == NULL || (out = fdopen(dup(fd), "w")) == NULL)
		err_sys("fdopen");
	while (fgets(line, sizeof line, in) != NULL) {
		int a, b;

		lines++;
		if (sscanf(line, "add %d %d", &a, &b) == 2)
			fprintf(out, "%d\n", a + b);
		else
			fprintf(out, "%zu bytes: %s", strlen(line), line);
		fflush(out);
	}
	printf("%d lines, then EOF (feof %d, ferror %d)\n", lines, feof(in) != 0, ferror(in) != 0);
	fclose(in);
	fclose(out);
	Close(lfd);
	return 0;
}
