#include <stdio.h>

/* The operator shapes the interpreter fuses: loads through pointers, array
   elements and globals as operands; compound assignment and ++/-- on
   registers and memory, of int, unsigned, long and unsigned long, with
   wrap-around and the values the expressions yield. */
struct s { int i; unsigned u; long l; unsigned long ul; int a[4]; };

int gi = 2147483600;
unsigned gu = 4294967290u;
long gl = -5;
int garr[8];

static int side;
static int ret2(int a, int *p) { return a * 2147483 + p[1] - 7; }
static unsigned ret3(unsigned u, int i) { return u * 40503u ^ (unsigned)i + 99u; }
static long ret4(long l, int i) { return (l << 3) + i * 1000000 - (long)i; }
static unsigned long retu(int i) { return (unsigned long)i * 0x9e3779b97f4a7c15ul; }
long garrl[4];
static int next(void) { return ++side; }

int main(void) {
    struct s v = {1, 2, 3, 4, {5, 6, 7, 8}};
    struct s *p = &v;
    int loc[6] = {0};
    long big = 9000000000L;
    unsigned long *pul = &v.ul;

    for (int k = 0; k < 60; k++) {
        gi += 3;                 /* global, wraps */
        gu += 7u;                /* unsigned global, wraps */
        p->i *= -3;
        p->u -= 11u;
        p->l += big;
        p->ul ^= 0x9e3779b97f4a7c15ul;
        *pul += 1;
        loc[k % 6] += k * 1000003;
        garr[k & 7] -= p->i;
        p->a[k & 3] |= k;
        p->a[(k + 1) & 3] &= ~k;
        printf("%d %u %d %u %ld %lu\n", gi, gu, p->i, p->u, p->l, p->ul);
    }
    int i = 2147483646;
    int a = i++, b = i++, c = ++i;
    unsigned u = 1;
    unsigned w = u--, x = u--, y = --u;
    printf("%d %d %d %d %u %u %u %u\n", a, b, c, i, w, x, y, u);
    int *q = loc;
    int d = (*q)++, e = ++*q, g = q[1]--, h = --q[2];
    printf("%d %d %d %d %d %d %d\n", d, e, g, h, loc[0], loc[1], loc[2]);
    long m = p->l++, n = --p->l;
    unsigned long o = p->ul--, r = ++p->ul;
    printf("%ld %ld %lu %lu\n", m, n, o, r);
    int t = (v.i += 5) * 2;
    int z = (garr[1] -= next()) + (garr[2] ^= next());
    printf("%d %d %d %d %d\n", t, z, garr[1], garr[2], side);
    /* Comparisons of loads with constants, registers and loads. */
    int cnt = 0;
    for (int k = 0; k < 8; k++) {
        if (garr[k] < 0) cnt++;
        if (garr[k] >= p->i) cnt += 2;
        if (p->u > gu) cnt += 4;
        if ((unsigned)garr[k] > 100u) cnt += 8;
        if (loc[k % 6] == loc[(k + 1) % 6]) cnt += 16;
        if (p->l < big) cnt += 32;
        if (k < garr[k]) cnt += 64;
    }
    printf("%d\n", cnt);
    unsigned h2 = 0;
    for (int k = 0; k < 8; k++) h2 = h2 * 33 + (unsigned)garr[k];
    long s2 = 0;
    for (int k = 0; k < 4; k++) s2 += p->a[k] * 31 + p->a[3 - k] - k;
    printf("%u %ld\n", h2, s2);
    int r2 = 0; unsigned r3 = 1; long r4 = 5;
    for (int k = -50; k < 50; k += 3) {
        r2 = r2 * 31 + garr[k & 7] - k;
        r3 = r3 * 2654435761u + (unsigned)k;
        r4 = r4 * 3 - k * 7;
        r2 = ret2(r2, loc) + (int)ret3(r3, k);
        r4 += ret4(r4 & 0xffff, k);
    }
    printf("%d %u %ld\n", r2, r3, r4);
    /* Call results stored straight into registers and objects. */
    for (int k = 0; k < 4; k++) {
        garr[k] = ret2(k, loc);
        p->a[k] = (int)ret3(p->u, k);
        garrl[k] = ret4(garrl[(k + 3) & 3], k);
        v.ul = retu(k - 2);
        r2 = ret2(r2, garr);
    }
    printf("%d %d %d %ld %ld %lu %d\n", garr[0], garr[3], p->a[2], garrl[1], garrl[3], v.ul, r2);
    char ch = 120;
    ch += 10;                  /* char: not fused, wraps as char */
    short sh = 32767;
    sh++;
    printf("%d %d\n", ch, sh);
    return 0;
}
