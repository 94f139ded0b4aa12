#include <stdio.h>
int calls;
int t(int v) { calls++; return v; }
int main(void) {
    int r = t(0) && t(1);
    int s = t(1) || t(0);
    printf("%d %d %d\n", r, s, calls);
    int x = 5;
    int y = x > 3 ? x * 2 : x / 2;
    printf("%d %d\n", y, !x);
    const char *m = x & 1 ? "odd" : "even";
    printf("%s\n", m);
    printf("%d %d %d\n", 3 == 3.0, !!7, -x);
    int a = 1, b = 2, c = (a++, b++, a + b);
    printf("%d %d %d\n", a, b, c);
    return 0;
}
