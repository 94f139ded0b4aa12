// EXPECT 139 Stack overflow at overflow.c:3
#include <stdio.h>
int down(int n) { return down(n + 1) + 1; }
int main(void) { return down(0); }
