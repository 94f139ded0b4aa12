/*
 * Chapter 24: the client writes with fprintf to a line-buffered FILE on
 * its socket (setvbuf _IOLBF: each newline sends), reads the answers with
 * fgets, and half-closes with shutdown on the FILE's descriptor.
 *
 *     stdio_client host port
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	const char *cmds[] = {"add 2 40", "hello", "add -7 7"};
	char answer[MAXLINE];
	int fd, port, i;
	FILE *in, *out;

	if (argc != 3 || str_to_int(argv[2], &port) < 0)
		err_quit("usage: stdio_client host port");
	if ((fd = tcp_client(argv[1], port)) < 0)
		return 1;
	in = fdopen(fd, "r");
	out = fdopen(dup(fd), "w");
	setvbuf(out, NULL, _IOLBF, 0);
	for (i = 0; i < (int)ARRAY_LEN(cmds); i++) {
		fprintf(out, "%s\n", cmds[i]);
		if (fgets(answer, sizeof answer, in) == NULL)
			err_quit("the server closed");
		printf("%s -> %s", cmds[i], answer);
	}
	Shutdown(fileno(out), SHUT_WR);
	printf("then fgets returns %s\n", fgets(answer, sizeof answer, in) == NULL ? "NULL (EOF)" : answer);
	fclose(out);
	fclose(in);
	return 0;
}
