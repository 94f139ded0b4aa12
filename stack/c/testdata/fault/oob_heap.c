// EXPECT 139 Segmentation fault at oob_heap.c:7
#include <stdlib.h>
#include <string.h>
int main(void) {
    char *p = malloc(16);
    long far = 100L * 1024 * 1024;
    p[far] = 1;
    return 0;
}
