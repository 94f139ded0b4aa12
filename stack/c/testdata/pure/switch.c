#include <stdio.h>
const char *name(int d) {
    switch (d) {
    case 0: return "zero";
    case 1: case 2: return "small";
    case 10: return "ten";
    default: return "other";
    }
}
int main(void) {
    for (int i = 0; i < 12; i += 1) printf("%s ", name(i));
    printf("\n");
    int fall = 0;
    switch (2) {
    case 1: fall += 1;
    case 2: fall += 2;
    case 3: fall += 3;
        break;
    case 4: fall += 4;
    }
    printf("%d\n", fall);
    char c = 'x';
    switch (c) { case 'x': printf("x!\n"); break; default: printf("no\n"); }
    switch (5) { default: printf("only default\n"); }
    int n = 0;
    for (int i = 0; i < 10; i++) {
        switch (i % 3) {
        case 0: continue;
        case 1: n += 10; break;
        default: n += 1;
        }
        n++;
    }
    printf("%d\n", n);
    return 0;
}
