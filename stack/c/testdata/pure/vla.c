/* Variable length arrays: sized at run time, sizeof at run time, a fresh
   array on each pass of a loop that reuses the stack, a VLA in a
   recursive function, passed to functions, with a goto back. */
#include <stdio.h>
#include <string.h>

static long sum(int n, int v[n]) {
	long s = 0;
	for (int i = 0; i < n; i++)
		s += v[i];
	return s;
}

static int depth(int n) {
	char buf[n + 1];
	memset(buf, 'a' + n % 26, sizeof buf);
	buf[n] = 0;
	if (n == 0)
		return 0;
	return (int)strlen(buf) + depth(n - 1) - (buf[0] != 'a' + n % 26);
}

struct rec { int id; char name[12]; };

int main(int argc, char **argv) {
	int n = argc + 4;
	int a[n];
	printf("sizeof a = %zu, elements %zu\n", sizeof a, sizeof a / sizeof a[0]);
	for (int i = 0; i < n; i++)
		a[i] = i * i;
	printf("sum %ld\n", sum(n, a));
	char *first = NULL;
	int same = 1;
	for (int round = 0; round < 1000; round++) {
		char line[64 + round % 7];
		if (first == NULL)
			first = line;
		else if (round % 7 == 0 && line != first)
			same = 0;
		snprintf(line, sizeof line, "round %d size %zu", round, sizeof line);
		if (round % 250 == 0)
			printf("%s\n", line);
	}
	printf("the loop reused its stack: %d\n", same);
	printf("depth %d\n", depth(40));
	struct rec rs[argc + 2];
	for (int i = 0; i < argc + 2; i++) {
		rs[i].id = i;
		snprintf(rs[i].name, sizeof rs[i].name, "rec%d", i);
	}
	printf("%zu %s %d\n", sizeof rs, rs[2].name, rs[1].id);
	printf("sizeof(int[n]) = %zu, sizeof(double[n * 2]) = %zu\n", sizeof(int[n]), sizeof(double[n * 2]));
	int tries = 0;
again:;
	int b[n + tries];
	b[n + tries - 1] = tries;
	if (++tries < 100)
		goto again;
	printf("goto back: %zu %d\n", sizeof b, b[n + tries - 2]);
	int m[n][3];
	m[n - 1][2] = 7;
	printf("2-D with a fixed row: %zu %d\n", sizeof m, m[n - 1][2]);
	return 0;
}
