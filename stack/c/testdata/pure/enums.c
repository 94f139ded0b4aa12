#include <stdio.h>
enum color { RED, GREEN = 5, BLUE };
typedef enum { OFF, ON } state;
int main(void) {
    enum color c = BLUE;
    state s = ON;
    printf("%d %d %d %d %zu\n", RED, GREEN, c, s, sizeof c);
    switch (c) { case BLUE: printf("blue\n"); break; default: break; }
    return 0;
}
