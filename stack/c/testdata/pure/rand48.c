/* glibc's other generators: rand_r, drand48 and friends, before and after
   srand48; div and ldiv. */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
	for (int i = 0; i < 3; i++)
		printf("unseeded lrand48 %ld mrand48 %ld drand48 %.17f\n", lrand48(), mrand48(), drand48());
	srand48(12345);
	for (int i = 0; i < 3; i++)
		printf("seeded lrand48 %ld mrand48 %ld drand48 %.17f\n", lrand48(), mrand48(), drand48());
	srand48(-1);
	printf("seed -1: %ld\n", lrand48());
	unsigned int seed = 42;
	for (int i = 0; i < 4; i++)
		printf("rand_r %d seed %u\n", rand_r(&seed), seed);
	div_t d = div(-17, 5);
	ldiv_t l = ldiv(1000000000007L, -3);
	lldiv_t ll = lldiv(-9, 4);
	printf("div %d %d ldiv %ld %ld lldiv %lld %lld\n", d.quot, d.rem, l.quot, l.rem, ll.quot, ll.rem);
	return 0;
}
