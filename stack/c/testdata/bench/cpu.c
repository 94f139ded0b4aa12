#include <stdio.h>

/* A CPU-bound benchmark: loops, arrays, calls and struct access. */
struct particle { int x, y, vx, vy; };

static int step(struct particle *p, int w, int h) {
    p->x += p->vx;
    p->y += p->vy;
    if (p->x < 0 || p->x >= w) p->vx = -p->vx;
    if (p->y < 0 || p->y >= h) p->vy = -p->vy;
    return p->x * 31 + p->y;
}

static unsigned checksum(const int *a, int n) {
    unsigned h = 0;
    for (int i = 0; i < n; i++) h = h * 33 + (unsigned)a[i];
    return h;
}

int main(void) {
    enum { N = 256 };
    static struct particle ps[N];
    static int grid[N];
    for (int i = 0; i < N; i++) {
        ps[i].x = i; ps[i].y = (i * 7) % 100;
        ps[i].vx = 1 + i % 3; ps[i].vy = 2 - i % 5;
    }
    unsigned total = 0;
    for (int round = 0; round < 10000; round++) {
        for (int i = 0; i < N; i++) grid[i] = step(&ps[i], 1000, 1000);
        total += checksum(grid, N);
    }
    printf("%u\n", total);
    return 0;
}
