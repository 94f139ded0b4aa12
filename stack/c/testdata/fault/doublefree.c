// EXPECT 134 free(): double free detected in tcache 2 at doublefree.c:6
#include <stdlib.h>
int main(void) {
    char *p = malloc(10);
    free(p);
    free(p);
    return 0;
}
