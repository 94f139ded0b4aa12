#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
int main(void) {
    struct in_addr a;
    printf("%d\n", inet_pton(AF_INET, "10.0.0.2", &a));
    printf("%08x %08x\n", a.s_addr, ntohl(a.s_addr));
    char buf[INET_ADDRSTRLEN];
    printf("%s\n", inet_ntop(AF_INET, &a, buf, sizeof buf));
    printf("%s\n", inet_ntoa(a));
    printf("%08x\n", inet_addr("192.168.1.10"));
    printf("%d\n", inet_pton(AF_INET, "300.1.1.1", &a));
    struct in6_addr a6;
    printf("%d\n", inet_pton(AF_INET6, "fe80::1", &a6));
    char b6[INET6_ADDRSTRLEN];
    printf("%s\n", inet_ntop(AF_INET6, &a6, b6, sizeof b6));
    printf("%04x %04x %08x\n", htons(0x1234), ntohs(htons(80)), htonl(1));
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(12345);
    inet_aton("127.0.0.1", &sa.sin_addr);
    unsigned char *raw = (unsigned char *)&sa;
    for (int i = 0; i < 8; i++) printf("%02x", raw[i]);
    printf("\n");
    return 0;
}
