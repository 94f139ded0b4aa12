#include <stdio.h>
void bubble(int *a, int n) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j + 1 < n - i; j++)
            if (a[j] > a[j + 1]) { int t = a[j]; a[j] = a[j + 1]; a[j + 1] = t; }
}
void quick(int *a, int lo, int hi) {
    if (lo >= hi) return;
    int p = a[(lo + hi) / 2], i = lo, j = hi;
    while (i <= j) {
        while (a[i] < p) i++;
        while (a[j] > p) j--;
        if (i <= j) { int t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    quick(a, lo, j); quick(a, i, hi);
}
int main(void) {
    int a[] = {9, 4, 7, 1, 8, 2, 6, 3, 5, 0};
    int b[] = {9, 4, 7, 1, 8, 2, 6, 3, 5, 0};
    bubble(a, 10);
    quick(b, 0, 9);
    for (int i = 0; i < 10; i++) printf("%d%d ", a[i], b[i]);
    printf("\n");
    return 0;
}
