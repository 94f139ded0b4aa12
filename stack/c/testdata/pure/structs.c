#include <stdio.h>
#include <string.h>
struct point { int x, y; };
struct rect { struct point a, b; char name[8]; };
typedef struct node { int val; struct node *next; } node_t;
struct point add(struct point p, struct point q) { struct point r = { p.x + q.x, p.y + q.y }; return r; }
int area(const struct rect *r) { return (r->b.x - r->a.x) * (r->b.y - r->a.y); }
union u { int i; unsigned char b[4]; float f; };
int main(void) {
    struct point p = {1, 2}, q = {.y = 10, .x = 20};
    struct point s = add(p, q);
    printf("%d %d\n", s.x, s.y);
    struct rect r = { {0, 0}, {3, 4}, "box" };
    printf("%d %s %zu\n", area(&r), r.name, sizeof r);
    struct rect r2 = r;
    r2.b.x = 10;
    printf("%d %d\n", area(&r), area(&r2));
    node_t n3 = {3, NULL}, n2 = {2, &n3}, n1 = {1, &n2};
    int sum = 0;
    for (node_t *n = &n1; n; n = n->next) sum += n->val;
    printf("%d\n", sum);
    union u x;
    x.i = 0x01020304;
    printf("%d %d %zu\n", x.b[0], x.b[3], sizeof x);
    struct { char c; int i; short s; long l; } pad;
    printf("%zu\n", sizeof pad);
    memset(&pad, 0, sizeof pad);
    pad.l = 5;
    printf("%ld\n", pad.l);
    struct point pts[3] = {{1,1},{2,2},{3,3}};
    struct point *pp = pts;
    pp++;
    printf("%d %d\n", pp->x, (pp + 1)->y);
    return 0;
}
