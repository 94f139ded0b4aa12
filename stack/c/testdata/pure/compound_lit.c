#include <stdio.h>
struct pt { int x, y; };
int sum(struct pt p) { return p.x + p.y; }
int total(const int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
int main(void) {
    printf("%d\n", sum((struct pt){3, 4}));
    printf("%d\n", total((int[]){1, 2, 3, 4}, 4));
    struct pt p = {0};
    p = (struct pt){.y = 9};
    printf("%d %d\n", p.x, p.y);
    int arr[10] = {[2] = 5, [7] = 1};
    printf("%d %d %d\n", arr[2], arr[7], arr[9]);
    return 0;
}
