#include <stdio.h>
#define N 4
void mul(int a[N][N], int b[N][N], int c[N][N]) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            c[i][j] = 0;
            for (int k = 0; k < N; k++) c[i][j] += a[i][k] * b[k][j];
        }
}
int main(void) {
    int a[N][N], b[N][N], c[N][N];
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) { a[i][j] = i + j; b[i][j] = i == j ? 2 : 0; }
    mul(a, b, c);
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) printf("%3d", c[i][j]);
        printf("\n");
    }
    printf("%zu %zu\n", sizeof a, sizeof a[0]);
    return 0;
}
