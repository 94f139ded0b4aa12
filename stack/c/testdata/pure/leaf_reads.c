#include <stdio.h>

/* Operands the fused closures read inline: registers, constants, loads of
   int, unsigned, long and unsigned long, (unsigned) of a register,
   addresses; one or two operators, nested left or right; call arguments. */
struct rec { int i; unsigned u; long l; unsigned long ul; int a[4]; };

static int g4(int a, int b, int c, int d) { return a * 1000 + b * 100 + c * 10 + d; }
static long g3(long a, unsigned b, int *p) { return a - (long)b + *p; }
static unsigned g2(unsigned a, unsigned b) { return a * b + 7u; }
static int g5(int a, int b, int c, int d, int e) { return a - b + c - d + e; }
static int ret1(struct rec *r, int k) { return r->i * k - r->a[k & 3]; }
static int ret2(struct rec *r, int k) { return k - r->i * 3; }
static unsigned ret3(struct rec *r, int k) { return r->u + (unsigned)k * 2u; }
static long ret4(struct rec *r) { return r->l * 2 + r->i; }
static int ret5(int x) { return x; }
static int ret6(int x, int y) { return (x + 2147483000) + y; }

int main(void) {
    struct rec r = { -5, 4000000000u, -1234567890123L, 18000000000000000000ul, { 3, -4, 5, -6 } };
    struct rec *p = &r;
    int i, k = 3, neg = -7;
    unsigned h = 0;
    long acc = 0;
    unsigned long uacc = 1;
    for (i = 0; i < 20; i++) {
        h = h * 33 + (unsigned)p->a[i & 3];
        acc = acc * 3 + p->l;
        uacc = uacc * 5 + p->ul;
        k = k - p->a[(i + 1) & 3] * 2;
        k = p->i - k * 3;
        k = (k ^ 0x5555) & 0xffff;
        h = (h + p->u) * 7u;
        acc = p->l - acc * 2;
        k = neg + (int)(h >> 28);
    }
    printf("%u %ld %lu %d\n", h, acc, uacc, k);
    printf("%d %d %d %d\n", g4(1, 2, 3, 4), g4(p->i, p->a[1], k, -1), g4(neg, (int)p->u, p->a[3], 9), g4(k, k, k, k));
    printf("%ld %ld\n", g3(p->l, p->u, &p->a[2]), g3(-1, (unsigned)neg, &r.i));
    printf("%u %u\n", g2(p->u, 3u), g2((unsigned)neg, (unsigned)k));
    printf("%d\n", g5(1, p->i, 3, p->a[0], k));
    printf("%d %d %u %ld %d %d\n", ret1(p, 1), ret2(p, 7), ret3(p, neg), ret4(p), ret5(neg), ret6(-2000, 1000));
    for (i = -3; i < 3; i++) printf("%d %u ", ret1(p, i), ret3(p, i));
    printf("\n");
    return 0;
}
