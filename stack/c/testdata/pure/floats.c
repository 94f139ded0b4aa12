#include <stdio.h>
int main(void) {
    float f = 0.1f;
    double d = 0.1;
    printf("%.10f %.17f\n", f, d);
    printf("%d\n", f == d);
    float sum = 0;
    for (int i = 0; i < 10; i++) sum += 0.1f;
    printf("%.8f\n", sum);
    double x = 1e308;
    printf("%g %g\n", x * 10, -x * 10);
    double z = 0.0;
    printf("%f\n", 1.0 / 3.0);
    printf("%d %u\n", (int)2.7e9 == (int)2.7e9, (unsigned)3.9e9);
    printf("%.3f %.3f\n", (double)7 / 2, (float)1 / 3);
    long l = 123456789;
    printf("%.1f\n", (double)l);
    printf("%g\n", z);
    unsigned long big = 18446744073709551615UL;
    printf("%.0f\n", (double)big);
    return 0;
}
