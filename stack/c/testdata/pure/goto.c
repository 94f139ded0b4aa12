#include <stdio.h>
#include <stdlib.h>
int process(int n) {
    int *buf = malloc(16);
    int rc = -1;
    if (n < 0) goto out;
    if (n > 100) goto out;
    rc = n * 2;
out:
    free(buf);
    return rc;
}
int main(void) {
    int i = 0;
again:
    i++;
    if (i < 5) goto again;
    printf("%d %d %d %d\n", i, process(-1), process(7), process(1000));
    return 0;
}
