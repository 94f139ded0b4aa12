// EXPECT 139 Segmentation fault at wild.c:5
#include <stdio.h>
int main(void) {
    char *p = (char *)0x7fffffff0000;
    return p[3];
}
