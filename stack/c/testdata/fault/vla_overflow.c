// EXPECT 139 Stack overflow at vla_overflow.c:7
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
	long n = 100000000L * argc;
	char big[n];
	big[0] = 1;
	printf("%d\n", big[0]);
	return 0;
}
