/* -Wimplicit-function-declaration: a call to a function never declared. */
#include <stdio.h>

int main(void) {
	int n = helper(3);
	char buf[8];
	strcpy(buf, "abc");
	printf("%d %s %zu\n", n, buf, strlen(buf));
	return 0;
}

int helper(int x) { return x + 1; }
