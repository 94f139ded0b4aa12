#include <stdio.h>
#include <limits.h>
int main(void) {
    int a = 17, b = -5;
    printf("%d %d %d %d %d\n", a + b, a - b, a * b, a / b, a % b);
    unsigned u = 3000000000u;
    printf("%u %u %u\n", u + u, u * 3, u / 7);
    int big = INT_MAX;
    unsigned ub = (unsigned)big + 1;
    printf("%u %d\n", ub, (int)ub);
    long l = 1L << 40;
    printf("%ld %ld\n", l, l >> 3);
    char c = (char)200;
    unsigned char uc = 200;
    signed char sc = -3;
    printf("%d %d %d %u\n", c, uc, sc, (unsigned)sc);
    short s = (short)70000;
    printf("%d %hd %hu\n", s, (short)-1, (unsigned short)-1);
    printf("%d\n", -7 >> 1);
    printf("%u\n", 0xffffffffu >> 4);
    printf("%d %d\n", 1 < -1u, -1 < 1);
    long long ll = -9223372036854775807LL - 1;
    printf("%lld %llu\n", ll, (unsigned long long)ll);
    printf("%d\n", (int)3.99);
    printf("%d\n", (int)-3.99);
    int x = 5; x += 3; x *= 2; x -= 1; x /= 3; x %= 4; x <<= 3; x >>= 1; x |= 1; x &= 13; x ^= 6;
    printf("%d\n", x);
    unsigned char w = 250; w += 10;
    printf("%d\n", w);
    return 0;
}
