/* -Wunused-variable, -Wunused-but-set-variable, -Wunused-function,
   -Wunused-label. */
#include <stdio.h>

static int helper(void) { return 1; }
static int used(void) { return 2; }

int main(int argc, char **argv) {
	int never;
	int set_only;
	int counted = 0;
	char buf[64];
	struct { int a; } s;
	int shadow = 3;
	set_only = 5;
	for (int i = 0; i < 3; i++)
		counted++;
	{
		int inner;
	}
done:
	printf("%d %d\n", counted, used());
	return 0;
}
