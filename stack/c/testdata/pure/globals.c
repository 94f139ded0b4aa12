#include <stdio.h>
int counter;
int primes[] = {2, 3, 5, 7, 11};
const char *names[] = {"alpha", "beta", "gamma"};
static double ratio = 1.5;
char greeting[16] = "hi there";
struct cfg { int port; const char *host; int flags[3]; } config = { 8080, "localhost", {1, 0, 1} };
int *pp = &primes[2];
int next_id(void) { static int id = 100; return id++; }
int main(void) {
    counter++;
    printf("%d %d %s %.1f %s\n", counter, primes[4], names[1], ratio, greeting);
    printf("%d %s %d\n", config.port, config.host, config.flags[2]);
    printf("%d %d %d\n", next_id(), next_id(), next_id());
    printf("%d %zu %zu\n", *pp, sizeof primes / sizeof primes[0], sizeof names);
    return 0;
}
