/*
 * strutil.c - small string helpers for line protocols.
 */
#include "common.h"

/* str_trim removes leading and trailing white space, in place. */
char *str_trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == 0)
		return s;
	end = s + strlen(s) - 1;
	while (end > s && isspace((unsigned char)*end))
		*end-- = 0;
	return s;
}

char *str_upper(char *s)
{
	char *p;

	for (p = s; *p; p++)
		*p = toupper((unsigned char)*p);
	return s;
}

char *str_lower(char *s)
{
	char *p;

	for (p = s; *p; p++)
		*p = tolower((unsigned char)*p);
	return s;
}

/* str_split cuts s at each sep, in place, into at most max parts. */
int str_split(char *s, char sep, char **parts, int max)
{
	int n = 0;

	if (max <= 0)
		return 0;
	parts[n++] = s;
	for (; *s && n < max; s++) {
		if (*s == sep) {
			*s = 0;
			parts[n++] = s + 1;
		}
	}
	return n;
}

int str_starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* str_to_int converts all of s, in base 10; 0 and -1 as strtol fails. */
int str_to_int(const char *s, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != 0 || v < -2147483647L - 1 || v > 2147483647L)
		return -1;
	*out = (int)v;
	return 0;
}

/* str_chomp removes a trailing "\n" or "\r\n"; it returns the new length. */
size_t str_chomp(char *s)
{
	size_t n = strlen(s);

	if (n > 0 && s[n - 1] == '\n')
		s[--n] = 0;
	if (n > 0 && s[n - 1] == '\r')
		s[--n] = 0;
	return n;
}
