/* printf's corners: snprintf's return and truncation, flags, precision,
   %#x of 0, %g's choices, %a, %n, %m, long long, size_t, negative
   widths through '*', and the character conversions. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <inttypes.h>
#include <stddef.h>
#include <sys/types.h>

int main(void) {
	char buf[8];
	int n = snprintf(buf, sizeof buf, "%s-%d", "abcdef", 12345);
	printf("snprintf %d [%s]\n", n, buf);
	n = snprintf(NULL, 0, "%08.3f|%x", 3.14159, 255);
	printf("needed %d\n", n);
	n = snprintf(buf, 1, "xyz");
	printf("size 1: %d [%s]\n", n, buf);
	printf("[%5.3s] [%-6s] [%.0s] [%c%c]\n", "abcdef", "ab", "gone", 'o', 'k');
	printf("[%+d] [% d] [%05d] [%-5d] [%+05d] [%.3d] [%5.3d] [%-+6.2d]\n", 7, 7, -42, -42, 42, 5, 5, 3);
	printf("[%#x] [%#X] [%#o] [%#o] [%#x] [%x] [%o] [%X]\n", 0, 255, 0, 8, 1234, -1, 8, 0xabcU);
	printf("[%*d] [%-*d] [%*d] [%.*d] [%.*s]\n", 6, 1, 6, 2, -6, 3, 3, 4, 2, "xyz");
	printf("[%g] [%g] [%g] [%g] [%g] [%g] [%G]\n", 100000.0, 1000000.0, 0.0001, 0.00001, 1.5e300, 0.0, 1e-10);
	printf("[%.3g] [%#g] [%#.0f] [%.0f] [%.0f] [%.0f] [%e] [%.2E]\n", 3.14159, 1.0, 2.0, 0.5, 1.5, 2.5, 12345.678, 0.000123);
	printf("[%f] [%.10f] [%10.4f] [%-10.2f|] [%+.1f] [% .1f]\n", 1.0 / 3, 2.0 / 3, 3.14159265, 2.5, 0.05, 0.05);
	printf("[%a] [%A] [%.2a]\n", 1.0, 255.5, 3.0);
	printf("[%f] [%e] [%f]\n", 1.0 / 0.0, -1.0 / 0.0, -0.0);
	printf("[%a] [%a] [%.0a] [%.1a] [%a] [%#a] [%.3a] [%20.3a|] [%-12a|]\n", 0.0, 0.1, 1.9, 1.97, 4.9e-324, 2.0, 1e10, -3.5, 1.5);
	printf("[%lld] [%llu] [%ld] [%lu] [%hhd] [%hd] [%hu]\n", LLONG_MIN, ULLONG_MAX, LONG_MIN, ULONG_MAX, 300, 70000, 70000);
	printf("[%zu] [%zd] [%jd] [%td] [%" PRIu64 "] [%" PRIx32 "]\n", sizeof(long double), (ssize_t)-5, (intmax_t)-9, (ptrdiff_t)3, UINT64_MAX, 0xdeadbeefU);
	int a, b;
	printf("abc%nde%nf\n", &a, &b);
	printf("%%n: %d %d\n", a, b);
	errno = ECONNRESET;
	printf("[%m] [%10.5m]\n");
	printf("[%p] [%p]\n", (void *)0, (void *)0x1234);
	printf("[%5c] [%-3c|]\n", 'x', 'y');
	printf("%s\n", "");
	printf("%%%c%%\n", '=');
	char big[64];
	sprintf(big, "%-10s|%10s|", "left", "right");
	puts(big);
	printf("%d %i %u\n", -0, 077, 4294967295U);
	fprintf(stdout, "%s and %s\n", "fprintf", "stdout");
	return 0;
}
