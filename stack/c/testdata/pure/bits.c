#include <stdio.h>
#include <stdint.h>
struct flags { unsigned a : 1; unsigned b : 3; signed c : 4; unsigned d : 8; };
int popcount(uint32_t x) { int n = 0; while (x) { n += x & 1; x >>= 1; } return n; }
int main(void) {
    struct flags f = {0};
    f.a = 1; f.b = 5; f.c = -3; f.d = 200;
    printf("%u %u %d %u %zu\n", f.a, f.b, f.c, f.d, sizeof f);
    f.b = 9;
    printf("%u\n", f.b);
    printf("%d %d\n", popcount(0xF0F0), popcount(0xFFFFFFFFu));
    uint8_t u8 = 0xAB;
    uint16_t u16 = (uint16_t)(u8 << 8 | u8);
    printf("%x %x\n", u16, (unsigned)(uint8_t)~u8);
    int64_t big = INT64_MAX;
    printf("%lld\n", (long long)big);
    printf("%d\n", 1 << 31 < 0);
    return 0;
}
