/* Enumeration constants have type int (C11 6.7.2.2p3), whatever type the
   enumeration itself gets: compared with or subtracted from signed values
   they stay signed. */
#include <stdio.h>

enum { N = 10, MINUS = -2 };
enum color { RED, GREEN, BLUE };

int main(void) {
    int count = 0;
    for (int i = -3; i < N; i++)
        count++;
    printf("loop ran %d times\n", count);
    printf("-1 < RED: %d, RED - 1 < 0: %d, GREEN - BLUE: %d\n", -1 < RED, RED - 1 < 0, GREEN - BLUE);
    long x = N - 20;
    printf("N - 20 = %ld, MINUS * N = %d\n", x, MINUS * N);
    printf("sizeof RED %d, sizeof(enum color) %d\n", (int)sizeof RED, (int)sizeof(enum color));
    int a[N];
    for (int i = 0; i < N; i++)
        a[i] = i * BLUE;
    printf("a[N-1] = %d\n", a[N - 1]);
    enum color c = BLUE;
    switch (c) {
    case RED: puts("red"); break;
    case BLUE: puts("blue"); break;
    default: puts("other");
    }
    return 0;
}
