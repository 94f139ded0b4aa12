/*
 * hexdump.c - bytes as hexdump -C shows them.
 */
#include "common.h"

void hexdump(FILE *out, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i, j;

	for (i = 0; i < n; i += 16) {
		fprintf(out, "%08lx  ", (unsigned long)i);
		for (j = 0; j < 16; j++) {
			if (i + j < n)
				fprintf(out, "%02x ", b[i + j]);
			else
				fputs("   ", out);
			if (j == 7)
				fputc(' ', out);
		}
		fputs(" |", out);
		for (j = 0; j < 16 && i + j < n; j++)
			fputc(isprint(b[i + j]) ? b[i + j] : '.', out);
		fputs("|\n", out);
	}
}
