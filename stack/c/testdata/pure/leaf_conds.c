#include <stdio.h>

/* Conditions as the wasm build reads them: comparisons, values as truth
   (registers, loads, chars, 64-bit, pointers, floats), && and || of both,
   with side effects, unsigned 64-bit order, for (;;). */
static int calls;
static int count(int v) { calls++; return v; }

int main(void) {
    int a[5] = { 1, 0, 3, 0, 5 };
    int *p = a, *q = 0;
    char s[] = "hello";
    double d = 0.5, z = 0.0;
    long L = 1L << 40;
    unsigned u = 0;
    unsigned long big = 1UL << 63;
    long neg = -1;
    int i = 0, n = 0, c = 0;
    while (s[i]) i++;
    if (p && p[2]) n += 1;
    if (!p || a[1]) n += 10;
    if (q || a[0]) n += 20;
    if (q && q[0]) n += 40;
    if (d) n += 100;
    if (z) n += 200;
    if (d && i) n += 1000;
    if (L) n += 10000;
    if (u || a[4]) n += 100000;
    if (count(0) && count(1)) n += 3;
    if (count(1) || count(0)) n += 5;
    if (count(2) > 1 && count(0) == 0) n += 7;
    printf("%d %d %d\n", n, i, calls);
    for (i = 0; a[i % 5]; i++) {
    }
    while (c++ < 3 && a[c]) {
    }
    for (;;) {
        if (++c > 10) break;
    }
    printf("%d %d\n", i, c);
    if (big > 5) n++;
    if (big) n++;
    if (neg < 0) n++;
    if ((unsigned long)neg > 1) n++;
    if ((unsigned)neg > 1u) n++;
    if (big >= (unsigned long)neg) n += 100;
    if (-big < big) n += 1000;
    for (unsigned long k = big; k; k >>= 7) n++;
    for (int j = -3; j; j++) n += 2;
    printf("%d\n", n);
    return 0;
}
