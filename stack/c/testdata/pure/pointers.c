#include <stdio.h>
void swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }
int main(void) {
    int x = 1, y = 2;
    swap(&x, &y);
    printf("%d %d\n", x, y);
    int arr[5] = {10, 20, 30, 40, 50};
    int *p = arr;
    printf("%d %d %d\n", *p, *(p + 2), p[4]);
    p += 3;
    printf("%d %ld\n", *p, p - arr);
    int *q = &arr[1];
    printf("%d\n", q < p);
    int **pp = &p;
    **pp = 99;
    printf("%d\n", arr[3]);
    char s[] = "hello";
    char *c = s;
    while (*c) { *c = *c - 32; c++; }
    printf("%s\n", s);
    void *v = arr;
    int *back = (int *)v;
    printf("%d\n", back[0]);
    int *np = 0;
    printf("%d\n", np == NULL);
    printf("%d\n", 2[arr]);
    return 0;
}
