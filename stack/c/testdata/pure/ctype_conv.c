#include <stdio.h>
#include <ctype.h>
#include <stdlib.h>
int main(void) {
    const char *s = "Hello, World 42!";
    int up = 0, lo = 0, dig = 0, sp = 0, pu = 0;
    for (const char *p = s; *p; p++) {
        up += isupper(*p) != 0; lo += islower(*p) != 0; dig += isdigit(*p) != 0;
        sp += isspace(*p) != 0; pu += ispunct(*p) != 0;
    }
    printf("%d %d %d %d %d\n", up, lo, dig, sp, pu);
    for (const char *p = s; *p; p++) putchar(toupper(*p));
    putchar('\n');
    printf("%d %d %d\n", atoi("  -123abc"), atoi("0"), atoi("2147483647"));
    char *end;
    printf("%ld %s\n", strtol("0x1fZ", &end, 16), end);
    printf("%ld %ld %lu\n", strtol("0755", NULL, 0), strtol("-99", NULL, 10), strtoul("4294967296", NULL, 10));
    printf("%.3f\n", atof("3.25e2"));
    printf("%d %ld\n", abs(-5), labs(-7L));
    return 0;
}
