/*
 * options.c - "-p 9000 -v" style options without getopt: each spec is a
 * flag and the value that follows it ("" for a flag without a value).
 */
#include "common.h"

/* options_parse fills the specs' values from argv and returns the index of
 * the first argument that is not an option, or -1 after a message. */
int options_parse(int argc, char **argv, struct option_spec *specs, int nspecs)
{
	int i, k;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-' || a[1] == 0)
			break;
		if (strcmp(a, "--") == 0)
			return i + 1;
		for (k = 0; k < nspecs; k++)
			if (specs[k].flag == a[1])
				break;
		if (k == nspecs) {
			err_msg("unknown option %s", a);
			return -1;
		}
		if (specs[k].what == NULL) {
			specs[k].value = "";
			continue;
		}
		if (a[2] != 0) {
			specs[k].value = a + 2;
		} else if (i + 1 < argc) {
			specs[k].value = argv[++i];
		} else {
			err_msg("option -%c needs %s", a[1], specs[k].what);
			return -1;
		}
	}
	return i;
}

const char *option_value(const struct option_spec *specs, int nspecs, char flag, const char *def)
{
	int k;

	for (k = 0; k < nspecs; k++)
		if (specs[k].flag == flag && specs[k].value != NULL)
			return specs[k].value;
	return def;
}
