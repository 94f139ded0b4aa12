#include <stdio.h>
#include <string.h>
#include <stdint.h>
struct hdr { uint8_t type; uint8_t len; uint16_t id; uint32_t seq; };
int main(void) {
    unsigned char buf[8] = {1, 8, 0x34, 0x12, 0x78, 0x56, 0x34, 0x12};
    struct hdr *h = (struct hdr *)buf;
    printf("%u %u %x %x\n", h->type, h->len, h->id, h->seq);
    struct hdr copy;
    memcpy(&copy, buf, sizeof copy);
    copy.seq++;
    memcpy(buf, &copy, sizeof copy);
    printf("%02x %02x %02x %02x\n", buf[4], buf[5], buf[6], buf[7]);
    uint32_t v = 0x11223344;
    unsigned char *b = (unsigned char *)&v;
    printf("%x %x\n", b[0], b[3]);
    long addr_diff = (char *)&h->seq - (char *)h;
    printf("%ld\n", addr_diff);
    double dd = 1.0;
    uint64_t bits;
    memcpy(&bits, &dd, 8);
    printf("%llx\n", (unsigned long long)bits);
    return 0;
}
