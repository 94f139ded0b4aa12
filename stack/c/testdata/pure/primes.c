#include <stdio.h>
#include <string.h>
int main(void) {
    static char sieve[10001];
    memset(sieve, 1, sizeof sieve);
    sieve[0] = sieve[1] = 0;
    for (int i = 2; i * i <= 10000; i++)
        if (sieve[i]) for (int j = i * i; j <= 10000; j += i) sieve[j] = 0;
    int count = 0, last = 0;
    for (int i = 0; i <= 10000; i++) if (sieve[i]) { count++; last = i; }
    printf("%d %d\n", count, last);
    return 0;
}
