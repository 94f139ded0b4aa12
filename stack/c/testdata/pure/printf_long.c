// Long widths and precisions: netplay counts the zeros past a float's
// exact digits and passes long output on in pieces; the bytes and the
// counts must be glibc's.
#include <stdio.h>
#include <string.h>

static char buf[64];

int main(void) {
	int n, k;
	n = printf("%.1200f\n", 1.0 / 3);
	printf("= %d\n", n);
	n = printf("%.1200f|%.1100f\n", 5e-324, 0.1);
	printf("= %d\n", n);
	n = printf("%.1500f\n", 1e300);
	printf("= %d\n", n);
	n = printf("%.900e|%.900E|%#.0e\n", 1.0 / 3, 5e-324, 2.0);
	printf("= %d\n", n);
	n = printf("%#.1500g|%#.1500g|%#.1200G\n", 1.0 / 3, 1e-10, 0.0);
	printf("= %d\n", n);
	n = printf("%.1500g|%.3000g|%g\n", 1.0 / 3, 1e-300, 1e300);
	printf("= %d\n", n);
	n = printf("%.40a|%.20A|%#.0a\n", 1.5, 3.0, 1.0);
	printf("= %d\n", n);
	n = printf("%.1500d|%#.1500o|%#.1500x|%.1300u\n", 42, 8, 255, 7u);
	printf("= %d\n", n);
	n = printf("%2000d|%-1500.1300f|%01200.3f|%+1100e\n", -5, 2.5, -1.25, 1e10);
	printf("= %d\n", n);
	n = printf("%*d|%-*s|%.*f\n", 1300, 1, 1200, "x", 1250, 0.5);
	printf("= %d\n", n);
	n = printf("%1100s%n|\n", "abc", &k);
	printf("= %d %d\n", n, k);
	n = snprintf(buf, sizeof buf, "%.100000f", 1.0);
	printf("snprintf %d [%s] %zu\n", n, buf, strlen(buf));
	n = snprintf(NULL, 0, "%300000d", 1);
	printf("snprintf %d\n", n);
	n = sprintf(buf, "%.20f", 0.1);
	printf("sprintf %d [%s]\n", n, buf);
	return 0;
}
