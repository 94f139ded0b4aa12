/*
 * Chapter 19: stdio on files: fopen a log, fprintf to it, reopen it in
 * append mode, read it back with fgets, rename it, and remove it.
 *
 *     stdio_log
 */
#include "lib/common.h"

int main(void)
{
	char line[MAXLINE];
	FILE *f;
	int i, lines = 0;

	f = Fopen("server.log", "w");
	for (i = 1; i <= 3; i++)
		fprintf(f, "event %d: client %d connected\n", i, 40 + i);
	Fclose(f);
	f = Fopen("server.log", "a");
	fputs("event 4: shutting down\n", f);
	Fclose(f);
	if (rename("server.log", "server.log.1") < 0)
		err_sys("rename");
	if (fopen("server.log", "r") == NULL)
		printf("server.log after rename: %s\n", strerror(errno));
	f = Fopen("server.log.1", "r");
	while (Fgets(line, sizeof line, f) != NULL)
		printf("%d: %s", ++lines, line);
	printf("at the end: feof %s, ftell %ld\n", feof(f) ? "yes" : "no", ftell(f));
	Fclose(f);
	if (remove("server.log.1") < 0)
		err_sys("remove");
	if (access("server.log.1", F_OK) < 0)
		printf("removed: %s\n", strerror(errno));
	return 0;
}
