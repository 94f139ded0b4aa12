#include <stdio.h>
#include <stdlib.h>
void bye(void) { printf("bye\n"); }
void bye2(void) { printf("bye2\n"); }
int main(void) {
    atexit(bye);
    atexit(bye2);
    printf("partial line ");
    exit(7);
}
