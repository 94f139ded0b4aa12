// EXPECT 136 Floating point exception at divzero.c:6
#include <stdio.h>
int divide(int a, int b) { return a / b; }
int main(void) {
    int zero = 0;
    printf("%d\n", 10 % zero);
    return divide(1, 0);
}
