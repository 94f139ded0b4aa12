/* line_server prints each line one connection sends on port 7000. */
#include "port7000.h"
int main(void) {
	int c = accept_one();
	char buf[256]; int n;
	while ((n = read(c, buf, sizeof buf - 1)) > 0) { buf[n] = 0; printf("got %s", buf); }
	return 0;
}
