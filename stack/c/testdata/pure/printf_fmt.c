#include <stdio.h>
int main(void) {
    printf("[%5d] [%-5d] [%05d] [%+d] [% d]\n", 42, 42, 42, 42, 42);
    printf("[%x] [%X] [%#x] [%o] [%#o]\n", 3054, 3054, 3054, 8, 8);
    printf("[%ld] [%lu] [%lld] [%hhd] [%hu]\n", -1L, 123456789012UL, -5LL, 300, 70000);
    printf("[%c] [%5c] [%-3c]\n", 'a', 'b', 'c');
    printf("[%s] [%10s] [%-10s] [%.3s]\n", "str", "right", "left", "truncate");
    printf("[%f] [%.2f] [%10.3f] [%-10.1f] [%e] [%.3E]\n", 3.14159, 2.5, -1.0, 9.99, 12345.678, 0.000123);
    printf("[%g] [%g] [%g] [%g] [%G]\n", 100000.0, 1000000.0, 0.0001, 0.00001, 1e20);
    printf("[%.0f] [%.0f] [%.1f]\n", 0.5, 1.5, 0.05);
    printf("[%*d] [%-*d] [%.*f]\n", 6, 1, 4, 2, 3, 1.23456);
    printf("[%%] [%5.1s]\n", "abc");
    printf("[%u]\n", -1);
    printf("[%08.3f] [%+.2e]\n", 3.14159, 1234.5);
    printf("[%zu] [%zd]\n", sizeof(long), (long)-3);
    printf("[%#.3x] [%.5d] [%3.2d]\n", 5, -42, 7);
    char buf[32];
    int n = snprintf(buf, 8, "%s-%d", "abcdef", 1234);
    printf("%d [%s]\n", n, buf);
    sprintf(buf, "%03d:%02d", 7, 5);
    puts(buf);
    return 0;
}
