/*
 * wrapstdio.c - stdio wrappers.
 */
#include "common.h"

FILE *Fopen(const char *path, const char *mode)
{
	FILE *f;

	if ((f = fopen(path, mode)) == NULL)
		err_sys("fopen error for %s", path);
	return f;
}

void Fclose(FILE *f)
{
	if (fclose(f) != 0)
		err_sys("fclose error");
}

char *Fgets(char *buf, int n, FILE *f)
{
	char *r;

	if ((r = fgets(buf, n, f)) == NULL && ferror(f))
		err_sys("fgets error");
	return r;
}

void Fputs(const char *s, FILE *f)
{
	if (fputs(s, f) == EOF)
		err_sys("fputs error");
}
