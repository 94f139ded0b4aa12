/*
 * Chapter 9: readv and writev on a socketpair, where nothing is on a wire
 * to split them: one writev of three pieces, read back by one readv into
 * buffers of other sizes; iovec lengths of 0 are allowed.
 *
 *     readv_split
 */
#include "lib/common.h"

int main(void)
{
	int sv[2];
	char a[4], b[1], c[32];
	struct iovec out[3] = {{"abcd", 4}, {"", 0}, {"efghij", 6}};
	struct iovec in[3] = {{a, sizeof a}, {b, sizeof b}, {c, sizeof c}};
	ssize_t n;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		err_sys("socketpair");
	n = writev(sv[0], out, 3);
	printf("writev: %zd\n", n);
	n = readv(sv[1], in, 3);
	printf("readv: %zd: [%.4s] [%.1s] [%.*s]\n", n, a, b, (int)(n - 5), c);
	Close(sv[0]);
	n = readv(sv[1], in, 3);
	printf("readv after close: %zd\n", n);
	Close(sv[1]);
	return 0;
}
