#include <stdio.h>
#include <stdint.h>
uint32_t hash(const char *s) { uint32_t h = 2166136261u; while (*s) { h ^= (unsigned char)*s++; h *= 16777619u; } return h; }
uint64_t mix(uint64_t x) { x ^= x >> 33; x *= 0xff51afd7ed558ccdULL; x ^= x >> 33; return x; }
int main(void) {
    printf("%u %u\n", hash("hello"), hash(""));
    printf("%llu\n", (unsigned long long)mix(12345));
    uint16_t port = 8080;
    uint16_t sw = (uint16_t)((port >> 8) | (port << 8));
    printf("%u\n", sw);
    unsigned x = 0;
    x--;
    printf("%u %d\n", x, x == 0xffffffffu);
    size_t n = 0;
    n -= 1;
    printf("%zu\n", n);
    int neg = -1;
    printf("%d\n", (unsigned)neg > 10u);
    return 0;
}
