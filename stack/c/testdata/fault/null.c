// EXPECT 139 Segmentation fault at null.c:6
#include <stdio.h>
int main(void) {
    int *p = NULL;
    printf("before\n");
    *p = 42;
    printf("after\n");
    return 0;
}
