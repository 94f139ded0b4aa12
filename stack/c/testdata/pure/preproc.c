#include <stdio.h>
#define SQUARE(x) ((x) * (x))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define STR(x) #x
#define XSTR(x) STR(x)
#define CAT(a, b) a##b
#define VERSION 3
#if VERSION > 2
#define MSG "new"
#else
#define MSG "old"
#endif
#ifdef UNDEFINED_THING
#error "should not happen"
#endif
#ifndef __linux__
#error "linux expected"
#endif
int main(void) {
    int CAT(my, var) = 7;
    printf("%d %d %s %s %s %d\n", SQUARE(3 + 1), MAX(4, 9), STR(a + b), XSTR(VERSION), MSG, myvar);
    printf("%s %d\n", __FILE__, __LINE__);
#if defined(VERSION) && VERSION == 3
    printf("v3\n");
#endif
    return 0;
}
