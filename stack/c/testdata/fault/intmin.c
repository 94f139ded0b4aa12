// EXPECT 136 Floating point exception at intmin.c:6
#include <limits.h>
int main(void) {
    volatile int a = INT_MIN;
    int b = -1;
    return a / b;
}
