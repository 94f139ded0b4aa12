#include <stdio.h>
#include <stdlib.h>
typedef int (*binop)(int, int);
static int add(int a, int b) { return a + b; }
static int mul(int a, int b) { return a * b; }
struct op { const char *name; binop fn; };
int apply(binop f, int a, int b) { return f(a, b); }
int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
int main(void) {
    struct op ops[] = { {"add", add}, {"mul", mul} };
    for (int i = 0; i < 2; i++) printf("%s %d\n", ops[i].name, ops[i].fn(6, 7));
    printf("%d\n", apply(mul, 3, 4));
    binop f = &add;
    printf("%d %d\n", (*f)(1, 2), f == add);
    int v[] = {5, 3, 9, 1, 7};
    qsort(v, 5, sizeof v[0], cmp);
    for (int i = 0; i < 5; i++) printf("%d ", v[i]);
    printf("\n");
    int key = 7;
    int *found = bsearch(&key, v, 5, sizeof(int), cmp);
    printf("%ld\n", found - v);
    return 0;
}
