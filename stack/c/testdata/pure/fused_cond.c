#include <stdio.h>

/* Conditions and loop steps the interpreter reads inline: comparisons of
   registers, constants and loads (signed, unsigned, long, pointers), joined
   by && and ||, against an enum constant; steps i++, i--, i += k, p++. */
enum { N = 10 };
struct pt { int x; unsigned u; long l; };

static int calls;
static int f(int v) { calls++; return v; }

int main(void) {
    struct pt ps[N];
    int a[N];
    for (int i = 0; i < N; i++) {
        ps[i].x = i * 7 - 30; ps[i].u = (unsigned)(i * 1000000007); ps[i].l = -i * 3000000000L;
        a[i] = (i % 3) - 1;
    }
    int n = 0;
    for (int i = 0; i < N; i++) {
        struct pt *p = &ps[i];
        if (p->x < 0 || p->x >= 20) n += 1;
        if (p->x > -10 && p->u > 2000000000u) n += 10;
        if (p->l <= -6000000000L || a[i] == 0) n += 100;
        if (a[i] != p->x && i >= a[i]) n += 1000;
        if (!(p->x < 5)) n += 10000;
        if (p->u < (unsigned)p->x) n += 100000;
    }
    printf("%d\n", n);
    int s = 0;
    for (int i = N - 1; i >= 0; i--) s = s * 3 + a[i];
    for (int i = 0; i < 100; i += 7) s += i;
    for (unsigned u = 5; u < 100u; u *= 3) s += (int)u;
    for (int i = 3; i < N; i++) s ^= i;           /* i against the enum constant */
    int *q;
    for (q = a; q < a + N; q++) s += *q;
    long k = 0;
    while (k < 5000000000L) k += 1000000000L;
    int w = 0;
    while (w < 3 && f(w) >= 0) w++;
    do { w--; } while (w > -2 || f(w) > 100);
    unsigned long ul = 0;
    for (ul = 1; ul != 0 && ul < 1000; ul <<= 1) s++;
    for (;;) { if (++s > 1000) break; }
    printf("%d %ld %d %d %lu\n", s, k, w, calls, ul);
    /* Block bodies: continue and break, also from inside a switch. */
    int t = 0, j = 0;
    while (j < 20) {
        j++;
        if (j % 3 == 0) continue;
        switch (j % 4) {
        case 1: t += 1; break;
        case 2: continue;
        default: t += 100;
        }
        if (t > 400) break;
        t += j;
    }
    for (int i = 0; i < 10; i++) {
        int z = i * 2;
        if (z == 6) { t -= 1; continue; }
        t += z;
        { t ^= i; if (i == 8) break; }
    }
    printf("%d %d\n", t, j);
    return 0;
}
