#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void) {
    int *a = malloc(10 * sizeof *a);
    for (int i = 0; i < 10; i++) a[i] = i * i;
    a = realloc(a, 20 * sizeof *a);
    for (int i = 10; i < 20; i++) a[i] = i;
    long s = 0;
    for (int i = 0; i < 20; i++) s += a[i];
    printf("%ld\n", s);
    free(a);
    int *z = calloc(100, sizeof(int));
    int nz = 0;
    for (int i = 0; i < 100; i++) nz += z[i] != 0;
    printf("%d\n", nz);
    free(z);
    char **words = malloc(3 * sizeof(char *));
    const char *src[] = {"one", "two", "three"};
    for (int i = 0; i < 3; i++) { words[i] = malloc(strlen(src[i]) + 1); strcpy(words[i], src[i]); }
    for (int i = 0; i < 3; i++) { printf("%s ", words[i]); free(words[i]); }
    printf("\n");
    free(words);
    free(NULL);
    for (int round = 0; round < 1000; round++) { void *p = malloc(round * 7 + 1); free(p); }
    printf("ok\n");
    return 0;
}
