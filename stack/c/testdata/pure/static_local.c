#include <stdio.h>
int counter(void) { static int n; return ++n; }
const char *label(int i) {
    static const char *names[] = {"a", "b", "c"};
    static char buf[16];
    sprintf(buf, "<%s>", names[i % 3]);
    return buf;
}
int main(void) {
    for (int i = 0; i < 3; i++) counter();
    printf("%d\n", counter());
    printf("%s %s\n", label(1), label(5));
    return 0;
}
